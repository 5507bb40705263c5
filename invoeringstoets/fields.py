"""Fields the apps share: the revision a form was opened on, Dutch numbers and dates, one line of text."""

from django import forms
from django.db import models

from invoeringstoets.parsing import decimaal_getal, geheel_getal
from invoeringstoets.validators import geen_regeleinden

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class RevisionField(forms.IntegerField):
    """The revision the form was opened on; the service refuses the save if the record moved on since."""

    def __init__(self, **kwargs):
        super().__init__(widget=forms.HiddenInput, required=False, min_value=0, **kwargs)


class AantalField(forms.IntegerField):
    """A whole number as written in Dutch: 4000, 4.000 or 4 000. A decimal comma or a lone point is refused,
    where Django's own field would silently read "12.000" as 12."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": "Voer een geheel getal in, zoals 4000 of 4.000."}

    def to_python(self, value):
        if isinstance(value, str):
            try:
                number = geheel_getal(value)
            except ValueError:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
            value = "" if number is None else str(number)
        return super().to_python(value)


class GetalField(forms.DecimalField):
    """A decimal number as written in Dutch: 2,5 and 1.250,5; a lone point is read as a decimal point (2.5),
    unless it separates thousands (2.500)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": "Voer een getal in, zoals 2,5 of 1.250."}

    def to_python(self, value):
        if isinstance(value, str):
            value = decimaal_getal(value)
        return super().to_python(value)

    def prepare_value(self, value):
        """Show 2.5 as 2,5 when the form opens."""
        if value is None or isinstance(value, str):
            return value
        return format(value.normalize(), "f").replace(".", ",") if hasattr(value, "normalize") else value


class RegelField(forms.CharField):
    """One line of text: a line break is refused with a Dutch message at the field."""

    default_validators = [geen_regeleinden]


class RegelVeld(models.CharField):
    """A single-line text column (a name, a title, a source). Refuses line breaks in every way in: its forms, the
    admin and `full_clean` (the dossier import)."""

    default_validators = [geen_regeleinden]

    def formfield(self, **kwargs):
        if not self.choices:
            kwargs.setdefault("form_class", RegelField)
        return super().formfield(**kwargs)


class KeuzelijstInvoer(forms.TextInput):
    """A text field that suggests the known values as one types (an HTML datalist): a choice from a long list
    without a script, and still room for a value that is not on it yet. `keuzes`: values, or (value, label) pairs
    (the browser also matches what one types against the label, e.g. an abbreviation)."""

    template_name = "invoeringstoets/widgets/keuzelijst.html"

    def __init__(self, keuzes=(), attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.keuzes = keuzes

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-keuzes"
        keuzes = self.keuzes() if callable(self.keuzes) else self.keuzes
        context["widget"]["keuzes"] = [k if isinstance(k, tuple | list) else (k, "") for k in keuzes]
        return context

import re

from django import forms
from django.contrib.auth import get_user_model

from .constants import AannameBron, Adressaat, Oordeel, Role, Uitkomst
from .models import Bevinding, Conclusie, Regeling
from .services import REGELING_FIELDS, AanbevelingInput, AannameInput

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
            compact = re.sub(r"[\s\u00a0]", "", value)
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+", compact):
                compact = compact.replace(".", "")
            elif compact and not re.fullmatch(r"-?\d+", compact):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            value = compact
        return super().to_python(value)


class GetalField(forms.DecimalField):
    """A decimal number as written in Dutch: 2,5 and 1.250,5; a lone point is read as a decimal point (2.5),
    unless it separates thousands (2.500)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {"invalid": "Voer een getal in, zoals 2,5 of 1.250."}

    def to_python(self, value):
        if isinstance(value, str):
            compact = re.sub(r"[\s\u00a0]", "", value)
            if "," in compact:
                whole, _, fraction = compact.rpartition(",")
                if whole and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", whole):
                    whole = whole.replace(".", "")
                compact = f"{whole}.{fraction}"
            elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", compact):
                compact = compact.replace(".", "")
            value = compact
        return super().to_python(value)

    def prepare_value(self, value):
        """Show 2.5 as 2,5 when the form opens."""
        if value is None or isinstance(value, str):
            return value
        return format(value.normalize(), "f").replace(".", ",") if hasattr(value, "normalize") else value


class RegelingForm(forms.ModelForm):
    verwachte_omvang = AantalField(
        label="Verwachte omvang van de doelgroep",
        min_value=0,
        help_text="Het verwachte aantal personen, organisaties of bedrijven, bijvoorbeeld 4000 of 4.000.",
    )
    uitvoeringsorganisaties_tekst = forms.CharField(
        label="Uitvoeringsorganisaties",
        help_text="Eén organisatie per regel, bijvoorbeeld ‘Dienst Toeslagen’.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    revision = RevisionField()

    class Meta:
        model = Regeling
        fields = REGELING_FIELDS
        widgets = {
            "inwerkingtreding": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "doelgroep": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "naam": "De officiële naam, bijvoorbeeld ‘Recht op kinderopvangtoeslag bij Wlz-indicatie’.",
            "wettelijke_grondslag": "Wet en artikel waarop de regeling berust.",
            "omvang_toelichting": "Bijvoorbeeld ‘maximaal 4.000 ouders en 5.000 kinderen’.",
        }

    field_order = [*REGELING_FIELDS[:4], "inwerkingtreding", "uitvoeringsorganisaties_tekst"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["inwerkingtreding"].input_formats = DATE_INPUT_FORMATS
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision
            self.fields["uitvoeringsorganisaties_tekst"].initial = "\n".join(
                o.naam for o in self.instance.uitvoeringsorganisaties.all()
            )

    def organisaties(self) -> list[str]:
        return self.cleaned_data["uitvoeringsorganisaties_tekst"].splitlines()

    def clean_uitvoeringsorganisaties_tekst(self) -> str:
        value = self.cleaned_data["uitvoeringsorganisaties_tekst"]
        names = [line.strip() for line in value.splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError("Noem ten minste één uitvoeringsorganisatie.")
        too_long = [name for name in names if len(name) > 200]
        if too_long:
            raise forms.ValidationError("Een naam van een organisatie mag hoogstens 200 tekens lang zijn.")
        return "\n".join(names)


class AannameForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    tekst = forms.CharField(label="Aanname", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    bron = forms.ChoiceField(label="Bron", choices=[("", "Kies de bron"), *AannameBron.choices], required=False)

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        if cleaned.get("tekst", "").strip() and not cleaned.get("bron"):
            self.add_error("bron", "Kies of de aanname uit de voorbereiding of uit de uitvoeringstoets komt.")
        if cleaned.get("bron") and not cleaned.get("tekst", "").strip():
            self.add_error("tekst", "Schrijf de aanname op, of laat de hele regel leeg.")
        return cleaned


class BaseAannameFormSet(forms.BaseFormSet):
    def aannames(self) -> list[AannameInput]:
        result = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or (not data.get("id") and not data.get("tekst", "").strip()):
                continue
            result.append(
                AannameInput(
                    pk=data.get("id"),
                    tekst=data.get("tekst", "").strip(),
                    bron=data.get("bron", ""),
                    delete=bool(data.get("DELETE")) or not data.get("tekst", "").strip(),
                )
            )
        return result


AannameFormSet = forms.formset_factory(
    AannameForm,
    formset=BaseAannameFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=200,
    validate_max=True,
)


def aanname_initial(regeling: Regeling) -> list[dict]:
    return [{"id": a.pk, "tekst": a.tekst, "bron": a.bron} for a in regeling.aannames.all()]


def member_label(user) -> str:
    """Names can be shared; the username tells two people apart."""
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


class KernteamForm(forms.Form):
    leden = forms.ModelMultipleChoiceField(
        label="Leden van het kernteam",
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Alleen gebruikers met de rol Kernteam kunnen lid worden. Alleen leden leggen het onderzoek vast.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leden"].queryset = (
            get_user_model()
            .objects.filter(groups__name=Role.KERNTEAM, is_active=True)
            .order_by("last_name", "first_name", "username")
        )
        self.fields["leden"].label_from_instance = member_label


class BevindingForm(forms.ModelForm):
    revision = RevisionField()

    class Meta:
        model = Bevinding
        fields = ["titel", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 5})}
        help_texts = {"tekst": "Wat is gevonden, en waarop berust het (documenten, interviews, cijfers)?"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision


class GeenBevindingenForm(forms.Form):
    reden = forms.CharField(
        label="Reden waarom er geen bevindingen zijn",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AannameToetsingForm(forms.Form):
    oordeel = forms.ChoiceField(label="Oordeel", choices=Oordeel.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Hoe verhoudt de praktijk zich tot de aanname, en waarop berust dat oordeel?",
    )
    revision = RevisionField()


class ConclusieForm(forms.ModelForm):
    revision = RevisionField()

    class Meta:
        model = Conclusie
        fields = ["uitkomst", "toelichting"]
        widgets = {"uitkomst": forms.RadioSelect, "toelichting": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitkomst"].choices = Uitkomst.choices
        if self.instance.pk:
            self.fields["revision"].initial = self.instance.revision


class AanbevelingForm(forms.Form):
    tekst = forms.CharField(label="Aanbeveling", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    adressaat = forms.ChoiceField(
        label="Gericht aan", choices=[("", "Kies aan wie"), *Adressaat.choices], required=False
    )

    def clean(self):
        cleaned = super().clean()
        if self.cleaned_data.get("DELETE"):
            return cleaned
        if cleaned.get("tekst", "").strip() and not cleaned.get("adressaat"):
            self.add_error("adressaat", "Kies aan wie de aanbeveling is gericht.")
        if cleaned.get("adressaat") and not cleaned.get("tekst", "").strip():
            self.add_error("tekst", "Schrijf de aanbeveling op, of laat de hele regel leeg.")
        return cleaned


class BaseAanbevelingFormSet(forms.BaseFormSet):
    def aanbevelingen(self) -> list[AanbevelingInput]:
        return [
            AanbevelingInput(tekst=form.cleaned_data["tekst"].strip(), adressaat=form.cleaned_data["adressaat"])
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.cleaned_data.get("tekst", "").strip()
        ]


AanbevelingFormSet = forms.formset_factory(
    AanbevelingForm,
    formset=BaseAanbevelingFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=100,
    validate_max=True,
)


class ReturnForm(forms.Form):
    opmerking = forms.CharField(
        label="Opmerking voor het kernteam",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat moet het kernteam aanpassen voordat de conclusie kan worden vastgesteld?",
    )

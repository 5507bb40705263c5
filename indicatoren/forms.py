from django import forms

from dossiers.forms import RevisionField

from .constants import Besluit, Indicator, Sterkte
from .services import IndicatorInput


class ScreeningForm(forms.Form):
    besluit = forms.ChoiceField(
        label="Besluit",
        help_text="Is een invoeringstoets nodig?",
        choices=Besluit.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    motivering = forms.CharField(
        label="Motivering van het besluit",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Waarom wel of geen invoeringstoets? Noem de indicatoren die de doorslag gaven.",
    )
    revision = RevisionField()

    def __init__(self, *args, deciding: bool = False, **kwargs):
        self.deciding = deciding
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if self.deciding:
            if not cleaned.get("besluit"):
                self.add_error("besluit", "Kies of er een invoeringstoets komt.")
            if not cleaned.get("motivering", "").strip():
                self.add_error("motivering", "Geef de motivering van het besluit.")
        return cleaned


class IndicatorForm(forms.Form):
    indicator = forms.ChoiceField(choices=Indicator.choices, widget=forms.HiddenInput)
    van_toepassing = forms.BooleanField(label="Van toepassing", required=False)
    sterkte = forms.ChoiceField(label="Hoe sterk?", choices=[("", "Niet beoordeeld"), *Sterkte.choices], required=False)
    toelichting = forms.CharField(
        label="Toelichting en onderbouwing", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, deciding: bool = False, **kwargs):
        self.deciding = deciding
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        # A draft may be incomplete; the decision may not.
        if self.deciding and cleaned.get("van_toepassing") and not cleaned.get("sterkte"):
            self.add_error("sterkte", "Geef aan hoe sterk deze indicator is.")
        return cleaned

    @property
    def indicator_label(self) -> str:
        value = self["indicator"].value()
        return Indicator(value).label if value in Indicator.values else ""

    summary_label = indicator_label


class BaseIndicatorFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = [form.cleaned_data.get("indicator") for form in self.forms if form.cleaned_data]
        if sorted(seen) != sorted(Indicator.values):
            raise forms.ValidationError("De lijst met indicatoren is onvolledig; open de pagina opnieuw.")

    def indicatoren(self) -> list[IndicatorInput]:
        return [
            IndicatorInput(
                indicator=form.cleaned_data["indicator"],
                van_toepassing=form.cleaned_data["van_toepassing"],
                sterkte=form.cleaned_data["sterkte"],
                toelichting=form.cleaned_data["toelichting"],
            )
            for form in self.forms
        ]


IndicatorFormSet = forms.formset_factory(
    IndicatorForm,
    formset=BaseIndicatorFormSet,
    extra=0,
    min_num=len(Indicator),
    max_num=len(Indicator),
    validate_min=True,
    validate_max=True,
)

from django import forms
from django.utils import timezone

from invoeringstoets.fields import DATE_INPUT_FORMATS, AantalField, GetalField, RegelField
from invoeringstoets.forms import RevisionForm, RevisionModelForm
from invoeringstoets.validators import redelijke_datum

from .advies import Voorstel
from .constants import Besluit, DoenvermogenEis, Eindoordeel, Indicator, Niveau, Omvang, SignaalSoort, Sterkte
from .models import SIGNAAL_IN_TOEKOMST, Regeldruktoets, Signaal, Uitvoeringstoets, signaal_in_toekomst, wijkt_af
from .services import (
    AndereToetsInput,
    DoenvermogenInput,
    GebruikInput,
    IndicatorInput,
    RegeldruktoetsInput,
    SignaalInput,
    UitvoeringstoetsInput,
)


def date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def elk_een_keer(forms_, veld: str, waarden: list[str]) -> bool:
    """Whether the rows of a fixed list hold each value exactly once. A tampered form may leave a row's key out
    (None); comparing as text refuses that with the formset's message instead of failing on the sort."""
    gezien = sorted(str(form.cleaned_data.get(veld)) for form in forms_ if form.cleaned_data)
    return gezien == sorted(waarden)


class DutchDateField(forms.DateField):
    default_validators = [redelijke_datum]

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", date_widget())
        super().__init__(input_formats=DATE_INPUT_FORMATS, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# The screening


class ScreeningForm(RevisionForm):
    peildatum = DutchDateField(
        label="Peildatum",
        help_text="De voorstellen kijken naar signalen en gebruik tot en met deze datum.",
    )
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
    herscreening_op = DutchDateField(
        label="Opnieuw screenen op",
        required=False,
        help_text="Bij ‘geen invoeringstoets’: wanneer het dossier opnieuw gescreend moet worden. Komen er eerder "
        "genoeg nieuwe signalen, dan meldt de applicatie het zelf.",
    )

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
        peildatum = cleaned.get("peildatum")
        if peildatum and peildatum > timezone.localdate():
            self.add_error("peildatum", "De peildatum kan niet in de toekomst liggen.")
        herscreening = cleaned.get("herscreening_op")
        if self.deciding and cleaned.get("besluit") == "nee" and herscreening and herscreening <= timezone.localdate():
            self.add_error("herscreening_op", "Kies een datum in de toekomst om opnieuw te screenen.")
        return cleaned

    def screening_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in ["peildatum", "besluit", "motivering", "herscreening_op"]}


class IndicatorForm(forms.Form):
    indicator = forms.ChoiceField(choices=Indicator.choices, widget=forms.HiddenInput)
    van_toepassing = forms.BooleanField(label="Van toepassing", required=False)
    sterkte = forms.ChoiceField(label="Sterkte", choices=[("", "Niet beoordeeld"), *Sterkte.choices], required=False)
    toelichting = forms.CharField(
        label="Toelichting en onderbouwing", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    afwijking_reden = forms.CharField(
        label="Reden om af te wijken van het voorstel",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Nodig als u iets anders kiest dan het voorstel.",
    )

    def __init__(self, *args, deciding: bool = False, voorstel: Voorstel | None = None, **kwargs):
        self.deciding = deciding
        self.voorstel = voorstel
        super().__init__(*args, **kwargs)

    def wijkt_af(self, cleaned: dict) -> bool:
        return self.voorstel is not None and wijkt_af(
            van_toepassing=bool(cleaned.get("van_toepassing")),
            sterkte=cleaned.get("sterkte", ""),
            voorstel_van_toepassing=self.voorstel.van_toepassing,
            voorstel_sterkte=self.voorstel.sterkte,
        )

    def clean(self):
        cleaned = super().clean()
        # A draft may be incomplete; the decision may not.
        if self.deciding:
            if cleaned.get("van_toepassing") and not cleaned.get("sterkte"):
                self.add_error("sterkte", "Geef aan hoe sterk deze indicator is.")
            if self.wijkt_af(cleaned) and not cleaned.get("afwijking_reden", "").strip():
                self.add_error("afwijking_reden", "U wijkt af van het voorstel; geef de reden.")
        return cleaned

    @property
    def indicator_label(self) -> str:
        value = self["indicator"].value()
        return Indicator(value).label if value in Indicator.values else ""

    summary_label = indicator_label


class BaseIndicatorFormSet(forms.BaseFormSet):
    def __init__(self, *args, voorstellen: dict[str, Voorstel] | None = None, **kwargs):
        self.voorstellen = voorstellen or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if index is not None and index < len(self.initial or []):
            kwargs["voorstel"] = self.voorstellen.get(self.initial[index]["indicator"])
        return kwargs

    def clean(self):
        super().clean()
        if not elk_een_keer(self.forms, "indicator", Indicator.values):
            raise forms.ValidationError("De lijst met indicatoren is onvolledig; open de pagina opnieuw.")

    def indicatoren(self) -> list[IndicatorInput]:
        return [
            IndicatorInput(
                indicator=form.cleaned_data["indicator"],
                van_toepassing=form.cleaned_data["van_toepassing"],
                sterkte=form.cleaned_data["sterkte"],
                toelichting=form.cleaned_data["toelichting"],
                afwijking_reden=form.cleaned_data["afwijking_reden"],
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


# ---------------------------------------------------------------------------------------------------------------
# Ex-ante tests


class EuroField(AantalField):
    """Whole euros, Dutch style (350.000); negative for a saving."""

    default_error_messages = {"invalid": "Voer een bedrag in hele euro's in, zoals 350000 of 350.000."}


class UitvoeringstoetsForm(RevisionModelForm):
    Input = UitvoeringstoetsInput

    class Meta:
        model = Uitvoeringstoets
        fields = UitvoeringstoetsInput.kolommen()
        field_classes = {
            **{
                f"{row}_{kind}": EuroField
                for row in ["dienstverlening", "handhaving", "automatisering"]
                for kind in ["incidenteel", "structureel"]
            },
            "fte_incidenteel": GetalField,
            "fte_structureel": GetalField,
        }
        widgets = {
            "invoering_mogelijk_per": date_widget(),
            "voorwaarden": forms.Textarea(attrs={"rows": 3}),
            **dict.fromkeys(Uitvoeringstoets.IMPACT_FIELDS, forms.RadioSelect),
            "risico_procesverstoringen": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Uitvoeringstoets.IMPACT_FIELDS:
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0]]
        self.fields["beslag_portfolio"].choices = [("", "Niet opgegeven"), *Omvang.choices]
        self.fields["eindoordeel"].choices = [("", "Kies het eindoordeel"), *Eindoordeel.choices]
        self.fields["risico_procesverstoringen"].choices = [
            ("", "Niet beoordeeld"),
            *[c for c in self.fields["risico_procesverstoringen"].choices if c[0]],
        ]
        self.fields["invoering_mogelijk_per"].input_formats = DATE_INPUT_FORMATS

    def item(self):
        return self.Input.uit(self.cleaned_data)


class RegeldruktoetsForm(RevisionModelForm):
    Input = RegeldruktoetsInput

    class Meta:
        model = Regeldruktoets
        fields = RegeldruktoetsInput.kolommen()
        field_classes = {"euro_per_jaar": EuroField, "uren_per_jaar": GetalField}
        widgets = {"toelichting": forms.Textarea(attrs={"rows": 3}), "atr_oordeel": forms.RadioSelect}
        help_texts = {
            "uren_per_jaar": "Per jaar, voor de hele doelgroep; negatief als de lasten dalen. Bijvoorbeeld 2500 of "
            "-120,5.",
            "euro_per_jaar": "Per jaar, voor de hele doelgroep; negatief als de kosten dalen.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["atr_oordeel"].choices = [c for c in self.fields["atr_oordeel"].choices if c[0]]

    def item(self):
        return self.Input.uit(self.cleaned_data)


class DoenvermogenForm(forms.Form):
    eis = forms.ChoiceField(choices=DoenvermogenEis.choices, widget=forms.HiddenInput)
    niveau = forms.ChoiceField(
        label="Beroep op het doenvermogen", choices=[("", "Niet beoordeeld"), *Niveau.choices], required=False
    )
    toelichting = forms.CharField(label="Toelichting", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    @property
    def eis_label(self) -> str:
        value = self["eis"].value()
        return DoenvermogenEis(value).label if value in DoenvermogenEis.values else ""

    summary_label = eis_label


class BaseDoenvermogenFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if not elk_een_keer(self.forms, "eis", DoenvermogenEis.values):
            raise forms.ValidationError("De lijst is onvolledig; open de pagina opnieuw.")

    def beoordelingen(self) -> list[DoenvermogenInput]:
        return [
            DoenvermogenInput(
                eis=f.cleaned_data["eis"], niveau=f.cleaned_data["niveau"], toelichting=f.cleaned_data["toelichting"]
            )
            for f in self.forms
        ]


DoenvermogenFormSet = forms.formset_factory(
    DoenvermogenForm,
    formset=BaseDoenvermogenFormSet,
    extra=0,
    min_num=len(DoenvermogenEis),
    max_num=len(DoenvermogenEis),
    validate_min=True,
    validate_max=True,
)


class AndereToetsForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    naam = RegelField(label="Naam van de toets", max_length=200, required=False)
    uitkomst = forms.CharField(label="Uitkomst", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    document = RegelField(label="Document (vindplaats of link)", max_length=500, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        if (cleaned.get("uitkomst") or cleaned.get("document")) and not cleaned.get("naam", "").strip():
            self.add_error("naam", "Geef de naam van de toets.")
        if cleaned.get("naam", "").strip() and not cleaned.get("uitkomst", "").strip():
            self.add_error("uitkomst", "Geef de uitkomst van de toets.")
        return cleaned


class BaseAndereToetsFormSet(forms.BaseFormSet):
    def toetsen(self) -> list[AndereToetsInput]:
        result = []
        for form in self.forms:
            data = form.cleaned_data
            if not data or (not data.get("id") and not data.get("naam", "").strip()):
                continue
            result.append(
                AndereToetsInput(
                    pk=data.get("id"),
                    naam=data.get("naam", "").strip(),
                    uitkomst=data.get("uitkomst", "").strip(),
                    document=data.get("document", "").strip(),
                    delete=bool(data.get("DELETE")) or not data.get("naam", "").strip(),
                )
            )
        return result


AndereToetsFormSet = forms.formset_factory(
    AndereToetsForm,
    formset=BaseAndereToetsFormSet,
    extra=2,
    can_delete=True,
    can_delete_extra=False,
    max_num=50,
    validate_max=True,
)


# ---------------------------------------------------------------------------------------------------------------
# Signals and usage


class SignaalForm(forms.ModelForm):
    aantal = AantalField(
        label="Aantal",
        min_value=1,
        required=False,
        help_text="Optioneel: hoeveel signalen deze regel telt, bijvoorbeeld 12 klachten.",
    )

    class Meta:
        model = Signaal
        fields = SignaalInput.kolommen()
        widgets = {"datum": date_widget(), "samenvatting": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"bron": "Bijvoorbeeld de krant, het klantcontactcentrum of de uitvoeringsorganisatie."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].input_formats = DATE_INPUT_FORMATS
        self.fields["soort"].choices = [("", "Kies de soort"), *SignaalSoort.choices]

    def clean_datum(self):
        # The service checks this too (every way in); here it is shown before the other checks of the record.
        datum = self.cleaned_data["datum"]
        if signaal_in_toekomst(datum):
            raise forms.ValidationError(f"De datum {SIGNAAL_IN_TOEKOMST}")
        return datum

    def item(self) -> SignaalInput:
        return SignaalInput.uit(self.cleaned_data)


class SignaalFilterForm(forms.Form):
    soort = forms.ChoiceField(label="Soort", choices=[("", "Alle soorten"), *SignaalSoort.choices], required=False)
    van = DutchDateField(label="Vanaf", required=False)
    tot = DutchDateField(label="Tot en met", required=False)
    regeling = forms.CharField(label="Regeling bevat", max_length=100, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("van") and cleaned.get("tot") and cleaned["van"] > cleaned["tot"]:
            self.add_error("tot", "‘Tot en met’ ligt voor ‘Vanaf’.")
        return cleaned


class ImportForm(forms.Form):
    bestand = forms.FileField(
        label="CSV-bestand",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text="UTF-8, met komma's of puntkomma's (zoals Excel die opslaat). De kolommen staan hieronder.",
    )


class GebruikForm(forms.Form):
    periode = forms.DateField(
        label="Maand",
        input_formats=["%Y-%m", "%m-%Y", *DATE_INPUT_FORMATS],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        required=False,
        validators=[redelijke_datum],
    )
    aanvragen = AantalField(label="Aanvragen", min_value=0, required=False)
    toekenningen = AantalField(label="Toekenningen", min_value=0, required=False)
    afwijzingen = AantalField(label="Afwijzingen", min_value=0, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        numbers = [cleaned.get(name) for name in ["aanvragen", "toekenningen", "afwijzingen"]]
        if cleaned.get("periode") and any(n is None for n in numbers):
            for name in ["aanvragen", "toekenningen", "afwijzingen"]:
                if cleaned.get(name) is None and name not in self.errors:
                    self.add_error(name, "Vul een aantal in (0 als er geen waren).")
        if not cleaned.get("periode") and any(n is not None for n in numbers) and "periode" not in self.errors:
            self.add_error("periode", "Kies de maand.")
        return cleaned


class BaseGebruikFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            periode = form.cleaned_data.get("periode") if form.cleaned_data else None
            if periode is None:
                continue
            key = periode.replace(day=1)
            if key in seen:
                raise forms.ValidationError(f"De maand {key:%m-%Y} staat er twee keer in.")
            seen.add(key)

    def maanden(self) -> list[GebruikInput]:
        return [
            GebruikInput(
                periode=f.cleaned_data["periode"],
                aanvragen=f.cleaned_data.get("aanvragen") or 0,
                toekenningen=f.cleaned_data.get("toekenningen") or 0,
                afwijzingen=f.cleaned_data.get("afwijzingen") or 0,
                delete=bool(f.cleaned_data.get("DELETE")),
            )
            for f in self.forms
            if f.cleaned_data and f.cleaned_data.get("periode")
        ]


GebruikFormSet = forms.formset_factory(
    GebruikForm,
    formset=BaseGebruikFormSet,
    extra=3,
    can_delete=True,
    can_delete_extra=False,
    max_num=240,
    validate_max=True,
)

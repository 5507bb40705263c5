from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.text import Truncator

from invoeringstoets.fields import DATE_INPUT_FORMATS, AantalField, KeuzelijstInvoer, RegelField
from invoeringstoets.formats import datum
from invoeringstoets.forms import RevisionForm, RevisionModelForm
from invoeringstoets.validators import redelijke_datum

from .bewijs import TOEGESTAAN, OngeldigBestand, controleer
from .constants import (
    VRAGEN_MET_DISCRIMINATIE,
    VRAGEN_OVER_UITVOERING,
    AannameBron,
    ActiviteitSoort,
    Adressaat,
    BevindingSoort,
    Bewijskracht,
    DeelnemerRol,
    Ernst,
    Oordeel,
    OrganisatieSoort,
    Prioriteit,
    Uitkomst,
)
from .models import Bevinding, Conclusie, Deelnemer, Onderzoeksactiviteit, Opvolging, Organisatie, Planning, Regeling
from .selectors import kernteam_candidates
from .services import (
    ACTIVITEIT_FIELDS,
    DEELNEMER_FIELDS,
    PLANNING_FIELDS,
    REGELING_FIELDS,
    AanbevelingInput,
    AannameInput,
    BevindingInput,
)


def _namen(soort: str):
    """The names a field suggests, with their abbreviation, read when the form is shown (the list grows). Names
    still to be checked by beheer are not suggested to others."""
    return lambda: [
        (naam, afkorting or "")
        for naam, afkorting in Organisatie.objects.filter(soort=soort, te_controleren=False)
        .order_by("naam")
        .values_list("naam", "afkorting")
        .distinct()
    ]


class RegelingForm(RevisionModelForm):
    """The organisations are typed and chosen from the list as one types; a name that is not on the list yet is
    added to it, marked for beheer to check (dossiers.organisaties)."""

    ministerie = RegelField(
        label="Ministerie",
        max_length=200,
        widget=KeuzelijstInvoer(_namen(OrganisatieSoort.MINISTERIE)),
        help_text="Bijvoorbeeld ‘Ministerie van Sociale Zaken en Werkgelegenheid’ of ‘SZW’.",
    )
    directie = RegelField(
        label="Directie",
        max_length=200,
        widget=KeuzelijstInvoer(_namen(OrganisatieSoort.DIRECTIE)),
        help_text="De directie van het ministerie die de regeling voorbereidde.",
    )
    verwachte_omvang = AantalField(
        label="Verwachte omvang van de doelgroep",
        min_value=0,
        help_text="Het verwachte aantal personen, organisaties of bedrijven, bijvoorbeeld 4000 of 4.000.",
    )
    uitvoeringsorganisaties_tekst = forms.CharField(
        label="Uitvoeringsorganisaties",
        help_text="Eén organisatie per regel; de eerste is de leidende, bijvoorbeeld ‘Dienst Toeslagen’ of ‘SVB’.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Regeling
        fields = [f for f in REGELING_FIELDS if f not in ("ministerie", "directie")]
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
            self.fields["ministerie"].initial = self.instance.ministerie.naam
            self.fields["directie"].initial = self.instance.directie.naam
            self.fields["uitvoeringsorganisaties_tekst"].initial = "\n".join(o.naam for o in self.instance.uitvoerders)

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
        self.fields["leden"].queryset = kernteam_candidates()
        self.fields["leden"].label_from_instance = member_label


MAX_SIGNALEN_KEUZE = 200


def kort(item) -> str:
    """A signal or activity in one line, for a list of checkboxes."""
    return f"{datum(item.datum)} · {item.get_soort_display()} · {Truncator(item.samenvatting).words(14)}"


class BevindingForm(RevisionModelForm):
    """A finding, with its kind, weight and links to the signals and activities it rests on."""

    class Meta:
        model = Bevinding
        fields = [
            "titel",
            "tekst",
            "soort",
            "ernst",
            "bewijskracht",
            "discriminerend",
            "discriminatie_toelichting",
            "organisatie",
            "signalen",
            "activiteiten",
        ]
        widgets = {
            "tekst": forms.Textarea(attrs={"rows": 5}),
            "soort": forms.RadioSelect,
            "discriminatie_toelichting": forms.Textarea(attrs={"rows": 3}),
            "signalen": forms.CheckboxSelectMultiple,
            "activiteiten": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "tekst": "Wat is gevonden, en waarop berust het (documenten, interviews, cijfers)?",
            "discriminerend": "Raakt deze bevinding bepaalde groepen anders, bijvoorbeeld naar herkomst, "
            "gezinssituatie of beperking?",
            "signalen": f"De signalen uit de praktijk waarop deze bevinding mede berust (de {MAX_SIGNALEN_KEUZE} "
            "nieuwste en de al gekoppelde).",
            "activiteiten": "De onderzoeksactiviteiten waaruit deze bevinding komt.",
        }

    def __init__(self, *args, dossier, vraag: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.vraag = vraag
        self.fields["soort"].choices = BevindingSoort.choices
        self.fields["ernst"].choices = [("", "Niet beoordeeld"), *Ernst.choices]
        self.fields["bewijskracht"].choices = [("", "Niet beoordeeld"), *Bewijskracht.choices]
        # Only this dossier's signals and activities can be linked (the service refuses other ids too). Of a
        # hundred thousand signals only the newest and the ones already linked are offered, so the page stays usable.
        # The signals are indicatoren's; the field's own queryset (from the relation) names their model.
        signalen = self.fields["signalen"].queryset.filter(dossier=dossier).order_by("-datum", "-pk")
        nieuwste = list(signalen.values_list("pk", flat=True)[:MAX_SIGNALEN_KEUZE])
        gekoppeld = list(self.instance.signalen.values_list("pk", flat=True)) if self.instance.pk else []
        self.fields["signalen"].queryset = signalen.filter(pk__in=nieuwste + gekoppeld)
        self.fields["signalen"].label_from_instance = kort
        self.fields["activiteiten"].queryset = dossier.activiteiten.all()
        self.fields["activiteiten"].label_from_instance = kort
        for name, leeg in [("signalen", "signalen"), ("activiteiten", "onderzoeksactiviteiten")]:
            if not self.fields[name].queryset.exists():
                self.fields[name].help_text = f"Er zijn nog geen {leeg} vastgelegd bij dit dossier."
        if vraag not in VRAGEN_MET_DISCRIMINATIE:
            del self.fields["discriminerend"]
            del self.fields["discriminatie_toelichting"]
        # Which of the regeling's uitvoeringsorganisaties the finding is about: asked under 2A-2C (where one
        # organisation needs no choice), offered under 1A-1C.
        uitvoerders = dossier.regeling.uitvoerders
        veld = self.fields["organisatie"]
        # The organisation a finding names already stays on offer, also when the regeling no longer lists it.
        huidig = [self.instance.organisatie_id] if self.instance.pk and self.instance.organisatie_id else []
        veld.queryset = Organisatie.objects.filter(pk__in=[o.pk for o in uitvoerders] + huidig)
        veld.required = vraag in VRAGEN_OVER_UITVOERING and len(uitvoerders) > 1
        veld.empty_label = "Kies de uitvoeringsorganisatie" if veld.required else "Geen bepaalde organisatie"
        veld.error_messages["required"] = "Kies de uitvoeringsorganisatie waar deze bevinding over gaat."
        veld.help_text = "" if veld.required else "Alleen als de bevinding over één uitvoeringsorganisatie gaat."
        if vraag in VRAGEN_OVER_UITVOERING and len(uitvoerders) == 1:
            veld.initial = uitvoerders[0].pk
        leidend = uitvoerders[0].pk if uitvoerders else None
        veld.label_from_instance = lambda o: (
            f"{o.naam} (leidend)" if o.pk == leidend and len(uitvoerders) > 1 else o.naam
        )
        if not uitvoerders and not huidig:
            del self.fields["organisatie"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("discriminerend") and not cleaned.get("discriminatie_toelichting", "").strip():
            self.add_error("discriminatie_toelichting", "Licht toe welk discriminerend aspect u ziet, en bij wie.")
        return cleaned

    def item(self) -> BevindingInput:
        data = self.cleaned_data
        return BevindingInput(
            titel=data["titel"],
            tekst=data["tekst"],
            soort=data["soort"],
            ernst=data.get("ernst", ""),
            bewijskracht=data.get("bewijskracht", ""),
            discriminerend=bool(data.get("discriminerend")),
            discriminatie_toelichting=data.get("discriminatie_toelichting", ""),
            signalen=[s.pk for s in data.get("signalen", [])],
            activiteiten=[a.pk for a in data.get("activiteiten", [])],
            organisatie=data["organisatie"].pk if data.get("organisatie") else None,
        )


class GeenBevindingenForm(forms.Form):
    reden = forms.CharField(
        label="Reden waarom er geen bevindingen zijn",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


class AannameToetsingForm(RevisionForm):
    oordeel = forms.ChoiceField(label="Oordeel", choices=Oordeel.choices, widget=forms.RadioSelect)
    toelichting = forms.CharField(
        label="Toelichting",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Hoe verhoudt de praktijk zich tot de aanname, en waarop berust dat oordeel?",
    )
    bevindingen = forms.ModelMultipleChoiceField(
        label="Bevindingen die dit oordeel onderbouwen",
        queryset=Bevinding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Het oordeel staat daarna ook bij die bevindingen.",
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bevindingen"].queryset = dossier.bevindingen.order_by("vraag", "pk")
        self.fields["bevindingen"].label_from_instance = lambda b: f"{b.vraag}: {b.titel}"


class ConclusieForm(RevisionModelForm):
    class Meta:
        model = Conclusie
        fields = ["uitkomst", "toelichting"]
        widgets = {"uitkomst": forms.RadioSelect, "toelichting": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uitkomst"].choices = Uitkomst.choices


class AanbevelingForm(forms.Form):
    tekst = forms.CharField(label="Aanbeveling", widget=forms.Textarea(attrs={"rows": 2}), required=False)
    adressaat = forms.ChoiceField(
        label="Gericht aan", choices=[("", "Kies aan wie"), *Adressaat.choices], required=False
    )
    prioriteit = forms.ChoiceField(
        label="Prioriteit", choices=Prioriteit.choices, initial=Prioriteit.MIDDEN, required=False
    )
    eigenaar = RegelField(
        label="Eigenaar",
        max_length=200,
        required=False,
        widget=KeuzelijstInvoer(lambda: Organisatie.objects.order_by("naam").values_list("naam", flat=True).distinct()),
        help_text="Wie zorgt dat het gebeurt: een persoon, of een organisatie uit de lijst (bijvoorbeeld de SVB).",
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
            AanbevelingInput(
                tekst=form.cleaned_data["tekst"].strip(),
                adressaat=form.cleaned_data["adressaat"],
                prioriteit=form.cleaned_data.get("prioriteit") or Prioriteit.MIDDEN,
                eigenaar=form.cleaned_data.get("eigenaar", "").strip(),
            )
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


class ReopenForm(forms.Form):
    reden = forms.CharField(
        label="Waarom een nieuwe versie?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="De vastgestelde versie blijft zoals zij is en blijft leesbaar; het kernteam werkt aan een kopie.",
    )


class DeelnemerForm(forms.ModelForm):
    class Meta:
        model = Deelnemer
        fields = DEELNEMER_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", "Kies de rol"), *DeelnemerRol.choices]


class PlanningForm(RevisionModelForm):
    class Meta:
        model = Planning
        fields = PLANNING_FIELDS
        widgets = {
            "start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "beoogd_einde": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "moment": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["start", "beoogd_einde"]:
            self.fields[name].input_formats = DATE_INPUT_FORMATS

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("beoogd_einde") and cleaned["beoogd_einde"] < cleaned["start"]:
            self.add_error("beoogd_einde", "Het beoogde einde ligt voor de start.")
        return cleaned


class ActiviteitForm(RevisionModelForm):
    bereik = AantalField(
        label="Aantal bereikte mensen", min_value=0, required=False, help_text="Bijvoorbeeld het aantal geïnterviewden."
    )

    class Meta:
        model = Onderzoeksactiviteit
        fields = ACTIVITEIT_FIELDS
        widgets = {
            "datum": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "samenvatting": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["datum"].input_formats = DATE_INPUT_FORMATS
        self.fields["soort"].choices = [("", "Kies de soort"), *ActiviteitSoort.choices]


class BewijsstukForm(forms.Form):
    bestand = forms.FileField(
        label="Bestand",
        help_text=f"{TOEGESTAAN}; hoogstens {settings.BEWIJS_MAX_BYTES // 1_000_000} MB.",
    )
    omschrijving = RegelField(label="Omschrijving", max_length=300, required=False)

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        try:
            self.soort = controleer(upload)
        except OngeldigBestand as exc:
            raise forms.ValidationError(exc.message) from exc
        return upload


class OpvolgingForm(RevisionModelForm):
    class Meta:
        model = Opvolging
        fields = ["monitoring_op", "escalatie_naar", "toelichting"]
        widgets = {
            "monitoring_op": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, uitkomst: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.uitkomst = uitkomst
        self.fields["monitoring_op"].input_formats = DATE_INPUT_FORMATS
        # Ask only what this outcome needs: a monitoring date, or to whom the matter went.
        if uitkomst != Uitkomst.MONITORING:
            del self.fields["monitoring_op"]
        if uitkomst != Uitkomst.ESCALATIE:
            del self.fields["escalatie_naar"]

    def clean(self):
        cleaned = super().clean()
        if "monitoring_op" in self.fields and not cleaned.get("monitoring_op"):
            self.add_error("monitoring_op", "Bij monitoring hoort een datum voor de volgende monitoring.")
        if "escalatie_naar" in self.fields and not cleaned.get("escalatie_naar", "").strip():
            self.add_error("escalatie_naar", "Geef aan naar wie de zaak is geëscaleerd.")
        return cleaned


class ActieForm(forms.Form):
    omschrijving = forms.CharField(label="Actie", widget=forms.Textarea(attrs={"rows": 2}))
    eigenaar = forms.ModelChoiceField(
        label="Eigenaar: een persoon",
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label="Geen persoon",
        help_text="Krijgt een e-mail als de actie afloopt.",
    )
    eigenaar_organisatie = forms.ModelChoiceField(
        label="of een organisatie",
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="Geen organisatie",
        help_text="Bijvoorbeeld de SVB. De e-mail als de actie afloopt gaat dan naar u, die haar vastlegt.",
    )
    deadline = forms.DateField(
        label="Uiterlijk op",
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        validators=[redelijke_datum],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("last_name", "first_name", "username")
        )
        self.fields["eigenaar"].label_from_instance = member_label
        self.fields["eigenaar_organisatie"].queryset = Organisatie.objects.select_related("valt_onder").order_by("naam")

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("eigenaar")) == bool(cleaned.get("eigenaar_organisatie")):
            self.add_error("eigenaar", "Kies als eigenaar een persoon of een organisatie (één van beide).")
        return cleaned

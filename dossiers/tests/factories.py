"""Test data. Dossiers are built through the real services, so every status is one a user could reach."""

from dataclasses import dataclass
from datetime import date

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from dossiers import services
from dossiers.constants import AannameBron, Adressaat, CentraleVraag, Oordeel, Uitkomst
from dossiers.models import Dossier, Regeling
from indicatoren import services as screening_services
from indicatoren.constants import Besluit, Indicator, Sterkte

PASSWORD = "een-lang-test-wachtwoord"

# The smallest file every PDF reader accepts as a PDF.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            # get_or_create: a transactional test before this one flushed the groups the migration made.
            self.groups.add(Group.objects.get_or_create(name=extracted)[0])


def regeling_data(**overrides) -> dict:
    return {
        "naam": "Recht op kinderopvangtoeslag bij Wlz-indicatie",
        "ministerie": "Ministerie van Financiën",
        "directie": "Dienst Toeslagen",
        "wettelijke_grondslag": "Wet kinderopvang",
        "inwerkingtreding": date(2021, 1, 1),
        "doelgroep": "Huishoudens waarvan één partner een permanente Wlz-indicatie heeft",
        "verwachte_omvang": 4000,
        "omvang_toelichting": "maximaal 4.000 ouders en 5.000 kinderen",
        **overrides,
    }


@dataclass
class DossierBuilder:
    """Walks a dossier through the lifecycle with the standing users, up to the status a test needs."""

    beleid: object
    kernteam: object
    management: object

    def registered(self, **overrides) -> Dossier:
        return services.regeling_register(
            actor=self.beleid,
            item=services.RegelingInput.uit(
                regeling_data(**overrides),
                uitvoeringsorganisaties=("Dienst Toeslagen",),
                aannames=(
                    services.AannameInput(tekst="De doelgroep vraagt de toeslag aan.", bron=AannameBron.VOORBEREIDING),
                    services.AannameInput(tekst="De systemen kunnen het aan.", bron=AannameBron.UITVOERINGSTOETS),
                ),
            ),
        )

    def screening(self, **overrides) -> Dossier:
        dossier = self.registered(**overrides)
        screening_services.screening_start(actor=self.beleid, dossier=dossier)
        return self.reload(dossier)

    def decided(self, besluit: str, **overrides) -> Dossier:
        dossier = self.screening(**overrides)
        screening = screening_services.current_screening(dossier)
        screening_services.screening_decide(
            actor=self.beleid,
            dossier=dossier,
            expected_revision=screening.revision,
            indicatoren=[
                screening_services.IndicatorInput(
                    indicator=indicator,
                    van_toepassing=indicator == Indicator.GEBRUIK,
                    sterkte=Sterkte.STERK if indicator == Indicator.GEBRUIK else "",
                    toelichting="Aanvragen blijven ver achter." if indicator == Indicator.GEBRUIK else "",
                    afwijking_reden="Cijfers van de uitvoerder, nog niet ingevoerd."
                    if indicator == Indicator.GEBRUIK
                    else "",
                )
                for indicator in Indicator
            ],
            fields={
                "besluit": besluit,
                "motivering": "Het gebruik blijft ver achter bij de verwachting.",
                "peildatum": screening.peildatum,
                "herscreening_op": None,
            },
        )
        return self.reload(dossier)

    def geen_invoeringstoets(self, **overrides) -> Dossier:
        return self.decided(Besluit.NEE, **overrides)

    def in_onderzoek(self, **overrides) -> Dossier:
        dossier = self.decided(Besluit.JA, **overrides)
        services.kernteam_set(actor=self.management, dossier=dossier, members=[self.kernteam])
        return self.reload(dossier)

    def add_research(self, dossier: Dossier) -> Dossier:
        """A planning, a working-group member, an interview round with its notes as a PDF."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        from dossiers.bewijs import PDF

        services.planning_save(
            actor=self.kernteam,
            dossier=dossier,
            expected_revision=None,
            item=services.PlanningInput.uit(
                {"start": date(2022, 1, 10), "beoogd_einde": date(2022, 6, 30), "moment": "Een jaar na de start."}
            ),
        )
        services.deelnemer_add(
            actor=self.kernteam,
            dossier=dossier,
            item=services.DeelnemerInput.uit(
                {"naam": "Emma de Wit", "organisatie": "Dienst Toeslagen", "rol": "werkgroep", "toelichting": ""}
            ),
        )
        activiteit = services.activiteit_create(
            actor=self.kernteam,
            dossier=dossier,
            item=services.ActiviteitInput.uit(
                {
                    "datum": date(2022, 3, 1),
                    "soort": "interviews",
                    "bereik": 12,
                    "samenvatting": "Interviews met professionals.",
                }
            ),
        )
        services.bewijsstuk_add(
            actor=self.kernteam,
            activiteit=activiteit,
            upload=SimpleUploadedFile("interviewverslag.pdf", PDF_BYTES, content_type="application/pdf"),
            soort=PDF,
            omschrijving="Verslag van de interviews",
        )
        return self.reload(dossier)

    def add_follow_up(self, dossier: Dossier) -> Dossier:
        services.opvolging_save(
            actor=self.management,
            dossier=dossier,
            expected_revision=None,
            item=services.OpvolgingInput(
                monitoring_op=date(2023, 6, 1), escalatie_naar="", toelichting="Over een jaar opnieuw kijken."
            ),
        )
        services.actie_create(
            actor=self.management,
            dossier=dossier,
            item=services.ActieInput(
                omschrijving="Bekendheid vergroten via zorgkantoren.", eigenaar=self.beleid, deadline=date(2023, 1, 1)
            ),
        )
        return self.reload(dossier)

    def complete(self, **overrides) -> Dossier:
        """In research, with every question answered, every assumption assessed and a conclusion."""
        dossier = self.add_research(self.in_onderzoek(**overrides))
        for vraag in CentraleVraag:
            if vraag == CentraleVraag.V2A:
                services.geen_bevindingen_set(
                    actor=self.kernteam, dossier=dossier, vraag=vraag, reden="De uitvoering meldde niets."
                )
            else:
                services.bevinding_create(
                    actor=self.kernteam,
                    dossier=dossier,
                    vraag=vraag,
                    item=services.BevindingInput(
                        titel=f"Bevinding bij {vraag.value}",
                        tekst=f"Wat bij vraag {vraag.value} is gevonden.",
                        soort="knelpunt" if vraag.value.endswith("B") else "ervaring",
                        ernst="midden",
                        bewijskracht="redelijk",
                    ),
                )
        for aanname in dossier.regeling.aannames.all():
            services.aanname_toetsen(
                actor=self.kernteam,
                aanname=aanname,
                expected_revision=None,
                item=services.ToetsingInput(oordeel=Oordeel.KLOPT_DEELS, toelichting="Deels bevestigd in interviews."),
            )
        services.conclusie_save(
            actor=self.kernteam,
            dossier=dossier,
            expected_revision=None,
            item=services.ConclusieInput(
                uitkomst=Uitkomst.MONITORING,
                toelichting="Effectieve ondersteuning, maar te weinig bekend.",
                aanbevelingen=(
                    services.AanbevelingInput(tekst="Vergroot de bekendheid.", adressaat=Adressaat.COMMUNICATIE),
                ),
            ),
        )
        return self.reload(dossier)

    def ter_vaststelling(self, **overrides) -> Dossier:
        dossier = self.complete(**overrides)
        services.dossier_submit(actor=self.kernteam, dossier=dossier)
        return self.reload(dossier)

    def vastgesteld(self, **overrides) -> Dossier:
        dossier = self.ter_vaststelling(**overrides)
        services.dossier_approve(actor=self.management, dossier=dossier)
        return self.reload(dossier)

    def met_uitvoerders(self, dossier: Dossier, *namen: str, **velden) -> Dossier:
        """The regeling as it is, by beleid given these uitvoeringsorganisaties (in order) and the columns in
        `velden` changed."""
        regeling = Regeling.objects.get(pk=dossier.regeling_id)
        services.regeling_update(
            actor=self.beleid,
            dossier=dossier,
            expected_revision=regeling.revision,
            item=services.RegelingInput.uit(
                {**{f: getattr(regeling, f) for f in services.REGELING_FIELDS}, **velden}, uitvoeringsorganisaties=namen
            ),
        )
        return self.reload(dossier)

    def add_practice(self, dossier: Dossier, *, months: int = 14, aanvragen: int = 60) -> Dossier:
        """Ex-ante tests, a CSV import of signals, and monthly usage: everything the screening looks at."""
        import io

        from indicatoren import services as indicatoren

        indicatoren.uitvoeringstoets_save(
            actor=self.beleid,
            dossier=dossier,
            expected_revision=None,
            item=indicatoren.UitvoeringstoetsInput.uit(
                {
                    "interactie_burgers": "middelgroot",
                    "maakbaarheid_systemen": "ingrijpend",
                    "handhaafbaarheid": "middelgroot",
                    "fraudebestendigheid": "beperkt",
                    "complexiteitsgevolgen": "middelgroot",
                    "risico_procesverstoringen": "gemiddeld",
                    "dienstverlening_incidenteel": 0,
                    "dienstverlening_structureel": 0,
                    "handhaving_incidenteel": 0,
                    "handhaving_structureel": 0,
                    "automatisering_incidenteel": 350_000,
                    "automatisering_structureel": 350_000,
                    "fte_incidenteel": 0,
                    "fte_structureel": 0,
                    "invoering_mogelijk_per": date(2021, 1, 1),
                    "beslag_portfolio": "middelgroot",
                    "beslag_portfolio_toelichting": "",
                    "eindoordeel": "uitvoerbaar",
                    "voorwaarden": "",
                }
            ),
        )
        indicatoren.regeldruktoets_save(
            actor=self.beleid,
            dossier=dossier,
            expected_revision=None,
            item=indicatoren.RegeldruktoetsInput.uit(
                {"uren_per_jaar": 1200, "euro_per_jaar": 48_000, "atr_oordeel": "na_aanpassing", "toelichting": ""}
            ),
        )
        indicatoren.doenvermogen_save(
            actor=self.beleid,
            dossier=dossier,
            beoordelingen=[
                indicatoren.DoenvermogenInput(eis="plannen", niveau="hoog", toelichting="Veel formulieren.")
            ],
        )
        indicatoren.andere_toetsen_save(
            actor=self.beleid,
            dossier=dossier,
            toetsen=[indicatoren.AndereToetsInput(naam="DPIA", uitkomst="Geen hoog risico.", document="")],
        )
        csv = (
            "datum;soort;bron;samenvatting;aantal\n"
            "2021-06-01;media;Trouw;Weinig gebruik;\n"
            "2021-12-01;klacht;KCC;Afwijzing;4\n"
        )
        indicatoren.signalen_import(
            actor=self.beleid, dossier=dossier, stream=io.BytesIO(csv.encode()), bestandsnaam="signalen.csv"
        )
        indicatoren.gebruik_save(
            actor=self.beleid,
            dossier=dossier,
            maanden=[
                indicatoren.GebruikInput(
                    periode=date(2021 + i // 12, i % 12 + 1, 1),
                    aanvragen=aanvragen,
                    toekenningen=aanvragen // 2,
                    afwijzingen=aanvragen - aanvragen // 2,
                )
                for i in range(months)
            ],
        )
        return self.reload(dossier)

    def in_status(self, status: str, **overrides) -> Dossier:
        return {
            "geregistreerd": self.registered,
            "screening": self.screening,
            "geen_invoeringstoets": self.geen_invoeringstoets,
            "in_onderzoek": self.in_onderzoek,
            "ter_vaststelling": self.ter_vaststelling,
            "vastgesteld": self.vastgesteld,
        }[status](**overrides)

    @staticmethod
    def reload(dossier: Dossier) -> Dossier:
        return Dossier.objects.select_related("regeling").get(pk=dossier.pk)

"""Demo users and the seed's worked case, *Recht op kinderopvangtoeslag bij Wlz-indicatie*, approved.

Everything is made through the same services the application uses, so the demo passes every rule a user
would meet. Running it again changes nothing and prints the same dossier id.
"""

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dossiers import services
from dossiers.constants import AannameBron, Adressaat, CentraleVraag, Oordeel, Role, Uitkomst
from dossiers.models import Dossier
from indicatoren import services as screening_services
from indicatoren.constants import Besluit, Indicator

DEMO_REGELING = "Recht op kinderopvangtoeslag bij Wlz-indicatie"

# username, first name, last name, role (None: the functional administrator), password
DEMO_USERS = [
    ("beleid", "Lotte", "Jansen", Role.BELEIDSMEDEWERKER, "beleid-demo-2026"),
    ("kernteam", "Daan", "Bakker", Role.KERNTEAM, "kernteam-demo-2026"),
    ("management", "Noor", "Visser", Role.MANAGEMENT, "management-demo-2026"),
    ("buitenstaander", "Sem", "de Boer", Role.KERNTEAM, "buitenstaander-demo-2026"),
    ("beheerder", "Functioneel", "Beheerder", None, "beheerder-demo-2026"),
]

AANNAMES = [
    (
        AannameBron.VOORBEREIDING,
        "De doelgroep bestaat uit maximaal 4.000 ouders en 5.000 kinderen, en een groot deel daarvan vraagt "
        "de toeslag aan.",
        Oordeel.KLOPT_NIET,
        "Het aantal aanvragen bleef ver achter; de aard en omvang van de doelgroep waren vooraf onvoldoende "
        "bekend (doelgroepanalyse).",
    ),
    (
        AannameBron.VOORBEREIDING,
        "Ouders in de doelgroep weten dat zij recht hebben op kinderopvangtoeslag.",
        Oordeel.KLOPT_NIET,
        "De maatregel is beperkt bekend, bij ouders en bij professionals in de zorg (interviews met professionals).",
    ),
    (
        AannameBron.VOORBEREIDING,
        "Kinderopvangtoeslag sluit aan op de behoefte aan opvang van deze huishoudens.",
        Oordeel.KLOPT_DEELS,
        "Voor een deel van de huishoudens past formele kinderopvang niet bij de zorgsituatie thuis.",
    ),
    (
        AannameBron.UITVOERINGSTOETS,
        "De gevolgen voor de maakbaarheid van de systemen zijn beperkt.",
        Oordeel.KLOPT_DEELS,
        "Er is een relatief geavanceerde variant gekozen, die meer van de systemen vroeg dan vooraf ingeschat.",
    ),
    (
        AannameBron.UITVOERINGSTOETS,
        "De gegevens over Wlz-indicaties zijn vanaf de inwerkingtreding beschikbaar voor de toetsing van aanvragen.",
        Oordeel.KLOPT_DEELS,
        "De grondslag voor gegevensdeling trad pas per 1 januari 2021 in werking, tegelijk met de regeling; "
        "dat liet geen ruimte om te testen.",
    ),
    (
        AannameBron.UITVOERINGSTOETS,
        "De regeling is uitvoerbaar per 1 januari 2021 (eindoordeel uitvoeringstoets: uitvoerbaar).",
        Oordeel.KLOPT,
        "De regeling is per 1 januari 2021 uitgevoerd; de knelpunten lagen in de timing, niet in de uitvoerbaarheid.",
    ),
]

# The beleidsmedewerker's own notes per indicator; whether each applies comes from the application's proposal.
TOELICHTINGEN = {
    Indicator.UITVOERINGSTOETS_ICT: "Maakbaarheid systemen beperkt; automatisering € 350.000 incidenteel en "
    "€ 350.000 structureel. Geen bijzonder ICT-risico.",
    Indicator.REGELDRUK: "Er is geen regeldruktoets gedaan; geen toename van lasten gemeld.",
    Indicator.DOENVERMOGEN: "Er is geen doenvermogentoets gedaan.",
    Indicator.MEDIA: "Berichten in Trouw, bij de NOS en in Zorgvisie over het geringe gebruik.",
    Indicator.BURGERBRIEVEN: "Ouders begrijpen het onderscheid tussen permanente en tijdelijke Wlz-indicatie niet.",
    Indicator.KLACHTEN: "Klachten over afwijzingen en het lastige aanvraagproces nemen toe.",
    Indicator.GEBRUIK: "Vooraf: maximale doelgroep van 4.000 ouders en 5.000 kinderen. Het aantal aanvragen bleef ver "
    "achter.",
    Indicator.UITVOERING_OVERIG: "Interne schriftelijke signalen van Dienst Toeslagen over afwijzingen.",
}

# The screening looked at the data as they stood at the end of March 2022.
PEILDATUM = date(2022, 3, 31)

UITVOERINGSTOETS = {
    "interactie_burgers": "middelgroot",
    "maakbaarheid_systemen": "beperkt",
    "handhaafbaarheid": "middelgroot",
    "fraudebestendigheid": "beperkt",
    "complexiteitsgevolgen": "middelgroot",
    "risico_procesverstoringen": "",
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

# Applications per month from January 2021: far below the 4,000 expected, with relatively many rejections.
AANVRAGEN_PER_MAAND = [48, 87, 47, 68, 63, 46, 63, 87, 84, 86, 77, 60, 41, 40]

SIGNALEN = [
    (
        "2021-03-15",
        "uitvoeringssignaal",
        "Dienst Toeslagen",
        "Aanvragen blijven achter bij de raming: in het eerste kwartaal 182 aanvragen.",
        None,
    ),
    (
        "2021-05-10",
        "uitvoeringssignaal",
        "Dienst Toeslagen",
        "Relatief veel afwijzingen: de permanente Wlz-indicatie ontbreekt of de aanvrager is alleenstaand.",
        38,
    ),
    (
        "2021-06-02",
        "media",
        "Trouw",
        "Ouders met een zieke partner weten de nieuwe regeling voor kinderopvangtoeslag niet te vinden.",
        None,
    ),
    (
        "2021-07-01",
        "burgerbrief",
        "Ministerie van SZW",
        "Ouders vragen waarom een tijdelijke Wlz-indicatie niet telt.",
        3,
    ),
    (
        "2021-09-20",
        "media",
        "NOS",
        "Weinig gebruik van de uitzondering op de arbeidseis bij kinderopvangtoeslag.",
        None,
    ),
    (
        "2021-10-12",
        "klacht",
        "Klantcontactcentrum Toeslagen",
        "Afwijzing niet begrepen: partner heeft een tijdelijke Wlz-indicatie.",
        2,
    ),
    (
        "2021-11-15",
        "burgerbrief",
        "Ministerie van Financiën",
        "Ouders begrijpen het onderscheid tussen permanente en tijdelijke Wlz-indicatie niet.",
        4,
    ),
    ("2021-11-22", "klacht", "Klantcontactcentrum Toeslagen", "Aanvraagproces te ingewikkeld.", 3),
    ("2021-12-14", "klacht", "Klantcontactcentrum Toeslagen", "Alleenstaande ouder met Wlz-indicatie afgewezen.", 5),
    (
        "2022-01-12",
        "media",
        "Zorgvisie",
        "Zorgkantoren kennen de regeling voor kinderopvangtoeslag bij Wlz-indicatie nauwelijks.",
        None,
    ),
    ("2022-01-18", "klacht", "Klantcontactcentrum Toeslagen", "Afwijzingen en lange doorlooptijd.", 6),
    ("2022-02-16", "klacht", "Klantcontactcentrum Toeslagen", "Afwijzingen en onduidelijke brieven.", 8),
    ("2022-03-21", "klacht", "Klantcontactcentrum Toeslagen", "Aanvraagproces lastig; informatie niet te vinden.", 9),
]

PLANNING = {
    "start": date(2022, 4, 1),
    "beoogd_einde": date(2022, 10, 1),
    "moment": "Ruim een jaar na de inwerkingtreding op 1 januari 2021: dan zijn er cijfers over een heel jaar "
    "aanvragen, en hebben ouders en professionals ervaring met de regeling.",
}

DEELNEMERS = [
    ("Emma de Wit", "Dienst Toeslagen", "werkgroep", "procesinrichting en klantcontact"),
    ("Joris Meijer", "Centrum indicatiestelling zorg (CIZ)", "werkgroep", "gegevensdeling Wlz-indicaties"),
    ("Onderzoeksbureau Doelgroep & Praktijk", "extern bureau", "extern", "interviews met professionals"),
]

# date, kind, people reached, summary
ACTIVITEITEN = [
    (
        date(2022, 4, 15),
        "interne_signalen",
        None,
        "Interne schriftelijke signalen van Dienst Toeslagen over "
        "afwijzingen en het achterblijven van het aantal aanvragen geanalyseerd.",
    ),
    (
        date(2022, 5, 10),
        "werkgroep",
        6,
        "Werkgroepsessie met Dienst Toeslagen en het CIZ over de uitvoering, de "
        "timing van het wetsvoorstel en de gegevensdeling.",
    ),
    (
        date(2022, 6, 20),
        "interviews",
        14,
        "Interviews met professionals: zorgkantoren, cliëntondersteuners, "
        "kinderopvangorganisaties en medewerkers klantcontact.",
    ),
]

# question, title, text, kind, severity, strength of evidence, activities (indexes), discriminatory aspect
BEVINDINGEN = [
    (
        CentraleVraag.V1A,
        "Relatief veel zekerheid aan de voorkant",
        "Ouders die in aanmerking komen, weten door de permanente Wlz-indicatie vooraf relatief zeker waar zij aan "
        "toe zijn; dat wordt gewaardeerd.",
        "ervaring",
        "",
        "redelijk",
        [2],
        "",
    ),
    (
        CentraleVraag.V1A,
        "Regeling niet voor iedereen duidelijk",
        "Het verschil tussen een permanente en een tijdelijke Wlz-indicatie, en de situatie waarin beide partners een "
        "Wlz-indicatie hebben, is voor ouders en professionals moeilijk uit te leggen.",
        "knelpunt",
        "midden",
        "sterk",
        [2],
        "",
    ),
    (
        CentraleVraag.V1A,
        "Kinderopvangtoeslag sluit niet altijd aan op behoeften",
        "Voor een deel van de potentiële doelgroep past formele kinderopvang niet bij de zorgsituatie thuis.",
        "ervaring",
        "midden",
        "redelijk",
        [2],
        "",
    ),
    (
        CentraleVraag.V1B,
        "Gebruik beneden verwachting",
        "Het aantal aanvragen bleef ver achter bij de verwachte doelgroep van maximaal 4.000 ouders en 5.000 kinderen.",
        "knelpunt",
        "hoog",
        "sterk",
        [0],
        "",
    ),
    (
        CentraleVraag.V1B,
        "Relatief veel afwijzingen",
        "Veel aanvragen werden afgewezen: de permanente Wlz-indicatie ontbrak, of de aanvrager was alleenstaand.",
        "onbedoeld_effect",
        "hoog",
        "sterk",
        [0, 1],
        "Alleenstaande ouders met een permanente Wlz-indicatie vallen buiten de regeling, terwijl hun situatie even "
        "schrijnend kan zijn als die van een gezin met twee ouders.",
    ),
    (
        CentraleVraag.V1B,
        "Maatregel is beperkt bekend en het aanvraagproces is lastig",
        "Ouders en professionals kennen de maatregel weinig; wie haar kent, vindt het aanvraagproces lastig.",
        "knelpunt",
        "hoog",
        "sterk",
        [2],
        "",
    ),
    (
        CentraleVraag.V1C,
        "Aard en omvang van de doelgroep anders dan aangenomen",
        "De doelgroepanalyse in de voorbereiding was onvoldoende, voor wetgeving, beleid, procesinrichting en "
        "communicatie.",
        "knelpunt",
        "hoog",
        "sterk",
        [0, 2],
        "",
    ),
    (
        CentraleVraag.V2A,
        "Relatief geavanceerde variant gekozen",
        "Dienst Toeslagen koos een relatief geavanceerde uitvoeringsvariant; dat gaf een effectieve en gelijkwaardige "
        "ondersteuning, maar vroeg veel van de inrichting.",
        "ervaring",
        "",
        "redelijk",
        [1],
        "",
    ),
    (
        CentraleVraag.V2B,
        "Timing van het wetsvoorstel zorgde voor knelpunten",
        "Een amendement voor de tijdelijke Wlz-indicatie kwam laat, en de grondslag voor gegevensdeling trad pas per "
        "1 januari 2021 in werking.",
        "knelpunt",
        "midden",
        "sterk",
        [1],
        "",
    ),
    (
        CentraleVraag.V2C,
        "Knelpunten niet in de uitvoeringstoets gesignaleerd",
        "De uitvoeringstoets gaf als eindoordeel ‘uitvoerbaar’; de uitdaging van aard en omvang van de doelgroep werd "
        "daarin niet gesignaleerd.",
        "knelpunt",
        "midden",
        "redelijk",
        [1],
        "",
    ),
]

# Which findings (titles) support the assessment of each assumption, in the order of AANNAMES.
ONDERBOUWING = [
    ["Gebruik beneden verwachting", "Aard en omvang van de doelgroep anders dan aangenomen"],
    ["Maatregel is beperkt bekend en het aanvraagproces is lastig"],
    ["Kinderopvangtoeslag sluit niet altijd aan op behoeften"],
    ["Relatief geavanceerde variant gekozen"],
    ["Timing van het wetsvoorstel zorgde voor knelpunten"],
    ["Knelpunten niet in de uitvoeringstoets gesignaleerd"],
]

AANBEVELINGEN = [
    (
        Adressaat.COMMUNICATIE,
        "Vergroot de bekendheid van de maatregel, via zorgkantoren, het CIZ en professionals.",
        "hoog",
        "Dienst Toeslagen, afdeling communicatie",
    ),
    (
        Adressaat.UITVOERING,
        "Vereenvoudig het aanvraagproces en leg de voorwaarden in begrijpelijke taal uit.",
        "hoog",
        "Dienst Toeslagen",
    ),
    (
        Adressaat.WETGEVING,
        "Bezie de positie van alleenstaanden en van huishoudens met een tijdelijke Wlz-indicatie.",
        "midden",
        "Ministerie van SZW, directie Kinderopvang",
    ),
    (
        Adressaat.BELEID,
        "Maak bij nieuwe regelingen een grondiger analyse van aard en omvang van de doelgroep.",
        "midden",
        "Ministerie van Financiën, directie Toeslagen",
    ),
]


class Command(BaseCommand):
    help = "Maakt demo-gebruikers (één per rol) en het voorbeelddossier uit de presentatie, vastgesteld."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat. De wachtwoorden zijn bekend: nooit in productie gebruiken.",
        )

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("De demo maakt gebruikers met bekende wachtwoorden; gebruik --force buiten DEBUG.")
        users = self.make_users()
        dossier = Dossier.objects.filter(regeling__naam=DEMO_REGELING).first()
        if dossier is None:
            dossier = self.make_dossier(users)
            self.stdout.write(f"Voorbeelddossier gemaakt: {DEMO_REGELING}.")
        else:
            self.stdout.write(f"Voorbeelddossier bestond al: {DEMO_REGELING}.")
        self.stdout.write("Demo-gebruikers (alleen voor lokaal gebruik):")
        for username, _first, _last, role, password in DEMO_USERS:
            self.stdout.write(
                f"  {username:15} wachtwoord {password:26} {role.label if role else 'functioneel beheer'}"
            )
        self.stdout.write(str(dossier.pk))

    def make_users(self) -> dict:
        User = get_user_model()
        users = {}
        for username, first, last, role, password in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, "email": f"{username}@example.nl"}
            )
            if created or not user.check_password(password):
                user.set_password(password)
            if role is None:
                user.is_staff = user.is_superuser = True
            user.save()
            if role is not None:
                user.groups.add(Group.objects.get(name=role))
            users[username] = user
        return users

    def record_practice(self, beleid, dossier: Dossier) -> None:
        """The uitvoeringstoets, a year of usage and the signals that made the case for an invoeringstoets."""
        screening_services.uitvoeringstoets_save(
            actor=beleid,
            dossier=dossier,
            expected_revision=None,
            item=screening_services.UitvoeringstoetsInput.uit(UITVOERINGSTOETS),
        )
        screening_services.gebruik_save(
            actor=beleid,
            dossier=dossier,
            maanden=[
                screening_services.GebruikInput(
                    periode=date(2021 + i // 12, i % 12 + 1, 1),
                    aanvragen=aanvragen,
                    toekenningen=round(aanvragen * 0.6),
                    afwijzingen=aanvragen - round(aanvragen * 0.6),
                )
                for i, aanvragen in enumerate(AANVRAGEN_PER_MAAND)
            ],
        )
        for datum, soort, bron, samenvatting, aantal in SIGNALEN:
            screening_services.signaal_create(
                actor=beleid,
                dossier=dossier,
                item=screening_services.SignaalInput.uit(
                    {
                        "soort": soort,
                        "datum": date.fromisoformat(datum),
                        "bron": bron,
                        "samenvatting": samenvatting,
                        "aantal": aantal,
                        "link": "",
                    }
                ),
            )

    @transaction.atomic
    def make_dossier(self, users: dict) -> Dossier:
        beleid, kernteam, management = users["beleid"], users["kernteam"], users["management"]
        dossier = services.regeling_register(
            actor=beleid,
            item=services.RegelingInput.uit(
                {
                    "naam": DEMO_REGELING,
                    "ministerie": "Ministerie van Financiën",
                    "directie": "Dienst Toeslagen",
                    "wettelijke_grondslag": "Wet kinderopvang: uitzondering op de arbeidseis voor huishoudens waarvan "
                    "één partner een permanente Wlz-indicatie heeft",
                    "inwerkingtreding": date(2021, 1, 1),
                    "doelgroep": "Huishoudens waarvan één van de partners een permanente Wlz-indicatie heeft en de "
                    "andere partner werkt of een traject naar werk volgt (schrijnende situaties: ernstige "
                    "gezondheidsproblemen bij één van beide partners).",
                    "verwachte_omvang": 4000,
                    "omvang_toelichting": "maximaal 4.000 ouders en 5.000 kinderen",
                },
                uitvoeringsorganisaties=("Dienst Toeslagen", "Centrum indicatiestelling zorg (CIZ)"),
                aannames=tuple(services.AannameInput(tekst=tekst, bron=bron) for bron, tekst, _, _ in AANNAMES),
            ),
        )
        self.record_practice(beleid, dossier)
        screening = screening_services.screening_start(actor=beleid, dossier=dossier)
        advies = screening_services.voorstellen(dossier, PEILDATUM)
        screening_services.screening_decide(
            actor=beleid,
            dossier=dossier,
            expected_revision=screening.revision,
            indicatoren=[
                screening_services.IndicatorInput(
                    indicator=indicator,
                    van_toepassing=bool(advies[indicator].van_toepassing),
                    sterkte=advies[indicator].sterkte,
                    toelichting=TOELICHTINGEN.get(indicator, ""),
                )
                for indicator in Indicator
            ],
            fields={
                "besluit": Besluit.JA,
                "motivering": "Het aantal aanvragen bleef ver achter bij de verwachte doelgroep van maximaal 4.000 "
                "ouders en 5.000 kinderen, de klachten nemen toe en de media berichten erover; er is potentie om de "
                "impact te vergroten.",
                "peildatum": PEILDATUM,
                "herscreening_op": None,
            },
        )
        services.kernteam_set(actor=management, dossier=dossier, members=[kernteam])
        services.planning_save(
            actor=kernteam, dossier=dossier, expected_revision=None, item=services.PlanningInput.uit(PLANNING)
        )
        for naam, organisatie, rol, toelichting in DEELNEMERS:
            services.deelnemer_add(
                actor=kernteam,
                dossier=dossier,
                item=services.DeelnemerInput.uit(
                    {"naam": naam, "organisatie": organisatie, "rol": rol, "toelichting": toelichting}
                ),
            )
        activiteiten = [
            services.activiteit_create(
                actor=kernteam,
                dossier=dossier,
                item=services.ActiviteitInput.uit(
                    {"datum": datum, "soort": soort, "bereik": bereik, "samenvatting": samenvatting}
                ),
            )
            for datum, soort, bereik, samenvatting in ACTIVITEITEN
        ]
        bevindingen = {}
        dienst_toeslagen = dossier.regeling.uitvoerders[0]  # the lead; every 2A-2C finding of the case is about it
        for vraag, titel, tekst, soort, ernst, bewijskracht, uit, discriminatie in BEVINDINGEN:
            bevindingen[titel] = services.bevinding_create(
                actor=kernteam,
                dossier=dossier,
                vraag=vraag,
                item=services.BevindingInput(
                    titel=titel,
                    tekst=tekst,
                    soort=soort,
                    ernst=ernst,
                    bewijskracht=bewijskracht,
                    discriminerend=bool(discriminatie),
                    discriminatie_toelichting=discriminatie,
                    activiteiten=[activiteiten[i].pk for i in uit],
                    organisatie=dienst_toeslagen.pk if vraag.startswith("2") else None,
                ),
            )
        aannames = list(dossier.regeling.aannames.order_by("pk"))
        for aanname, (_, _, oordeel, toelichting), titels in zip(aannames, AANNAMES, ONDERBOUWING, strict=True):
            services.aanname_toetsen(
                actor=kernteam,
                aanname=aanname,
                expected_revision=None,
                item=services.ToetsingInput(
                    oordeel=oordeel,
                    toelichting=toelichting,
                    bevindingen=tuple(bevindingen[titel].pk for titel in titels),
                ),
            )
        services.conclusie_save(
            actor=kernteam,
            dossier=dossier,
            expected_revision=None,
            item=services.ConclusieInput(
                uitkomst=Uitkomst.INGRIJPEN,
                toelichting="De regeling biedt effectieve en gelijkwaardige ondersteuning aan wie haar ontvangt. Maar "
                "de doelgroepanalyse was onvoldoende, de maatregel is onvoldoende bekend en moeilijk uitlegbaar "
                "(permanente of tijdelijke Wlz-indicatie, beide partners met een Wlz-indicatie, alleenstaanden). Aard "
                "en omvang van de doelgroep zijn een uitdaging die de uitvoeringstoets niet signaleerde. Bijsturen is "
                "nodig.",
                aanbevelingen=tuple(
                    services.AanbevelingInput(tekst=tekst, adressaat=adr, prioriteit=prioriteit, eigenaar=eigenaar)
                    for adr, tekst, prioriteit, eigenaar in AANBEVELINGEN
                ),
            ),
        )
        services.dossier_submit(actor=kernteam, dossier=dossier)
        services.dossier_approve(actor=management, dossier=dossier)
        voorlichting = services.actie_create(
            actor=management,
            dossier=dossier,
            item=services.ActieInput(
                omschrijving="Voorlichting aan zorgkantoren en cliëntondersteuners over de regeling.",
                eigenaar=beleid,
                deadline=date(2023, 3, 1),
            ),
        )
        services.actie_create(
            actor=management,
            dossier=dossier,
            item=services.ActieInput(
                omschrijving="Aanvraagformulier en brieven herschrijven in begrijpelijke taal.",
                eigenaar_organisatie=dossier.regeling.uitvoerders[0],  # Dienst Toeslagen
                deadline=date(2023, 6, 1),
            ),
        )
        services.actie_afronden(actor=management, actie=voorlichting)
        return dossier

"""The benchmark's data: N regelingen with their dossiers in every status of the lifecycle, 6N findings and 100N
signals (at N = 10,000: 60,000 findings and 1,000,000 signals), with everything around them that the pages read.

Sizes are skewed as in practice: most dossiers are small, a few are large (the largest has many times the average
number of signals and findings), so a page that slows down with the size of a dossier shows it. Everything is
written in bulk (bulk_create, and COPY for the signals through the import's own writer), not through the
services: the services would take hours for a million rows, and what is measured is reading, not writing.
Timestamps are spread over the past years; history rows are written for regelingen, dossiers and findings.

    .venv/bin/python -m bench.data --dossiers 10000   # into the database of DATABASE_URL (migrated), after `demo`
"""

import argparse
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

FINDINGS_PER_DOSSIER = 6
SIGNALS_PER_DOSSIER = 100
SEED = 2026
BATCH = 2_000

VOORNAMEN = ["Anna", "Bram", "Fatima", "Jeroen", "Lisa", "Mohamed", "Noa", "Pieter", "Sanne", "Youssef", "Eva", "Tim"]
ACHTERNAMEN = ["de Vries", "Jansen", "van Dijk", "Bakker", "El Amrani", "Visser", "Smit", "Meijer", "Yilmaz", "Mulder"]
MINISTERIES = [
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "Ministerie van Economische Zaken",
    "Ministerie van Financiën",
    "Ministerie van Infrastructuur en Waterstaat",
    "Ministerie van Justitie en Veiligheid",
    "Ministerie van Klimaat en Groene Groei",
    "Ministerie van Landbouw, Visserij, Voedselzekerheid en Natuur",
    "Ministerie van Onderwijs, Cultuur en Wetenschap",
    "Ministerie van Sociale Zaken en Werkgelegenheid",
    "Ministerie van Volksgezondheid, Welzijn en Sport",
    "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
    "Ministerie van Asiel en Migratie",
]
DIRECTIES = [
    "Directie Wetgeving",
    "Directie Participatie en Inkomenswaarborg",
    "Directie Langdurige Zorg",
    "Directie Jeugd, Familie en Leefstijl",
    "Directie Fiscale Zaken",
    "Directie Kinderopvang",
    "Directie Mobiliteit",
    "Directie Woningmarkt",
    "Directie Arbeidsmarkt",
    "Directie Onderwijsprestaties",
]
ORGANISATIES = [
    "UWV",
    "Sociale Verzekeringsbank",
    "DUO",
    "Belastingdienst",
    "Dienst Toeslagen",
    "CAK",
    "RVO",
    "IND",
    "CJIB",
    "COA",
    "CBR",
    "RDW",
    "Kadaster",
    "Gemeenten (VNG)",
    "Zorginstituut Nederland",
    "Nederlandse Arbeidsinspectie",
    "NVWA",
    "Rijkswaterstaat",
    "Logius",
    "Dienst Justitiële Inrichtingen",
    "Kamer van Koophandel",
    "Zorgkantoren",
]
SOORTEN_REGELING = ["Wet", "Regeling", "Besluit", "Tijdelijke regeling", "Wijzigingsbesluit"]
ONDERWERPEN = [
    "tegemoetkoming energiekosten",
    "kinderopvangtoeslag bij Wlz-indicatie",
    "vereenvoudiging bijstand",
    "huurtoeslag voor jongeren",
    "studiefinanciering basisbeurs",
    "compensatie transitievergoeding",
    "inburgering",
    "schuldhulpverlening",
    "mantelzorgwaardering",
    "persoonsgebonden budget",
    "zorgtoeslag bij wisselend inkomen",
    "vrijstelling giften in de bijstand",
    "aanvullend geboorteverlof",
    "subsidie isolatiemaatregelen",
    "tegemoetkoming ouders met een kind met een beperking",
    "omscholingsbudget",
    "leven lang ontwikkelen",
    "tijdelijke noodopvang",
    "herstel hersteloperatie toeslagen",
    "werkloosheidswet voor zzp'ers",
    "gratis kinderopvang voor werkende ouders",
    "verhoging minimumloon",
    "eigen risico in de zorg",
    "verhuurderheffing",
    "tozo-terugbetaling",
    "bedrijfsopvolgingsregeling",
    "reiskostenvergoeding studenten",
    "rijbewijs vanaf zeventien",
    "afvalstoffenheffing",
    "waterschapsbelasting",
]
DOELGROEPEN = [
    "Huishoudens met een laag inkomen",
    "Ouders met jonge kinderen",
    "Studenten in het hoger onderwijs",
    "Zelfstandigen zonder personeel",
    "Mensen met een langdurige zorgindicatie en hun mantelzorgers",
    "Statushouders die inburgeren",
    "Werkgevers in het midden- en kleinbedrijf",
    "Huurders in de sociale huursector",
    "Jongeren tussen 18 en 27 jaar",
    "Gepensioneerden met een klein aanvullend pensioen",
]
AANNAMES = [
    "De doelgroep weet dat zij recht heeft op de regeling.",
    "Een groot deel van de doelgroep vraagt de regeling binnen een jaar aan.",
    "Het aanvraagproces is eenvoudig genoeg om zonder hulp te doorlopen.",
    "De benodigde gegevens zijn bij de uitvoering beschikbaar.",
    "De systemen kunnen de wijziging op tijd verwerken.",
    "Het aantal bezwaren blijft binnen de gebruikelijke marge.",
    "Gemeenten kunnen de doelgroep bereiken via hun bestaande kanalen.",
    "De uitvoeringskosten blijven binnen de begroting.",
]
BEVINDING_TITELS = [
    "Gebruik blijft achter bij de verwachting",
    "Aanvragers begrijpen de voorwaarden niet",
    "Relatief veel afwijzingen",
    "Regeling is beperkt bekend bij professionals",
    "Aanvraagformulier vraagt gegevens die de overheid al heeft",
    "Lange doorlooptijd van aanvragen",
    "Onbedoeld effect voor alleenstaande ouders",
    "Uitvoering moet handmatig controleren",
    "Gegevensuitwisseling komt laat op gang",
    "Klantcontactcentrum krijgt veel vragen",
    "Doelgroep ervaart de regeling als ondersteunend",
    "Samenwerking tussen uitvoeringsorganisaties verloopt goed",
]
BRONNEN = {
    "media": ["NOS", "Trouw", "de Volkskrant", "NRC", "RTL Nieuws", "Zorgvisie", "regionale omroep"],
    "burgerbrief": ["Burgerbrief aan de minister", "Brief via de Nationale ombudsman", "E-mail aan het ministerie"],
    "klacht": ["Klantcontactcentrum", "Klachtenformulier", "Klachtenregistratie uitvoering"],
    "bezwaar": ["Afdeling bezwaar en beroep", "Bezwaarschrift"],
    "uitvoeringssignaal": ["Signaal uit de uitvoering", "Werkoverleg uitvoeringsorganisatie", "Ketenoverleg"],
    "kamervragen": ["Schriftelijke vragen Tweede Kamer", "Mondelinge vragen"],
    "anders": ["Belangenorganisatie", "Sociale media", "Maatschappelijk werk"],
}
SIGNAAL_SOORT_GEWICHT = {
    "media": 8,
    "burgerbrief": 10,
    "klacht": 40,
    "bezwaar": 15,
    "uitvoeringssignaal": 20,
    "kamervragen": 1,
    "anders": 6,
}
SAMENVATTINGEN = [
    "Aanvrager begrijpt niet waarom de aanvraag is afgewezen.",
    "Ouders vinden de regeling niet op de website.",
    "Het formulier vraagt om een bewijsstuk dat de aanvrager niet heeft.",
    "De beslistermijn is overschreden.",
    "Professionals in de zorg kennen de regeling niet.",
    "De toeslag sluit niet aan op de zorgsituatie thuis.",
    "Dubbele uitvraag van gegevens bij verschillende organisaties.",
    "Aanvrager vreest terugvordering en ziet af van een aanvraag.",
]

# (status, share of all dossiers). Researched: in onderzoek, ter vaststelling, vastgesteld (55%).
STATUS_MIX = [
    ("geregistreerd", 0.10),
    ("screening", 0.08),
    ("geen_invoeringstoets", 0.27),
    ("in_onderzoek", 0.25),
    ("ter_vaststelling", 0.05),
    ("vastgesteld", 0.25),
]
PATH = ["geregistreerd", "screening", "in_onderzoek", "ter_vaststelling", "vastgesteld"]
RESEARCHED = {"in_onderzoek", "ter_vaststelling", "vastgesteld"}
VRAGEN = ["1A", "1B", "1C", "2A", "2B", "2C"]


@dataclass
class Summary:
    """What the measurements need to know of the generated data."""

    dossiers: int = 0
    findings: int = 0
    signals: int = 0
    by_status: dict[str, list[int]] = field(default_factory=dict)
    largest: int = 0  # the approved dossier with the most signals and findings
    smallest: int = 0  # the approved dossier with the fewest
    kernteam_dossiers: list[int] = field(default_factory=list)  # in onderzoek, with the demo kernteam user


def spread(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """`total` split over the weights, each at least `minimum`, summing exactly to `total`."""
    rest = total - minimum * len(weights)
    scale = rest / sum(weights)
    counts = [minimum + int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % len(counts)] += 1
    return counts


def heavy_tail(rng: random.Random, n: int) -> list[float]:
    """Weights where most are near 1 and a few are ten or more times that, as dossier sizes are."""
    return [min(rng.paretovariate(1.6), 40.0) for _ in range(n)]


@contextmanager
def own_timestamps(*models) -> Iterator[None]:
    """Let bulk_create keep the timestamps we set, instead of auto_now(_add) putting today on every row."""
    saved = []
    for model in models:
        for f in model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                saved.append((f, f.auto_now, f.auto_now_add))
                f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


class Generator:
    def __init__(self, n: int, seed: int = SEED, today: date | None = None):
        from django.utils import timezone

        self.n = n
        self.rng = random.Random(seed)
        self.today = today or timezone.localdate()
        self.tz = timezone.get_current_timezone()
        self.summary = Summary()

    def moment(self, day: date) -> datetime:
        day = min(day, self.today)
        return datetime.combine(day, time(self.rng.randint(8, 17), self.rng.randint(0, 59)), tzinfo=self.tz)

    def users(self):
        """The demo users, and colleagues of each role so that work is spread over many people."""
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group

        from dossiers.constants import Role

        User = get_user_model()
        demo = {u.username: u for u in User.objects.filter(username__in=["beleid", "kernteam", "management"])}
        if len(demo) != 3:
            raise SystemExit("Eerst `manage.py demo` draaien: de generator gebruikt de demo-gebruikers.")
        pools = {Role.BELEIDSMEDEWERKER: 40, Role.KERNTEAM: 200, Role.MANAGEMENT: 20}
        created = {}
        for role, count in pools.items():
            prefix = f"bench-{role.value.lower()}"
            wanted = [
                User(
                    username=f"{prefix}-{i:03d}",
                    first_name=self.rng.choice(VOORNAMEN),
                    last_name=self.rng.choice(ACHTERNAMEN),
                )
                for i in range(count)
            ]
            existing = {u.username: u for u in User.objects.filter(username__startswith=f"{prefix}-")}
            new = [u for u in wanted if u.username not in existing]
            for user in new:
                user.set_unusable_password()  # colleagues on paper: nobody logs in as them
            group = Group.objects.get_or_create(name=role.value)[0]
            User.groups.through.objects.bulk_create(
                [User.groups.through(user_id=u.pk, group_id=group.pk) for u in User.objects.bulk_create(new)],
                batch_size=BATCH,
            )
            created[role] = [existing.get(u.username, u) for u in wanted]
        self.beleid = [demo["beleid"], *created[Role.BELEIDSMEDEWERKER]]
        self.kernteam = created[Role.KERNTEAM]
        self.demo_kernteam = demo["kernteam"]
        self.management = [demo["management"], *created[Role.MANAGEMENT]]

    def run(self) -> Summary:
        from django.db import transaction

        from dossiers import models as d
        from indicatoren import models as i

        with transaction.atomic(), own_timestamps(*_all_models(d, i)):
            self.users()
            self.regelingen()
            self.ex_ante()
            self.dossiers()
            self.screenings()
            self.signalen()
            self.research()
            self.conclusies()
        return self.summary

    # -- the regeling and its dossier -----------------------------------------------------------------------

    def regelingen(self):
        from simple_history.utils import bulk_create_with_history

        from dossiers import organisaties as lijst
        from dossiers.models import Aanname, Regeling, RegelingUitvoerder

        rng = self.rng
        self.organisaties = lijst.uitvoeringsorganisaties(ORGANISATIES)
        ministeries = [lijst.ministerie(naam) for naam in MINISTERIES]
        directies = {m.pk: [lijst.directie(naam, m) for naam in DIRECTIES] for m in ministeries}

        weights = [share for _, share in STATUS_MIX]
        self.status = [rng.choices([s for s, _ in STATUS_MIX], weights)[0] for _ in range(self.n)]
        regelingen, seen = [], {}
        for _ in range(self.n):
            inwerking = self.today - timedelta(days=rng.randint(30, 6 * 365))
            naam = f"{rng.choice(SOORTEN_REGELING)} {rng.choice(ONDERWERPEN)} {inwerking.year}"
            seen[naam] = seen.get(naam, 0) + 1
            if seen[naam] > 1:
                naam = f"{naam} ({seen[naam]})"
            registered = self.moment(inwerking - timedelta(days=rng.randint(60, 400)))
            author = rng.choice(self.beleid)
            regelingen.append(
                Regeling(
                    naam=naam,
                    ministerie=(ministerie := rng.choice(ministeries)),
                    directie=rng.choice(directies[ministerie.pk]),
                    wettelijke_grondslag=f"Artikel {rng.randint(1, 60)} van de {naam.split(' ', 1)[1]}",
                    inwerkingtreding=inwerking,
                    doelgroep=rng.choice(DOELGROEPEN),
                    verwachte_omvang=int(10 ** rng.uniform(2.7, 5.7)),
                    omvang_toelichting="schatting uit de memorie van toelichting",
                    created_by=author,
                    updated_by=author,
                    created_at=registered,
                    updated_at=registered,
                )
            )
        self.regelingen_ = bulk_create_with_history(regelingen, Regeling, batch_size=BATCH, default_user=self.beleid[0])
        # The lead organisation of each regeling: what its findings under 2A-2C are about.
        self.leidend = {}
        rijen = []
        for r in self.regelingen_:
            for volgorde, o in enumerate(rng.sample(self.organisaties, rng.choice([1, 1, 2, 2, 3]))):
                rijen.append(RegelingUitvoerder(regeling_id=r.pk, organisatie_id=o.pk, volgorde=volgorde))
                self.leidend.setdefault(r.pk, o.pk)
        RegelingUitvoerder.objects.bulk_create(rijen, batch_size=BATCH)
        aannames = []
        for r in self.regelingen_:
            for volgorde, tekst in enumerate(rng.sample(AANNAMES, rng.randint(2, 6))):
                bron = "uitvoeringstoets" if volgorde % 2 else "voorbereiding"
                aannames.append(Aanname(regeling=r, tekst=tekst, bron=bron, volgorde=volgorde))
        self.aannames = Aanname.objects.bulk_create(aannames, batch_size=BATCH)

    def ex_ante(self):
        from indicatoren.models import DoenvermogenBeoordeling, Regeldruktoets, Uitvoeringstoets

        rng, impact = self.rng, ["ingrijpend", "middelgroot", "beperkt", "nvt"]
        toetsen, regeldruk, doen = [], [], []
        for r in self.regelingen_:
            if rng.random() < 0.7:
                toetsen.append(
                    Uitvoeringstoets(
                        regeling=r,
                        **{name: rng.choice(impact) for name in Uitvoeringstoets.IMPACT_FIELDS},
                        risico_procesverstoringen=rng.choice(["groot", "gemiddeld", "klein"]),
                        automatisering_incidenteel=rng.randrange(0, 5_000_000, 50_000),
                        automatisering_structureel=rng.randrange(0, 2_000_000, 50_000),
                        fte_structureel=rng.randint(0, 40),
                        invoering_mogelijk_per=r.inwerkingtreding,
                        beslag_portfolio=rng.choice(["klein", "middelgroot", "groot"]),
                        eindoordeel=rng.choice(["uitvoerbaar", "uitvoerbaar", "onder_voorwaarden"]),
                        updated_by=r.created_by,
                        updated_at=r.created_at,
                    )
                )
            if rng.random() < 0.5:
                regeldruk.append(
                    Regeldruktoets(
                        regeling=r,
                        uren_per_jaar=rng.randint(-5000, 50000),
                        euro_per_jaar=rng.randint(-100_000, 2_000_000),
                        atr_oordeel=rng.choice(["indienen", "na_aanpassing", "geen_advies"]),
                        updated_by=r.created_by,
                        updated_at=r.created_at,
                    )
                )
            if rng.random() < 0.3:
                for eis in ["plannen", "in_actie_komen", "volhouden", "tegenslagen", "veranderingen"]:
                    doen.append(
                        DoenvermogenBeoordeling(
                            regeling=r,
                            eis=eis,
                            niveau=rng.choice(["laag", "gemiddeld", "hoog"]),
                            updated_by=r.created_by,
                            updated_at=r.created_at,
                        )
                    )
        Uitvoeringstoets.objects.bulk_create(toetsen, batch_size=BATCH)
        Regeldruktoets.objects.bulk_create(regeldruk, batch_size=BATCH)
        DoenvermogenBeoordeling.objects.bulk_create(doen, batch_size=BATCH)

    def dossiers(self):
        from simple_history.utils import bulk_create_with_history

        from dossiers.models import Dossier, StatusChange

        rng = self.rng
        dossiers, self.status_at = [], []
        for r, status in zip(self.regelingen_, self.status, strict=True):
            # Each step after registration takes a few months; the last one is the dossier's current status.
            steps = self.path_of(status)
            moments = [r.created_at]
            for _ in steps[1:]:
                moments.append(min(moments[-1] + timedelta(days=rng.randint(20, 200)), self.moment(self.today)))
            self.status_at.append(list(zip(steps, moments, strict=True)))
            herscreening = None
            if status == "geen_invoeringstoets" and rng.random() < 0.05:
                herscreening = self.moment(self.today - timedelta(days=rng.randint(0, 60)))
            dossiers.append(
                Dossier(
                    regeling=r,
                    status=status,
                    created_at=r.created_at,
                    status_changed_at=moments[-1],
                    herscreening_sinds=herscreening,
                    herscreening_reden="Na het besluit zijn 14 nieuwe signalen vastgelegd." if herscreening else "",
                )
            )
        self.dossiers_ = bulk_create_with_history(dossiers, Dossier, batch_size=BATCH, default_user=self.beleid[0])
        changes = []
        for dossier, path in zip(self.dossiers_, self.status_at, strict=True):
            previous = ""
            for status, at in path:
                actor = rng.choice(self.management if status in {"vastgesteld", "in_onderzoek"} else self.beleid)
                changes.append(
                    StatusChange(dossier=dossier, from_status=previous, to_status=status, actor=actor, at=at)
                )
                previous = status
        StatusChange.objects.bulk_create(changes, batch_size=BATCH)

        through = Dossier.kernteam.through
        members = []
        for k, dossier in enumerate(self.dossiers_):
            self.summary.by_status.setdefault(dossier.status, []).append(dossier.pk)
            if dossier.status not in RESEARCHED:
                continue
            team = rng.sample(self.kernteam, rng.randint(2, 5))
            # The demo kernteam user works on some dossiers in onderzoek: the load run's kernteam journey.
            if dossier.status == "in_onderzoek" and k % 4 == 0:
                team.append(self.demo_kernteam)
                self.summary.kernteam_dossiers.append(dossier.pk)
            members.extend(through(dossier_id=dossier.pk, user_id=u.pk) for u in team)
        through.objects.bulk_create(members, batch_size=BATCH)
        self.summary.dossiers = len(self.dossiers_)

    @staticmethod
    def path_of(status: str) -> list[str]:
        if status == "geen_invoeringstoets":
            return ["geregistreerd", "screening", "geen_invoeringstoets"]
        return PATH[: PATH.index(status) + 1]

    # -- screening and signals ------------------------------------------------------------------------------

    def screenings(self):
        from indicatoren.constants import Indicator
        from indicatoren.models import GebruikPeriode, Screening, ScreeningIndicator

        rng = self.rng
        screenings, owners = [], []
        for dossier, path in zip(self.dossiers_, self.status_at, strict=True):
            moments = dict(path)
            if "screening" not in moments:
                continue
            started = moments["screening"]
            decided = next((at for status, at in path if status in {"geen_invoeringstoets", "in_onderzoek"}), None)
            author = rng.choice(self.beleid)
            screenings.append(
                Screening(
                    dossier=dossier,
                    besluit=("nee" if dossier.status == "geen_invoeringstoets" else "ja") if decided else "",
                    motivering="Het gebruik blijft achter en er zijn klachten over het aanvraagproces."
                    if decided
                    else "",
                    peildatum=started.date(),
                    herscreening_op=started.date() + timedelta(days=365)
                    if dossier.status == "geen_invoeringstoets"
                    else None,
                    created_by=author,
                    created_at=started,
                    updated_by=author,
                    updated_at=decided or started,
                    decided_by=author if decided else None,
                    decided_at=decided,
                )
            )
            owners.append(dossier)
        screenings = Screening.objects.bulk_create(screenings, batch_size=BATCH)
        rows = []
        for screening in screenings:
            for indicator in Indicator:
                applies = rng.random() < 0.3
                sterkte = rng.choice(["zwak", "matig", "sterk"]) if applies else ""
                rows.append(
                    ScreeningIndicator(
                        screening=screening,
                        indicator=indicator.value,
                        van_toepassing=applies,
                        sterkte=sterkte,
                        toelichting="Zie de cijfers van de uitvoeringsorganisatie." if applies else "",
                        voorstel_van_toepassing=applies,
                        voorstel_sterkte=sterkte,
                        voorstel_reden="Voorgesteld op grond van de gegevens tot de peildatum.",
                    )
                )
        ScreeningIndicator.objects.bulk_create(rows, batch_size=BATCH)

        gebruik = []
        for dossier in owners:
            start = dossier.regeling.inwerkingtreding.replace(day=1)
            verwacht = dossier.regeling.verwachte_omvang / 12
            for m in range(rng.randint(6, 36)):
                periode = date(start.year + (start.month - 1 + m) // 12, (start.month - 1 + m) % 12 + 1, 1)
                if periode > self.today:
                    break
                aanvragen = int(verwacht * rng.uniform(0.1, 1.3))
                toekenningen = int(aanvragen * rng.uniform(0.4, 0.9))
                gebruik.append(
                    GebruikPeriode(
                        dossier=dossier,
                        periode=periode,
                        aanvragen=aanvragen,
                        toekenningen=toekenningen,
                        afwijzingen=aanvragen - toekenningen,
                    )
                )
        GebruikPeriode.objects.bulk_create(gebruik, batch_size=BATCH)

    def signalen(self):
        from django.db import connection

        from indicatoren.csvimport import signaal_writer
        from indicatoren.models import SignaalImport

        rng = self.rng
        self.signal_counts = spread(SIGNALS_PER_DOSSIER * self.n, heavy_tail(rng, self.n))
        # Large dossiers got part of their signals from a CSV import, as implementing organisations deliver them.
        imports = SignaalImport.objects.bulk_create(
            [
                SignaalImport(
                    dossier=dossier,
                    bestandsnaam=f"signalen-{dossier.pk}.csv",
                    aantal_rijen=count - 50,
                    created_by=rng.choice(self.beleid),
                    created_at=self.moment(self.today - timedelta(days=rng.randint(0, 300))),
                )
                for dossier, count in zip(self.dossiers_, self.signal_counts, strict=True)
                if count > 200
            ],
            batch_size=BATCH,
        )
        import_of = {imp.dossier_id: imp for imp in imports}
        soorten, gewichten = list(SIGNAAL_SOORT_GEWICHT), list(SIGNAAL_SOORT_GEWICHT.values())
        adapt_date = connection.ops.adapt_datefield_value
        adapt_moment = connection.ops.adapt_datetimefield_value
        with signaal_writer() as write:
            for dossier, count in zip(self.dossiers_, self.signal_counts, strict=True):
                start = dossier.regeling.inwerkingtreding
                span = max((self.today - start).days, 1)
                batch = import_of.get(dossier.pk)
                for k in range(count):
                    soort = rng.choices(soorten, gewichten)[0]
                    datum = start + timedelta(days=rng.randrange(span))
                    imported = batch is not None and k >= 50
                    write(
                        (
                            dossier.pk,
                            soort,
                            adapt_date(datum),
                            rng.choice(BRONNEN[soort]),
                            rng.choice(SAMENVATTINGEN),
                            rng.choice([None, None, None, rng.randint(2, 40)]),
                            "https://www.rijksoverheid.nl/onderwerpen" if soort == "media" else "",
                            adapt_moment(batch.created_at if imported else self.moment(datum)),
                            batch.created_by_id if imported else rng.choice(self.beleid).pk,
                            batch.pk if imported else None,
                        )
                    )
        self.summary.signals = sum(self.signal_counts)

    # -- research and conclusion ----------------------------------------------------------------------------

    def research(self):
        from django.db.models import F, Window
        from django.db.models.functions import RowNumber
        from simple_history.utils import bulk_create_with_history

        from dossiers.models import AannameToetsing, Bevinding, Deelnemer, Onderzoeksactiviteit, Planning
        from indicatoren.models import Signaal

        rng = self.rng
        researched = [(k, d) for k, d in enumerate(self.dossiers_) if d.status in RESEARCHED]
        finding_counts = spread(
            FINDINGS_PER_DOSSIER * self.n, [self.signal_counts[k] ** 0.5 for k, _ in researched], minimum=3
        )
        moments = [dict(path) for path in self.status_at]

        planningen, deelnemers, activiteiten = [], [], []
        for k, dossier in researched:
            begin = moments[k]["in_onderzoek"]
            author = rng.choice(self.kernteam)
            planningen.append(
                Planning(
                    dossier=dossier,
                    start=begin.date(),
                    beoogd_einde=begin.date() + timedelta(days=rng.randint(90, 240)),
                    moment="Een jaar na inwerkingtreding: dan zijn de eerste aanvragen afgehandeld.",
                    updated_by=author,
                    updated_at=begin,
                )
            )
            for j in range(rng.randint(1, 3)):
                deelnemers.append(
                    Deelnemer(
                        dossier=dossier,
                        naam=f"Werkgroeplid {j + 1}",
                        organisatie=rng.choice(ORGANISATIES),
                        rol=rng.choice(["werkgroep", "werkgroep", "extern"]),
                    )
                )
            for _ in range(rng.randint(2, 5)):
                day = begin + timedelta(days=rng.randint(0, 120))
                activiteiten.append(
                    Onderzoeksactiviteit(
                        dossier=dossier,
                        datum=min(day.date(), self.today),
                        soort=rng.choice(["interviews", "enquete", "documentstudie", "werkgroep", "klantreis"]),
                        bereik=rng.randint(5, 400),
                        samenvatting="Gesprekken met aanvragers en professionals over hun ervaringen.",
                        created_by=author,
                        created_at=day,
                        updated_by=author,
                        updated_at=day,
                    )
                )
        Planning.objects.bulk_create(planningen, batch_size=BATCH)
        Deelnemer.objects.bulk_create(deelnemers, batch_size=BATCH)
        activiteiten = Onderzoeksactiviteit.objects.bulk_create(activiteiten, batch_size=BATCH)
        activiteit_of: dict[int, list[int]] = {}
        for a in activiteiten:
            activiteit_of.setdefault(a.dossier_id, []).append(a.pk)

        bevindingen = []
        for (k, dossier), count in zip(researched, finding_counts, strict=True):
            begin = moments[k]["in_onderzoek"]
            for j in range(count):
                vraag = VRAGEN[j % 6] if j < 6 else rng.choice(VRAGEN)
                soort = rng.choice(["ervaring", "knelpunt", "knelpunt", "onbedoeld_effect"])
                discriminerend = vraag in {"1B", "2B"} and rng.random() < 0.05
                author = rng.choice(self.kernteam)
                at = begin + timedelta(days=rng.randint(1, 150))
                bevindingen.append(
                    Bevinding(
                        dossier=dossier,
                        vraag=vraag,
                        titel=rng.choice(BEVINDING_TITELS),
                        tekst="Uit de interviews en de cijfers van de uitvoering blijkt dat "
                        + rng.choice(SAMENVATTINGEN).lower(),
                        soort=soort,
                        ernst=rng.choice(["", "laag", "midden", "hoog"]),
                        bewijskracht=rng.choice(["", "zwak", "redelijk", "sterk"]),
                        discriminerend=discriminerend,
                        discriminatie_toelichting="Alleenstaande ouders worden vaker afgewezen."
                        if discriminerend
                        else "",
                        organisatie_id=self.leidend[dossier.regeling_id] if vraag.startswith("2") else None,
                        created_by=author,
                        created_at=at,
                        updated_by=author,
                        updated_at=at,
                    )
                )
        bevindingen = bulk_create_with_history(bevindingen, Bevinding, batch_size=BATCH, default_user=self.kernteam[0])
        self.summary.findings = len(bevindingen)

        # A finding rests on some of the dossier's newest signals and on an activity.
        researched_ids = [d.pk for _, d in researched]
        newest = (
            Signaal.objects.filter(dossier_id__in=researched_ids)
            .annotate(rang=Window(RowNumber(), partition_by=[F("dossier_id")], order_by=[F("datum").desc()]))
            .filter(rang__lte=3)
            .values_list("dossier_id", "pk")
        )
        signalen_of: dict[int, list[int]] = {}
        for dossier_id, pk in newest:
            signalen_of.setdefault(dossier_id, []).append(pk)
        signaal_links, activiteit_links = [], []
        for b in bevindingen:
            if rng.random() < 0.4 and signalen_of.get(b.dossier_id):
                signaal_links.extend(
                    Bevinding.signalen.through(bevinding_id=b.pk, signaal_id=s)
                    for s in rng.sample(signalen_of[b.dossier_id], 1)
                )
            if rng.random() < 0.6:
                activiteit_links.append(
                    Bevinding.activiteiten.through(
                        bevinding_id=b.pk, onderzoeksactiviteit_id=rng.choice(activiteit_of[b.dossier_id])
                    )
                )
        Bevinding.signalen.through.objects.bulk_create(signaal_links, batch_size=BATCH)
        Bevinding.activiteiten.through.objects.bulk_create(activiteit_links, batch_size=BATCH)

        # Every assumption is tested once the conclusion is offered; in onderzoek, about half of them.
        status_of = {d.regeling_id: d.status for _, d in researched}
        toetsingen = [
            AannameToetsing(
                aanname=a,
                oordeel=rng.choice(["klopt", "klopt_deels", "klopt_niet", "onbekend"]),
                toelichting="Getoetst aan de cijfers en de interviews.",
                updated_by=rng.choice(self.kernteam),
                updated_at=self.moment(self.today),
            )
            for a in self.aannames
            if a.regeling_id in status_of and (status_of[a.regeling_id] != "in_onderzoek" or rng.random() < 0.5)
        ]
        AannameToetsing.objects.bulk_create(toetsingen, batch_size=BATCH)

        # Of one status, so that their pages show the same parts and can be compared query for query.
        sizes = {d.pk: self.signal_counts[k] for k, d in researched if d.status == "vastgesteld"} or {
            d.pk: self.signal_counts[k] for k, d in enumerate(self.dossiers_)
        }
        self.summary.largest = max(sizes, key=sizes.get)
        self.summary.smallest = min(sizes, key=sizes.get)

    def conclusies(self):
        from dossiers.models import Aanbeveling, Actie, Conclusie, Opvolging

        rng = self.rng
        uitkomsten = ["geen_actie", "monitoring", "verder_onderzoek", "ingrijpen", "escalatie"]
        conclusies = []
        for k, dossier in enumerate(self.dossiers_):
            if dossier.status not in RESEARCHED or (dossier.status == "in_onderzoek" and rng.random() < 0.5):
                continue
            moments = dict(self.status_at[k])
            vastgesteld = moments.get("vastgesteld")
            conclusies.append(
                Conclusie(
                    dossier=dossier,
                    uitkomst=rng.choice(uitkomsten),
                    toelichting="De regeling werkt voor wie haar gebruikt, maar bereikt de doelgroep onvoldoende.",
                    updated_by=rng.choice(self.kernteam),
                    updated_at=moments.get("ter_vaststelling") or moments["in_onderzoek"],
                    vastgesteld_by=rng.choice(self.management) if vastgesteld else None,
                    vastgesteld_at=vastgesteld,
                )
            )
        conclusies = Conclusie.objects.bulk_create(conclusies, batch_size=BATCH)
        aanbevelingen, opvolgingen, acties = [], [], []
        for c in conclusies:
            for volgorde in range(rng.randint(1, 4)):
                aanbevelingen.append(
                    Aanbeveling(
                        conclusie=c,
                        tekst="Maak de regeling beter bekend bij professionals en vereenvoudig het formulier.",
                        adressaat=rng.choice(["beleid", "uitvoering", "wetgeving", "communicatie"]),
                        prioriteit=rng.choice(["hoog", "midden", "laag"]),
                        volgorde=volgorde,
                    )
                )
            if c.vastgesteld_at is None:
                continue
            if c.uitkomst in {"monitoring", "escalatie"}:
                opvolgingen.append(
                    Opvolging(
                        conclusie=c,
                        monitoring_op=c.vastgesteld_at.date() + timedelta(days=365)
                        if c.uitkomst == "monitoring"
                        else None,
                        escalatie_naar="De ministerraad" if c.uitkomst == "escalatie" else "",
                        updated_by=c.vastgesteld_by,
                        updated_at=c.vastgesteld_at,
                    )
                )
            for _ in range(rng.randint(0, 3)):
                deadline = c.vastgesteld_at.date() + timedelta(days=rng.randint(30, 400))
                done = deadline < self.today and rng.random() < 0.7
                acties.append(
                    Actie(
                        conclusie=c,
                        omschrijving="Voorlichtingscampagne voor professionals in de zorg.",
                        eigenaar=rng.choice(self.beleid),
                        deadline=deadline,
                        afgerond_op=deadline if done else None,
                        created_by=c.vastgesteld_by,
                        created_at=c.vastgesteld_at,
                    )
                )
        Aanbeveling.objects.bulk_create(aanbevelingen, batch_size=BATCH)
        Opvolging.objects.bulk_create(opvolgingen, batch_size=BATCH)
        Actie.objects.bulk_create(acties, batch_size=BATCH)


def _all_models(*modules) -> list:
    from django.db import models

    found = {
        value: None
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, models.Model) and not value._meta.abstract
    }
    return list(found)


def generate(n: int, seed: int = SEED) -> Summary:
    return Generator(n, seed).run()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dossiers", type=int, default=10_000, help="aantal regelingen en dossiers")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "invoeringstoets.settings")
    django.setup()
    summary = generate(args.dossiers, args.seed)
    print(f"{summary.dossiers} dossiers, {summary.findings} bevindingen, {summary.signals} signalen")


if __name__ == "__main__":
    main()

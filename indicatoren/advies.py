"""The screening's advice: for every indicator, what the recorded data suggest, and why.

One rule per indicator. Each rule reads the facts of a dossier up to the peildatum (`Feiten`) and returns a
`Voorstel`: applies or not, how strongly, and the reason in a Dutch sentence a beleidsmedewerker can check. Where
the data cannot tell, the proposal says so (`van_toepassing=None`) and the beleidsmedewerker judges alone.
The thresholds below are the knobs; change them here, and the tests in `tests/test_advies.py` show their effect.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from dossiers.models import Dossier
from invoeringstoets.formats import aantal, getal, maand, procent

from .constants import Impact, Indicator, Niveau, Risico, SignaalSoort, Sterkte
from .models import AndereToets, DoenvermogenBeoordeling, GebruikPeriode, Regeldruktoets, Signaal, Uitvoeringstoets

# Signals count over the twelve months before the peildatum: older news says little about today.
SIGNAAL_VENSTER_MAANDEN = 12
MEDIA_DREMPEL = 3
BURGERBRIEVEN_DREMPEL = 5
OVERIGE_SIGNALEN_DREMPEL = 3
# Complaints "rise" when the last three months hold at least this many and half again as many as the three before.
KLACHTEN_VENSTER_MAANDEN = 3
KLACHTEN_MINIMUM = 5
KLACHTEN_STIJGING = 1.5
# Usage is judged only after six months of figures, against the expected size of the target group.
GEBRUIK_MINIMUM_MAANDEN = 6
GEBRUIK_VER_ONDER = 0.5
GEBRUIK_ZEER_VER_ONDER = 0.25
GEBRUIK_VER_BOVEN = 1.5
GEBRUIK_ZEER_VER_BOVEN = 2.0


@dataclass(frozen=True)
class Voorstel:
    van_toepassing: bool | None  # None: the data cannot tell
    sterkte: str
    reden: str


@dataclass
class Feiten:
    """What the rules may look at: the ex-ante tests, and signals and usage up to the peildatum."""

    peildatum: date
    verwachte_omvang: int | None = None
    uitvoeringstoets: Uitvoeringstoets | None = None
    regeldruk: Regeldruktoets | None = None
    doenvermogen: list[DoenvermogenBeoordeling] = field(default_factory=list)
    andere_toetsen: list[AndereToets] = field(default_factory=list)
    # Weighted number of signals (a row with aantal=12 counts 12) per (soort, first day of the month).
    signalen: dict[tuple[str, date], int] = field(default_factory=dict)
    gebruik: list[GebruikPeriode] = field(default_factory=list)

    def signalen_tussen(self, soorten: set[str], van: date, tot: date) -> int:
        """Weighted signals of these kinds in the months from `van` up to and including `tot`'s month."""
        return sum(n for (soort, month), n in self.signalen.items() if soort in soorten and van <= month <= tot)

    def signalen_in_venster(self, soorten: set[str], maanden: int = SIGNAAL_VENSTER_MAANDEN) -> int:
        laatste = self.peildatum.replace(day=1)
        return self.signalen_tussen(soorten, laatste - relativedelta(months=maanden - 1), laatste)


def feiten_voor(dossier: Dossier, peildatum: date) -> Feiten:
    """Gather the facts in a fixed number of queries, however many signals the dossier has."""
    regeling = dossier.regeling
    per_maand = (
        Signaal.objects.filter(dossier=dossier, datum__lte=peildatum)
        .annotate(maand=TruncMonth("datum"))
        .values("soort", "maand")
        .annotate(n=Sum(Coalesce("aantal", Value(1))))
        .order_by()
    )
    return Feiten(
        peildatum=peildatum,
        verwachte_omvang=regeling.verwachte_omvang,
        uitvoeringstoets=Uitvoeringstoets.objects.filter(regeling=regeling).first(),
        regeldruk=Regeldruktoets.objects.filter(regeling=regeling).first(),
        doenvermogen=list(DoenvermogenBeoordeling.objects.filter(regeling=regeling)),
        andere_toetsen=list(AndereToets.objects.filter(regeling=regeling)),
        signalen={(row["soort"], row["maand"]): row["n"] for row in per_maand},
        gebruik=list(GebruikPeriode.objects.filter(dossier=dossier, periode__lte=peildatum).order_by("periode")),
    )


def _onbekend(reden: str) -> Voorstel:
    return Voorstel(van_toepassing=None, sterkte="", reden=reden)


def ict_risico(feiten: Feiten) -> Voorstel:
    toets = feiten.uitvoeringstoets
    if toets is None:
        return _onbekend("Er is geen uitvoeringstoets vastgelegd; beoordeel dit zelf.")
    maakbaarheid = Impact(toets.maakbaarheid_systemen)
    risico = Risico(toets.risico_procesverstoringen) if toets.risico_procesverstoringen else None
    beoordeling = f"Uitvoeringstoets: maakbaarheid systemen {maakbaarheid.label.lower()}" + (
        f", risico op procesverstoringen {risico.label.lower()}." if risico else "."
    )
    if maakbaarheid == Impact.INGRIJPEND or risico == Risico.GROOT:
        return Voorstel(True, Sterkte.STERK, beoordeling)
    if maakbaarheid == Impact.MIDDELGROOT or risico == Risico.GEMIDDELD:
        return Voorstel(True, Sterkte.ZWAK, beoordeling)
    return Voorstel(False, "", beoordeling)


def regeldruk(feiten: Feiten) -> Voorstel:
    toets = feiten.regeldruk
    if toets is None:
        return _onbekend("Er is geen regeldruktoets vastgelegd; beoordeel dit zelf.")
    stijging = toets.uren_per_jaar > 0 or toets.euro_per_jaar > 0
    beoordeling = (
        f"Regeldruktoets: {getal(toets.uren_per_jaar)} uur en € {aantal(toets.euro_per_jaar)} per jaar erbij voor "
        f"de doelgroep; oordeel ATR: {toets.get_atr_oordeel_display().lower()}."
    )
    if toets.atr_oordeel == "niet_indienen":
        return Voorstel(True, Sterkte.STERK, beoordeling)
    if stijging:
        sterkte = Sterkte.MATIG if toets.atr_oordeel == "na_aanpassing" else Sterkte.ZWAK
        return Voorstel(True, sterkte, beoordeling)
    return Voorstel(False, "", beoordeling)


def doenvermogen(feiten: Feiten) -> Voorstel:
    if not feiten.doenvermogen:
        return _onbekend("Er is geen doenvermogentoets vastgelegd; beoordeel dit zelf.")
    hoog = [b.get_eis_display().lower() for b in feiten.doenvermogen if b.niveau == Niveau.HOOG]
    gemiddeld = [b for b in feiten.doenvermogen if b.niveau == Niveau.GEMIDDELD]
    if hoog:
        reden = f"De doenvermogentoets vraagt veel bij: {', '.join(hoog)}."
        return Voorstel(True, Sterkte.STERK if len(hoog) >= 2 else Sterkte.MATIG, reden)
    if len(gemiddeld) >= 2:
        return Voorstel(
            True, Sterkte.ZWAK, f"De doenvermogentoets vraagt bij {len(gemiddeld)} punten een gemiddeld beroep."
        )
    return Voorstel(False, "", "De doenvermogentoets vraagt nergens een hoog beroep op het doenvermogen.")


def andere_ex_ante(feiten: Feiten) -> Voorstel:
    if not feiten.andere_toetsen:
        return _onbekend("Er zijn geen andere ex-ante toetsen vastgelegd.")
    namen = ", ".join(toets.naam for toets in feiten.andere_toetsen)
    return _onbekend(f"Vastgelegd: {namen}. De applicatie kan hun uitkomst niet wegen; beoordeel die zelf.")


def _drempelregel(soorten: set[str], drempel: int, wat: str) -> Callable[[Feiten], Voorstel]:
    """Signals of these kinds in the window: at or above the threshold the indicator applies."""

    def regel(feiten: Feiten) -> Voorstel:
        n = feiten.signalen_in_venster(soorten)
        reden = f"{aantal(n)} {wat} in de {SIGNAAL_VENSTER_MAANDEN} maanden tot de peildatum (drempel {drempel})."
        if n < drempel:
            return Voorstel(False, "", reden)
        sterkte = Sterkte.STERK if n >= 3 * drempel else Sterkte.MATIG if n >= 2 * drempel else Sterkte.ZWAK
        return Voorstel(True, sterkte, reden)

    return regel


media = _drempelregel({SignaalSoort.MEDIA}, MEDIA_DREMPEL, "mediasignalen")
burgerbrieven = _drempelregel({SignaalSoort.BURGERBRIEF}, BURGERBRIEVEN_DREMPEL, "burgerbrieven")


def klachten(feiten: Feiten) -> Voorstel:
    """A rising number of complaints: the last three months against the three before."""
    laatste = feiten.peildatum.replace(day=1)
    begin_recent = laatste - relativedelta(months=KLACHTEN_VENSTER_MAANDEN - 1)
    begin_vorig = begin_recent - relativedelta(months=KLACHTEN_VENSTER_MAANDEN)
    recent = feiten.signalen_tussen({SignaalSoort.KLACHT}, begin_recent, laatste)
    vorig = feiten.signalen_tussen({SignaalSoort.KLACHT}, begin_vorig, begin_recent - relativedelta(days=1))
    reden = (
        f"{aantal(recent)} klachten in {maand(begin_recent)} tot en met {maand(laatste)}, "
        f"tegen {aantal(vorig)} in de drie maanden daarvoor."
    )
    if recent >= KLACHTEN_MINIMUM and recent >= KLACHTEN_STIJGING * vorig and recent > vorig:
        return Voorstel(True, Sterkte.STERK if recent >= 2 * max(vorig, 1) else Sterkte.MATIG, "Stijgend: " + reden)
    return Voorstel(False, "", reden)


def gebruik(feiten: Feiten) -> Voorstel:
    """Actual use (grants so far) against the expected size of the target group."""
    if not feiten.verwachte_omvang:
        return _onbekend("De verwachte omvang van de doelgroep is niet bekend.")
    if len(feiten.gebruik) < GEBRUIK_MINIMUM_MAANDEN:
        return _onbekend(
            f"Er zijn gegevens over {len(feiten.gebruik)} maanden; het gebruik is pas na "
            f"{GEBRUIK_MINIMUM_MAANDEN} maanden te beoordelen."
        )
    toekenningen = sum(p.toekenningen for p in feiten.gebruik)
    aanvragen = sum(p.aanvragen for p in feiten.gebruik)
    verhouding = toekenningen / feiten.verwachte_omvang
    reden = (
        f"Tot en met {maand(feiten.gebruik[-1].periode)}: {aantal(toekenningen)} toekenningen op "
        f"{aantal(aanvragen)} aanvragen, {procent(verhouding)} van de verwachte {aantal(feiten.verwachte_omvang)}."
    )
    if verhouding < GEBRUIK_ZEER_VER_ONDER or verhouding > GEBRUIK_ZEER_VER_BOVEN:
        return Voorstel(True, Sterkte.STERK, reden)
    if verhouding < GEBRUIK_VER_ONDER or verhouding > GEBRUIK_VER_BOVEN:
        return Voorstel(True, Sterkte.MATIG, reden)
    return Voorstel(False, "", reden)


def overige_signalen(feiten: Feiten) -> Voorstel:
    """Kamervragen weigh heavily on their own; other signals from practice count towards a threshold."""
    kamervragen = feiten.signalen_in_venster({SignaalSoort.KAMERVRAGEN})
    overig = feiten.signalen_in_venster({SignaalSoort.UITVOERINGSSIGNAAL, SignaalSoort.BEZWAAR, SignaalSoort.ANDERS})
    reden = (
        f"{aantal(kamervragen)} keer Kamervragen en {aantal(overig)} uitvoeringssignalen, bezwaren en andere "
        f"signalen in de {SIGNAAL_VENSTER_MAANDEN} maanden tot de peildatum."
    )
    if kamervragen:
        return Voorstel(True, Sterkte.STERK, reden)
    if overig >= OVERIGE_SIGNALEN_DREMPEL:
        return Voorstel(True, Sterkte.MATIG if overig >= 3 * OVERIGE_SIGNALEN_DREMPEL else Sterkte.ZWAK, reden)
    return Voorstel(False, "", reden)


REGELS: dict[Indicator, Callable[[Feiten], Voorstel]] = {
    Indicator.UITVOERINGSTOETS_ICT: ict_risico,
    Indicator.REGELDRUK: regeldruk,
    Indicator.DOENVERMOGEN: doenvermogen,
    Indicator.EX_ANTE_OVERIG: andere_ex_ante,
    Indicator.MEDIA: media,
    Indicator.BURGERBRIEVEN: burgerbrieven,
    Indicator.KLACHTEN: klachten,
    Indicator.GEBRUIK: gebruik,
    Indicator.UITVOERING_OVERIG: overige_signalen,
}


def adviseer(feiten: Feiten) -> dict[str, Voorstel]:
    """A proposal for every indicator of both phases."""
    return {indicator.value: regel(feiten) for indicator, regel in REGELS.items()}

"""Writes of the indicatoren app: ex-ante test results, signals, usage, the screening and re-screening.

Every function checks the actor through `dossiers.rules` first and works inside one transaction. The status
transitions of the screening go through `dossiers.services.change_status`.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dossiers import rules
from dossiers.constants import DossierStatus
from dossiers.models import Bevinding, Dossier
from dossiers.services import change_status, lock_dossier, locked_for
from invoeringstoets.concurrency import save_singleton, update_with_revision
from invoeringstoets.history import audited
from invoeringstoets.inputs import Invoer

from . import csvimport
from .advies import Voorstel, adviseer, feiten_voor
from .constants import Besluit, Indicator
from .models import (
    SIGNAAL_IN_TOEKOMST,
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Signaal,
    SignaalImport,
    Uitvoeringstoets,
    signaal_in_toekomst,
)

# ---------------------------------------------------------------------------------------------------------------
# Ex-ante tests


@dataclass(frozen=True)
class DoenvermogenInput:
    eis: str
    niveau: str  # "" when not judged
    toelichting: str


@dataclass(frozen=True)
class AndereToetsInput:
    naam: str
    uitkomst: str
    document: str
    pk: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class UitvoeringstoetsInput(Invoer):
    """The summary table of the uitvoeringstoets (DOMAIN.md), as an implementing organisation delivers it."""

    interactie_burgers: str
    maakbaarheid_systemen: str
    handhaafbaarheid: str
    fraudebestendigheid: str
    complexiteitsgevolgen: str
    risico_procesverstoringen: str
    dienstverlening_incidenteel: int
    dienstverlening_structureel: int
    handhaving_incidenteel: int
    handhaving_structureel: int
    automatisering_incidenteel: int
    automatisering_structureel: int
    fte_incidenteel: Decimal
    fte_structureel: Decimal
    invoering_mogelijk_per: date | None
    beslag_portfolio: str
    beslag_portfolio_toelichting: str
    eindoordeel: str
    voorwaarden: str


@dataclass(frozen=True)
class RegeldruktoetsInput(Invoer):
    uren_per_jaar: Decimal
    euro_per_jaar: int
    atr_oordeel: str
    toelichting: str


@dataclass(frozen=True)
class SignaalInput(Invoer):
    soort: str
    datum: date
    bron: str
    samenvatting: str
    aantal: int | None = None
    link: str = ""


def _locked_for(actor: AbstractBaseUser, dossier: Dossier, check) -> Dossier:
    return locked_for(actor, dossier.pk, check)


@audited
def uitvoeringstoets_save(
    *, actor: AbstractBaseUser, dossier: Dossier, expected_revision: int | None, item: UitvoeringstoetsInput
) -> Uitvoeringstoets:
    dossier = _locked_for(actor, dossier, rules.check_edit_ex_ante)
    return save_singleton(
        Uitvoeringstoets,
        regeling=dossier.regeling,
        actor=actor,
        expected_revision=expected_revision,
        values=item.waarden(),
    )


@audited
def regeldruktoets_save(
    *, actor: AbstractBaseUser, dossier: Dossier, expected_revision: int | None, item: RegeldruktoetsInput
) -> Regeldruktoets:
    dossier = _locked_for(actor, dossier, rules.check_edit_ex_ante)
    return save_singleton(
        Regeldruktoets,
        regeling=dossier.regeling,
        actor=actor,
        expected_revision=expected_revision,
        values=item.waarden(),
    )


@audited
def doenvermogen_save(
    *, actor: AbstractBaseUser, dossier: Dossier, beoordelingen: list[DoenvermogenInput]
) -> list[DoenvermogenBeoordeling]:
    """Replace the judgement of each demand; a demand without a level is not judged and has no row."""
    dossier = _locked_for(actor, dossier, rules.check_edit_ex_ante)
    regeling = dossier.regeling
    for oud in DoenvermogenBeoordeling.objects.filter(regeling=regeling):
        oud.delete()
    return bulk_create_with_history(
        [
            DoenvermogenBeoordeling(
                regeling=regeling, eis=item.eis, niveau=item.niveau, toelichting=item.toelichting, updated_by=actor
            )
            for item in beoordelingen
            if item.niveau
        ],
        DoenvermogenBeoordeling,
        default_user=actor,
    )


@audited
def andere_toetsen_save(*, actor: AbstractBaseUser, dossier: Dossier, toetsen: list[AndereToetsInput]) -> None:
    dossier = _locked_for(actor, dossier, rules.check_edit_ex_ante)
    regeling = dossier.regeling
    existing = {toets.pk: toets for toets in AndereToets.objects.filter(regeling=regeling)}
    for item in toetsen:
        if item.pk is not None and item.pk not in existing:
            raise rules.NotPermitted("Deze toets hoort niet bij deze regeling.")
        toets = existing.get(item.pk)
        if item.delete:
            if toets:
                toets.delete()
        elif toets is None:
            AndereToets.objects.create(
                regeling=regeling, naam=item.naam, uitkomst=item.uitkomst, document=item.document
            )
        else:
            toets.naam, toets.uitkomst, toets.document = item.naam, item.uitkomst, item.document
            toets.save(update_fields=["naam", "uitkomst", "document"])


# ---------------------------------------------------------------------------------------------------------------
# Signals and usage

SIGNAAL_FIELDS = SignaalInput.kolommen()


def _check_signaal(item: SignaalInput) -> None:
    if signaal_in_toekomst(item.datum):
        raise ValidationError({"datum": f"De datum {SIGNAAL_IN_TOEKOMST}"})


@audited
def signaal_create(*, actor: AbstractBaseUser, dossier: Dossier, item: SignaalInput) -> Signaal:
    dossier = _locked_for(actor, dossier, rules.check_record_practice)
    _check_signaal(item)
    return Signaal.objects.create(dossier=dossier, created_by=actor, **item.waarden())


@audited
def signaal_update(*, actor: AbstractBaseUser, signaal: Signaal, item: SignaalInput) -> Signaal:
    _locked_for(actor, signaal.dossier, rules.check_record_practice)
    _check_signaal(item)
    for name, value in item.waarden().items():
        setattr(signaal, name, value)
    signaal.save(update_fields=SIGNAAL_FIELDS)
    return signaal


@audited
def signaal_delete(*, actor: AbstractBaseUser, signaal: Signaal) -> None:
    _locked_for(actor, signaal.dossier, rules.check_record_practice)
    rules.check_delete(signaal)
    signaal.delete()


def _locked_for_import(actor: AbstractBaseUser | None, dossier: Dossier) -> Dossier:
    """An import locks the dossier like any other write. `actor` None: an operator's command on the server."""
    if actor is None:
        return lock_dossier(dossier.pk)
    return _locked_for(actor, dossier, rules.check_record_practice)


@audited
def signalen_import(*, actor: AbstractBaseUser | None, dossier: Dossier, stream: BinaryIO, bestandsnaam: str):
    """Import a CSV file of signals, all or nothing; the import shows in the timeline."""
    dossier = _locked_for_import(actor, dossier)
    return csvimport.import_signalen(dossier=dossier, stream=stream, bestandsnaam=bestandsnaam, actor=actor)


@audited
def signaal_import_delete(*, actor: AbstractBaseUser, batch: SignaalImport) -> int:
    """Undo an import: its signals go, with the record of the import (which the timeline shows as removed)."""
    _locked_for(actor, batch.dossier, rules.check_record_practice)
    # The rows go without the ORM (see import_rows_delete), so the rule for kept signals is asked here, for all.
    bevinding = rules.kept_bevindingen(Bevinding.objects.filter(signalen__import_batch=batch)).first()
    if bevinding:
        raise rules.WrongStatus(
            "Deze import kan niet ongedaan worden gemaakt: signalen eruit onderbouwen de bevinding "
            f"‘{bevinding.titel}’ van een vastgestelde versie en blijven daarom bewaard."
        )
    aantal = batch.aantal_rijen
    import_rows_delete(batch)
    batch.delete()
    return aantal


def import_rows_delete(batch: SignaalImport) -> None:
    """An import's signals in two statements, as they were written: through the ORM each of 100,000 rows would be
    loaded and get a history row (signals typed by hand have one). Their links to findings go first."""
    links = Signaal.bevindingen.through
    links.objects.filter(signaal__import_batch=batch).delete()
    table = connection.ops.quote_name(Signaal._meta.db_table)
    column = connection.ops.quote_name(Signaal._meta.get_field("import_batch").column)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [batch.pk])  # noqa: S608 - names from the model


@dataclass(frozen=True)
class GebruikInput:
    periode: date
    aanvragen: int
    toekenningen: int
    afwijzingen: int
    delete: bool = False


@audited
def gebruik_save(*, actor: AbstractBaseUser, dossier: Dossier, maanden: list[GebruikInput]) -> None:
    dossier = _locked_for(actor, dossier, rules.check_record_practice)
    for item in maanden:
        periode = item.periode.replace(day=1)
        if item.delete:
            GebruikPeriode.objects.filter(dossier=dossier, periode=periode).delete()
            continue
        GebruikPeriode.objects.update_or_create(
            dossier=dossier,
            periode=periode,
            defaults={"aanvragen": item.aanvragen, "toekenningen": item.toekenningen, "afwijzingen": item.afwijzingen},
        )


@audited
def gebruik_import(*, actor: AbstractBaseUser | None, dossier: Dossier, stream: BinaryIO) -> int:
    """Import monthly use, all or nothing; every month shows in the timeline, as a typed one does."""
    dossier = _locked_for_import(actor, dossier)
    return csvimport.import_gebruik(dossier=dossier, stream=stream, actor=actor)


# ---------------------------------------------------------------------------------------------------------------
# The screening


@dataclass(frozen=True)
class IndicatorInput:
    indicator: str
    van_toepassing: bool
    sterkte: str
    toelichting: str
    afwijking_reden: str = ""


def current_screening(dossier: Dossier) -> Screening | None:
    return dossier.screenings.order_by("-created_at", "-pk").first()


def voorstellen(dossier: Dossier, peildatum: date) -> dict[str, Voorstel]:
    return adviseer(feiten_voor(dossier, peildatum))


@audited
def screening_start(*, actor: AbstractBaseUser, dossier: Dossier) -> Screening:
    """Start a (re-)screening: every indicator of both phases, each set to what the data propose."""
    dossier = lock_dossier(dossier.pk)
    rules.check_start_screening(actor, dossier)
    peildatum = timezone.localdate()
    screening = Screening.objects.create(dossier=dossier, peildatum=peildatum, created_by=actor, updated_by=actor)
    advies = voorstellen(dossier, peildatum)
    bulk_create_with_history(
        [
            ScreeningIndicator(
                screening=screening,
                indicator=indicator,
                van_toepassing=bool(advies[indicator].van_toepassing),
                sterkte=advies[indicator].sterkte,
                voorstel_van_toepassing=advies[indicator].van_toepassing,
                voorstel_sterkte=advies[indicator].sterkte,
                voorstel_reden=advies[indicator].reden,
            )
            for indicator in Indicator
        ],
        ScreeningIndicator,
        default_user=actor,
    )
    dossier.herscreening_sinds = None
    dossier.herscreening_reden = ""
    dossier.save(update_fields=["herscreening_sinds", "herscreening_reden"])
    change_status(dossier=dossier, actor=actor, to_status=DossierStatus.SCREENING)
    return screening


def _save(
    screening: Screening,
    actor: AbstractBaseUser,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    fields: dict,
) -> None:
    """Store the choices, and the proposals as they stand at the peildatum, so the record shows both."""
    if "besluit" in fields and fields.get("besluit") != Besluit.NEE:
        fields = {**fields, "herscreening_op": None}  # a re-screening date belongs to a "no" only
    peildatum = fields.get("peildatum") or screening.peildatum or timezone.localdate()
    advies = voorstellen(screening.dossier, peildatum)
    rows = {row.indicator: row for row in screening.indicatoren.all()}
    for item in indicatoren:
        row = rows.get(item.indicator)
        if row is None:
            raise rules.NotPermitted("Deze indicator hoort niet bij deze screening.")
        voorstel = advies[item.indicator]
        row.van_toepassing, row.sterkte = item.van_toepassing, item.sterkte if item.van_toepassing else ""
        row.toelichting, row.afwijking_reden = item.toelichting, item.afwijking_reden
        row.voorstel_van_toepassing, row.voorstel_sterkte, row.voorstel_reden = (
            voorstel.van_toepassing,
            voorstel.sterkte,
            voorstel.reden,
        )
    bulk_update_with_history(
        list(rows.values()),
        ScreeningIndicator,
        [
            "van_toepassing",
            "sterkte",
            "toelichting",
            "afwijking_reden",
            "voorstel_van_toepassing",
            "voorstel_sterkte",
            "voorstel_reden",
        ],
        default_user=actor,
    )
    update_with_revision(screening, actor=actor, expected_revision=expected_revision, values=fields)


def _locked_open_screening(dossier: Dossier, actor: AbstractBaseUser) -> tuple[Dossier, Screening]:
    dossier = lock_dossier(dossier.pk)
    rules.check_screen(actor, dossier)
    screening = current_screening(dossier)
    if screening is None or screening.is_decided:
        raise rules.WrongStatus("Er is geen open screening voor dit dossier; start eerst een screening.")
    return dossier, screening


@audited
def screening_save_draft(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    fields: dict,
) -> Screening:
    """`fields`: besluit, motivering, peildatum, herscreening_op, as far as the form has them."""
    dossier, screening = _locked_open_screening(dossier, actor)
    _save(screening, actor, expected_revision, indicatoren, fields)
    return screening


@audited
def screening_decide(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    fields: dict,
) -> Screening:
    """Record the decision: an invoeringstoets (in onderzoek) or not (geen invoeringstoets)."""
    dossier, screening = _locked_open_screening(dossier, actor)
    besluit, motivering = fields.get("besluit", ""), fields.get("motivering", "")
    if besluit not in Besluit.values or not motivering.strip():
        raise rules.WrongStatus("Kies een besluit en geef de motivering om de screening af te ronden.")
    if besluit == Besluit.JA and not any(item.van_toepassing for item in indicatoren):
        raise rules.WrongStatus(
            "Een invoeringstoets rust op ten minste één indicator die van toepassing is. Geef aan welke, "
            "desnoods ‘Andere signalen uit de praktijk’ met een toelichting."
        )
    _save(screening, actor, expected_revision, indicatoren, fields)
    zonder_reden = [
        row.get_indicator_display()
        for row in screening.indicatoren.all()
        if row.wijkt_af and not row.afwijking_reden.strip()
    ]
    if zonder_reden:
        raise rules.WrongStatus("Geef een reden waar u afwijkt van het voorstel: " + "; ".join(zonder_reden) + ".")
    screening.decided_by = actor
    screening.decided_at = timezone.now()
    screening.save(update_fields=["decided_by", "decided_at"])
    to_status = DossierStatus.IN_ONDERZOEK if besluit == Besluit.JA else DossierStatus.GEEN_INVOERINGSTOETS
    change_status(dossier=dossier, actor=actor, to_status=to_status, remark=motivering)
    return screening


# ---------------------------------------------------------------------------------------------------------------
# Re-screening


def herscreening_check(today: date | None = None) -> list[Dossier]:
    """Flag "geen invoeringstoets" dossiers whose re-screening date has come, or that received at least
    `HERSCREENING_SIGNAAL_DREMPEL` signals (weighted by count) since the decision. Run daily by Celery beat;
    safe to run again: a flagged dossier stays flagged until a new screening starts."""
    today = today or timezone.localdate()
    drempel = settings.HERSCREENING_SIGNAAL_DREMPEL
    laatste = Screening.objects.filter(dossier=OuterRef("pk"), decided_at__isnull=False).order_by("-decided_at")
    candidates = Dossier.objects.filter(
        status=DossierStatus.GEEN_INVOERINGSTOETS, herscreening_sinds__isnull=True
    ).annotate(
        besloten_op=Subquery(laatste.values("decided_at")[:1]),
        herscreening_op=Subquery(laatste.values("herscreening_op")[:1]),
    )
    nieuwe_signalen = (
        Signaal.objects.filter(dossier=OuterRef("pk"), created_at__gt=OuterRef("besloten_op"))
        .values("dossier")
        .annotate(n=Sum(Coalesce("aantal", Value(1))))
        .values("n")
    )
    candidates = candidates.annotate(
        nieuwe_signalen=Coalesce(Subquery(nieuwe_signalen, output_field=IntegerField()), 0)
    )
    flagged = []
    now = timezone.now()
    for dossier in candidates:
        redenen = []
        if dossier.herscreening_op and dossier.herscreening_op <= today:
            redenen.append(f"De datum om opnieuw te screenen ({dossier.herscreening_op:%d-%m-%Y}) is bereikt.")
        if dossier.nieuwe_signalen >= drempel:
            redenen.append(f"Sinds het besluit zijn {dossier.nieuwe_signalen} signalen vastgelegd (drempel {drempel}).")
        if redenen:
            dossier.herscreening_sinds = now
            dossier.herscreening_reden = " ".join(redenen)
            flagged.append(dossier)
    bulk_update_with_history(flagged, Dossier, ["herscreening_sinds", "herscreening_reden"])
    return flagged


def default_herscreening_op(today: date | None = None) -> date:
    """A "no" is looked at again after a year, unless the beleidsmedewerker picks another date."""
    today = today or timezone.localdate()
    return today + timedelta(days=365)

"""Writes of the indicator screening. The status transitions go through `dossiers.services.change_status`."""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from dossiers import rules
from dossiers.constants import DossierStatus
from dossiers.models import Dossier
from dossiers.services import change_status, lock_dossier

from .constants import Besluit, Indicator
from .models import Screening, ScreeningIndicator


@dataclass(frozen=True)
class IndicatorInput:
    indicator: str
    van_toepassing: bool
    sterkte: str
    toelichting: str


def current_screening(dossier: Dossier) -> Screening | None:
    return dossier.screenings.order_by("-created_at", "-pk").first()


@transaction.atomic
def screening_start(*, actor: AbstractBaseUser, dossier: Dossier) -> Screening:
    """Start a (re-)screening: a new screening with every indicator of both phases, not yet decided."""
    dossier = lock_dossier(dossier.pk)
    rules.check_start_screening(actor, dossier)
    screening = Screening.objects.create(dossier=dossier, created_by=actor, updated_by=actor)
    ScreeningIndicator.objects.bulk_create(
        ScreeningIndicator(screening=screening, indicator=indicator) for indicator in Indicator
    )
    change_status(dossier=dossier, actor=actor, to_status=DossierStatus.SCREENING)
    return screening


def _save(
    screening: Screening,
    actor: AbstractBaseUser,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    besluit: str,
    motivering: str,
) -> None:
    rows = {row.indicator: row for row in screening.indicatoren.all()}
    for item in indicatoren:
        row = rows.get(item.indicator)
        if row is None:
            raise rules.NotPermitted("Deze indicator hoort niet bij deze screening.")
        row.van_toepassing, row.sterkte, row.toelichting = item.van_toepassing, item.sterkte, item.toelichting
    ScreeningIndicator.objects.bulk_update(rows.values(), ["van_toepassing", "sterkte", "toelichting"])
    screening.besluit, screening.motivering = besluit, motivering
    screening.updated_by = actor
    screening.updated_at = timezone.now()
    screening.save_revision(
        expected_revision=expected_revision, fields=["besluit", "motivering", "updated_by", "updated_at"]
    )


def _locked_open_screening(dossier: Dossier, actor: AbstractBaseUser) -> tuple[Dossier, Screening]:
    dossier = lock_dossier(dossier.pk)
    rules.check_screen(actor, dossier)
    screening = current_screening(dossier)
    if screening is None or screening.is_decided:
        raise rules.WrongStatus("Er is geen open screening voor dit dossier; start eerst een screening.")
    return dossier, screening


@transaction.atomic
def screening_save_draft(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    besluit: str,
    motivering: str,
) -> Screening:
    dossier, screening = _locked_open_screening(dossier, actor)
    _save(screening, actor, expected_revision, indicatoren, besluit, motivering)
    return screening


@transaction.atomic
def screening_decide(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int,
    indicatoren: list[IndicatorInput],
    besluit: str,
    motivering: str,
) -> Screening:
    """Record the decision: an invoeringstoets (in onderzoek) or not (geen invoeringstoets)."""
    dossier, screening = _locked_open_screening(dossier, actor)
    if besluit not in Besluit.values or not motivering.strip():
        raise rules.WrongStatus("Kies een besluit en geef de motivering om de screening af te ronden.")
    if besluit == Besluit.JA and not any(item.van_toepassing for item in indicatoren):
        raise rules.WrongStatus(
            "Een invoeringstoets rust op ten minste één indicator die van toepassing is. Geef aan welke, "
            "desnoods ‘Andere signalen uit de praktijk’ met een toelichting."
        )
    _save(screening, actor, expected_revision, indicatoren, besluit, motivering)
    screening.decided_by = actor
    screening.decided_at = timezone.now()
    screening.save(update_fields=["decided_by", "decided_at"])
    to_status = DossierStatus.IN_ONDERZOEK if besluit == Besluit.JA else DossierStatus.GEEN_INVOERINGSTOETS
    change_status(dossier=dossier, actor=actor, to_status=to_status, remark=motivering)
    return screening

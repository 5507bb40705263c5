"""The conclusion and its approval, new versions after approval, and the follow-up of an approved outcome."""

import logging
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from invoeringstoets.concurrency import save_singleton, update_with_revision
from invoeringstoets.formats import datum
from invoeringstoets.history import audited
from invoeringstoets.inputs import Invoer

from .. import organisaties, rules
from ..constants import CentraleVraag, DossierStatus
from ..inhoud import dossier_inhoud
from ..models import Aanbeveling, Aanname, Actie, Conclusie, Dossier, Opvolging, Organisatie
from ..selectors import approved_conclusie, current_conclusie
from .common import change_status, locked_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class AanbevelingInput:
    tekst: str
    adressaat: str
    prioriteit: str = "midden"
    eigenaar: str = ""


@dataclass(frozen=True)
class ConclusieInput(Invoer):
    """One of the five outcomes, its explanation, and the recommendations in order."""

    relaties = ("aanbevelingen",)

    uitkomst: str
    toelichting: str
    aanbevelingen: tuple[AanbevelingInput, ...] = ()


@dataclass(frozen=True)
class OpvolgingInput(Invoer):
    monitoring_op: date | None = None
    escalatie_naar: str = ""
    toelichting: str = ""


@dataclass(frozen=True)
class ActieInput(Invoer):
    omschrijving: str
    deadline: date
    eigenaar: AbstractBaseUser | None = None
    eigenaar_organisatie: Organisatie | None = None


def _aanbevelingen_create(conclusie: Conclusie, aanbevelingen: list[AanbevelingInput], actor) -> None:
    bulk_create_with_history(
        [
            Aanbeveling(
                conclusie=conclusie,
                tekst=item.tekst,
                adressaat=item.adressaat,
                prioriteit=item.prioriteit,
                eigenaar=item.eigenaar,
                eigenaar_organisatie=organisaties.op_de_lijst(item.eigenaar) if item.eigenaar else None,
                volgorde=volgorde,
            )
            for volgorde, item in enumerate(aanbevelingen)
        ],
        Aanbeveling,
        default_user=actor,
    )


@audited
def conclusie_save(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int | None,
    item: ConclusieInput,
) -> Conclusie:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    conclusie = current_conclusie(dossier)
    if conclusie is None or conclusie.is_vastgesteld:
        if expected_revision is not None and conclusie is None:
            raise rules.WrongStatus("Deze conclusie bestaat niet meer; open de pagina opnieuw.")
        conclusie = Conclusie.objects.create(
            dossier=dossier,
            volgnummer=(conclusie.volgnummer + 1) if conclusie else 1,
            updated_by=actor,
            **item.waarden(),
        )
    else:
        update_with_revision(conclusie, actor=actor, expected_revision=expected_revision, values=item.waarden())
        for aanbeveling in conclusie.aanbevelingen.all():
            aanbeveling.delete()
    _aanbevelingen_create(conclusie, item.aanbevelingen, actor)
    return conclusie


def missing_for_submit(dossier: Dossier) -> list[str]:
    """What still has to be done before the conclusion can go to management, in Dutch, one item each."""
    missing = []
    answered = set(dossier.bevindingen.values_list("vraag", flat=True)) | set(
        dossier.geen_bevindingen.values_list("vraag", flat=True)
    )
    for vraag in CentraleVraag:
        if vraag.value not in answered:
            missing.append(f"Vraag {vraag.value} heeft nog geen bevinding en geen verklaring ‘geen bevindingen’.")
    unassessed = Aanname.objects.filter(regeling=dossier.regeling_id, toetsing__isnull=True).count()
    if unassessed:
        missing.append(
            "Er is nog 1 aanname niet getoetst."
            if unassessed == 1
            else f"Er zijn nog {unassessed} aannames niet getoetst."
        )
    conclusie = current_conclusie(dossier)
    if conclusie is None or conclusie.is_vastgesteld:
        missing.append("Er is nog geen conclusie vastgelegd.")
    return missing


@audited
def dossier_submit(*, actor: AbstractBaseUser, dossier: Dossier) -> Dossier:
    dossier = locked_for(actor, dossier.pk, rules.check_submit)
    missing = missing_for_submit(dossier)
    if missing:
        raise rules.WrongStatus("De conclusie kan nog niet ter vaststelling: " + " ".join(missing))
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.TER_VASTSTELLING)


@audited
def dossier_approve(*, actor: AbstractBaseUser, dossier: Dossier) -> Dossier:
    """Approve the current conclusion and freeze it, with the whole dossier as it stands, as a permanent record."""
    dossier = locked_for(actor, dossier.pk, rules.check_decide)
    conclusie = current_conclusie(dossier)
    conclusie.vastgesteld_by = actor
    conclusie.vastgesteld_at = timezone.now()
    conclusie.vastgestelde_inhoud = dossier_inhoud(dossier.pk, conclusie=conclusie)
    conclusie.save(update_fields=["vastgesteld_by", "vastgesteld_at", "vastgestelde_inhoud"])
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.VASTGESTELD)


@audited
def dossier_return(*, actor: AbstractBaseUser, dossier: Dossier, remark: str) -> Dossier:
    dossier = locked_for(actor, dossier.pk, rules.check_decide)
    if not remark.strip():
        raise rules.WrongStatus("Geef een opmerking mee als u de conclusie terugstuurt.")
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.IN_ONDERZOEK, remark=remark)


@audited
def dossier_reopen(*, actor: AbstractBaseUser, dossier: Dossier, reden: str) -> Conclusie:
    """A change after approval: the research opens again on a new version of the conclusion, which starts as a
    copy of the approved one. The approved version stays exactly as it was, and stays readable."""
    dossier = locked_for(actor, dossier.pk, rules.check_reopen)
    if not reden.strip():
        raise rules.WrongStatus("Geef de reden voor een nieuwe versie.")
    vastgesteld = current_conclusie(dossier)
    nieuw = Conclusie.objects.create(
        dossier=dossier,
        volgnummer=vastgesteld.volgnummer + 1,
        uitkomst=vastgesteld.uitkomst,
        toelichting=vastgesteld.toelichting,
        updated_by=actor,
    )
    _aanbevelingen_create(
        nieuw,
        [
            AanbevelingInput(tekst=a.tekst, adressaat=a.adressaat, prioriteit=a.prioriteit, eigenaar=a.eigenaar)
            for a in vastgesteld.aanbevelingen.all()
        ],
        actor,
    )
    change_status(
        dossier=dossier,
        actor=actor,
        to_status=DossierStatus.IN_ONDERZOEK,
        remark=f"Nieuwe versie {nieuw.volgnummer} van de conclusie: {reden}",
    )
    return nieuw


# ---------------------------------------------------------------------------------------------------------------
# Follow-up of an approved outcome


@audited
def opvolging_save(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int | None,
    item: OpvolgingInput,
) -> Opvolging:
    dossier = locked_for(actor, dossier.pk, rules.check_follow_up)
    return save_singleton(
        Opvolging,
        conclusie=approved_conclusie(dossier),
        actor=actor,
        expected_revision=expected_revision,
        values=item.waarden(),
        gone="Deze opvolging bestaat niet meer; open de pagina opnieuw.",
    )


@audited
def actie_create(*, actor: AbstractBaseUser, dossier: Dossier, item: ActieInput) -> Actie:
    dossier = locked_for(actor, dossier.pk, rules.check_follow_up)
    if (item.eigenaar is None) == (item.eigenaar_organisatie is None):
        raise ValidationError({"eigenaar": "Kies als eigenaar een persoon of een organisatie (één van beide)."})
    return Actie.objects.create(conclusie=approved_conclusie(dossier), created_by=actor, **item.waarden())


@audited
def actie_afronden(*, actor: AbstractBaseUser, actie: Actie, afgerond: bool = True) -> Actie:
    locked_for(actor, actie.conclusie.dossier_id, rules.check_follow_up)
    actie.afgerond_op = timezone.localdate() if afgerond else None
    actie.save(update_fields=["afgerond_op"])
    return actie


def acties_herinneren(today: date | None = None) -> int:
    """E-mail the owner of every open action that is due and was not reminded yet. Safe to run twice: an action
    is marked as reminded in the same transaction as it is picked, and a failed mail leaves it for the next run."""
    today = today or timezone.localdate()
    sent = 0
    due = Actie.objects.filter(afgerond_op__isnull=True, herinnerd_op__isnull=True, deadline__lte=today)
    for actie_id in due.values_list("pk", flat=True):
        try:
            sent += _herinner(actie_id)
        except Exception:
            # The action stays unreminded (its transaction rolled back) and is tried again on the next run.
            logger.exception("Herinnering voor actie %s is niet verstuurd", actie_id)
    logger.info("Herinneringen voor acties verstuurd: %s", sent)
    return sent


@transaction.atomic
def _herinner(actie_id: int) -> int:
    actie = (
        # Only the action's row is locked: its owner is a person or an organisation (outer joins, which
        # PostgreSQL does not lock).
        Actie.objects.select_for_update(of=("self",))
        .select_related("eigenaar", "eigenaar_organisatie", "created_by", "conclusie__dossier__regeling")
        .filter(pk=actie_id, herinnerd_op__isnull=True)
        .first()
    )
    ontvanger = actie.herinnering_aan if actie else None
    if ontvanger is None or not ontvanger.email:
        return 0
    dossier = actie.conclusie.dossier
    organisatie = not actie.eigenaar_id
    send_mail(
        # One line whatever was stored before line breaks were refused: a break would start a new mail header.
        subject=" ".join(f"Actie uiterlijk {datum(actie.deadline)}: {dossier.regeling.naam}".split()),
        message=(
            f"Beste {ontvanger.get_full_name() or ontvanger.username},\n\n"
            f"De volgende actie uit de invoeringstoets van {dossier.regeling.naam} moest uiterlijk "
            f"{datum(actie.deadline)} af:\n\n{actie.omschrijving}\n\n"
            + (f"Eigenaar: {actie.eigenaar_organisatie.naam}; u legde de actie vast.\n\n" if organisatie else "")
            + f"Zie {settings.SITE_URL}{reverse('dossiers:opvolging', args=[dossier.pk])}\n"
        ),
        from_email=None,
        recipient_list=[ontvanger.email],
    )
    Actie.objects.filter(pk=actie.pk).update(herinnerd_op=timezone.now())
    return 1

"""Every write to a dossier and its research goes through one function here.

Each function checks the actor and the dossier's status first (through `rules`), changes state inside one
transaction with the dossier row locked, and records who did it. Views stay thin: they call these and show
the result.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from invoeringstoets.concurrency import StaleEdit

from . import rules
from .constants import CentraleVraag, DossierStatus
from .models import (
    Aanbeveling,
    Aanname,
    AannameToetsing,
    Bevinding,
    Conclusie,
    Dossier,
    GeenBevindingen,
    Regeling,
    StatusChange,
    Uitvoeringsorganisatie,
)


@dataclass(frozen=True)
class AannameInput:
    tekst: str
    bron: str
    pk: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class AanbevelingInput:
    tekst: str
    adressaat: str


REGELING_FIELDS = [
    "naam",
    "ministerie",
    "directie",
    "wettelijke_grondslag",
    "inwerkingtreding",
    "doelgroep",
    "verwachte_omvang",
    "omvang_toelichting",
]


def lock_dossier(dossier_id: int) -> Dossier:
    """Lock the dossier row for the rest of the transaction, so two transitions never interleave."""
    return Dossier.objects.select_for_update().select_related("regeling").get(pk=dossier_id)


def change_status(
    *,
    dossier: Dossier,
    actor: AbstractBaseUser,
    to_status: str,
    remark: str = "",
) -> Dossier:
    """Move a locked dossier to `to_status` and write the history row. Callers check the rules first."""
    from_status = dossier.status
    dossier.status = to_status
    dossier.status_changed_at = timezone.now()
    dossier.save(update_fields=["status", "status_changed_at"])
    StatusChange.objects.create(
        dossier=dossier, from_status=from_status, to_status=to_status, actor=actor, remark=remark
    )
    return dossier


def _locked_and_checked(dossier_id: int, actor: AbstractBaseUser, check: Callable[..., None]) -> Dossier:
    dossier = lock_dossier(dossier_id)
    check(actor, dossier)
    return dossier


def _organisaties(names: Iterable[str]) -> list[Uitvoeringsorganisatie]:
    result = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        organisatie, _ = Uitvoeringsorganisatie.objects.get_or_create(naam=name)
        result.append(organisatie)
    return result


def _save_aannames(regeling: Regeling, aannames: Iterable[AannameInput]) -> None:
    existing = {a.pk: a for a in regeling.aannames.all()}
    for volgorde, item in enumerate(aannames):
        if item.pk is not None and item.pk not in existing:
            # An id from another regeling (a tampered form) is never touched.
            raise rules.NotPermitted("Deze aanname hoort niet bij deze regeling.")
        aanname = existing.get(item.pk) if item.pk else None
        if item.delete:
            if aanname:
                aanname.delete()
            continue
        if aanname is None:
            Aanname.objects.create(regeling=regeling, tekst=item.tekst, bron=item.bron, volgorde=volgorde)
        elif (aanname.tekst, aanname.bron, aanname.volgorde) != (item.tekst, item.bron, volgorde):
            aanname.tekst, aanname.bron, aanname.volgorde = item.tekst, item.bron, volgorde
            aanname.save(update_fields=["tekst", "bron", "volgorde"])


@transaction.atomic
def regeling_register(
    *,
    actor: AbstractBaseUser,
    data: dict,
    organisaties: list[str],
    aannames: list[AannameInput],
) -> Dossier:
    rules.check_register_regeling(actor)
    regeling = Regeling.objects.create(
        **{name: data[name] for name in REGELING_FIELDS}, created_by=actor, updated_by=actor
    )
    regeling.uitvoeringsorganisaties.set(_organisaties(organisaties))
    _save_aannames(regeling, aannames)
    dossier = Dossier.objects.create(regeling=regeling, status=DossierStatus.GEREGISTREERD)
    StatusChange.objects.create(dossier=dossier, from_status="", to_status=dossier.status, actor=actor)
    return dossier


@transaction.atomic
def regeling_update(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int,
    data: dict,
    organisaties: list[str],
    aannames: list[AannameInput],
) -> Regeling:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_edit_regeling)
    regeling = dossier.regeling
    for name in REGELING_FIELDS:
        setattr(regeling, name, data[name])
    regeling.updated_by = actor
    regeling.updated_at = timezone.now()
    regeling.save_revision(expected_revision=expected_revision, fields=[*REGELING_FIELDS, "updated_by", "updated_at"])
    regeling.uitvoeringsorganisaties.set(_organisaties(organisaties))
    _save_aannames(regeling, aannames)
    return regeling


@transaction.atomic
def kernteam_set(*, actor: AbstractBaseUser, dossier: Dossier, members: Iterable[AbstractBaseUser]) -> Dossier:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_assign_kernteam)
    dossier.kernteam.set(members)
    return dossier


@transaction.atomic
def bevinding_create(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str, titel: str, tekst: str) -> Bevinding:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_research)
    # A finding answers the question, so an earlier "geen bevindingen" no longer holds.
    GeenBevindingen.objects.filter(dossier=dossier, vraag=vraag).delete()
    return Bevinding.objects.create(
        dossier=dossier, vraag=vraag, titel=titel, tekst=tekst, created_by=actor, updated_by=actor
    )


@transaction.atomic
def bevinding_update(
    *, actor: AbstractBaseUser, bevinding: Bevinding, expected_revision: int, titel: str, tekst: str
) -> Bevinding:
    _locked_and_checked(bevinding.dossier_id, actor, rules.check_research)
    bevinding.titel, bevinding.tekst = titel, tekst
    bevinding.updated_by = actor
    bevinding.updated_at = timezone.now()
    bevinding.save_revision(expected_revision=expected_revision, fields=["titel", "tekst", "updated_by", "updated_at"])
    return bevinding


@transaction.atomic
def bevinding_delete(*, actor: AbstractBaseUser, bevinding: Bevinding) -> None:
    _locked_and_checked(bevinding.dossier_id, actor, rules.check_research)
    bevinding.delete()


@transaction.atomic
def geen_bevindingen_set(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str, reden: str) -> GeenBevindingen:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_research)
    if dossier.bevindingen.filter(vraag=vraag).exists():
        raise rules.WrongStatus(
            f"Vraag {vraag} heeft al bevindingen; verwijder die eerst als er echt geen bevindingen zijn."
        )
    record, _ = GeenBevindingen.objects.update_or_create(
        dossier=dossier, vraag=vraag, defaults={"reden": reden, "created_by": actor}
    )
    return record


@transaction.atomic
def geen_bevindingen_clear(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str) -> None:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_research)
    GeenBevindingen.objects.filter(dossier=dossier, vraag=vraag).delete()


@transaction.atomic
def aanname_toetsen(
    *,
    actor: AbstractBaseUser,
    aanname: Aanname,
    expected_revision: int | None,
    oordeel: str,
    toelichting: str,
) -> AannameToetsing:
    _locked_and_checked(aanname.regeling.dossier.pk, actor, rules.check_research)
    toetsing = AannameToetsing.objects.filter(aanname=aanname).first()
    if toetsing is None:
        if expected_revision is not None:
            # The form was opened on an existing assessment that has since been removed.
            raise rules.WrongStatus("Deze toetsing bestaat niet meer; open de pagina opnieuw.")
        return AannameToetsing.objects.create(
            aanname=aanname, oordeel=oordeel, toelichting=toelichting, updated_by=actor
        )
    if expected_revision is None:
        raise StaleEdit(toetsing)
    toetsing.oordeel, toetsing.toelichting = oordeel, toelichting
    toetsing.updated_by = actor
    toetsing.updated_at = timezone.now()
    toetsing.save_revision(
        expected_revision=expected_revision, fields=["oordeel", "toelichting", "updated_by", "updated_at"]
    )
    return toetsing


def current_conclusie(dossier: Dossier) -> Conclusie | None:
    return dossier.conclusies.order_by("-volgnummer").first()


@transaction.atomic
def conclusie_save(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int | None,
    uitkomst: str,
    toelichting: str,
    aanbevelingen: list[AanbevelingInput],
) -> Conclusie:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_research)
    conclusie = current_conclusie(dossier)
    if conclusie is None or conclusie.vastgesteld_at is not None:
        if expected_revision is not None and conclusie is None:
            raise rules.WrongStatus("Deze conclusie bestaat niet meer; open de pagina opnieuw.")
        conclusie = Conclusie.objects.create(
            dossier=dossier,
            volgnummer=(conclusie.volgnummer + 1) if conclusie else 1,
            uitkomst=uitkomst,
            toelichting=toelichting,
            updated_by=actor,
        )
    else:
        if expected_revision is None:
            raise StaleEdit(conclusie)
        conclusie.uitkomst, conclusie.toelichting = uitkomst, toelichting
        conclusie.updated_by = actor
        conclusie.updated_at = timezone.now()
        conclusie.save_revision(
            expected_revision=expected_revision, fields=["uitkomst", "toelichting", "updated_by", "updated_at"]
        )
        conclusie.aanbevelingen.all().delete()
    Aanbeveling.objects.bulk_create(
        Aanbeveling(conclusie=conclusie, tekst=item.tekst, adressaat=item.adressaat, volgorde=volgorde)
        for volgorde, item in enumerate(aanbevelingen)
    )
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
    if current_conclusie(dossier) is None:
        missing.append("Er is nog geen conclusie vastgelegd.")
    return missing


@transaction.atomic
def dossier_submit(*, actor: AbstractBaseUser, dossier: Dossier) -> Dossier:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_submit)
    missing = missing_for_submit(dossier)
    if missing:
        raise rules.WrongStatus("De conclusie kan nog niet ter vaststelling: " + " ".join(missing))
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.TER_VASTSTELLING)


@transaction.atomic
def dossier_approve(*, actor: AbstractBaseUser, dossier: Dossier) -> Dossier:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_decide)
    conclusie = current_conclusie(dossier)
    conclusie.vastgesteld_by = actor
    conclusie.vastgesteld_at = timezone.now()
    conclusie.save(update_fields=["vastgesteld_by", "vastgesteld_at"])
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.VASTGESTELD)


@transaction.atomic
def dossier_return(*, actor: AbstractBaseUser, dossier: Dossier, remark: str) -> Dossier:
    dossier = _locked_and_checked(dossier.pk, actor, rules.check_decide)
    if not remark.strip():
        raise rules.WrongStatus("Geef een opmerking mee als u de conclusie terugstuurt.")
    return change_status(dossier=dossier, actor=actor, to_status=DossierStatus.IN_ONDERZOEK, remark=remark)

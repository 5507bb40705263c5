"""Registering and editing a regeling, and composing the kernteam."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError

from invoeringstoets.concurrency import update_with_revision
from invoeringstoets.history import audited
from invoeringstoets.inputs import Invoer

from .. import organisaties, rules
from ..constants import DossierStatus
from ..models import Aanname, Dossier, Regeling, StatusChange
from .common import locked_for


@dataclass(frozen=True)
class AannameInput:
    tekst: str
    bron: str
    pk: int | None = None
    delete: bool = False


@dataclass(frozen=True)
class RegelingInput(Invoer):
    """A regeling as registered or edited: its columns, its implementing organisations (names, in order) and its
    assumptions (in order; with `pk` to change one, `delete` to remove one)."""

    relaties = ("uitvoeringsorganisaties", "aannames")

    naam: str
    ministerie: str
    directie: str
    wettelijke_grondslag: str
    inwerkingtreding: date
    doelgroep: str
    verwachte_omvang: int
    omvang_toelichting: str = ""
    uitvoeringsorganisaties: tuple[str, ...] = ()
    aannames: tuple[AannameInput, ...] = ()


REGELING_FIELDS = RegelingInput.kolommen()


def _velden(item: RegelingInput) -> dict:
    """The columns, with the typed ministerie and directie found on the list (or added to it, for beheer)."""
    values = item.waarden()
    values["ministerie"] = organisaties.ministerie(item.ministerie)
    values["directie"] = organisaties.directie(item.directie, values["ministerie"])
    return values


def _save_aannames(regeling: Regeling, aannames: Iterable[AannameInput]) -> None:
    existing = {a.pk: a for a in regeling.aannames.all()}
    for volgorde, item in enumerate(aannames):
        if item.pk is not None and item.pk not in existing:
            # An id from another regeling (a tampered form) is never touched.
            raise rules.NotPermitted("Deze aanname hoort niet bij deze regeling.")
        aanname = existing.get(item.pk) if item.pk else None
        if item.delete:
            if aanname:
                rules.check_delete(aanname)
                aanname.delete()
            continue
        if aanname is None:
            Aanname.objects.create(regeling=regeling, tekst=item.tekst, bron=item.bron, volgorde=volgorde)
        elif (aanname.tekst, aanname.bron, aanname.volgorde) != (item.tekst, item.bron, volgorde):
            aanname.tekst, aanname.bron, aanname.volgorde = item.tekst, item.bron, volgorde
            aanname.save(update_fields=["tekst", "bron", "volgorde"])


@audited
def regeling_register(*, actor: AbstractBaseUser, item: RegelingInput) -> Dossier:
    rules.check_register_regeling(actor)
    regeling = Regeling.objects.create(**_velden(item), created_by=actor, updated_by=actor)
    organisaties.zet_uitvoerders(regeling, organisaties.uitvoeringsorganisaties(item.uitvoeringsorganisaties))
    _save_aannames(regeling, item.aannames)
    dossier = Dossier.objects.create(regeling=regeling, status=DossierStatus.GEREGISTREERD)
    StatusChange.objects.create(dossier=dossier, from_status="", to_status=dossier.status, actor=actor)
    return dossier


@audited
def regeling_update(
    *,
    actor: AbstractBaseUser,
    dossier: Dossier,
    expected_revision: int | None,
    item: RegelingInput,
) -> Regeling:
    dossier = locked_for(actor, dossier.pk, rules.check_edit_regeling)
    regeling = update_with_revision(
        dossier.regeling, actor=actor, expected_revision=expected_revision, values=_velden(item)
    )
    nieuw = organisaties.uitvoeringsorganisaties(item.uitvoeringsorganisaties)
    weg = [o for o in regeling.uitvoerders if o not in nieuw]
    genoemd = sorted({b.organisatie.naam for b in dossier.bevindingen.filter(organisatie__in=weg)})
    if genoemd:
        raise ValidationError(
            f"{', '.join(genoemd)} kan niet van de regeling af: bevindingen van het onderzoek gaan erover. Wijzig "
            "eerst die bevindingen."
        )
    organisaties.zet_uitvoerders(regeling, nieuw)
    _save_aannames(regeling, item.aannames)
    return regeling


@audited
def kernteam_set(*, actor: AbstractBaseUser, dossier: Dossier, members: Iterable[AbstractBaseUser]) -> Dossier:
    dossier = locked_for(actor, dossier.pk, rules.check_assign_kernteam)
    dossier.kernteam.set(members)
    return dossier

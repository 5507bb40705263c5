"""The kernteam's research: participants, planning, activities, findings, assessments and evidence files."""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile

from invoeringstoets.concurrency import save_singleton, update_with_revision
from invoeringstoets.history import audited
from invoeringstoets.inputs import Invoer
from invoeringstoets.opslag import opslagfout

from .. import rules
from ..bewijs import Bestandssoort, veilige_naam
from ..constants import VRAGEN_MET_DISCRIMINATIE, VRAGEN_OVER_UITVOERING
from ..models import (
    Aanname,
    AannameToetsing,
    Bevinding,
    Bewijsstuk,
    Deelnemer,
    Dossier,
    GeenBevindingen,
    Onderzoeksactiviteit,
    Organisatie,
    Planning,
)
from .common import locked_for, own_objects

logger = logging.getLogger(__name__)


def delete_file_on_commit(file: FieldFile) -> None:
    """Remove a stored file only once the deletion of its record is committed, so a rollback keeps both."""
    if file:
        storage, name = file.storage, file.name
        transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------------------------------------------------------
# The team and the work


@dataclass(frozen=True)
class DeelnemerInput(Invoer):
    naam: str
    organisatie: str
    rol: str
    toelichting: str = ""


@dataclass(frozen=True)
class PlanningInput(Invoer):
    start: date | None
    beoogd_einde: date | None
    moment: str


@dataclass(frozen=True)
class ActiviteitInput(Invoer):
    datum: date
    soort: str
    bereik: int | None
    samenvatting: str


DEELNEMER_FIELDS = DeelnemerInput.kolommen()
ACTIVITEIT_FIELDS = ActiviteitInput.kolommen()
PLANNING_FIELDS = PlanningInput.kolommen()


@audited
def deelnemer_add(*, actor: AbstractBaseUser, dossier: Dossier, item: DeelnemerInput) -> Deelnemer:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    return Deelnemer.objects.create(dossier=dossier, **item.waarden())


@audited
def deelnemer_delete(*, actor: AbstractBaseUser, deelnemer: Deelnemer) -> None:
    locked_for(actor, deelnemer.dossier_id, rules.check_research)
    deelnemer.delete()


@audited
def planning_save(
    *, actor: AbstractBaseUser, dossier: Dossier, expected_revision: int | None, item: PlanningInput
) -> Planning:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    return save_singleton(
        Planning,
        dossier=dossier,
        actor=actor,
        expected_revision=expected_revision,
        values=item.waarden(),
        gone="Deze planning bestaat niet meer; open de pagina opnieuw.",
    )


@audited
def activiteit_create(*, actor: AbstractBaseUser, dossier: Dossier, item: ActiviteitInput) -> Onderzoeksactiviteit:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    return Onderzoeksactiviteit.objects.create(dossier=dossier, created_by=actor, updated_by=actor, **item.waarden())


@audited
def activiteit_update(
    *, actor: AbstractBaseUser, activiteit: Onderzoeksactiviteit, expected_revision: int | None, item: ActiviteitInput
) -> Onderzoeksactiviteit:
    locked_for(actor, activiteit.dossier_id, rules.check_research)
    return update_with_revision(activiteit, actor=actor, expected_revision=expected_revision, values=item.waarden())


@audited
def activiteit_delete(*, actor: AbstractBaseUser, activiteit: Onderzoeksactiviteit) -> None:
    locked_for(actor, activiteit.dossier_id, rules.check_research)
    rules.check_delete(activiteit)
    for bewijsstuk in activiteit.bewijsstukken.all():
        delete_file_on_commit(bewijsstuk.bestand)
    activiteit.delete()


# ---------------------------------------------------------------------------------------------------------------
# Findings


@dataclass(frozen=True)
class BevindingInput:
    titel: str
    tekst: str
    soort: str
    ernst: str = ""
    bewijskracht: str = ""
    discriminerend: bool = False
    discriminatie_toelichting: str = ""
    signalen: list[int] = field(default_factory=list)
    activiteiten: list[int] = field(default_factory=list)
    organisatie: int | None = None  # one of the regeling's uitvoeringsorganisaties

    def velden(self, vraag: str) -> dict:
        # Only the questions about bottlenecks carry a discriminatory aspect.
        discriminerend = self.discriminerend and vraag in VRAGEN_MET_DISCRIMINATIE
        return {
            "titel": self.titel,
            "tekst": self.tekst,
            "soort": self.soort,
            "ernst": self.ernst,
            "bewijskracht": self.bewijskracht,
            "discriminerend": discriminerend,
            "discriminatie_toelichting": self.discriminatie_toelichting if discriminerend else "",
        }


BEVINDING_FIELDS = list(BevindingInput("", "", "").velden("1A"))


def _organisatie(
    dossier: Dossier, vraag: str, gekozen: int | None, huidig: Organisatie | None = None
) -> Organisatie | None:
    """The uitvoeringsorganisatie a finding concerns: one of the regeling's, required under 2A-2C (where a regeling
    with one organisation needs no choice), optional under 1A-1C. The one a finding names already may stay."""
    if huidig is not None and gekozen == huidig.pk:
        return huidig
    uitvoerders = dossier.regeling.uitvoerders
    if gekozen is None:
        if vraag in VRAGEN_OVER_UITVOERING and len(uitvoerders) == 1:
            return uitvoerders[0]
        if vraag in VRAGEN_OVER_UITVOERING:
            raise ValidationError({"organisatie": "Kies de uitvoeringsorganisatie waar deze bevinding over gaat."})
        return None
    for organisatie in uitvoerders:
        if organisatie.pk == gekozen:
            return organisatie
    raise ValidationError({"organisatie": "Kies een uitvoeringsorganisatie van deze regeling."})


def _link(bevinding: Bevinding, item: BevindingInput) -> None:
    # bevinding.signalen.model: the signal model of indicatoren, reached through the relation, not an import.
    bevinding.signalen.set(own_objects(bevinding.signalen.model, item.signalen, dossier_id=bevinding.dossier_id))
    bevinding.activiteiten.set(own_objects(Onderzoeksactiviteit, item.activiteiten, dossier_id=bevinding.dossier_id))


@audited
def bevinding_create(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str, item: BevindingInput) -> Bevinding:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    # A finding answers the question, so an earlier "geen bevindingen" no longer holds.
    GeenBevindingen.objects.filter(dossier=dossier, vraag=vraag).delete()
    bevinding = Bevinding.objects.create(
        dossier=dossier,
        vraag=vraag,
        organisatie=_organisatie(dossier, vraag, item.organisatie),
        created_by=actor,
        updated_by=actor,
        **item.velden(vraag),
    )
    _link(bevinding, item)
    return bevinding


@audited
def bevinding_update(
    *, actor: AbstractBaseUser, bevinding: Bevinding, expected_revision: int | None, item: BevindingInput
) -> Bevinding:
    dossier = locked_for(actor, bevinding.dossier_id, rules.check_research)
    organisatie = _organisatie(dossier, bevinding.vraag, item.organisatie, huidig=bevinding.organisatie)
    values = {**item.velden(bevinding.vraag), "organisatie": organisatie}
    update_with_revision(bevinding, actor=actor, expected_revision=expected_revision, values=values)
    _link(bevinding, item)
    return bevinding


@audited
def bevinding_delete(*, actor: AbstractBaseUser, bevinding: Bevinding) -> None:
    locked_for(actor, bevinding.dossier_id, rules.check_research)
    rules.check_delete(bevinding)
    for bewijsstuk in bevinding.bewijsstukken.all():
        delete_file_on_commit(bewijsstuk.bestand)
    bevinding.delete()


@audited
def geen_bevindingen_set(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str, reden: str) -> GeenBevindingen:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    if dossier.bevindingen.filter(vraag=vraag).exists():
        raise rules.WrongStatus(
            f"Vraag {vraag} heeft al bevindingen; verwijder die eerst als er echt geen bevindingen zijn."
        )
    record, _ = GeenBevindingen.objects.update_or_create(
        dossier=dossier, vraag=vraag, defaults={"reden": reden, "created_by": actor}
    )
    return record


@audited
def geen_bevindingen_clear(*, actor: AbstractBaseUser, dossier: Dossier, vraag: str) -> None:
    dossier = locked_for(actor, dossier.pk, rules.check_research)
    for record in GeenBevindingen.objects.filter(dossier=dossier, vraag=vraag):
        record.delete()


# ---------------------------------------------------------------------------------------------------------------
# Assumptions against practice


@dataclass(frozen=True)
class ToetsingInput(Invoer):
    """An assumption checked against practice; `bevindingen`: the ids of the findings it rests on (None: unchanged)."""

    relaties = ("bevindingen",)

    oordeel: str
    toelichting: str
    bevindingen: tuple[int, ...] | None = None


@audited
def aanname_toetsen(
    *,
    actor: AbstractBaseUser,
    aanname: Aanname,
    expected_revision: int | None,
    item: ToetsingInput,
) -> AannameToetsing:
    dossier = locked_for(actor, aanname.regeling.dossier.pk, rules.check_research)
    toetsing = save_singleton(
        AannameToetsing,
        aanname=aanname,
        actor=actor,
        expected_revision=expected_revision,
        values=item.waarden(),
        gone="Deze toetsing bestaat niet meer; open de pagina opnieuw.",
    )
    if item.bevindingen is not None:
        toetsing.bevindingen.set(own_objects(Bevinding, item.bevindingen, dossier=dossier))
    return toetsing


# ---------------------------------------------------------------------------------------------------------------
# Evidence files


@audited
def bewijsstuk_add(
    *,
    actor: AbstractBaseUser,
    upload: UploadedFile,
    soort: Bestandssoort,
    omschrijving: str = "",
    bevinding: Bevinding | None = None,
    activiteit: Onderzoeksactiviteit | None = None,
    toetsing: AannameToetsing | None = None,
) -> Bewijsstuk:
    """Store a checked upload (see `dossiers.bewijs.controleer`) under a generated name, with its SHA-256."""
    parent = bevinding or activiteit or toetsing
    dossier_id = toetsing.aanname.regeling.dossier.pk if toetsing else parent.dossier_id
    locked_for(actor, dossier_id, rules.check_research)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    bewijsstuk = Bewijsstuk(
        dossier_id=dossier_id,
        bevinding=bevinding,
        activiteit=activiteit,
        toetsing=toetsing,
        naam=veilige_naam(upload.name or ""),
        soort=soort.label,
        mime_type=soort.mime_type,
        grootte=upload.size,
        sha256=digest.hexdigest(),
        omschrijving=omschrijving,
        uploaded_by=actor,
    )
    try:
        bewijsstuk.bestand.save(bewijsstuk.naam, upload, save=False)
    except Exception as exc:
        if melding := opslagfout(exc):
            logger.exception("Bewijsstuk voor dossier %s kon niet worden opgeslagen", dossier_id)
            raise ValidationError({"bestand": melding}) from exc
        raise
    # The file is in place: if its record is not stored after all, the file goes too. (A rollback later in the
    # request leaves a whole file without a record; the daily sweep, invoeringstoets.opslag.wezen, removes it.)
    try:
        bewijsstuk.save()
    except Exception:
        bewijsstuk.bestand.storage.delete(bewijsstuk.bestand.name)
        raise
    return bewijsstuk


@audited
def bewijsstuk_delete(*, actor: AbstractBaseUser, bewijsstuk: Bewijsstuk) -> None:
    locked_for(actor, bewijsstuk.dossier_id, rules.check_research)
    rules.check_delete(bewijsstuk)
    delete_file_on_commit(bewijsstuk.bestand)
    bewijsstuk.delete()

"""The timeline of a dossier: every recorded change to it and its parts, newest first (django-simple-history),
together with the lifecycle steps and their remarks."""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from itertools import pairwise

from django.contrib.auth import get_user_model
from django.db.models import Model

from invoeringstoets.formats import persoon
from invoeringstoets.history import display, field_changes

from . import onderdelen
from .models import (
    Aanbeveling,
    Aanname,
    AannameToetsing,
    Actie,
    Bevinding,
    Bewijsstuk,
    Conclusie,
    Deelnemer,
    Dossier,
    GeenBevindingen,
    Onderzoeksactiviteit,
    Opvolging,
    Planning,
    Regeling,
    StatusChange,
)

ACTIES = {"+": "voegde toe:", "~": "wijzigde", "-": "verwijderde"}
SYSTEEM = "het systeem"  # who a change without a person was made by (a task, a command)

# The field that names a record in the timeline; read from the record itself, so naming costs no queries.
NAAM_VELD = {
    "regeling": "naam",
    "aanname": "tekst",
    "aannametoetsing": "oordeel",
    "deelnemer": "naam",
    "onderzoeksactiviteit": "soort",
    "bevinding": "titel",
    "geenbevindingen": "vraag",
    "bewijsstuk": "naam",
    "conclusie": "uitkomst",
    "aanbeveling": "tekst",
    "actie": "omschrijving",
}


@dataclass
class Gebeurtenis:
    op: datetime
    door: str
    actie: str
    wat: str
    naam: str = ""
    record: object = None
    vorige: object = None
    vast: list[tuple[str, str, str]] = field(default_factory=list)

    @cached_property
    def wijzigingen(self) -> list[tuple[str, str, str]]:
        """Computed only for the events on the page shown: old and new value of every field that changed."""
        if self.vast or self.record is None or self.record.history_type != "~":
            return self.vast
        changes = field_changes(self.vorige, self.record)
        changes += _m2m_changes(self.vorige, self.record)
        return _with_names(changes)

    @property
    def tonen(self) -> bool:
        """A save that changed nothing a reader sees (only a revision) is left out."""
        return self.actie != ACTIES["~"] or bool(self.wijzigingen)


def _m2m_changes(old, new) -> list[tuple[str, str, str]]:
    """Changes in linked items (the kernteam, a finding's signals) for the models that track them."""
    m2m = getattr(new, "_history_m2m_fields", [])
    if not m2m or old is None:
        return []
    try:
        delta = new.diff_against(old, included_fields=[f.name for f in m2m])
    except Exception:  # a history row whose related rows are gone tells its own story well enough
        return []
    return [
        (
            str(new.instance_type._meta.get_field(change.field).verbose_name).capitalize(),
            f"{len(change.old)} gekoppeld",
            f"{len(change.new)} gekoppeld",
        )
        for change in delta.changes
    ]


def _with_names(changes: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Replace user ids (e.g. "Vastgesteld door: 3") by names, in one query."""
    users = {label: (old, new) for label, old, new in changes if label.endswith(" door")}
    if not users:
        return changes
    ids = {int(v) for pair in users.values() for v in pair if v.isdigit()}
    names = {str(u.pk): persoon(u) for u in get_user_model().objects.filter(pk__in=ids)}
    return [(label, names.get(old, old), names.get(new, new)) for label, old, new in changes]


def _bronnen(dossier: Dossier) -> list[tuple[type[Model], dict]]:
    """Each tracked model with the filter on its history that selects this dossier's records."""
    regeling_id = dossier.regeling_id
    conclusies = list(Conclusie.history.filter(dossier_id=dossier.pk).values_list("id", flat=True).distinct())
    aannames = list(Aanname.history.filter(regeling_id=regeling_id).values_list("id", flat=True).distinct())
    return [
        (Dossier, {"id": dossier.pk}),
        (Regeling, {"id": regeling_id}),
        (Aanname, {"regeling_id": regeling_id}),
        (AannameToetsing, {"aanname_id__in": aannames}),
        (Deelnemer, {"dossier_id": dossier.pk}),
        (Planning, {"dossier_id": dossier.pk}),
        (Onderzoeksactiviteit, {"dossier_id": dossier.pk}),
        (Bevinding, {"dossier_id": dossier.pk}),
        (GeenBevindingen, {"dossier_id": dossier.pk}),
        (Bewijsstuk, {"dossier_id": dossier.pk}),
        (Conclusie, {"dossier_id": dossier.pk}),
        (Aanbeveling, {"conclusie_id__in": conclusies}),
        (Opvolging, {"conclusie_id__in": conclusies}),
        (Actie, {"conclusie_id__in": conclusies}),
        *onderdelen.tijdlijn_bronnen(dossier),
    ]


def _naam(record) -> str:
    meta = record.instance_type._meta
    veld = NAAM_VELD.get(meta.model_name) or onderdelen.register.naam_velden.get(meta.model_name)
    if not veld:
        return ""
    return display(meta.get_field(veld), getattr(record, veld))[:120]


def _stappen(dossier: Dossier) -> list[Gebeurtenis]:
    """The lifecycle steps, with the remark that came with them (a return, a reason for a new version)."""
    result = []
    for change in StatusChange.objects.filter(dossier=dossier).select_related("actor"):
        vast = [("Status", change.get_from_status_display() or "(nieuw)", change.get_to_status_display())]
        if change.remark:
            vast.append(("Opmerking", "", change.remark))
        result.append(
            Gebeurtenis(
                op=change.at, door=persoon(change.actor, niemand=SYSTEEM), actie="zette", wat="de status", vast=vast
            )
        )
    return result


def gebeurtenissen(dossier: Dossier, limit: int = 500) -> list[Gebeurtenis]:
    """The newest `limit` changes across all parts of the dossier; field changes follow for the page shown."""
    result = _stappen(dossier)
    for model, scope in _bronnen(dossier):
        records = list(model.history.filter(**scope).select_related("history_user").order_by("-history_date")[:limit])
        if not records:
            continue
        # The record before each one, for the old values: all records of these objects, in order, in one query.
        all_records = model.history.filter(id__in={r.id for r in records}).order_by("id", "history_date", "history_id")
        previous = {after.history_id: before for before, after in pairwise(all_records) if before.id == after.id}
        for record in records:
            result.append(
                Gebeurtenis(
                    op=record.history_date,
                    door=persoon(record.history_user, niemand=SYSTEEM),
                    actie=ACTIES.get(record.history_type, record.history_type),
                    wat=str(model._meta.verbose_name),
                    naam=_naam(record),
                    record=record,
                    vorige=previous.get(record.history_id),
                )
            )
    result.sort(key=lambda g: g.op, reverse=True)
    return result[:limit]

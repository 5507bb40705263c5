"""The timeline of a dossier: every recorded change to it and its parts, newest first (django-simple-history)."""

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from django.db.models import Model

from indicatoren.models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Uitvoeringstoets,
)
from invoeringstoets.history import display, field_changes

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
)

ACTIES = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


@dataclass
class Gebeurtenis:
    op: datetime
    door: str
    actie: str
    wat: str
    naam: str
    wijzigingen: list[tuple[str, str, str]]


def _bronnen(dossier: Dossier) -> list[tuple[type[Model], dict]]:
    """Each tracked model with the filter on its history that selects this dossier's records."""
    regeling_id = dossier.regeling_id
    conclusies = list(Conclusie.history.filter(dossier_id=dossier.pk).values_list("id", flat=True).distinct())
    aannames = list(Aanname.history.filter(regeling_id=regeling_id).values_list("id", flat=True).distinct())
    screenings = list(Screening.history.filter(dossier_id=dossier.pk).values_list("id", flat=True).distinct())
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
        (Screening, {"dossier_id": dossier.pk}),
        (ScreeningIndicator, {"screening_id__in": screenings}),
        (Uitvoeringstoets, {"regeling_id": regeling_id}),
        (Regeldruktoets, {"regeling_id": regeling_id}),
        (DoenvermogenBeoordeling, {"regeling_id": regeling_id}),
        (AndereToets, {"regeling_id": regeling_id}),
        (GebruikPeriode, {"dossier_id": dossier.pk}),
    ]


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
    "screening": "besluit",
    "screeningindicator": "indicator",
    "doenvermogenbeoordeling": "eis",
    "anderetoets": "naam",
    "gebruikperiode": "periode",
    "dossier": "status",
}


def _naam(record) -> str:
    meta = record.instance_type._meta
    veld = NAAM_VELD.get(meta.model_name)
    if not veld:
        return ""
    return display(meta.get_field(veld), getattr(record, veld))[:120]


def gebeurtenissen(dossier: Dossier, limit: int = 500) -> list[Gebeurtenis]:
    """The newest `limit` changes across all parts of the dossier, each with its field changes."""
    result = []
    for model, scope in _bronnen(dossier):
        records = list(model.history.filter(**scope).select_related("history_user").order_by("-history_date")[:limit])
        if not records:
            continue
        # The record before each one, for the old values: all records of these objects, in order, in one query.
        ids = {r.id for r in records}
        all_records = model.history.filter(id__in=ids).order_by("id", "history_date", "history_id")
        previous = {}
        for before, after in pairwise(all_records):
            if before.id == after.id:
                previous[after.history_id] = before
        for record in records:
            user = record.history_user
            result.append(
                Gebeurtenis(
                    op=record.history_date,
                    door=(user.get_full_name() or user.username) if user else "systeem",
                    actie=ACTIES.get(record.history_type, record.history_type),
                    wat=str(model._meta.verbose_name),
                    naam=_naam(record),
                    wijzigingen=field_changes(previous.get(record.history_id), record)
                    if record.history_type == "~"
                    else [],
                )
            )
    result.sort(key=lambda g: g.op, reverse=True)
    return result[:limit]

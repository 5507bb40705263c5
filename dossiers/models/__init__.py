"""The dossier app's models, a module per part: the regeling and its dossier, the research, the conclusion."""

from .conclusie import Aanbeveling, Actie, Conclusie, Opvolging
from .onderzoek import (
    AannameToetsing,
    Bevinding,
    Bewijsstuk,
    Deelnemer,
    GeenBevindingen,
    Onderzoeksactiviteit,
    Planning,
    bewijs_path,
)
from .organisatie import Organisatie
from .regeling import (
    DOSSIER_LIST_ORDER,
    Aanname,
    Dossier,
    Regeling,
    RegelingUitvoerder,
    StatusChange,
)

__all__ = [
    "DOSSIER_LIST_ORDER",
    "Aanbeveling",
    "Aanname",
    "AannameToetsing",
    "Actie",
    "Bevinding",
    "Bewijsstuk",
    "Conclusie",
    "Deelnemer",
    "Dossier",
    "GeenBevindingen",
    "Onderzoeksactiviteit",
    "Opvolging",
    "Organisatie",
    "Planning",
    "Regeling",
    "RegelingUitvoerder",
    "StatusChange",
    "bewijs_path",
]

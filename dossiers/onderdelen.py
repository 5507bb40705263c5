"""What the apps above the core add to a dossier, without the core naming them.

`indicatoren` and `rapportage` build on `dossiers`; the core never imports them. Each registers its parts here in
its AppConfig.ready(): the panels of the dossier page, the sections of the dossier record (the plain data a report
shows and approval freezes), the report's chapters about them, and the change histories of the timeline. The core
asks this register, in the order the apps are installed.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model
from django.http import HttpRequest

from invoeringstoets.document import Hoofdstuk

from .models import Dossier

# Where on the dossier page a panel goes.
NA_AANNAMES = "na_aannames"
NA_CONCLUSIE = "na_conclusie"


@dataclass(frozen=True)
class Paneel:
    plaats: str
    template: str
    context: Callable[[HttpRequest, Dossier], dict]


@dataclass
class Register:
    panelen: list[Paneel] = field(default_factory=list)
    # Each returns keys of the dossier record, e.g. {"screening": ..., "gebruik": [...]}.
    secties: list[Callable[[Dossier], dict]] = field(default_factory=list)
    # Each returns (model, filter on its history) for the timeline.
    tijdlijn: list[Callable[[Dossier], list[tuple[type[Model], dict]]]] = field(default_factory=list)
    # The field that names a record of a model in the timeline, by model name.
    naam_velden: dict[str, str] = field(default_factory=dict)
    # Chapters of the report (dossiers.hoofdstukken): (place in the order, builder from the dossier record).
    hoofdstukken: list[tuple[int, Callable[[dict], Hoofdstuk]]] = field(default_factory=list)


register = Register()


def panelen(request: HttpRequest, dossier: Dossier) -> tuple[dict[str, list[str]], dict]:
    """The templates per place on the page, and the context they need."""
    plaatsen: dict[str, list[str]] = {NA_AANNAMES: [], NA_CONCLUSIE: []}
    context: dict = {}
    for paneel in register.panelen:
        plaatsen[paneel.plaats].append(paneel.template)
        context.update(paneel.context(request, dossier))
    return plaatsen, context


def secties(dossier: Dossier) -> dict:
    result: dict = {}
    for sectie in register.secties:
        result.update(sectie(dossier))
    return result


def tijdlijn_bronnen(dossier: Dossier) -> list[tuple[type[Model], dict]]:
    return [bron for bronnen in register.tijdlijn for bron in bronnen(dossier)]

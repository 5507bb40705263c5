"""What rapportage adds to a dossier (dossiers.onderdelen): the reports panel of the dossier page."""

from django.http import HttpRequest

from dossiers.models import Dossier
from dossiers.onderdelen import NA_CONCLUSIE, Paneel, Register

from .selectors import rapporten_for


def _paneel(request: HttpRequest, dossier: Dossier) -> dict:
    return {"rapporten": rapporten_for(dossier)}


def registreer(register: Register) -> None:
    register.panelen.append(Paneel(NA_CONCLUSIE, "rapportage/_dossier_paneel.html", _paneel))

"""What every dossier view uses: the refusal handling (from the bottom layer, pointed at the dossier page) and
the dossier lookups."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from invoeringstoets.web import handles_refusals

from .. import selectors
from ..models import Dossier

# Every dossier view answers a refusal the same way: 403 with the reason, or back to the dossier with it.
refusals_handled = handles_refusals(back_to="dossiers:detail", arg="dossier_id")

# The one form page and the one delete confirmation of the dossier pages (invoeringstoets.web.form_view, delete_view).
FORMULIER = "dossiers/formulier.html"
VERWIJDEREN = "dossiers/bevestig_verwijderen.html"


def get_dossier(dossier_id: int) -> Dossier:
    return get_object_or_404(Dossier.objects.select_related("regeling"), pk=dossier_id)


def get_full_dossier(dossier_id: int, *, details: bool = True) -> Dossier:
    """The dossier with its parts; without `details`, what the dossier page needs (selectors.dossier_overview)."""
    select = selectors.dossier_with_everything if details else selectors.dossier_overview
    try:
        return select(dossier_id)
    except Dossier.DoesNotExist as exc:
        raise Http404("Dit dossier bestaat niet.") from exc

"""What every dossier view uses: the refusal handling, the access helpers, and the stale-save message."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from invoeringstoets.concurrency import StaleEdit
from invoeringstoets.history import changes_since

from .. import rules, selectors
from ..models import Dossier


def refusals_handled(view):
    """Turn a refusal from the rules into a 403 (no right) or a message on the dossier page (wrong status)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except rules.NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except rules.WrongStatus as exc:
            messages.error(request, exc.message)
            return redirect("dossiers:detail", kwargs["dossier_id"])

    return wrapper


def posted(request):
    """The submitted data on a POST (even when empty: a form with every box unticked), else None."""
    return request.POST if request.method == "POST" else None


def get_dossier(dossier_id: int) -> Dossier:
    return get_object_or_404(Dossier.objects.select_related("regeling"), pk=dossier_id)


def get_full_dossier(dossier_id: int, *, details: bool = True) -> Dossier:
    """The dossier with its parts; without `details`, what the dossier page needs (selectors.dossier_overview)."""
    select = selectors.dossier_with_everything if details else selectors.dossier_overview
    try:
        return select(dossier_id)
    except Dossier.DoesNotExist as exc:
        raise Http404("Dit dossier bestaat niet.") from exc


def require(check, user, dossier) -> None:
    try:
        check(user, dossier)
    except rules.NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def stale_message(exc_or_instance) -> str:
    """Why the save was refused, who saved in between, and what they changed."""
    if isinstance(exc_or_instance, StaleEdit):
        instance, opened = exc_or_instance.instance, exc_or_instance.opened_revision
    else:
        instance, opened = exc_or_instance, None
    changes, latest = changes_since(instance, opened) if opened and hasattr(instance, "history") else ([], None)
    who = latest.history_user if latest else getattr(instance, "updated_by", None)
    when = latest.history_date if latest else getattr(instance, "updated_at", None)
    naam = (who.get_full_name() or who.username) if who else "Iemand anders"
    at = f" (om {timezone.localtime(when):%H:%M} op {timezone.localtime(when):%d-%m-%Y})" if when else ""
    wat = ""
    if changes:
        wat = " Gewijzigd: " + "; ".join(f"{label}: nu ‘{new}’ (was ‘{old}’)" for label, old, new in changes) + "."
    return (
        f"{naam} heeft dit intussen gewijzigd{at}.{wat} Uw wijziging is niet opgeslagen; uw tekst staat hieronder "
        "nog. Open de pagina opnieuw om de nieuwe versie te zien en breng uw wijziging daarin aan."
    )

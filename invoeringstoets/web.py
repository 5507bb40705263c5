"""What every edit view needs, with no domain in it: turning a refusal into its answer, the bound form on a POST,
and the message for a save refused because someone else saved first."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone

from invoeringstoets.concurrency import StaleEdit
from invoeringstoets.history import changes_since
from invoeringstoets.refusals import NotPermitted, WrongStatus


def handles_refusals(*, back_to: str, arg: str) -> Callable:
    """A decorator for views: NotPermitted becomes the 403 page with its reason; WrongStatus goes back to the page
    named `back_to` (called with the view's keyword `arg`) with the explanation."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except NotPermitted as exc:
                raise PermissionDenied(exc.message) from exc
            except WrongStatus as exc:
                messages.error(request, exc.message)
                return redirect(back_to, kwargs[arg])

        return wrapper

    return decorator


def require(check: Callable, user, obj) -> None:
    """Ask a rule and answer a refusal with the 403 page, for views that check before they decorate."""
    try:
        check(user, obj)
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc


def posted(request):
    """The submitted data on a POST (even when empty: a form with every box unticked), else None."""
    return request.POST if request.method == "POST" else None


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

"""What every edit view needs, with no domain in it: the edit page and the delete page, turning a refusal into its
answer, the bound form on a POST, and the message for a save refused because someone else saved first.

A refusal has one answer per kind, decided here: NotPermitted is the 403 page with its reason; WrongStatus (or a
delete of a kept record, Bewaard) on opening a page goes back to the object's page with the explanation; the same
or a stale edit while saving a form is an error on that form, so nothing typed is lost."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from invoeringstoets.bewaren import Bewaard
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
            except (WrongStatus, Bewaard) as exc:
                messages.error(request, exc.message)
                return redirect(back_to, kwargs[arg])

        return wrapper

    return decorator


def form_view(
    request,
    form,
    *,
    save: Callable[[], object],
    success: str | Callable[[object], str],
    next_url: str | Callable[[object], str],
    template: str,
    context: dict,
    also: tuple = (),
) -> HttpResponse:
    """The one skeleton of every edit page. On a POST whose form (and the `also` forms, such as a formset) are valid,
    `save()` calls the service; then a success message and a redirect to `next_url` (both may take the result).
    A save refused because someone saved first (StaleEdit) or because the status changed meanwhile (WrongStatus) is an
    error at the top of the form, with everything the user typed still in it. Otherwise: the page with the form."""
    if request.method == "POST" and form.is_valid() and all(other.is_valid() for other in also):
        try:
            result = save()
        except StaleEdit as exc:
            _refuse(form, stale_message(exc))
        except (WrongStatus, Bewaard) as exc:
            _refuse(form, exc.message)
        except ValidationError as exc:
            # A rule of the service that holds for every way in (form, import, API), shown at its field.
            form.add_error(None, exc)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(next_url(result) if callable(next_url) else next_url)
    return render(request, template, {"form": form, **context})


def _refuse(form, message: str) -> None:
    """An error at the top of a form, or of a formset (which has no add_error)."""
    if hasattr(form, "add_error"):
        form.add_error(None, message)
    else:
        form.non_form_errors().append(message)


def delete_view(
    request, *, delete: Callable[[], object], success: str, next_url: str, template: str, context: dict
) -> HttpResponse:
    """The one delete page: a GET asks for confirmation (`template`), a POST deletes and goes to `next_url`."""
    if request.method == "POST":
        delete()
        messages.success(request, success)
        return redirect(next_url)
    return render(request, template, context)


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

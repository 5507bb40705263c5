"""A form is stored once, however often it is sent. Each rendered POST form carries a fresh token
(`{% formulier_token %}`, next to the CSRF token). The middleware runs the POST in one transaction together with a
row for its token; a successful submit answers with a redirect, and that address is kept with the token. The same
token again (a double click, the browser's retry after a lost answer, a reload of the refused page) is answered
with that redirect and stores nothing. The row commits with the work itself, so "stored" and "token seen" never
disagree, also when the connection drops right after the commit and the first answer never arrives.

The browser's Back button fetches the form page again (pages are not kept in a cache: no-store), which gives the
form a new token while the browser puts the typed values back. So a form with fields is also recognised by what it
sends: exactly the same content to the same page by the same person within a few minutes is not stored at once but
answered with a page that says so, links to what was stored, and offers to store it once more (two identical
signals can be meant). A form without fields, such as "Rapport maken", is recognised by its token only.
"""

import hashlib
import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.template.backends.utils import csrf_input
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .models import Verzending

VELD = "verzending"
BEVESTIGD = "dubbel_bevestigd"
ZELFDE_INHOUD_BINNEN = timedelta(minutes=3)


def token_inputs(request) -> SafeString:
    """The hidden fields every POST form carries: the CSRF token and a fresh submit token."""
    return csrf_input(request) + format_html('<input type="hidden" name="{}" value="{}">', VELD, uuid.uuid4())


def _token(request) -> uuid.UUID | None:
    if request.method != "POST" or not request.user.is_authenticated:
        return None
    try:
        return uuid.UUID(request.POST.get(VELD, ""))
    except ValueError:
        return None


def _eigen_velden(request) -> list[tuple[str, str]]:
    """What the form itself sent: every field but the tokens."""
    return [
        (key, value)
        for key, values in request.POST.lists()
        for value in values
        if key not in (VELD, BEVESTIGD, "csrfmiddlewaretoken")
    ]


def _vingerafdruk(request) -> str:
    """A hash of the fields sent (not the tokens), or "" for a form without fields of its own."""
    velden = sorted(_eigen_velden(request))
    bestanden = sorted((key, f.name, f.size) for key, files in request.FILES.lists() for f in files)
    if not velden and not bestanden:
        return ""
    return hashlib.sha256(repr((request.path, velden, bestanden)).encode()).hexdigest()


class OnceOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _token(request)
        if token is None:
            return self.get_response(request)
        vingerafdruk = _vingerafdruk(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    verzending = Verzending.objects.create(
                        user=request.user, token=token, pad=request.path[:500], vingerafdruk=vingerafdruk
                    )
            except IntegrityError:
                # Sent before; a parallel duplicate waited here on the unique index until the first one ended.
                return self._again(request, Verzending.objects.filter(user=request.user, token=token).first())
            if vingerafdruk and not request.POST.get(BEVESTIGD):
                eerder = (
                    Verzending.objects.filter(
                        user=request.user,
                        pad=verzending.pad,
                        vingerafdruk=vingerafdruk,
                        at__gte=timezone.now() - ZELFDE_INHOUD_BINNEN,
                    )
                    .exclude(pk=verzending.pk)
                    .exclude(doorverwezen_naar="")
                    .order_by("-at")
                    .first()
                )
                if eerder:
                    verzending.delete()
                    return self._same_content(request, eerder)
            response = self.get_response(request)
            if 300 <= response.status_code < 400 and response.has_header("Location"):
                verzending.doorverwezen_naar = response["Location"]
                verzending.save(update_fields=["doorverwezen_naar"])
            else:
                verzending.delete()  # not stored (an error in the form): sending it again is a new try
        return response

    def _same_content(self, request, earlier: Verzending):
        return render(
            request,
            "verzending_dubbel.html",
            {"eerder": earlier, "velden": _eigen_velden(request), "bestanden": bool(request.FILES)},
            status=409,
        )

    def _again(self, request, earlier: Verzending | None):
        if earlier is None or not earlier.doorverwezen_naar:
            return self.get_response(request)
        messages.info(request, "Dit formulier was al verzonden en is één keer verwerkt; hieronder staat het resultaat.")
        return HttpResponseRedirect(earlier.doorverwezen_naar)


def opruimen(dagen: int = 2) -> int:
    """Tokens only matter while a retry can come: a few days at most."""
    from datetime import timedelta

    from django.utils import timezone

    deleted, _ = Verzending.objects.filter(at__lt=timezone.now() - timedelta(days=dagen)).delete()
    return deleted

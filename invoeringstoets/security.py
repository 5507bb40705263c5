"""The security log: log-ins, failed log-ins, lock-outs and refused pages, one JSON line each, in UTC.

Only the username is written in plain text. The client address is personal data: it is kept as a short keyed hash,
enough to see that attempts come from one place, not who sits there.
"""

import hashlib
import hmac
import logging

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.shortcuts import render

logger = logging.getLogger("invoeringstoets.security")


def adres_kenmerk(request) -> str:
    address = (request.META.get("REMOTE_ADDR") or "") if request is not None else ""
    if not address:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()[:12]


def log(gebeurtenis: str, request=None, **velden) -> None:
    velden = {"adres": adres_kenmerk(request), **velden}
    if request is not None:
        velden.setdefault("pad", request.path)
    logger.info(gebeurtenis, extra={"velden": velden})


@receiver(user_logged_in)
def _ingelogd(sender, request, user, **kwargs):
    log("inloggen", request, gebruiker=user.get_username())


@receiver(user_logged_out)
def _uitgelogd(sender, request, user, **kwargs):
    log("uitloggen", request, gebruiker=user.get_username() if user else "")


@receiver(user_login_failed)
def _mislukt(sender, credentials, request=None, **kwargs):
    log("inloggen mislukt", request, gebruiker=credentials.get("username", ""))


def geweigerd(request, exception=None):
    """The 403 page, which also records who was refused what."""
    gebruiker = request.user.get_username() if getattr(request, "user", None) and request.user.is_authenticated else ""
    log("toegang geweigerd", request, gebruiker=gebruiker, methode=request.method, reden=str(exception or "")[:200])
    return render(request, "403.html", {"exception": exception}, status=403)

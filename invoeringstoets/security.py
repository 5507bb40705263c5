"""The security log: log-ins, failed log-ins, lock-outs and refused pages, one JSON line each, in UTC.

Only the username is written in plain text. The client address is personal data: it is kept as a short keyed hash,
enough to see that attempts come from one place, not who sits there.
"""

import hashlib
import hmac
import ipaddress
import logging
import time

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Sum
from django.dispatch import receiver
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger("invoeringstoets.security")

# When the session's user logged in (seconds since the epoch): the start of its absolute lifetime.
SESSION_STARTED = "ingelogd_om"


def client_address(request) -> str:
    """The address of the client. Behind a proxy (BEHIND_PROXY) every request comes from the proxy, which names the
    client in X-Forwarded-For: the entry PROXY_AANTAL places from the right, written by our own proxy. Entries to
    the left of it are the client's own words and are never trusted. Without a proxy the header is ignored."""
    remote = request.META.get("REMOTE_ADDR") or ""
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if len(forwarded) < settings.PROXY_AANTAL:
        return remote
    candidate = forwarded[-settings.PROXY_AANTAL]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class LoginThrottle(AxesDatabaseHandler):
    """Axes locks a username from one address after AXES_FAILURE_LIMIT failed log-ins. Password spraying tries many
    usernames a few times each from one address, which that never catches; so an address is also locked after
    AXES_ADRES_LIMIET failures for any usernames together, within the same cool-off time. The limit is higher
    than the per-user one because colleagues behind one NAT share an address."""

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self.address_locked(request)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        # Axes shows its lock-out page for a request it flagged; flag one refused for its address as well.
        if request is not None and not getattr(request, "axes_locked_out", False) and self.address_locked(request):
            request.axes_locked_out = True

    def address_locked(self, request) -> bool:
        return self.address_failures(request) >= settings.AXES_ADRES_LIMIET

    def address_failures(self, request) -> int:
        address = getattr(request, "axes_ip_address", None) or client_address(request)
        since = timezone.now() - get_cool_off(request)
        attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since)
        return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def adres_kenmerk(request) -> str:
    address = client_address(request) if request is not None else ""
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
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED] = time.time()
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


class Argon2id(Argon2PasswordHasher):
    """Argon2id with OWASP's parameters: 19 MiB of memory, 2 passes, 1 lane. About 22 ms of processor per log-in on
    these machines, against about 250 ms for PBKDF2 with a million rounds, and 19 MiB instead of Django's 100 MiB
    (its defaults, with 8 lanes, cost about 200 ms). A hash with other parameters is redone at the next log-in."""

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

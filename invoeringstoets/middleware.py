"""Middleware of our own: what every page for a logged-in user must carry, and the session's absolute lifetime."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.cache import patch_cache_control

from invoeringstoets import security
from invoeringstoets.security import SESSION_STARTED


class PrivatePagesMiddleware:
    """A page for a logged-in user holds dossier content: no browser, proxy or back button may keep a copy
    (BIO: no confidential data in caches). Pages for anonymous visitors (log-in, accessibility) may be cached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class SessionLifetimeMiddleware:
    """A session ends SESSIE_MAX_UREN after log-in however busy it is, on top of the sliding 30 minutes: a session
    cookie that leaks is not valid for ever. The start is written at log-in (security._ingelogd); a session from
    before this rule gets its start now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED)
            if started is None:
                request.session[SESSION_STARTED] = time.time()
            elif time.time() - started > settings.SESSIE_MAX_UREN * 3600:
                gebruiker = request.user.get_username()
                logout(request)
                security.log("sessie verlopen", request, gebruiker=gebruiker)
                messages.info(request, "Uw sessie is verlopen. Log opnieuw in om verder te gaan.")
        return self.get_response(request)

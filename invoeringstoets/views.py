"""Pages of the site itself rather than of a dossier."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from . import health


@login_not_required
def toegankelijkheid(request):
    """The accessibility statement: public, because the law wants anyone to be able to read it."""
    return render(request, "toegankelijkheid.html", {"contact": settings.TOEGANKELIJKHEID_CONTACT})


@login_not_required
@never_cache
def gezondheid(request):
    """/health/ for load balancers and monitors: 200 when every part is ok, 503 when one fails."""
    stand = health.stand()
    return JsonResponse(stand, status=200 if stand["status"] == "ok" else 503)

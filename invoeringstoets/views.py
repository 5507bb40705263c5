"""Pages of the site itself rather than of a dossier."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render


@login_not_required
def toegankelijkheid(request):
    """The accessibility statement: public, because the law wants anyone to be able to read it."""
    return render(request, "toegankelijkheid.html", {"contact": settings.TOEGANKELIJKHEID_CONTACT})

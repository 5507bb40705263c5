"""Small HTTP helpers shared by the apps."""

import logging
from functools import wraps

from django.http import FileResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)


def post_only(view):
    """Actions that change something are buttons (POST). Typing their address answers with a Dutch page (405)
    instead of Django's empty one, and nothing happens."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            response = render(request, "405.html", status=405)
            response["Allow"] = "POST"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def download(request, stored_file, *, filename: str, content_type: str):
    """A stored file as a private download. A file that the storage lost (a restore, a wrong MEDIA_ROOT or bucket)
    is a Dutch "not found" for the user and an error in the log for the administrator, not a server error."""
    try:
        handle = stored_file.open("rb")
    except OSError:
        logger.error("Bestand ontbreekt in de opslag: %s", stored_file.name)
        reden = "Het bestand is niet (meer) beschikbaar in de opslag. Meld dit bij de beheerder."
        return render(request, "404.html", {"reden": reden}, status=404)
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

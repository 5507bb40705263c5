"""Small HTTP helpers shared by the apps."""

from functools import wraps

from django.shortcuts import render


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

"""Who made a change, for the change history (django-simple-history).

In a web request the history middleware knows the user. Services also run from commands and tasks, so they
name their actor explicitly with `audited`, which also makes the whole service one transaction.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords


@contextmanager
def acting_as(user) -> Iterator[None]:
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    if previous is not None and getattr(previous, "user", None) == user:
        yield
        return
    context.request = SimpleNamespace(user=user) if user is not None else None
    try:
        yield
    finally:
        if previous is None:
            if hasattr(context, "request"):
                del context.request
        else:
            context.request = previous


def audited(service: Callable) -> Callable:
    """One transaction, with the service's `actor` keyword recorded as the author of every change in it."""

    @functools.wraps(service)
    def wrapper(*args, **kwargs):
        with transaction.atomic(), acting_as(kwargs.get("actor")):
            return service(*args, **kwargs)

    return wrapper


# Fields that change with every save and say nothing to a reader of the history.
NOISE_FIELDS = {"id", "revision", "updated_by", "updated_at", "created_by", "created_at", "vastgestelde_inhoud"}


def display(field, value) -> str:
    """A stored value as a reader wants to see it: labels for choices, Dutch dates, ja/nee."""
    if value is None or value == "":
        return "(leeg)"
    if getattr(field, "many_to_one", False):
        # A history row holds the id; a reader wants the name (of what it is now, or that it is gone).
        related = value if hasattr(value, "_meta") else field.related_model._default_manager.filter(pk=value).first()
        if related is None:
            return f"(verwijderd, nummer {value})"
        if hasattr(related, "get_full_name"):
            return related.get_full_name() or related.get_username()
        return str(related)
    choices = dict(field.flatchoices) if getattr(field, "choices", None) else None
    if choices and value in choices:
        return str(choices[value])
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if hasattr(value, "hour"):
        return (
            timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
            if timezone.is_aware(value)
            else f"{value:%d-%m-%Y %H:%M}"
        )
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return text if len(text) <= 300 else text[:297] + "…"


def field_changes(old, new) -> list[tuple[str, str, str]]:
    """(label, old, new) for every field that differs between two historical records of one object."""
    changes = []
    for field in new.instance_type._meta.concrete_fields:
        name = field.attname if field.is_relation else field.name
        if field.name in NOISE_FIELDS or not hasattr(new, name):
            continue
        before, after = getattr(old, name, None) if old else None, getattr(new, name)
        if before != after:
            changes.append((str(field.verbose_name).capitalize(), display(field, before), display(field, after)))
    return changes


def changes_since(instance, revision: int) -> tuple[list[tuple[str, str, str]], object | None]:
    """What changed in `instance` after the user opened it at `revision`, and the last record (who and when)."""
    history = instance.history.order_by("history_date", "history_id")
    opened = history.filter(revision=revision).last()
    latest = history.last()
    if latest is None:
        return [], None
    return field_changes(opened, latest) if opened else [], latest

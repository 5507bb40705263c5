"""Dutch formatting for values that arrive as plain data (ISO dates, numbers), e.g. in the report."""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from invoeringstoets import document_html, formats
from invoeringstoets.document import getypt

register = template.Library()


def _als_datum(value) -> date | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, date):
        return value
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        return timezone.localtime(parsed).date()
    return parsed.date()


@register.filter
def nl_datum(value) -> str:
    """2021-01-01 → 1 januari 2021."""
    day = _als_datum(value)
    return formats.datum(day) if day else ""


@register.filter
def nl_maand(value) -> str:
    day = _als_datum(value)
    return formats.maand(day) if day else ""


@register.filter
def euro(value) -> str:
    """350000 → € 350.000."""
    if value in (None, ""):
        return ""
    return formats.euro(int(value))


@register.filter
def aantal(value) -> str:
    if value in (None, ""):
        return ""
    return formats.aantal(int(value))


@register.filter
def getal(value) -> str:
    """2.5 or "2.5" → 2,5."""
    if value in (None, ""):
        return ""
    try:
        return formats.getal(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


@register.filter
def get_periode(row) -> str:
    """The month of a usage row in plain data."""
    return row.get("periode", "") if isinstance(row, dict) else ""


@register.filter
def kort_label(label: str) -> str:
    """A choice label without its explanation in brackets: "sterk (cijfers …)" → "sterk"."""
    return str(label).split(" (")[0]


@register.filter
def getypt_blokken(text: str) -> list:
    """Typed text as the document tree's blocks ("- " lines a list), for `document/_blokken.html` on a page."""
    return getypt(text or "")


@register.simple_tag
def document_blokken(items, tabelklasse: str = ""):
    """The document tree's blocks as HTML (invoeringstoets.document_html)."""
    return document_html.blokken(items or [], tabelklasse=tabelklasse)

"""Numbers, amounts and dates written the Dutch way, for text the application composes itself.

Templates use Django's localisation; these are for sentences built in Python (advice reasons, chart labels),
where the same rules must hold: 4.000, € 350.000, 2,5 fte, 16%, januari 2021.
"""

from datetime import date
from decimal import Decimal

MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def aantal(value: int | Decimal | float) -> str:
    """A whole number with a point between thousands: 4000 → 4.000, -350000 → -350.000."""
    return f"{round(value):,}".replace(",", ".")


def getal(value: Decimal | float, decimalen: int = 1) -> str:
    """A number with a decimal comma, without trailing zeros: 2.5 → 2,5; 3.0 → 3."""
    text = f"{value:,.{decimalen}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text


def euro(value: int | Decimal) -> str:
    """€ 350.000, with a space that never breaks between the sign and the amount."""
    return f"€\u00a0{aantal(value)}"


def procent(fraction: float) -> str:
    return f"{round(fraction * 100)}%"


def maand(day: date) -> str:
    return f"{MAANDEN[day.month - 1]} {day.year}"


def datum(day: date) -> str:
    return f"{day.day} {MAANDEN[day.month - 1]} {day.year}"


def persoon(user, *, niemand: str = "") -> str:
    """A person as people call them: the full name, else the username; `niemand` when there is no one."""
    return (user.get_full_name() or user.username) if user else niemand


def iso(value) -> str | None:
    """A date or time as ISO 8601 text for plain data (the dossier record, exports); None stays None."""
    return value.isoformat() if value else None

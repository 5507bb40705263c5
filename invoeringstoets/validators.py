"""Validators the apps share."""

from django.core.exceptions import ValidationError

EERSTE_JAAR, LAATSTE_JAAR = 1900, 2100


def redelijke_datum(value) -> None:
    """A date a regulation, a signal or a plan can have. Year 1 or 9999 is a typing error, and date arithmetic
    on it (twelve months back from the peildatum) would fail."""
    if value and not EERSTE_JAAR <= value.year <= LAATSTE_JAAR:
        raise ValidationError(f"Vul een datum in tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.", code="datum_buiten_bereik")


# Every character that starts a new line somewhere: in an e-mail header it starts a new header.
REGELEINDEN = frozenset("\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029")
REGELEINDE_MELDING = "Dit veld is één regel tekst: haal de regeleinden (Enter) weg."


def bevat_regeleinde(value: str) -> bool:
    return any(char in REGELEINDEN for char in value)


def geen_regeleinden(value) -> None:
    """A single-line field (a name, a title, a source) holds one line. A browser never sends a line break from such
    a field, a script can; the name then breaks every e-mail whose subject carries it."""
    if isinstance(value, str) and bevat_regeleinde(value):
        raise ValidationError(REGELEINDE_MELDING, code="regeleinde")

"""Validators the apps share."""

from django.core.exceptions import ValidationError

EERSTE_JAAR, LAATSTE_JAAR = 1900, 2100


def redelijke_datum(value) -> None:
    """A date a regulation, a signal or a plan can have. Year 1 or 9999 is a typing error, and date arithmetic
    on it (twelve months back from the peildatum) would fail."""
    if value and not EERSTE_JAAR <= value.year <= LAATSTE_JAAR:
        raise ValidationError(f"Vul een datum in tussen {EERSTE_JAAR} en {LAATSTE_JAAR}.", code="datum_buiten_bereik")

"""Numbers as Dutch people type them, read in one place for the forms and the CSV import.

4000, 4.000 and 4 000 are four thousand; 2,5 and 1.250,5 are decimals. A lone point with three digits after it
separates thousands ("12.000" is twelve thousand, where Python would read twelve).
"""

import re

_DUIZENDTALLEN = re.compile(r"-?\d{1,3}(\.\d{3})+")
_GEHEEL = re.compile(r"-?\d+")
_SPATIES = re.compile(r"[\s\u00a0]")


def geheel_getal(value: str) -> int | None:
    """A whole number (None when empty); ValueError for a decimal comma, letters or a lone point."""
    if value.isascii() and value.isdigit():
        return int(value)  # the usual case, plain digits, needs no regular expression
    compact = _SPATIES.sub("", value)
    if _DUIZENDTALLEN.fullmatch(compact):
        compact = compact.replace(".", "")
    if not compact:
        return None
    if not _GEHEEL.fullmatch(compact):
        raise ValueError(f"‘{value}’ is geen geheel getal")
    return int(compact)


def decimaal_getal(value: str) -> str:
    """A decimal number as Python writes it ("1250.5"), for Django's DecimalField to read; not checked here."""
    compact = _SPATIES.sub("", value)
    if "," in compact:
        whole, _, fraction = compact.rpartition(",")
        if whole and _DUIZENDTALLEN.fullmatch(whole):
            whole = whole.replace(".", "")
        return f"{whole}.{fraction}"
    if _DUIZENDTALLEN.fullmatch(compact):
        return compact.replace(".", "")
    return compact

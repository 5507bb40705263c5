"""Cells for CSV and Excel exports that a spreadsheet never runs as a formula.

User text goes into every export (a regeling's name, a ministry, later signals). A cell that starts with `=`, `+`,
`-`, `@`, a tab or a line break is read by Excel and LibreOffice as a formula, so a regeling named
`=HYPERLINK("http://…","klik")` would become a live link in a manager's spreadsheet (CSV injection, OWASP). Every
export writes its cells through this module:

- CSV: such a cell gets a leading apostrophe, as OWASP advises; the text stays readable and is never run.
- Excel: strings are always written as strings (XlsxWriter would otherwise turn `=…` into a formula and
  `http://…` into a link), and such a cell carries Excel's "quote prefix" style, so it shows exactly the text and
  stays text when someone edits it.
"""

import datetime
import numbers
from collections.abc import Iterable
from typing import IO

import xlsxwriter

# The full-width forms are read as formulas too by some spreadsheet programs.
FORMULE_BEGIN = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def lijkt_formule(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula (leading spaces are skipped by some)."""
    return text.lstrip(" ").startswith(FORMULE_BEGIN)


def csv_cel(value) -> str:
    """One CSV cell: dates the Dutch way, nothing as empty, text that could be a formula behind an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    text = str(value)
    return f"'{text}" if isinstance(value, str) and lijkt_formule(text) else text


def werkboek(output: IO[bytes]) -> xlsxwriter.Workbook:
    """An Excel workbook that writes each row to disk as it comes and never turns text into formulas or links."""
    return xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )


class Werkblad:
    """A worksheet whose cells are written by type: dates as dates, numbers as numbers, text always as text."""

    def __init__(self, workbook: xlsxwriter.Workbook, naam: str):
        self.sheet = workbook.add_worksheet(naam)
        self.datum = workbook.add_format({"num_format": "dd-mm-yyyy"})
        self.tekst = workbook.add_format({"quote_prefix": True})

    def rij(self, row: int, values: Iterable, cell_format=None) -> None:
        for col, value in enumerate(values):
            self.cel(row, col, value, cell_format)

    def cel(self, row: int, col: int, value, cell_format=None) -> None:
        if value is None or value == "":
            self.sheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, datetime.date):
            moment = datetime.datetime(value.year, value.month, value.day)
            self.sheet.write_datetime(row, col, moment, cell_format or self.datum)
        elif isinstance(value, numbers.Real) and not isinstance(value, bool):
            self.sheet.write_number(row, col, value, cell_format)
        else:
            text = str(value)
            self.sheet.write_string(row, col, text, self.tekst if lijkt_formule(text) else cell_format)

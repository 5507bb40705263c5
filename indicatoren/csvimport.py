"""Import of signals and monthly use from CSV files, all or nothing.

Files come from Excel and from exports of implementing organisations: UTF-8 with or without a byte order mark,
separated by commas or (Dutch Excel) semicolons, dates as 2021-03-01 or 01-03-2021, numbers as 1200 or 1.200.
A file is read as a stream, line by line, so a file of a million rows takes no more memory than one of a hundred.
Every row is validated; any error means nothing is stored, and the user gets every error (up to a limit) at once,
each naming the line in the file and the column, in Dutch.

Who may import is not decided here: the caller checks that (`dossiers/rules.py`) before it calls these functions.
"""

import csv
import functools
import io
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import BinaryIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from dossiers.models import Dossier
from invoeringstoets.parsing import geheel_getal
from invoeringstoets.validators import REGELEINDE_MELDING, bevat_regeleinde

from .constants import SignaalSoort
from .models import SIGNAAL_IN_TOEKOMST, GebruikPeriode, Signaal, SignaalImport, signaal_in_toekomst

MAX_ERRORS = 25
# Rows are written in batches as they stream, so memory stays flat however long the file is.
BATCH_SIZE = 5_000
# A line longer than this is not a signal but a broken file (an unclosed quote, a binary file): refuse it before it
# fills the memory. csv's own field limit (128 KiB) guards fields that span several lines.
MAX_LINE_CHARS = 200_000
# PositiveIntegerField is a 32-bit integer in PostgreSQL; a bigger number would abort the COPY halfway.
MAX_INTEGER = 2_147_483_647

DATE_FORMATS_HINT = "gebruik 2021-03-01 of 01-03-2021"
MONTH_FORMATS_HINT = "gebruik 2021-03 of 03-2021"

SIGNAAL_REQUIRED = ["datum", "soort", "bron", "samenvatting"]
SIGNAAL_OPTIONAL = ["aantal", "link"]
GEBRUIK_REQUIRED = ["periode", "aanvragen", "toekenningen", "afwijzingen"]

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DUTCH_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_ISO_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})")
_DUTCH_MONTH = re.compile(r"(\d{1,2})[-/](\d{4})")
# Bytes that are not UTF-8 are decoded to lone surrogates (errors="surrogateescape"), so the reader can say on which
# line they are instead of failing somewhere in an 8 KiB block.
_UNDECODABLE = re.compile("[\udc80-\udcff]")


class ImportFout(Exception):
    """The file cannot be imported. `errors` holds the Dutch messages for the user, one per problem."""

    def __init__(self, errors: list[str]):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class ErrorList:
    """Collects the errors of one file: the first MAX_ERRORS messages, and a count of the rest."""

    def __init__(self, limit: int = MAX_ERRORS):
        self.limit = limit
        self.messages: list[str] = []
        self.count = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def add(self, message: str) -> None:
        self.count += 1
        if len(self.messages) < self.limit:
            self.messages.append(message)

    def extend(self, messages: list[str]) -> None:
        for message in messages:
            self.add(message)

    def report(self) -> list[str]:
        hidden = self.count - len(self.messages)
        if hidden:
            return [*self.messages, f"En nog {hidden} {'fout' if hidden == 1 else 'fouten'} die hier niet staan."]
        return list(self.messages)

    def raise_if_any(self) -> None:
        if self:
            raise ImportFout(self.report())


def _dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _quoted_list(names: list[str]) -> str:
    quoted = [f"‘{name}’" for name in names]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} en {quoted[-1]}"


def _bad_bytes(text: str) -> str:
    """What the undecodable bytes probably were, read as Windows-1252 (what Excel on Windows writes)."""
    raw = "".join(dict.fromkeys(_UNDECODABLE.findall(text)))[:3]
    shown = raw.encode("utf-8", "surrogateescape").decode("cp1252", "replace")
    quoted = _quoted_list(list(shown))
    return f"het teken {quoted} staat" if len(shown) == 1 else f"de tekens {quoted} staan"


def _encoding_error(line_number: int, text: str) -> ImportFout:
    return ImportFout(
        [
            f"Regel {line_number}: het bestand is geen UTF-8 ({_bad_bytes(text)} er in een andere codering, "
            "waarschijnlijk Windows-1252 of Latin-1). Sla het bestand in Excel op als ‘CSV UTF-8 (door komma's "
            "gescheiden)’ en importeer het opnieuw."
        ]
    )


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The lines of the file, each at most MAX_LINE_CHARS long, so a file without line breaks cannot fill the
    memory."""
    line_number = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        line_number += 1
        if len(line) > MAX_LINE_CHARS:
            raise ImportFout(
                [f"Regel {line_number} is langer dan {_dutch_number(MAX_LINE_CHARS)} tekens; is dit een CSV-bestand?"]
            )
        yield line


def _header(lines: Iterator[str]) -> tuple[int, str, list[str]]:
    """Find the header: the first line that is not empty, after an optional `sep=;` line as Excel writes it.
    Returns its line number, the delimiter and the column names, stripped and in lower case."""
    delimiter = None
    for line_number, line in enumerate(lines, start=1):
        if _UNDECODABLE.search(line):
            raise _encoding_error(line_number, line)
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.lower() in {"sep=;", "sep=,"} and delimiter is None:
            delimiter = stripped[-1]
            continue
        if delimiter is None:
            # Dutch Excel writes semicolons, everything else commas. A header name holds neither.
            delimiter = ";" if stripped.count(";") > stripped.count(",") else ","
        names = next(csv.reader([stripped], delimiter=delimiter))
        return line_number, delimiter, [name.strip().lower() for name in names]
    raise ImportFout(["Het bestand is leeg. De eerste regel moet de namen van de kolommen bevatten."])


def _check_header(line_number: int, names: list[str], required: list[str], optional: list[str]) -> None:
    known = [*required, *optional]
    errors = []
    if len(names) == 1 and len(required) > 1 and names[0] not in known:
        raise ImportFout(
            [
                f"Regel {line_number}: de namen van de kolommen moeten gescheiden zijn door een komma of een "
                f"puntkomma, zoals ‘{';'.join(required)}’."
            ]
        )
    for position, name in enumerate(names, start=1):
        if not name:
            errors.append(f"Regel {line_number}: kolom {position} heeft geen naam.")
        elif name not in known:
            errors.append(
                f"Regel {line_number}: de kolom ‘{name}’ is onbekend; bruikbare kolommen zijn {_quoted_list(known)}."
            )
    for name in dict.fromkeys(name for name in names if name and names.count(name) > 1):
        errors.append(f"Regel {line_number}: de kolom ‘{name}’ staat meer dan één keer in de eerste regel.")
    errors.extend(
        f"Regel {line_number}: de verplichte kolom ‘{name}’ ontbreekt." for name in required if name not in names
    )
    if errors:
        raise ImportFout(errors)


def read_rows(
    stream: BinaryIO, *, required: list[str], optional: list[str], errors: ErrorList | None = None
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for every row of a CSV file, as a stream.

    The row maps every column of `required` and `optional` to its value, stripped; an optional column that is not
    in the file gives "". Line numbers are physical lines of the file, the header being line 1 (for a value that
    spans lines: the line where the row starts). Empty lines, and lines with only separators (Excel writes those
    for empty rows), are skipped.

    A problem with the file as a whole (empty, only a header, wrong columns, not UTF-8) raises ImportFout. A row
    with the wrong number of values is added to `errors` and skipped, so the caller can report it with its own
    errors; without `errors` it raises ImportFout at once.
    """
    # surrogateescape: see _UNDECODABLE. newline="": csv handles line breaks itself, also inside quoted values.
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        lines = _lines(text)
        header_line, delimiter, names = _header(lines)
        _check_header(header_line, names, required, optional)
        absent = dict.fromkeys((name for name in optional if name not in names), "")
        reader = csv.reader(lines, delimiter=delimiter)
        reader_offset = header_line  # csv counts lines from its own start, after the header
        previous_end = 0
        rows = 0
        while True:
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error:
                # In practice: a value over 128 KiB, mostly because a quote is opened and never closed.
                raise ImportFout(
                    [
                        f"Regel {reader_offset + previous_end + 1}: een waarde is te lang. Staat er een "
                        'aanhalingsteken (") dat niet wordt gesloten?'
                    ]
                ) from None
            line_number = reader_offset + previous_end + 1
            previous_end = reader.line_num
            joined = "".join(values)
            # ASCII has no undecodable bytes: most rows skip the regular expression.
            if not joined.isascii() and _UNDECODABLE.search(joined):
                raise _encoding_error(line_number, joined)
            if not joined.strip():
                continue
            rows += 1
            if len(values) != len(names):
                message = (
                    f"Regel {line_number}: {len(values)} {'waarde' if len(values) == 1 else 'waarden'}, maar de "
                    f"eerste regel heeft {len(names)} kolommen. Staat er een ‘{delimiter}’ in een tekst zonder "
                    "aanhalingstekens eromheen?"
                )
                if errors is None:
                    raise ImportFout([message])
                errors.add(message)
                continue
            if "\x00" in joined:
                # PostgreSQL cannot store a NUL character in text; it is never meant in a CSV file anyway.
                message = f"Regel {line_number}: bevat een ongeldig teken (NUL); is dit wel een CSV-bestand?"
                if errors is None:
                    raise ImportFout([message])
                errors.add(message)
                continue
            row = dict(zip(names, [value.strip() for value in values], strict=True))
            row.update(absent)
            yield line_number, row
        if not rows:
            raise ImportFout(
                [f"Het bestand bevat alleen de namen van de kolommen (regel {header_line}) en verder geen gegevens."]
            )
    finally:
        # Give the caller's stream back open: closing the wrapper would close it.
        text.detach()


# Parsing of single values. Each returns the value, or raises ValueError with the Dutch text after "Regel n,
# kolom ‘x’: ".


def parse_date(value: str) -> date:
    if match := _ISO_DATE.fullmatch(value):
        year, month, day = match.groups()
    elif match := _DUTCH_DATE.fullmatch(value):
        day, month, year = match.groups()
    else:
        if not value:
            raise ValueError(f"is leeg; vul een datum in ({DATE_FORMATS_HINT}).")
        raise ValueError(f"‘{value}’ is geen geldige datum; {DATE_FORMATS_HINT}.")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError(f"‘{value}’ is geen geldige datum; {DATE_FORMATS_HINT}.") from None


def parse_signal_date(value: str, today: date | None = None) -> date:
    """A signal happened: its date cannot lie in the future (a typo such as 2027 would drop out of the screening).
    An import passes `today` once for the whole file: asking the time zone for every row was a third of the time
    spent parsing (bench/results.md)."""
    day = parse_date(value)
    if signaal_in_toekomst(day, today):
        raise ValueError(f"‘{value}’ {SIGNAAL_IN_TOEKOMST}")
    return day


def parse_month(value: str) -> date:
    """A month as 2021-01 or 01-2021, or a date of which only the month counts: the first of that month."""
    if match := _ISO_MONTH.fullmatch(value):
        year, month = match.groups()
    elif match := _DUTCH_MONTH.fullmatch(value):
        month, year = match.groups()
    else:
        try:
            return parse_date(value).replace(day=1)
        except ValueError:
            pass
        if not value:
            raise ValueError(f"is leeg; vul een maand in ({MONTH_FORMATS_HINT}).") from None
        raise ValueError(f"‘{value}’ is geen geldige maand; {MONTH_FORMATS_HINT}.") from None
    if not 1 <= int(month) <= 12 or int(year) < 1:
        raise ValueError(f"‘{value}’ is geen geldige maand; {MONTH_FORMATS_HINT}.")
    return date(int(year), int(month), 1)


def parse_whole_number(value: str, *, minimum: int) -> int:
    """A whole number as written in Dutch, like AantalField: 1200, 1.200 or 1 200. "1,5" and "12.0" are refused."""
    what = "een positief geheel getal" if minimum > 0 else "een geheel getal van 0 of meer"
    try:
        number = geheel_getal(value)
    except ValueError:
        raise ValueError(f"‘{value}’ is geen geheel getal; schrijf bijvoorbeeld 1200 of 1.200.") from None
    if number is None:
        raise ValueError(
            "is leeg; vul een geheel getal in, ook als het 0 is." if minimum == 0 else f"is leeg; vul {what} in."
        )
    if number < minimum:
        raise ValueError(f"‘{value}’ moet {what} zijn.")
    if number > MAX_INTEGER:
        raise ValueError(f"‘{value}’ is te groot; het grootste getal is {_dutch_number(MAX_INTEGER)}.")
    return number


def _soort_key(value: str) -> str:
    return re.sub(r"[\s\-_]", "", value.lower())


# Every way a user may reasonably write a soort: value, label, plurals and synonyms, compared without case, spaces or
# hyphens ("Kamer-vragen", "burger brieven").
SOORT_ALIASES: dict[str, str] = {
    **{_soort_key(choice.value): choice.value for choice in SignaalSoort},
    **{_soort_key(choice.label): choice.value for choice in SignaalSoort},
    **{
        _soort_key(alias): soort
        for soort, aliases in {
            SignaalSoort.MEDIA: ["mediabericht", "mediaberichten", "nieuws", "nieuwsbericht", "pers", "social media"],
            SignaalSoort.BURGERBRIEF: ["burgerbrieven", "brief", "brieven", "burgermail"],
            SignaalSoort.KLACHT: ["klachten"],
            SignaalSoort.BEZWAAR: ["bezwaren", "bezwaarschrift", "bezwaarschriften", "bezwaar en beroep"],
            SignaalSoort.UITVOERINGSSIGNAAL: ["uitvoeringssignalen", "signaal uitvoering", "signaal uit de uitvoering"],
            SignaalSoort.KAMERVRAGEN: ["kamervraag", "vragen van de kamer"],
            SignaalSoort.ANDERS: ["overig", "overige", "ander", "andere"],
        }.items()
        for alias in aliases
    },
}


def parse_soort(value: str) -> str:
    # A value written as the key itself ("klacht") is found without normalising it first.
    if soort := SOORT_ALIASES.get(value) or SOORT_ALIASES.get(_soort_key(value)):
        return soort
    choices = [choice.value for choice in SignaalSoort]
    kies = f"kies uit {', '.join(choices[:-1])} of {choices[-1]}"
    if not value:
        raise ValueError(f"is leeg; {kies}.")
    raise ValueError(f"‘{value}’ is geen bekende soort; {kies}.")


_url_validator = URLValidator(schemes=["http", "https"])


@functools.lru_cache(maxsize=4096)
def _valid_url(value: str) -> bool:
    """URLValidator's regular expressions are the costliest check of a row, and a file repeats its links (one
    source, one page): each distinct link is checked once."""
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return True


def parse_link(value: str) -> str:
    if not value:
        return ""
    if len(value) > 500:
        raise ValueError(f"is {len(value)} tekens lang; een link mag hoogstens 500 tekens zijn.")
    if not _valid_url(value):
        raise ValueError(
            f"‘{value}’ is geen geldige link; een link begint met https:// of http://, zoals https://www.rijksoverheid.nl."
        ) from None
    return value


def parse_text(value: str, *, max_length: int | None = None) -> str:
    if not value:
        raise ValueError("is leeg; deze kolom is verplicht.")
    if max_length is not None and len(value) > max_length:
        raise ValueError(f"is {len(value)} tekens lang; het mag hoogstens {max_length} tekens zijn.")
    return value


def parse_aantal(value: str) -> int | None:
    return parse_whole_number(value, minimum=1) if value else None


def parse_bron(value: str) -> str:
    if bevat_regeleinde(value):
        raise ValueError(REGELEINDE_MELDING)
    return parse_text(value, max_length=300)


def parse_count(value: str) -> int:
    return parse_whole_number(value, minimum=0)


def _field(errors: ErrorList, line_number: int, column: str, parse: Callable[[str], object], value: str) -> object:
    """Parse one value; on a ValueError record "Regel n, kolom ‘x’: ..." and return None."""
    try:
        return parse(value)
    except ValueError as exc:
        errors.add(f"Regel {line_number}, kolom ‘{column}’: {exc}")
        return None


# Writing signals: COPY on PostgreSQL, one prepared INSERT per batch (executemany) elsewhere; both several times
# faster than bulk_create, which builds a model instance and a new SQL statement for every hundred rows on SQLite.
# Both take one tuple of SIGNAAL_COLUMNS per row, adapted with connection.ops, and keep at most one batch in memory.

SIGNAAL_COLUMNS = [
    "dossier",
    "soort",
    "datum",
    "bron",
    "samenvatting",
    "aantal",
    "link",
    "created_at",
    "created_by",
    "import_batch",
]


def _table_and_columns() -> tuple[str, str]:
    # Names come from the model, never from the file.
    meta = Signaal._meta
    quote = connection.ops.quote_name
    return quote(meta.db_table), ", ".join(quote(meta.get_field(name).column) for name in SIGNAAL_COLUMNS)


@contextmanager
def _copy_writer() -> Iterator[Callable[[tuple], None]]:
    table, columns = _table_and_columns()
    # Django's CursorWrapper holds the psycopg 3 cursor; COPY runs on the same connection, so inside the same
    # transaction. psycopg sends the rows in blocks of its own. An exception inside the block ends the COPY with an
    # error, and the surrounding atomic() rolls back.
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        yield copy.write_row


@contextmanager
def _insert_writer() -> Iterator[Callable[[tuple], None]]:
    table, columns = _table_and_columns()
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(SIGNAAL_COLUMNS))})"  # noqa: S608
    batch: list[tuple] = []
    with connection.cursor() as cursor:

        def write(values: tuple) -> None:
            batch.append(values)
            if len(batch) >= BATCH_SIZE:
                cursor.executemany(sql, batch)
                batch.clear()

        yield write
        # Only reached without an exception: a failed import leaves its last batch unwritten.
        if batch:
            cursor.executemany(sql, batch)


def signaal_writer():
    """A context manager giving `write(row)` for tuples of SIGNAAL_COLUMNS, on the current connection and inside
    the caller's transaction: COPY on PostgreSQL, batched INSERTs elsewhere. The import uses it, and so does the
    benchmark's data generator, which writes a million signals."""
    return _copy_writer() if connection.vendor == "postgresql" else _insert_writer()


def import_signalen(
    *, dossier: Dossier, stream: BinaryIO, bestandsnaam: str, actor: AbstractBaseUser | None
) -> SignaalImport:
    """Import a CSV file of signals into the dossier, all or nothing, and return the import with its row count.

    Columns: datum, soort, bron, samenvatting (required), aantal, link (optional). Raises ImportFout with every error
    (at most MAX_ERRORS, and a count of the rest); nothing is stored then, not even the import.
    """
    errors = ErrorList()
    parse_datum = functools.partial(parse_signal_date, today=timezone.localdate())
    adapt_date = connection.ops.adapt_datefield_value
    with transaction.atomic():
        signaal_import = SignaalImport(
            dossier=dossier, bestandsnaam=bestandsnaam[:255], aantal_rijen=0, created_by=actor
        )
        # Its history row is written once, at the end, with the number of signals (not "0, then changed to n").
        signaal_import.skip_history_when_saving = True
        signaal_import.save()
        actor_id = actor.pk if actor is not None else None
        created_at = connection.ops.adapt_datetimefield_value(signaal_import.created_at)
        count = 0
        with signaal_writer() as write:
            try:
                for line, row in read_rows(stream, required=SIGNAAL_REQUIRED, optional=SIGNAAL_OPTIONAL, errors=errors):
                    datum = _field(errors, line, "datum", parse_datum, row["datum"])
                    soort = _field(errors, line, "soort", parse_soort, row["soort"])
                    bron = _field(errors, line, "bron", parse_bron, row["bron"])
                    samenvatting = _field(errors, line, "samenvatting", parse_text, row["samenvatting"])
                    aantal = _field(errors, line, "aantal", parse_aantal, row["aantal"])
                    link = _field(errors, line, "link", parse_link, row["link"])
                    # After the first error nothing is written any more; the rest of the file is only validated,
                    # so the user sees as many errors as possible in one go.
                    if errors:
                        continue
                    write(
                        (
                            dossier.pk,
                            soort,
                            adapt_date(datum),
                            bron,
                            samenvatting,
                            aantal,
                            link,
                            created_at,
                            actor_id,
                            signaal_import.pk,
                        )
                    )
                    count += 1
            except ImportFout as exc:
                # A problem with the file as a whole (e.g. not UTF-8 from line 800 on): report it after the row
                # errors found before it.
                errors.extend(exc.errors)
            errors.raise_if_any()
        signaal_import.aantal_rijen = count
        signaal_import.save(update_fields=["aantal_rijen"])
        del signaal_import.skip_history_when_saving
        SignaalImport.history.bulk_history_create([signaal_import], default_user=actor)
    return signaal_import


def import_gebruik(*, dossier: Dossier, stream: BinaryIO, actor: AbstractBaseUser | None) -> int:
    """Import monthly use (periode, aanvragen, toekenningen, afwijzingen) into the dossier, all or nothing.

    A month the dossier already has is replaced by the file's numbers; a month twice in the file is an error.
    Returns the number of months written. Each month leaves a history row with the actor, as a month typed in the
    form does, so the timeline shows both alike.
    """
    errors = ErrorList()
    # A file has one row per month, so even decades of data fit in memory; they are written at the end.
    months: dict[date, GebruikPeriode] = {}
    first_line: dict[date, int] = {}
    try:
        for line, row in read_rows(stream, required=GEBRUIK_REQUIRED, optional=[], errors=errors):
            periode = _field(errors, line, "periode", parse_month, row["periode"])
            numbers = {
                column: _field(errors, line, column, parse_count, row[column]) for column in GEBRUIK_REQUIRED[1:]
            }
            if periode is None:
                continue
            if periode in first_line:
                errors.add(
                    f"Regel {line}, kolom ‘periode’: de maand {periode:%m-%Y} staat ook al op regel "
                    f"{first_line[periode]}; elke maand mag maar één keer in het bestand staan."
                )
                continue
            first_line[periode] = line
            if None not in numbers.values():
                months[periode] = GebruikPeriode(dossier=dossier, periode=periode, **numbers)
    except ImportFout as exc:
        errors.extend(exc.errors)
    errors.raise_if_any()
    with transaction.atomic():
        # The caller holds the dossier's lock, so the months read here are all the months there are.
        bestaand = {g.periode: g for g in GebruikPeriode.objects.filter(dossier=dossier, periode__in=list(months))}
        gewijzigd = []
        for periode, nieuw in months.items():
            if periode in bestaand:
                for column in GEBRUIK_REQUIRED[1:]:
                    setattr(bestaand[periode], column, getattr(nieuw, column))
                gewijzigd.append(bestaand[periode])
        nieuwe = [g for periode, g in months.items() if periode not in bestaand]
        bulk_create_with_history(nieuwe, GebruikPeriode, batch_size=BATCH_SIZE, default_user=actor)
        bulk_update_with_history(
            gewijzigd, GebruikPeriode, fields=GEBRUIK_REQUIRED[1:], batch_size=BATCH_SIZE, default_user=actor
        )
    return len(months)

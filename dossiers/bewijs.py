"""Which evidence files are accepted, judged by their content, never by their name.

The allowed kinds: PDF, Word (docx, doc), Excel (xlsx, xls), OpenDocument (odt, ods, odp), CSV, and images (PNG,
JPEG, GIF, WebP). A file is accepted when its bytes say it is one of those and its name ends in an extension of
that same kind, so `virus.exe` renamed to `rapport.pdf` is refused. Hand-written rather than a library: the
well-kept pure-Python detector (puremagic 2) needs Python 3.12, python-magic needs the system's libmagic, and
neither tells an Office file from any other ZIP without opening it, which this module does.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename

from invoeringstoets.formats import aantal


@dataclass(frozen=True)
class Bestandssoort:
    label: str
    mime_type: str
    extensies: tuple[str, ...]


PDF = Bestandssoort("PDF", "application/pdf", (".pdf",))
DOCX = Bestandssoort("Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))
XLSX = Bestandssoort("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))
PPTX = Bestandssoort(
    "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",)
)
ODT = Bestandssoort("OpenDocument-tekst", "application/vnd.oasis.opendocument.text", (".odt",))
ODS = Bestandssoort("OpenDocument-rekenblad", "application/vnd.oasis.opendocument.spreadsheet", (".ods",))
ODP = Bestandssoort("OpenDocument-presentatie", "application/vnd.oasis.opendocument.presentation", (".odp",))
OLE = Bestandssoort("Word of Excel (oud formaat)", "application/x-ole-storage", (".doc", ".xls"))
CSV = Bestandssoort("CSV", "text/csv", (".csv",))
PNG = Bestandssoort("PNG-afbeelding", "image/png", (".png",))
JPEG = Bestandssoort("JPEG-afbeelding", "image/jpeg", (".jpg", ".jpeg"))
GIF = Bestandssoort("GIF-afbeelding", "image/gif", (".gif",))
WEBP = Bestandssoort("WebP-afbeelding", "image/webp", (".webp",))

TOEGESTAAN = "PDF, Word, Excel, OpenDocument, CSV of een afbeelding (PNG, JPEG, GIF, WebP)"


class OngeldigBestand(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


# A ZIP says in its table of contents how large each member unpacks; those numbers are checked before any member is
# read, so a ZIP bomb (a 300 KB .odt whose `mimetype` unpacks to 300 MiB) is refused without unpacking it. Office
# XML compresses about 5 to 30 times; a member a hundred times smaller packed than unpacked is not a document.
ZIP_MAX_LEDEN = 10_000
ZIP_MAX_VERHOUDING = 100
ZIP_VERHOUDING_VANAF = 1_000_000  # small members may compress well (a mimetype of zeros, an empty sheet)
MIMETYPE_MAX_BYTES = 200  # "application/vnd.oasis.opendocument.presentation" is 47


def _controleer_zip(archive: zipfile.ZipFile) -> None:
    leden = archive.infolist()
    if len(leden) > ZIP_MAX_LEDEN:
        raise OngeldigBestand(
            f"Het bestand bevat {aantal(len(leden))} onderdelen; een document heeft er hoogstens "
            f"{aantal(ZIP_MAX_LEDEN)}. Het wordt niet geaccepteerd."
        )
    for lid in leden:
        if lid.file_size > ZIP_VERHOUDING_VANAF and lid.file_size > ZIP_MAX_VERHOUDING * max(lid.compress_size, 1):
            raise OngeldigBestand(
                "Het bestand is ongewoon sterk ingepakt (een onderdeel wordt bij uitpakken meer dan "
                f"{ZIP_MAX_VERHOUDING} keer zo groot), zoals een zip-bom. Het wordt niet geaccepteerd."
            )
    uitgepakt = sum(lid.file_size for lid in leden)
    maximum = settings.BEWIJS_ZIP_MAX_BYTES
    if uitgepakt > maximum:
        raise OngeldigBestand(
            f"Het bestand pakt uit tot {aantal(uitgepakt // 1_000_000)} MB; hoogstens "
            f"{aantal(maximum // 1_000_000)} MB is toegestaan. Het wordt niet geaccepteerd."
        )


def _office_zip(data: bytes) -> Bestandssoort | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    _controleer_zip(archive)
    if "mimetype" in names:
        try:
            with archive.open("mimetype") as member:
                mimetype = member.read(MIMETYPE_MAX_BYTES).decode("ascii", "replace").strip()
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
            return None  # damaged, encrypted or an unknown compression: not a document we can recognise
        return {ODT.mime_type: ODT, ODS.mime_type: ODS, ODP.mime_type: ODP}.get(mimetype)
    if "[Content_Types].xml" in names:
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
        if any(n.startswith("ppt/") for n in names):
            return PPTX
    return None


def _csv(data: bytes) -> Bestandssoort | None:
    sample = data[:65536]
    if b"\x00" in sample:
        return None
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a character cut off at the end of the sample is fine
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return None
    first_line = sample.split(b"\n", 1)[0]
    return CSV if (b"," in first_line or b";" in first_line or b"\t" in first_line) else None


def herken(data: bytes) -> Bestandssoort | None:
    """The kind of file these bytes are, if it is one we accept. Raises OngeldigBestand for a ZIP that would unpack
    to far more than it is."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if data.startswith(b"PK\x03\x04"):
        return _office_zip(data)
    return _csv(data)


def veilige_naam(naam: str) -> str:
    """The name to show and to offer on download: no folders, no odd characters, not too long."""
    basis = PurePath(naam.replace("\\", "/")).name
    stam, suffix = PurePath(basis).stem.lstrip(". "), PurePath(basis).suffix.lower()
    schoon = get_valid_filename(f"{stam[:150]}{suffix}") if stam else ""
    return schoon or f"bestand{suffix}"


def controleer(upload: UploadedFile) -> Bestandssoort:
    """Check size and content of an uploaded evidence file; raise OngeldigBestand with a Dutch message."""
    maximum = settings.BEWIJS_MAX_BYTES
    if upload.size > maximum:
        raise OngeldigBestand(
            f"Het bestand is {aantal(upload.size // 1_000_000 or 1)} MB; het mag hoogstens "
            f"{aantal(maximum // 1_000_000)} MB zijn."
        )
    if upload.size == 0:
        raise OngeldigBestand("Het bestand is leeg.")
    upload.seek(0)
    # Office files are ZIP archives whose table of contents is at the end, so those need the whole file;
    # that is bounded by the size limit above.
    data = upload.read()
    upload.seek(0)
    soort = herken(data)
    if soort is None:
        raise OngeldigBestand(f"Dit soort bestand wordt niet geaccepteerd. Kies een {TOEGESTAAN}.")
    extensie = PurePath(upload.name or "").suffix.lower()
    if extensie not in soort.extensies:
        raise OngeldigBestand(
            f"De naam eindigt op ‘{extensie or '(geen extensie)'}’, maar de inhoud is een {soort.label}-bestand "
            f"({', '.join(soort.extensies)}). Controleer of u het goede bestand kiest."
        )
    return soort

"""A document as a tree: chapters of headings, paragraphs, lists, tables and figures, with all their wording.

The report is built as one such tree from the dossier record, once; the PDF template, the Word document and the
approved-version page only render it (as Open Forms renders one submission tree as PDF, e-mail and export), so the
three can never say different things. Nothing here knows the domain.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Tekst:
    """A run of text. `getypt`: typed by a user, shown with its own line breaks; `nieuwe_regel`: starts a new line."""

    tekst: str
    vet: bool = False
    klein: bool = False
    getypt: bool = False
    nieuwe_regel: bool = False


Regel = list[Tekst]


@dataclass
class Alinea:
    delen: Regel
    klasse: str = ""
    soort: str = "alinea"


@dataclass
class Lijst:
    items: list[Regel]
    genummerd: bool = False
    klasse: str = ""
    soort: str = "lijst"


@dataclass
class Tabel:
    kop: list[str]
    rijen: list[list[Regel]]
    bijschrift: str = ""
    # A class per column for the PDF's layout (breed, rechts, midden); a row header in the first column.
    kolommen: list[str] = field(default_factory=list)
    rijkop: bool = False
    klasse: str = ""
    soort: str = "tabel"

    @property
    def breedte(self) -> int:
        return len(self.kop) or max((len(rij) for rij in self.rijen), default=0)

    def cellen(self) -> list[list["Cel"]]:
        """The rows ready to render: a header cell where the first column holds row headers, a column's class, and a
        short row's last cell spanning the columns it lacks."""
        rows = []
        for rij in self.rijen:
            cells = []
            for i, regel in enumerate(rij):
                span = self.breedte - len(rij) + 1 if i == len(rij) - 1 else 1
                klasse = self.kolommen[i] if i < len(self.kolommen) else ""
                cells.append(Cel(zonder_lege(regel), kop=self.rijkop and i == 0, klasse=klasse, span=span))
            rows.append(cells)
        return rows


@dataclass(frozen=True)
class Cel:
    regel: Regel
    kop: bool = False
    klasse: str = ""
    span: int = 1


@dataclass
class Figuur:
    """A figure (an SVG chart) with its caption; `tabel` carries the same figures for renderers without SVG."""

    svg: str
    bijschrift: str
    tabel: Tabel | None = None
    soort: str = "figuur"


@dataclass
class Kop:
    """A heading inside a chapter: level 3 under the chapter's own heading (2), 4 below that."""

    tekst: str
    niveau: int = 3
    soort: str = "kop"


@dataclass
class Groep:
    """Blocks that belong together (one finding, one question), kept on one page where the renderer can."""

    klasse: str
    blokken: list
    soort: str = "groep"


Blok = Alinea | Lijst | Tabel | Figuur | Kop | Groep


@dataclass
class Hoofdstuk:
    id: str
    titel: str
    blokken: list[Blok]


@dataclass
class Document:
    titel: str
    afzender: list[str]
    soort: str
    ondertitel: str
    kenmerken: list[tuple[str, str]]
    hoofdstukken: list[Hoofdstuk]
    concept: str = ""  # the banner of a concept, empty for an approved document


def zonder_lege(regel: Regel) -> Regel:
    """A line without its empty runs, and without a line break before the first run that is left (an empty
    explanation followed by "Gegevens: …" must not start its cell with a blank line)."""
    runs = [deel for deel in regel if deel.tekst.strip()]
    if runs and runs[0].nieuwe_regel:
        runs[0] = Tekst(runs[0].tekst, vet=runs[0].vet, klein=runs[0].klein, getypt=runs[0].getypt)
    return runs


def tekst(text: str, **kwargs) -> Regel:
    return [Tekst(text, **kwargs)]


def getypt(text: str, *, klasse: str = "") -> list[Blok]:
    """Text a user typed, as blocks: lines starting with "- " become a list, other lines paragraphs (a single line
    break stays a line break inside its paragraph, a blank line starts a new paragraph)."""
    blokken: list[Blok] = []
    alinea: list[str] = []
    items: list[str] = []

    def sluit_alinea():
        if alinea:
            blokken.append(Alinea([Tekst("\n".join(alinea), getypt=True)], klasse=klasse))
            alinea.clear()

    def sluit_lijst():
        if items:
            blokken.append(Lijst([[Tekst(item, getypt=True)] for item in items]))
            items.clear()

    for line in (text or "").splitlines():
        if line.lstrip().startswith("- "):
            sluit_alinea()
            items.append(line.lstrip()[2:].strip())
        elif not line.strip():
            sluit_alinea()
            sluit_lijst()
        else:
            sluit_lijst()
            alinea.append(line)
    sluit_alinea()
    sluit_lijst()
    return blokken

"""The chart of actual use against the expected size of the target group, as server-rendered SVG.

The same markup is shown inline on the dossier page and embedded in the PDF report, which WeasyPrint renders.
That is why it is plain SVG 1.1: presentation attributes instead of CSS, no scripts, no external fonts or
images, and text in Source Sans 3, the typeface of the report and the pages (DejaVu Sans where it is missing).

Two panels share the months on the x axis. The upper one holds the running totals of applications and grants
and the dashed line of the expected target group; the lower one holds the applications per month as bars. On a
single scale, 40 to 90 applications a month would be bars a few pixels high under a line at 4.000.
"""

import math
import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from invoeringstoets.formats import aantal
from invoeringstoets.formats import maand as maand_naam

# Rijkshuisstijl colours. Lines and text have at least 4.5:1 contrast against white (WCAG AA for text); the
# bars are light, so they get an outline with 3:1 and their numbers are also in the running total and the desc.
KLEUR_AANVRAGEN = "#154273"  # lintblauw, 10.2:1
KLEUR_TOEKENNINGEN = "#39870c"  # groen, 4.5:1
KLEUR_VERWACHTING = "#c43d00"  # donkeroranje, 5.2:1
KLEUR_BALK = "#b2d7ee"  # lichtblauw vlak
KLEUR_BALKRAND = "#01689b"  # donkerblauw, 6.1:1
KLEUR_TEKST = "#333333"
KLEUR_AS = "#696969"  # 5.5:1
KLEUR_RASTER = "#e6e6e6"
LETTERTYPE = "'Source Sans 3', 'DejaVu Sans', sans-serif"

BREEDTE = 720
HOOGTE = 380
MARGE = 8  # between a label and what it labels
VET = 1.1  # bold DejaVu Sans is about a tenth wider
MAX_BALKBREEDTE = 48.0  # one or two months would otherwise be slabs
LEGENDA_Y = 18
BOVEN_TOP, BOVEN_BODEM = 44, 226
ONDER_KOP_Y = 262
ONDER_TOP, ONDER_BODEM = 274, 342
MAAND_LABEL_Y = 360
LETTER = 12
KLEINE_LETTER = 11

MAANDEN_KORT = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
# Month labels are thinned to every n-th month; these steps keep them on calendar boundaries (quarters, years).
LABEL_STAPPEN = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120]
GELDIG_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")

XPositie = Callable[[int], float]  # the x of the middle of the n-th month


class GebruikMaand(Protocol):
    """What the chart reads from a `GebruikPeriode`; tests pass simple stand-ins."""

    periode: date
    aanvragen: int
    toekenningen: int


@dataclass(frozen=True)
class _Maand:
    dag: date  # first day of the month
    aanvragen: int
    toekenningen: int
    gemeld: bool  # False for a month between two reported months, which counts as zero


def gebruik_svg(
    periodes: Sequence[GebruikMaand],
    verwachte_omvang: int | None,
    *,
    titel: str,
    id_prefix: str | None = None,
) -> SafeString:
    """An accessible SVG chart of applications and grants per month against the expected target group.

    `titel` becomes the chart's accessible name (`<title>`); the visible heading is up to the page around it.
    `id_prefix` makes the ids unique on a page; without it every call gets a fresh random one.
    """
    prefix = id_prefix or f"gebruik-{uuid.uuid4().hex[:8]}"
    if not GELDIG_ID.match(prefix):
        raise ValueError(
            f"id_prefix moet met een letter beginnen en mag alleen letters, cijfers, - en _ bevatten: {prefix!r}"
        )
    maanden = _maanden(periodes)
    verwacht = verwachte_omvang or None  # 0 means unknown as much as None does
    if not maanden:
        return _leeg_svg(prefix, titel)
    return _grafiek_svg(prefix, titel, maanden, verwacht)


# --- Data ---


def _maanden(periodes: Sequence[GebruikMaand]) -> list[_Maand]:
    """Every month from the first to the last reported one, so the x axis is even in time."""
    per_maand: dict[date, tuple[int, int]] = {}
    for p in periodes:
        dag = p.periode.replace(day=1)
        aanvragen, toekenningen = per_maand.get(dag, (0, 0))
        per_maand[dag] = (aanvragen + p.aanvragen, toekenningen + p.toekenningen)
    if not per_maand:
        return []
    eerste, laatste = min(per_maand), max(per_maand)
    maanden = []
    dag = eerste
    while dag <= laatste:
        aanvragen, toekenningen = per_maand.get(dag, (0, 0))
        maanden.append(_Maand(dag, aanvragen, toekenningen, gemeld=dag in per_maand))
        dag = date(dag.year + dag.month // 12, dag.month % 12 + 1, 1)
    return maanden


def _opgeteld(waarden: list[int]) -> list[int]:
    totaal, uit = 0, []
    for waarde in waarden:
        totaal += waarde
        uit.append(totaal)
    return uit


# --- Dutch text ---


def _meervoud(n: int, enkel: str, meer: str) -> str:
    return f"{aantal(n)} {enkel if n == 1 else meer}"


def _maand_kort(dag: date) -> str:
    return f"{MAANDEN_KORT[dag.month - 1]} {dag.year}"


def _procent(deel: int, geheel: int) -> str:
    fractie = deel / geheel
    if 0 < fractie < 0.005:
        return "minder dan 1%"  # a rounded 0% would read as "nothing yet"
    return f"{round(fractie * 100)}%"


def _samenvatting(maanden: list[_Maand], verwacht: int | None) -> str:
    """One Dutch sentence with what the chart shows, for screen readers and for the desc."""
    aantal_maanden = len(maanden)
    periode = maand_naam(maanden[0].dag)
    if aantal_maanden > 1:
        periode += f" tot en met {maand_naam(maanden[-1].dag)}"
    aanvragen = sum(m.aanvragen for m in maanden)
    toekenningen = sum(m.toekenningen for m in maanden)
    zin = (
        f"Na {_meervoud(aantal_maanden, 'maand', 'maanden')} ({periode}): "
        f"{_meervoud(aanvragen, 'aanvraag', 'aanvragen')} en {_meervoud(toekenningen, 'toekenning', 'toekenningen')}"
    )
    if verwacht:
        return f"{zin}, {_procent(toekenningen, verwacht)} van de verwachte {aantal(verwacht)}."
    return f"{zin}; de verwachte omvang van de doelgroep is niet bekend."


# --- Scales ---


def _ronde_stappen(maximum: float, max_intervallen: int, min_intervallen: int) -> list[int]:
    """Ticks 0, s, 2s, … with s a round number (1, 2, 2.5 or 5 times a power of ten) that reach `maximum`."""
    macht = 1
    while True:
        for factor in (1, 2, 2.5, 5):
            stap = factor * macht
            if stap != int(stap):
                continue
            stap = int(stap)
            intervallen = max(math.ceil(maximum / stap), min_intervallen)
            if intervallen <= max_intervallen:
                return [i * stap for i in range(intervallen + 1)]
        macht *= 10


def _label_stap(breedte_per_maand: float) -> int:
    """Show every n-th month, with n the smallest step that keeps the labels apart."""
    nodig = _tekstbreedte("mrt 2021", KLEINE_LETTER) + 10
    for stap in LABEL_STAPPEN:
        if stap * breedte_per_maand >= nodig:
            return stap
    return LABEL_STAPPEN[-1]


def _tekstbreedte(tekst: str, grootte: float) -> float:
    """The width of the text, estimated on the wide side from DejaVu Sans glyph widths in em (wider than Source Sans).

    There is no font metrics library on the server, and the chart only needs to keep labels apart.
    """
    em = 0.0
    for teken in tekst:
        if teken.isdigit():
            em += 0.64
        elif teken in " .,:;!'|":
            em += 0.34
        elif teken.isupper() or teken in "mw%":
            em += 0.8
        else:
            em += 0.6
    return em * grootte


def _getal(v: float) -> str:
    """A coordinate with at most one decimal, so the markup stays short."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


# --- SVG ---


def _el(tag: str, inhoud: str = "", /, **attrs: object) -> str:
    """One element; `font_size` becomes `font-size`, `class_` becomes `class`. Text content is escaped."""
    attributen = "".join(
        f' {naam.rstrip("_").replace("_", "-")}="{escape(_getal(w) if isinstance(w, float) else w)}"'
        for naam, w in attrs.items()
        if w is not None
    )
    if inhoud:
        return f"<{tag}{attributen}>{inhoud}</{tag}>"
    return f"<{tag}{attributen}/>"


def _tekst(x: float, y: float, tekst: str, **attrs: object) -> str:
    return _el("text", escape(tekst), x=float(x), y=float(y), **attrs)


def _svg(prefix: str, titel: str, desc: str, hoogte: int, inhoud: list[str]) -> SafeString:
    titel_id, desc_id = f"{prefix}-titel", f"{prefix}-desc"
    # width/height give the natural size, also to a viewer of the bare file. The class `gebruik-grafiek` fits it
    # to the column (in app.css and rapport.css: width 100%, a max-width in px, height auto), never larger than
    # natural, and the viewBox scales the drawing along. A class, not a style attribute: the pages' Content
    # Security Policy allows no inline styles. (WeasyPrint 70 turns `max-width: 100%` with `height: auto` into a
    # square box; `width: 100%` with a max-width in px keeps the aspect ratio.)
    kop = (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{BREEDTE}" height="{hoogte}" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" class="gebruik-grafiek" '
        f'role="img" aria-labelledby="{titel_id} {desc_id}" id="{prefix}" '
        f'font-family="{escape(LETTERTYPE)}" font-size="{LETTER}" fill="{KLEUR_TEKST}">'
    )
    delen = [kop, _el("title", escape(titel), id=titel_id), _el("desc", escape(desc), id=desc_id), *inhoud, "</svg>"]
    return mark_safe("".join(delen))  # noqa: S308 - every text and attribute value above is escaped


def _leeg_svg(prefix: str, titel: str) -> SafeString:
    melding = "Nog geen gegevens over het gebruik."
    rand = _el("rect", x=0.5, y=0.5, width=float(BREEDTE - 1), height=47.0, fill="#ffffff", stroke=KLEUR_RASTER)
    return _svg(prefix, titel, melding, 48, [rand, _tekst(16, 29, melding, fill=KLEUR_TEKST)])


@dataclass(frozen=True)
class _Vlak:
    """A plot area with a linear y scale from 0 up to its top tick."""

    links: float
    rechts: float
    top: float
    bodem: float
    ticks: list[int]

    def y(self, waarde: float) -> float:
        return self.bodem - (self.bodem - self.top) * waarde / self.ticks[-1]


def _grafiek_svg(prefix: str, titel: str, maanden: list[_Maand], verwacht: int | None) -> SafeString:
    aanvragen = [m.aanvragen for m in maanden]
    totaal_aanvragen = _opgeteld(aanvragen)
    totaal_toekenningen = _opgeteld([m.toekenningen for m in maanden])
    # Headroom above the highest value, so the top line and the expectation label stay clear of the legend.
    hoogste = max(totaal_aanvragen[-1], totaal_toekenningen[-1], verwacht or 0) * 1.08
    ticks_boven = _ronde_stappen(hoogste, 5, 3)
    ticks_onder = _ronde_stappen(max(aanvragen), 2, 2)
    # The margins fit the widest y tick label on the left and the widest total at the end of the lines.
    links = max(_tekstbreedte(aantal(t), KLEINE_LETTER) for t in ticks_boven + ticks_onder) + 2 * MARGE
    eind = max(totaal_aanvragen[-1], totaal_toekenningen[-1])
    rechts = BREEDTE - _tekstbreedte(aantal(eind), LETTER) * VET - 2 * MARGE
    boven = _Vlak(links, rechts, BOVEN_TOP, BOVEN_BODEM, ticks_boven)
    onder = _Vlak(links, rechts, ONDER_TOP, ONDER_BODEM, ticks_onder)
    breedte_per_maand = (rechts - links) / len(maanden)

    def x(index: int) -> float:
        return boven.links + breedte_per_maand * (index + 0.5)

    delen = [
        _legenda(links, verwacht is not None),
        _y_as(boven),
        _lijn(boven, x, totaal_aanvragen, KLEUR_AANVRAGEN),
        _lijn(boven, x, totaal_toekenningen, KLEUR_TOEKENNINGEN),
        _eindwaarden(boven, x(len(maanden) - 1), totaal_aanvragen[-1], totaal_toekenningen[-1]),
    ]
    if verwacht:
        delen.append(_verwachting(boven, verwacht))
    delen += [
        _onderkop(links),
        _y_as(onder),
        _balken(onder, x, breedte_per_maand, maanden),
        _maand_labels(x, breedte_per_maand, maanden),
    ]
    return _svg(prefix, titel, _samenvatting(maanden, verwacht), HOOGTE, delen)


def _legenda(links: float, met_verwachting: bool) -> str:
    items = [
        ("Aanvragen sinds de start", KLEUR_AANVRAGEN, None),
        ("Toekenningen sinds de start", KLEUR_TOEKENNINGEN, None),
    ]
    if met_verwachting:
        items.append(("Verwachte doelgroep", KLEUR_VERWACHTING, "6 4"))
    delen, x = [], links
    for tekst, kleur, streep in items:
        delen.append(
            _el(
                "line",
                x1=x,
                y1=LEGENDA_Y - 4.0,
                x2=x + 24,
                y2=LEGENDA_Y - 4.0,
                stroke=kleur,
                stroke_width=3,
                stroke_dasharray=streep,
            )
        )
        delen.append(_tekst(x + 30, LEGENDA_Y, tekst))
        x += 30 + _tekstbreedte(tekst, LETTER) + 24
    return _el("g", "".join(delen), class_="legenda")


def _onderkop(links: float) -> str:
    """The lower panel's own legend: a bar swatch and what the bars count."""
    y = float(ONDER_KOP_Y)
    balk = _el("rect", x=links, y=y - 10, width=12.0, height=12.0, fill=KLEUR_BALK, stroke=KLEUR_BALKRAND)
    return _el("g", balk + _tekst(links + 18, y, "Aanvragen per maand"), class_="legenda")


def _y_as(vlak: _Vlak) -> str:
    delen = []
    for waarde in vlak.ticks:
        y = vlak.y(waarde)
        kleur = KLEUR_AS if waarde == 0 else KLEUR_RASTER  # the baseline is the axis; the rest is a light grid
        delen.append(_el("line", x1=vlak.links, y1=y, x2=vlak.rechts, y2=y, stroke=kleur, stroke_width=1))
        delen.append(_tekst(vlak.links - MARGE, y + 4, aantal(waarde), text_anchor="end", font_size=KLEINE_LETTER))
    return _el("g", "".join(delen), class_="y-as")


def _lijn(vlak: _Vlak, x: XPositie, waarden: list[int], kleur: str) -> str:
    if len(waarden) == 1:
        # A single month has no line to draw; a dot shows where it is.
        return _el("circle", cx=x(0), cy=vlak.y(waarden[0]), r=4.0, fill=kleur)
    punten = " ".join(f"{_getal(x(i))},{_getal(vlak.y(w))}" for i, w in enumerate(waarden))
    return _el("polyline", points=punten, fill="none", stroke=kleur, stroke_width=2.5, stroke_linejoin="round")


def _eindwaarden(vlak: _Vlak, x: float, aanvragen: int, toekenningen: int) -> str:
    """The totals at the end of the lines, so the last numbers can be read without the grid."""
    y_aanvragen, y_toekenningen = vlak.y(aanvragen) + 4, vlak.y(toekenningen) + 4
    # Keep the two labels a line apart when the totals are close.
    if y_toekenningen - y_aanvragen < 13:
        midden = (y_aanvragen + y_toekenningen) / 2
        y_aanvragen, y_toekenningen = midden - 6.5, midden + 6.5
    return _el(
        "g",
        _tekst(x + MARGE, y_aanvragen, aantal(aanvragen), fill=KLEUR_AANVRAGEN, font_weight="bold")
        + _tekst(x + MARGE, y_toekenningen, aantal(toekenningen), fill=KLEUR_TOEKENNINGEN, font_weight="bold"),
        class_="eindwaarden",
    )


def _verwachting(vlak: _Vlak, verwacht: int) -> str:
    y = vlak.y(verwacht)
    label = f"Verwachte doelgroep: {aantal(verwacht)}"
    breedte = _tekstbreedte(label, KLEINE_LETTER)
    lijn = _el(
        "line",
        x1=vlak.links,
        y1=y,
        x2=vlak.rechts,
        y2=y,
        stroke=KLEUR_VERWACHTING,
        stroke_width=2,
        stroke_dasharray="6 4",
    )
    # Above the line where there is room, else below; a white backing keeps it legible over the data lines.
    tekst_y = y - 7 if y - vlak.top > 18 else y + 15
    achter = _el(
        "rect", x=vlak.links + 4, y=tekst_y - 11, width=breedte + 4, height=14.0, fill="#ffffff", fill_opacity=0.85
    )
    tekst = _tekst(vlak.links + 6, tekst_y, label, fill=KLEUR_VERWACHTING, font_size=KLEINE_LETTER, font_weight="bold")
    return _el("g", lijn + achter + tekst, class_="verwachting")


def _balken(vlak: _Vlak, x: XPositie, breedte_per_maand: float, maanden: list[_Maand]) -> str:
    breedte = min(max(breedte_per_maand * 0.7, 1.0), MAX_BALKBREEDTE)
    delen = []
    for i, maand in enumerate(maanden):
        if not maand.gemeld:
            continue
        y = vlak.y(maand.aanvragen)
        delen.append(
            _el(
                "rect",
                x=x(i) - breedte / 2,
                y=y,
                width=breedte,
                height=vlak.bodem - y,
                fill=KLEUR_BALK,
                stroke=KLEUR_BALKRAND,
                stroke_width=0.75,
            )
        )
    return _el("g", "".join(delen), class_="balken")


def _maand_labels(x: XPositie, breedte_per_maand: float, maanden: list[_Maand]) -> str:
    stap = _label_stap(breedte_per_maand)
    delen = []
    for i, maand in enumerate(maanden):
        maandnummer = maand.dag.year * 12 + maand.dag.month - 1
        if maandnummer % stap:
            continue
        delen.append(_el("line", x1=x(i), y1=float(ONDER_BODEM), x2=x(i), y2=ONDER_BODEM + 4.0, stroke=KLEUR_AS))
        delen.append(_tekst(x(i), MAAND_LABEL_Y, _maand_kort(maand.dag), text_anchor="middle", font_size=KLEINE_LETTER))
    return _el("g", "".join(delen), class_="x-as")

"""The document tree as HTML, for the PDF template and the application's pages.

Written in Python rather than as template includes: a report has thousands of cells, and an include per cell cost
a quarter of a second per report (bench/results.md). Every text is escaped; the only markup is this module's own.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .document import Alinea, Figuur, Groep, Kop, Lijst, Regel, Tabel


def _attr(name: str, value) -> str:
    return f' {name}="{escape(value)}"' if value else ""


def regel(runs: Regel) -> str:
    parts = []
    for deel in runs:
        text = escape(deel.tekst)
        if deel.getypt:
            text = f'<span class="tekst">{text}</span>'
        if deel.vet:
            text = f"<strong>{text}</strong>"
        if deel.klein:
            text = f'<span class="klein">{text}</span>'
        parts.append(("<br>" if deel.nieuwe_regel else "") + text)
    return "".join(parts)


def _tabel(tabel: Tabel, tabelklasse: str) -> str:
    klasse = "gegevens" if tabel.klasse == "gegevens" else " ".join(filter(None, ["lijst", tabel.klasse]))
    html = [f'<table class="{escape(" ".join(filter(None, [tabelklasse, klasse])))}">']
    if tabel.bijschrift:
        html.append(f"<caption>{escape(tabel.bijschrift)}</caption>")
    if tabel.kop:
        kolommen = (tabel.kolommen + [""] * len(tabel.kop))[: len(tabel.kop)]
        cells = "".join(
            f'<th scope="col"{_attr("class", k)}>{escape(t)}</th>' for t, k in zip(tabel.kop, kolommen, strict=True)
        )
        html.append(f"<thead><tr>{cells}</tr></thead>")
    html.append("<tbody>")
    for rij in tabel.cellen():
        html.append("<tr>")
        for cel in rij:
            if cel.kop:
                html.append(f'<th scope="row">{regel(cel.regel)}</th>')
            else:
                klasse = cel.klasse if cel.klasse != "breed" else ""
                span = cel.span if cel.span > 1 else ""
                html.append(f"<td{_attr('class', klasse)}{_attr('colspan', span)}>{regel(cel.regel)}</td>")
        html.append("</tr>")
    html.append("</tbody></table>")
    return "".join(html)


def blokken(items: list, *, tabelklasse: str = "") -> SafeString:
    html = []
    for blok in items:
        if isinstance(blok, Kop):
            html.append(f"<h{blok.niveau}>{escape(blok.tekst)}</h{blok.niveau}>")
        elif isinstance(blok, Alinea):
            html.append(f"<p{_attr('class', blok.klasse)}>{regel(blok.delen)}</p>")
        elif isinstance(blok, Lijst):
            tag = "ol" if blok.genummerd else "ul"
            items_html = "".join(f"<li>{regel(item)}</li>" for item in blok.items)
            html.append(f"<{tag}{_attr('class', blok.klasse)}>{items_html}</{tag}>")
        elif isinstance(blok, Tabel):
            html.append(_tabel(blok, tabelklasse))
        elif isinstance(blok, Figuur):
            # The SVG is the chart module's own markup, built with every text escaped (indicatoren/charts.py).
            html.append(f'<figure class="figuur">{blok.svg}<figcaption>{escape(blok.bijschrift)}</figcaption></figure>')
        elif isinstance(blok, Groep):
            html.append(f'<div class="{escape(blok.klasse)}">{blokken(blok.blokken, tabelklasse=tabelklasse)}</div>')
        html.append("\n")
    return mark_safe("".join(html))  # noqa: S308 - every text above is escaped

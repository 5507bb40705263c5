"""The report as a Word document, for ministries that edit the text further: the same document tree as the PDF
(dossiers.hoofdstukken), rendered with python-docx; the chart's numbers as its table (Word takes no SVG)."""

import io
from datetime import UTC

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from invoeringstoets.document import Alinea, Document, Figuur, Groep, Kop, Lijst, Tabel, Tekst, tekst

DONKERBLAUW = RGBColor(0x15, 0x42, 0x73)


def _paginanummers(paragraph) -> None:
    """Word computes page numbers itself: a PAGE field in the footer."""
    paragraph.add_run("pagina ")
    for code in ("PAGE", None, "NUMPAGES"):
        if code is None:
            paragraph.add_run(" van ")
            continue
        run = paragraph.add_run()
        begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
        begin.set(qn("w:fldCharType"), "begin")
        instr.set(qn("xml:space"), "preserve")
        instr.text = code
        end.set(qn("w:fldCharType"), "end")
        run._r.extend([begin, instr, end])


# Word's document properties hold at most 255 characters (python-docx refuses more); a regeling's name may be 300.
EIGENSCHAP_MAX = 255


def _eigenschap(text: str) -> str:
    return text if len(text) <= EIGENSCHAP_MAX else text[: EIGENSCHAP_MAX - 1].rstrip() + "…"


def _regel(paragraph, regel: list[Tekst]) -> None:
    for deel in regel:
        if deel.nieuwe_regel:
            paragraph.add_run().add_break()
        # python-docx turns every \r and \n into a line break of its own: a typed \r\n would break twice.
        run = paragraph.add_run(deel.tekst.replace("\r\n", "\n").replace("\r", "\n"))
        run.bold = deel.vet or None
        if deel.klein:
            run.font.size = Pt(9)


def _tabel(document, tabel: Tabel) -> None:
    rijen = tabel.cellen()
    table = document.add_table(rows=1 if tabel.kop else 0, cols=tabel.breedte)
    table.style = "Light Grid Accent 1"
    for cel, kop in zip(table.rows[0].cells if tabel.kop else [], tabel.kop, strict=False):
        cel.text = kop
    for rij in rijen:
        cells = table.add_row().cells
        kolom = 0
        for cel in rij:
            doel = cells[kolom]
            if cel.span > 1:
                doel = doel.merge(cells[kolom + cel.span - 1])
            _regel(doel.paragraphs[0], cel.regel)
            kolom += cel.span
    if tabel.bijschrift:
        document.add_paragraph(tabel.bijschrift, style="Caption")
    document.add_paragraph()


def _blokken(document, blokken: list) -> None:
    for blok in blokken:
        if isinstance(blok, Kop):
            document.add_heading(blok.tekst, level=blok.niveau - 1)
        elif isinstance(blok, Alinea):
            _regel(document.add_paragraph(), blok.delen)
        elif isinstance(blok, Lijst):
            for item in blok.items:
                _regel(document.add_paragraph(style="List Number" if blok.genummerd else "List Bullet"), item)
        elif isinstance(blok, Tabel):
            _tabel(document, blok)
        elif isinstance(blok, Figuur):
            # Word takes no SVG: the figure's own table carries the same numbers.
            document.add_paragraph(blok.bijschrift, style="Caption")
            if blok.tabel is not None:
                _tabel(document, blok.tabel)
        elif isinstance(blok, Groep):
            _blokken(document, blok.blokken)


def render_docx(rapport: Document, *, gemaakt_op) -> bytes:
    """The document tree as a Word document, with Word's own page numbers."""
    concept = bool(rapport.concept)
    document = WordDocument()
    style = document.styles["Normal"]
    style.font.name = "Source Sans 3"
    style.font.size = Pt(10.5)
    section = document.sections[0]
    if concept:
        header = section.header.paragraphs[0]
        header.text = "CONCEPT"
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paginanummers(section.footer.paragraphs[0])
    document.core_properties.title = _eigenschap(f"{rapport.soort} {rapport.titel}")
    document.core_properties.author = _eigenschap(rapport.afzender[0])
    document.core_properties.subject = "Rapport van de invoeringstoets"
    document.core_properties.language = "nl-NL"
    # python-docx's template carries its own dates from 2013; a document says when it was made.
    # Word stores these in UTC ("...Z") without converting, so convert first.
    document.core_properties.created = gemaakt_op.astimezone(UTC)
    document.core_properties.modified = gemaakt_op.astimezone(UTC)
    document.core_properties.last_modified_by = "Invoeringstoets"
    document.core_properties.comments = "Concept" if concept else "Vastgesteld"

    document.add_paragraph(", ".join(rapport.afzender))
    titel = document.add_heading(rapport.soort, level=0)
    titel.runs[0].font.color.rgb = DONKERBLAUW
    document.add_heading(rapport.titel, level=1)
    document.add_paragraph(rapport.ondertitel)
    if concept:
        document.add_paragraph(rapport.concept)
    _tabel(document, Tabel(kop=[], rijen=[[tekst(label), tekst(waarde)] for label, waarde in rapport.kenmerken]))
    for hoofdstuk in rapport.hoofdstukken:
        document.add_heading(hoofdstuk.titel, level=1)
        _blokken(document, hoofdstuk.blokken)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

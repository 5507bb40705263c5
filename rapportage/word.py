"""The report as a Word document, for ministries that edit the text further: the same content as the PDF, from the
same plain data (`dossiers.inhoud`), without the chart (Word takes no SVG; the figures are in a table instead)."""

import io
from datetime import UTC

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from invoeringstoets import formats
from invoeringstoets.templatetags.nl import nl_datum, nl_maand

DONKERBLAUW = RGBColor(0x15, 0x42, 0x73)


def _tabel(document, kop: list[str], rijen: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(kop))
    table.style = "Light Grid Accent 1"
    for cel, tekst in zip(table.rows[0].cells, kop, strict=True):
        cel.text = tekst
    for rij in rijen:
        for cel, tekst in zip(table.add_row().cells, rij, strict=True):
            cel.text = "" if tekst is None else str(tekst)
    document.add_paragraph()


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


def _stand(actie) -> str:
    """As in the PDF: afgerond with its date, te laat, or open."""
    if actie.afgerond_op:
        return f"afgerond {nl_datum(actie.afgerond_op)}"
    return "te laat" if actie.is_te_laat else "open"


# Word's document properties hold at most 255 characters (python-docx refuses more); a regeling's name may be 300.
EIGENSCHAP_MAX = 255


def _eigenschap(text: str) -> str:
    return text if len(text) <= EIGENSCHAP_MAX else text[: EIGENSCHAP_MAX - 1].rstrip() + "…"


def render_docx(inhoud: dict, *, concept: bool, opvolging: dict | None, gemaakt_op) -> bytes:
    r, c = inhoud["regeling"], inhoud.get("conclusie")
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Source Sans 3"
    style.font.size = Pt(10.5)
    section = document.sections[0]
    if concept:
        header = section.header.paragraphs[0]
        header.text = "CONCEPT"
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _paginanummers(section.footer.paragraphs[0])
    document.core_properties.title = _eigenschap(f"Invoeringstoets {r['naam']}")
    document.core_properties.author = _eigenschap(r["ministerie"])
    document.core_properties.subject = "Rapport van de invoeringstoets"
    document.core_properties.language = "nl-NL"
    # python-docx's template carries its own dates from 2013; a document says when it was made.
    # Word stores these in UTC ("...Z") without converting, so convert first.
    document.core_properties.created = gemaakt_op.astimezone(UTC)
    document.core_properties.modified = gemaakt_op.astimezone(UTC)
    document.core_properties.last_modified_by = "Invoeringstoets"
    document.core_properties.comments = "Concept" if concept else "Vastgesteld"

    document.add_paragraph(f"{r['ministerie']}{', ' + r['directie'] if r['directie'] else ''}")
    titel = document.add_heading("Invoeringstoets", level=0)
    titel.runs[0].font.color.rgb = DONKERBLAUW
    document.add_heading(r["naam"], level=1)
    if concept:
        document.add_paragraph("CONCEPT: dit dossier is nog niet vastgesteld. De inhoud kan nog veranderen.")
    document.add_paragraph(f"Status: {inhoud['status']} · gemaakt {formats.datum(gemaakt_op.date())}")

    document.add_heading("Samenvatting", level=1)
    if c:
        document.add_paragraph(f"Uitkomst: {c['uitkomst_label']}")
        document.add_paragraph(c["toelichting"])
        for a in c["aanbevelingen"]:
            document.add_paragraph(
                f"{a['tekst']} (gericht aan {a['adressaat'].lower()}; prioriteit {a['prioriteit'].lower()}"
                f"{'; eigenaar: ' + a['eigenaar'] if a['eigenaar'] else ''})",
                style="List Number",
            )
    _tabel(
        document,
        ["Gegeven", "Waarde"],
        [
            ["Ministerie en directie", f"{r['ministerie']}, {r['directie']}"],
            ["Wettelijke grondslag", r["wettelijke_grondslag"]],
            ["Inwerkingtreding", nl_datum(r["inwerkingtreding"])],
            ["Uitvoeringsorganisaties", ", ".join(r["uitvoeringsorganisaties"])],
            ["Doelgroep", r["doelgroep"]],
            ["Verwachte omvang", f"{formats.aantal(r['verwachte_omvang'])} {r['omvang_toelichting']}".strip()],
        ],
    )

    document.add_heading("Aanleiding en screening", level=1)
    s = inhoud.get("screening")
    if s:
        document.add_paragraph(f"Besluit: {s['besluit']}. {s['motivering']}")
        for fase in s["fasen"]:
            document.add_heading(fase["label"], level=2)
            _tabel(
                document,
                ["Indicator", "Van toepassing", "Sterkte", "Onderbouwing"],
                [
                    [
                        i["indicator"],
                        "Ja" if i["van_toepassing"] else "Nee",
                        i["sterkte"],
                        " ".join(x for x in [i["toelichting"], i["voorstel_reden"], i["afwijking_reden"]] if x),
                    ]
                    for i in fase["indicatoren"]
                ],
            )
    else:
        document.add_paragraph("De screening is nog niet afgerond.")

    document.add_heading("De uitvoeringstoets", level=1)
    t = inhoud.get("uitvoeringstoets")
    if t:
        _tabel(
            document,
            ["Gevolgen", "Ingrijpend", "Middelgroot", "Beperkt", "N.v.t."],
            [[g["label"], *["x" if m else "" for m in g["markeringen"]]] for g in t["gevolgen"]],
        )
        _tabel(
            document,
            ["Uitvoeringskosten", "Incidenteel", "Structureel"],
            [[k["label"], formats.euro(k["incidenteel"]), formats.euro(k["structureel"])] for k in t["kosten"]],
        )
        document.add_paragraph(f"Eindoordeel: {t['eindoordeel']}. {t['voorwaarden']}".strip())
    else:
        document.add_paragraph("Er is geen uitvoeringstoets vastgelegd.")

    document.add_heading("Gebruik en signalen", level=1)
    if inhoud.get("gebruik"):
        _tabel(
            document,
            ["Maand", "Aanvragen", "Toekenningen", "Afwijzingen"],
            [[nl_maand(p["periode"]), p["aanvragen"], p["toekenningen"], p["afwijzingen"]] for p in inhoud["gebruik"]],
        )
    if inhoud.get("signalen"):
        _tabel(
            document,
            ["Soort", "Aantal", "Eerste", "Laatste"],
            [[x["soort"], x["aantal"], nl_datum(x["eerste"]), nl_datum(x["laatste"])] for x in inhoud["signalen"]],
        )

    document.add_heading("Aanpak", level=1)
    document.add_paragraph(f"Kernteam: {', '.join(inhoud.get('kernteam', [])) or 'nog niet samengesteld'}.")
    if inhoud.get("activiteiten"):
        _tabel(
            document,
            ["Datum", "Soort", "Bereikt", "Samenvatting"],
            [[nl_datum(a["datum"]), a["soort"], a["bereik"], a["samenvatting"]] for a in inhoud["activiteiten"]],
        )

    document.add_heading("Bevindingen per centrale vraag", level=1)
    for v in inhoud["vragen"]:
        document.add_heading(f"{v['code']}. {v['label']}", level=2)
        if not v["bevindingen"]:
            document.add_paragraph(
                f"Geen bevindingen. Reden: {v['geen_bevindingen']}" if v["geen_bevindingen"] else "Nog niet beantwoord."
            )
        for b in v["bevindingen"]:
            kop = document.add_paragraph()
            kop.add_run(b["titel"]).bold = True
            kop.add_run(f" ({b['soort'].lower()})")
            document.add_paragraph(b["tekst"])
            if b["discriminerend"]:
                document.add_paragraph(f"Discriminerend aspect: {b['discriminatie_toelichting']}")

    document.add_heading("Aannames getoetst aan de praktijk", level=1)
    _tabel(
        document,
        ["Aanname", "Bron", "Oordeel", "Toelichting"],
        [[a["tekst"], a["bron"], a["oordeel"] or "Niet getoetst", a["toelichting"]] for a in inhoud["aannames"]],
    )

    document.add_heading("Conclusie en aanbevelingen", level=1)
    if c:
        document.add_paragraph(f"Uitkomst: {c['uitkomst_label']}. {c['toelichting']}")
        _tabel(
            document,
            ["Aanbeveling", "Gericht aan", "Prioriteit", "Eigenaar"],
            [[a["tekst"], a["adressaat"], a["prioriteit"], a["eigenaar"]] for a in c["aanbevelingen"]],
        )

    document.add_heading("Opvolging", level=1)
    if opvolging and opvolging["acties"]:
        _tabel(
            document,
            ["Actie", "Eigenaar", "Uiterlijk", "Stand"],
            [
                [
                    a.omschrijving,
                    a.eigenaar.get_full_name() or a.eigenaar.username,
                    nl_datum(a.deadline),
                    _stand(a),
                ]
                for a in opvolging["acties"]
            ],
        )
    else:
        document.add_paragraph("Er is (nog) geen opvolging vastgelegd.")

    document.add_heading("Bijlage: bewijsstukken", level=1)
    if inhoud.get("bewijsstukken"):
        _tabel(
            document,
            ["Bestand", "Bij", "SHA-256"],
            [[b["naam"], b["bij"], b["sha256"]] for b in inhoud["bewijsstukken"]],
        )
    else:
        document.add_paragraph("Er zijn geen bewijsstukken toegevoegd.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

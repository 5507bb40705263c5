"""The report as one document tree (invoeringstoets.document), built once from the dossier record.

The PDF (rapportage/rapport.html), the Word document (rapportage/word.py) and the approved-version page render this
tree and add no wording of their own. The core builds its chapters here; the apps above it add theirs through the
register (dossiers.onderdelen), each at its place in the order of the report.
"""

from django.template.defaultfilters import filesizeformat

from invoeringstoets.document import Alinea, Document, Groep, Hoofdstuk, Kop, Lijst, Tabel, Tekst, getypt, tekst
from invoeringstoets.templatetags.nl import aantal, kort_label, nl_datum, nl_maand

from . import onderdelen

# The place of each chapter in the report; the apps above the core put theirs in between (20, 30, 40).
SAMENVATTING, AANPAK, BEVINDINGEN, AANNAMES, CONCLUSIE, OPVOLGING, BIJLAGE = 10, 50, 60, 70, 80, 90, 100


def _aanbeveling_regel(a: dict) -> list[Tekst]:
    detail = f"Gericht aan: {a['adressaat']} · prioriteit: {a['prioriteit'].lower()}"
    if a["eigenaar"]:
        detail += f" · eigenaar: {a['eigenaar']}"
    return [Tekst(a["tekst"], getypt=True), Tekst(detail, klein=True, nieuwe_regel=True)]


def samenvatting(inhoud: dict) -> Hoofdstuk:
    r, c = inhoud["regeling"], inhoud.get("conclusie")
    blokken = []
    if c:
        blokken.append(Alinea([Tekst("Uitkomst: "), Tekst(c["uitkomst_label"], vet=True)], klasse="uitkomst"))
        blokken += getypt(c["toelichting"])
        if c["aanbevelingen"]:
            blokken.append(Kop("Aanbevelingen"))
            items = [_aanbeveling_regel(a) for a in c["aanbevelingen"]]
            blokken.append(Lijst(items, genummerd=True, klasse="aanbevelingen"))
    else:
        blokken.append(Alinea(tekst("Er is nog geen conclusie.")))
    omvang = aantal(r["verwachte_omvang"]) + (f" ({r['omvang_toelichting']})" if r["omvang_toelichting"] else "")
    blokken.append(Kop("Over deze regeling"))
    blokken.append(
        Tabel(
            kop=[],
            rijkop=True,
            klasse="gegevens",
            rijen=[
                [tekst(label), waarde]
                for label, waarde in [
                    ("Regeling", tekst(r["naam"])),
                    (
                        "Ministerie en directie",
                        tekst(r["ministerie"] + (f", {r['directie']}" if r["directie"] else "")),
                    ),
                    ("Wettelijke grondslag", tekst(r["wettelijke_grondslag"])),
                    ("Inwerkingtreding", tekst(nl_datum(r["inwerkingtreding"]))),
                    ("Uitvoeringsorganisaties", tekst(", ".join(r["uitvoeringsorganisaties"]))),
                    ("Doelgroep", [Tekst(r["doelgroep"], getypt=True)]),
                    ("Verwachte omvang", tekst(omvang)),
                ]
            ],
        )
    )
    return Hoofdstuk("samenvatting", "Samenvatting", blokken)


def aanpak(inhoud: dict) -> Hoofdstuk:
    kernteam = ", ".join(inhoud["kernteam"]) or "nog niet samengesteld"
    blokken = [Alinea([Tekst("Kernteam:", vet=True), Tekst(f" {kernteam}.")])]
    if inhoud["deelnemers"]:
        deelnemers = "; ".join(f"{d['naam']} ({d['organisatie']}, {d['rol'].lower()})" for d in inhoud["deelnemers"])
        blokken.append(Alinea([Tekst("Deelnemers:", vet=True), Tekst(f" {deelnemers}.")]))
    p = inhoud.get("planning")
    if p:
        periode = (f"van {nl_datum(p['start'])} " if p["start"] else "") + (
            f"tot {nl_datum(p['beoogd_einde'])}" if p["beoogd_einde"] else ""
        )
        blokken.append(Alinea([Tekst("Planning:", vet=True), Tekst(f" {periode}. "), Tekst(p["moment"], getypt=True)]))
    if inhoud["activiteiten"]:
        blokken.append(Kop("Onderzoeksactiviteiten"))
        blokken.append(
            Tabel(
                kop=["Datum", "Soort", "Bereikt", "Samenvatting"],
                kolommen=["nowrap", "", "rechts", "breed"],
                rijen=[
                    [
                        tekst(nl_datum(a["datum"])),
                        tekst(a["soort"]),
                        tekst(aantal(a["bereik"])),
                        [Tekst(a["samenvatting"], getypt=True)],
                    ]
                    for a in inhoud["activiteiten"]
                ],
            )
        )
    return Hoofdstuk("aanpak", "Aanpak", blokken)


def _bevinding(b: dict) -> list:
    detail = b["soort"]
    if b["ernst"]:
        detail += f" · ernst: {b['ernst'].lower()}"
    if b["bewijskracht"]:
        detail += f" · bewijskracht: {kort_label(b['bewijskracht'].lower())}"
    if b.get("organisatie"):  # records approved before organisations were data have none
        detail += f" · betreft {b['organisatie']}"
    blokken = [Alinea([Tekst(b["titel"], vet=True), Tekst(" "), Tekst(detail, klein=True)], klasse="kop")]
    blokken += getypt(b["tekst"])
    if b["discriminerend"]:
        blokken.append(
            Alinea(
                [
                    Tekst("Discriminerend aspect:", vet=True),
                    Tekst(" "),
                    Tekst(b["discriminatie_toelichting"], getypt=True),
                ],
                klasse="discriminerend",
            )
        )
    return [Groep("bevinding", blokken)]


def bevindingen(inhoud: dict) -> Hoofdstuk:
    blokken, hoofdvraag = [], None
    for v in inhoud["vragen"]:
        if v["hoofdvraag"] != hoofdvraag:
            hoofdvraag = v["hoofdvraag"]
            blokken.append(Kop(f"Centrale vraag {v['hoofdvraag']}: {v['hoofdvraag_label']}"))
        vraag = [Kop(f"{v['code']}. {v['label']}", niveau=4)]
        for b in v["bevindingen"]:
            vraag += _bevinding(b)
        if not v["bevindingen"]:
            if v["geen_bevindingen"]:
                vraag.append(Alinea([Tekst("Geen bevindingen. Reden: "), Tekst(v["geen_bevindingen"], getypt=True)]))
            else:
                vraag.append(Alinea(tekst("Nog niet beantwoord.")))
        blokken.append(Groep("vraag", vraag))
    return Hoofdstuk("bevindingen", "Bevindingen per centrale vraag", blokken)


def aannames(inhoud: dict) -> Hoofdstuk:
    if not inhoud["aannames"]:
        return Hoofdstuk(
            "aannames", "Aannames getoetst aan de praktijk", [Alinea(tekst("Er zijn geen aannames geregistreerd."))]
        )
    rijen = []
    for a in inhoud["aannames"]:
        toelichting = [Tekst(a["toelichting"], getypt=True)]
        if a["onderbouwing"]:
            toelichting.append(Tekst(f"Onderbouwd door: {'; '.join(a['onderbouwing'])}", klein=True, nieuwe_regel=True))
        rijen.append(
            [[Tekst(a["tekst"], getypt=True)], tekst(a["bron"]), tekst(a["oordeel"] or "Niet getoetst"), toelichting]
        )
    tabel = Tabel(kop=["Aanname", "Bron", "Oordeel", "Toelichting"], kolommen=["breed", "", "", "breed"], rijen=rijen)
    return Hoofdstuk("aannames", "Aannames getoetst aan de praktijk", [tabel])


def conclusie(inhoud: dict) -> Hoofdstuk:
    c = inhoud.get("conclusie")
    if not c:
        return Hoofdstuk("conclusie", "Conclusie en aanbevelingen", [Alinea(tekst("Er is nog geen conclusie."))])
    blokken = [Alinea([Tekst("Uitkomst: "), Tekst(c["uitkomst_label"], vet=True)], klasse="uitkomst")]
    blokken += getypt(c["toelichting"])
    if c["aanbevelingen"]:
        blokken.append(
            Tabel(
                kop=["Aanbeveling", "Gericht aan", "Prioriteit", "Eigenaar"],
                kolommen=["breed", "", "", ""],
                rijen=[
                    [
                        [Tekst(a["tekst"], getypt=True)],
                        tekst(a["adressaat"]),
                        tekst(a["prioriteit"]),
                        tekst(a["eigenaar"]),
                    ]
                    for a in c["aanbevelingen"]
                ],
            )
        )
    if c["vastgesteld_op"]:
        blokken.append(Alinea(tekst(f"Vastgesteld door {c['vastgesteld_door']} op {nl_datum(c['vastgesteld_op'])}.")))
    else:
        blokken.append(Alinea(tekst("Deze conclusie is nog niet vastgesteld.")))
    return Hoofdstuk("conclusie", "Conclusie en aanbevelingen", blokken)


def _stand(actie) -> str:
    if actie.afgerond_op:
        return f"afgerond {nl_datum(actie.afgerond_op)}"
    return "te laat" if actie.is_te_laat else "open"


def opvolging(opvolging: dict | None, gemaakt_op) -> Hoofdstuk:
    if not opvolging:
        return Hoofdstuk(
            "opvolging", "Opvolging", [Alinea(tekst("De opvolging begint na vaststelling van de conclusie."))]
        )
    blokken = [Alinea(tekst(f"Stand van de opvolging op {nl_datum(gemaakt_op)}."), klasse="klein")]
    if opvolging["monitoring_op"]:
        blokken.append(Alinea(tekst(f"Volgende monitoring: {nl_datum(opvolging['monitoring_op'])}.")))
    if opvolging["escalatie_naar"]:
        blokken.append(Alinea(tekst(f"Geëscaleerd naar: {opvolging['escalatie_naar']}.")))
    if opvolging["toelichting"]:
        blokken += getypt(opvolging["toelichting"])
    if opvolging["acties"]:
        blokken.append(
            Tabel(
                kop=["Actie", "Eigenaar", "Uiterlijk", "Stand"],
                kolommen=["breed", "", "nowrap", ""],
                rijen=[
                    [
                        [Tekst(a.omschrijving, getypt=True)],
                        tekst(a.eigenaar_naam),
                        tekst(nl_datum(a.deadline)),
                        tekst(_stand(a)),
                    ]
                    for a in opvolging["acties"]
                ],
            )
        )
    elif not opvolging["monitoring_op"] and not opvolging["escalatie_naar"]:
        blokken.append(Alinea(tekst("Er is nog geen opvolging vastgelegd.")))
    return Hoofdstuk("opvolging", "Opvolging", blokken)


def bijlage(inhoud: dict) -> Hoofdstuk:
    if not inhoud["bewijsstukken"]:
        return Hoofdstuk("bijlage", "Bijlage: bewijsstukken", [Alinea(tekst("Er zijn geen bewijsstukken toegevoegd."))])
    rijen = []
    for b in inhoud["bewijsstukken"]:
        detail = f"{b['soort']}, {filesizeformat(b['grootte'])}"
        if b["omschrijving"]:
            detail += f"; {b['omschrijving']}"
        if b.get("toegevoegd_op"):
            detail += f"; toegevoegd {nl_datum(b['toegevoegd_op'])}"
        rijen.append(
            [[Tekst(b["naam"]), Tekst(detail, klein=True, nieuwe_regel=True)], tekst(b["bij"]), tekst(b["sha256"])]
        )
    return Hoofdstuk(
        "bijlage",
        "Bijlage: bewijsstukken",
        [
            Alinea(
                tekst(
                    "De bestanden staan in het dossier; met de SHA-256 is na te gaan dat een bestand ongewijzigd is."
                ),
                klasse="klein",
            ),
            Tabel(kop=["Bestand", "Bij", "SHA-256"], kolommen=["breed", "", "hash"], rijen=rijen, klasse="bewijs"),
        ],
    )


def hoofdstukken(inhoud: dict, *, opvolging_stand: dict | None, gemaakt_op) -> list[Hoofdstuk]:
    """Every chapter of the report, in order: the core's and those the apps above it registered."""
    geordend = [
        (SAMENVATTING, samenvatting(inhoud)),
        (AANPAK, aanpak(inhoud)),
        (BEVINDINGEN, bevindingen(inhoud)),
        (AANNAMES, aannames(inhoud)),
        (CONCLUSIE, conclusie(inhoud)),
        (OPVOLGING, opvolging(opvolging_stand, gemaakt_op)),
        (BIJLAGE, bijlage(inhoud)),
        *((volgorde, bouw(inhoud)) for volgorde, bouw in onderdelen.register.hoofdstukken),
    ]
    return [hoofdstuk for _, hoofdstuk in sorted(geordend, key=lambda pair: pair[0])]


def rapport(
    inhoud: dict, *, concept: bool, volgnummer: int | None, gemaakt_op, opvolging_stand: dict | None
) -> Document:
    """The whole report: the cover's particulars and every chapter."""
    r, c = inhoud["regeling"], inhoud.get("conclusie")
    kenmerken = [("Status", inhoud["status"] + (" (concept)" if concept else ""))]
    if c and not concept:
        kenmerken.append(("Uitkomst", c["uitkomst_label"]))
    if c:
        versie = f"versie {c['volgnummer']}"
        if c["vastgesteld_op"]:
            versie += f", vastgesteld {nl_datum(c['vastgesteld_op'])} door {c['vastgesteld_door']}"
        kenmerken.append(("Conclusie", versie))
    kenmerken.append(("Rapport", (f"versie {volgnummer}, " if volgnummer else "") + f"gemaakt {nl_datum(gemaakt_op)}"))
    screening = inhoud.get("screening") or {}
    if screening.get("peildatum"):
        tot = f"{nl_datum(screening['peildatum'])} (screening)"
        if inhoud.get("gebruik"):
            tot += f", {nl_maand(inhoud['gebruik'][-1]['periode'])} (gebruik)"
        kenmerken.append(("Gegevens tot en met", tot))
    kenmerken.append(("Inwerkingtreding", nl_datum(r["inwerkingtreding"])))
    return Document(
        titel=r["naam"],
        afzender=[r["ministerie"], *([r["directie"]] if r["directie"] else [])],
        soort="Invoeringstoets",
        ondertitel="Hoe de regeling in de praktijk uitpakt voor de doelgroep en de uitvoering",
        kenmerken=kenmerken,
        hoofdstukken=hoofdstukken(inhoud, opvolging_stand=opvolging_stand, gemaakt_op=gemaakt_op),
        concept="CONCEPT: dit dossier is nog niet vastgesteld. De inhoud kan nog veranderen." if concept else "",
    )

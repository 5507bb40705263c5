"""The report's chapters about the screening, the ex-ante tests and practice (usage and signals), as parts of the
document tree (dossiers.hoofdstukken), built from the dossier record. Registered in indicatoren.onderdelen."""

from datetime import date
from types import SimpleNamespace

from invoeringstoets.document import Alinea, Figuur, Hoofdstuk, Kop, Lijst, Tabel, Tekst, tekst
from invoeringstoets.templatetags.nl import aantal, euro, getal, nl_datum, nl_maand

from .charts import gebruik_svg

AANLEIDING, TOETSEN, GEBRUIK = 20, 30, 40


def aanleiding(inhoud: dict) -> Hoofdstuk:
    s = inhoud.get("screening")
    if not s:
        return Hoofdstuk("aanleiding", "Aanleiding en screening", [Alinea(tekst("De screening is nog niet afgerond."))])
    besluit = s["besluit"]
    if s["besloten_op"]:
        besluit += f", {nl_datum(s['besloten_op'])}"
    if s["besloten_door"]:
        besluit += f" ({s['besloten_door']})"
    blokken = [
        Alinea([Tekst("Besluit:", vet=True), Tekst(f" {besluit}.")]),
        Alinea([Tekst("Motivering:", vet=True), Tekst(" "), Tekst(s["motivering"], getypt=True)]),
    ]
    if s["peildatum"]:
        blokken.append(
            Alinea(
                tekst(
                    f"De indicatoren zijn beoordeeld met de gegevens tot en met {nl_datum(s['peildatum'])}. Bij elke "
                    "indicator staat wat de gegevens voorstelden en, waar afgeweken, waarom."
                ),
                klasse="klein",
            )
        )
    for fase in s["fasen"]:
        blokken.append(Kop(fase["label"]))
        rijen = []
        for i in fase["indicatoren"]:
            onderbouwing = [Tekst(i["toelichting"], getypt=True)]
            if i["voorstel_reden"]:
                onderbouwing.append(Tekst(f"Gegevens: {i['voorstel_reden']}", klein=True, nieuwe_regel=True))
            if i["afwijking_reden"]:
                onderbouwing.append(
                    Tekst(f"Afgeweken van het voorstel: {i['afwijking_reden']}", klein=True, nieuwe_regel=True)
                )
            rijen.append(
                [
                    tekst(i["indicator"]),
                    tekst("Ja" if i["van_toepassing"] else "Nee"),
                    tekst(i["sterkte"]),
                    onderbouwing,
                ]
            )
        blokken.append(
            Tabel(
                kop=["Indicator", "Van toepassing", "Sterkte", "Onderbouwing"],
                kolommen=["breed", "", "", "breed"],
                rijen=rijen,
            )
        )
    return Hoofdstuk("aanleiding", "Aanleiding en screening", blokken)


def _uitvoeringstoets(t: dict | None) -> list:
    if not t:
        return [Alinea(tekst("Er is geen uitvoeringstoets vastgelegd."))]
    gevolgen = Tabel(
        kop=["Gevolgen", "Ingrijpend", "Middelgroot", "Beperkt", "N.v.t."],
        kolommen=["breed", "midden", "midden", "midden", "midden"],
        rijkop=True,
        klasse="uitvoeringstoets",
        bijschrift="Samenvatting van de uitvoeringstoets",
        rijen=[
            *(
                [tekst(rij["label"]), *(tekst("x" if mark else "") for mark in rij["markeringen"])]
                for rij in t["gevolgen"]
            ),
            [tekst("Risico procesverstoringen"), tekst(t["risico_procesverstoringen"] or "niet beoordeeld")],
        ],
    )
    eindoordeel = [Tekst(t["eindoordeel"], vet=True)]
    if t["voorwaarden"]:
        eindoordeel.append(Tekst(t["voorwaarden"], getypt=True, nieuwe_regel=True))
    portfolio = t["beslag_portfolio"] or "niet opgegeven"
    if t["beslag_portfolio_toelichting"]:
        portfolio += f" ({t['beslag_portfolio_toelichting']})"
    kosten = Tabel(
        kop=["Uitvoeringskosten", "Incidenteel", "Structureel"],
        kolommen=["breed", "rechts", "rechts"],
        rijkop=True,
        klasse="uitvoeringstoets",
        rijen=[
            *([tekst(k["label"]), tekst(euro(k["incidenteel"])), tekst(euro(k["structureel"]))] for k in t["kosten"]),
            [
                tekst("Personele gevolgen"),
                tekst(f"{getal(t['fte_incidenteel'])} fte"),
                tekst(f"{getal(t['fte_structureel'])} fte"),
            ],
            [tekst("Invoering mogelijk per"), tekst(nl_datum(t["invoering_mogelijk_per"]) or "niet opgegeven")],
            [tekst("Beslag portfolio"), tekst(portfolio)],
            [tekst("Eindoordeel"), eindoordeel],
        ],
    )
    return [gevolgen, kosten]


def toetsen(inhoud: dict) -> Hoofdstuk:
    blokken = _uitvoeringstoets(inhoud.get("uitvoeringstoets"))
    blokken.append(Kop("Regeldruktoets"))
    rd = inhoud.get("regeldruk")
    if rd:
        regel = [
            Tekst(
                f"{getal(rd['uren_per_jaar'])} uur en {euro(rd['euro_per_jaar'])} per jaar voor de doelgroep; oordeel "
                f"van het ATR: {rd['atr_oordeel'].lower()}."
            )
        ]
        if rd["toelichting"]:
            regel += [Tekst(" "), Tekst(rd["toelichting"], getypt=True)]
        blokken.append(Alinea(regel))
    else:
        blokken.append(Alinea(tekst("Er is geen regeldruktoets vastgelegd.")))
    blokken.append(Kop("Doenvermogentoets"))
    if inhoud["doenvermogen"]:
        blokken.append(
            Tabel(
                kop=["Wat de regeling vraagt", "Beroep", "Toelichting"],
                kolommen=["breed", "", "breed"],
                rijen=[
                    [tekst(b["eis"]), tekst(b["niveau"]), [Tekst(b["toelichting"], getypt=True)]]
                    for b in inhoud["doenvermogen"]
                ],
            )
        )
    else:
        blokken.append(Alinea(tekst("Er is geen doenvermogentoets vastgelegd.")))
    blokken.append(Kop("Andere toetsen"))
    if inhoud["andere_toetsen"]:
        items = []
        for t in inhoud["andere_toetsen"]:
            item = [Tekst(t["naam"], vet=True), Tekst(": "), Tekst(t["uitkomst"], getypt=True)]
            if t["document"]:
                item.append(Tekst(f" ({t['document']})"))
            items.append(item)
        blokken.append(Lijst(items))
    else:
        blokken.append(Alinea(tekst("Er zijn geen andere toetsen vastgelegd.")))
    return Hoofdstuk("uitvoeringstoets", "De uitvoeringstoets en andere toetsen", blokken)


def _grafiek(inhoud: dict) -> str:
    periodes = [
        SimpleNamespace(
            periode=date.fromisoformat(p["periode"]),
            aanvragen=p["aanvragen"],
            toekenningen=p["toekenningen"],
            afwijzingen=p["afwijzingen"],
        )
        for p in inhoud.get("gebruik", [])
    ]
    return gebruik_svg(
        periodes,
        inhoud["regeling"]["verwachte_omvang"],
        titel=f"Gebruik van {inhoud['regeling']['naam']} tegen de verwachting",
        id_prefix="rapport-gebruik",
    )


def gebruik(inhoud: dict) -> Hoofdstuk:
    r, maanden = inhoud["regeling"], inhoud.get("gebruik", [])
    bijschrift = (
        "Figuur 1. Aanvragen en toekenningen sinds de start, per maand opgeteld, tegen de verwachte omvang van de "
        f"doelgroep ({aantal(r['verwachte_omvang'])})"
    )
    if maanden:
        bijschrift += f", {nl_maand(maanden[0]['periode'])} tot en met {nl_maand(maanden[-1]['periode'])}"
    bijschrift += ". Bron: gebruikscijfers in het dossier"
    if r["uitvoeringsorganisaties"]:
        bijschrift += f", aangeleverd door de uitvoering ({', '.join(r['uitvoeringsorganisaties'])})"
    bijschrift += "."
    per_maand = Tabel(
        kop=["Maand", "Aanvragen", "Toekenningen", "Afwijzingen"],
        kolommen=["", "rechts", "rechts", "rechts"],
        rijen=[
            [
                tekst(nl_maand(p["periode"])),
                tekst(aantal(p["aanvragen"])),
                tekst(aantal(p["toekenningen"])),
                tekst(aantal(p["afwijzingen"])),
            ]
            for p in maanden
        ],
    )
    blokken = [Kop("Gebruik tegen de verwachting"), Figuur(_grafiek(inhoud), bijschrift, tabel=per_maand)]
    if inhoud["signalen"]:
        blokken.append(Kop("Signalen uit de praktijk"))
        blokken.append(
            Tabel(
                kop=["Soort", "Aantal", "Eerste", "Laatste"],
                kolommen=["breed", "rechts", "", ""],
                rijen=[
                    [
                        tekst(s["soort"]),
                        tekst(aantal(s["aantal"])),
                        tekst(nl_datum(s["eerste"])),
                        tekst(nl_datum(s["laatste"])),
                    ]
                    for s in inhoud["signalen"]
                ],
            )
        )
    return Hoofdstuk("gebruik", "Gebruik en signalen uit de praktijk", blokken)


HOOFDSTUKKEN = [(AANLEIDING, aanleiding), (TOETSEN, toetsen), (GEBRUIK, gebruik)]

"""Journey of a kernteam member: the six central questions, the assumptions, the conclusion, and submitting it to
management, on a dossier that the screening sent into research."""

import re

from playwright.sync_api import expect

from .conftest import inloggen

# What the kernteam found per question; 2A is the question where nothing was found.
BEVINDINGEN = {
    "1A": ("Ouders vinden de aanvraag helder", "Ervaring", "Interviews met twaalf ouders: de aanvraag is te doen."),
    "1B": ("Alleenstaande ouders vallen buiten de boot", "Knelpunt", "De inkomenstoets raakt alleenstaanden."),
    "1C": ("Minder aanvragen dan verwacht", "Knelpunt", "Na een jaar een kwart van de verwachte aanvragen."),
    "2B": ("Handmatige controle kost veel tijd", "Onbedoeld effect", "Elke aanvraag vraagt een handmatige toets."),
    "2C": ("Systemen draaien stabiel", "Ervaring", "Geen storingen sinds de invoering."),
}
GEEN_BEVINDINGEN_2A = "De werkgroep van de uitvoeringsorganisatie meldde geen ervaringen die afwijken."


def veld(scope, label: str):
    """A field by its whole label; required fields show an asterisk after it."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def status_van(page):
    return page.get_by_role("main").locator(".status-badge").first


def naar_vraag(page, code: str) -> None:
    """From the dossier page, open a central question through the matrix of the six questions."""
    matrix = page.get_by_role("table", name=re.compile("De zes centrale vragen"))
    matrix.get_by_role("link", name=re.compile(rf"^{code} ")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Centrale vraag {code}")


def test_a_kernteam_member_answers_the_six_questions_and_offers_the_conclusion_for_approval(
    page, live_server, axe, builder
):
    dossier = builder.in_onderzoek(naam="Tegemoetkoming kinderopvang alleenstaande ouders")
    naam = dossier.regeling.naam
    inloggen(page, live_server, "kernteam")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    axe.controleer(page, "dossierlijst")

    page.get_by_role("link", name=naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    expect(status_van(page)).to_have_text("Status: In onderzoek")
    volgende_stap = page.get_by_role("region", name="Volgende stap")
    expect(volgende_stap).to_contain_text("Vraag 1A heeft nog geen bevinding")
    expect(volgende_stap).to_contain_text("Er zijn nog 2 aannames niet getoetst.")
    expect(volgende_stap).to_contain_text("Er is nog geen conclusie vastgelegd.")
    axe.controleer(page, "dossierpagina, in onderzoek, alles open")

    # 1A: a finding, after first trying to save an empty one.
    naar_vraag(page, "1A")
    expect(page.get_by_text("Er zijn nog geen bevindingen.")).to_be_visible()
    axe.controleer(page, "vraag 1A, leeg")
    nieuw = page.get_by_role("region", name="Bevinding toevoegen")
    nieuw.get_by_role("button", name="Bevinding toevoegen").click()
    samenvatting = page.get_by_role("alert").filter(has_text="punten om te verbeteren")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link", name="Titel: Dit veld is verplicht.")).to_be_visible()
    expect(samenvatting.get_by_role("link", name="Bevinding: Dit veld is verplicht.")).to_be_visible()
    expect(veld(nieuw, "Titel")).to_have_accessible_description(re.compile("Dit veld is verplicht."))
    axe.controleer(page, "vraag 1A, bevinding met fouten")

    for code in ["1A", "1B", "1C", "2B", "2C"]:
        if code != "1A":
            page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=naam).click()
            naar_vraag(page, code)
            axe.controleer(page, f"vraag {code}, leeg")
        titel, soort, tekst = BEVINDINGEN[code]
        nieuw = page.get_by_role("region", name="Bevinding toevoegen")
        veld(nieuw, "Titel").fill(titel)
        veld(nieuw, "Bevinding").fill(tekst)
        nieuw.get_by_role("radio", name=soort).check()
        veld(nieuw, "Ernst").select_option(label="Hoog" if soort != "Ervaring" else "Laag")
        veld(nieuw, "Bewijskracht").select_option(label="Redelijk (meerdere bronnen)")
        if code == "1B":
            # A discriminatory aspect asks for an explanation.
            veld(nieuw, "Discriminerend aspect").check()
            veld(nieuw, "Toelichting op het discriminerende aspect").fill(
                "Alleenstaande ouders met een laag inkomen krijgen vaker een afwijzing."
            )
        nieuw.get_by_role("button", name="Bevinding toevoegen").click()
        expect(page.get_by_role("status")).to_have_text(
            "De bevinding is vastgelegd. U kunt er nu bewijsstukken aan toevoegen."
        )
        kaart = page.get_by_role("region", name="Bevindingen", exact=True).get_by_role("article")
        expect(kaart.get_by_role("heading", name=titel)).to_be_visible()
        expect(kaart).to_contain_text(soort)
        if code == "1B":
            expect(kaart).to_contain_text("discriminerend aspect")
        axe.controleer(page, f"vraag {code}, met bevinding")

    # 2A: nothing found, stated on purpose, with the reason (which may not be left empty).
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=naam).click()
    naar_vraag(page, "2A")
    axe.controleer(page, "vraag 2A, leeg")
    geen = page.get_by_role("region", name="Geen bevindingen bij deze vraag")
    geen.get_by_role("button", name="Geen bevindingen vastleggen").click()
    expect(page.get_by_role("alert")).to_contain_text("Reden waarom er geen bevindingen zijn: Dit veld is verplicht.")
    expect(veld(geen, "Reden waarom er geen bevindingen zijn")).to_have_accessible_description(
        re.compile("Dit veld is verplicht.")
    )
    axe.controleer(page, "vraag 2A, geen bevindingen zonder reden")
    veld(geen, "Reden waarom er geen bevindingen zijn").fill(GEEN_BEVINDINGEN_2A)
    geen.get_by_role("button", name="Geen bevindingen vastleggen").click()
    expect(page.get_by_role("status")).to_have_text("Vastgelegd dat vraag 2A geen bevindingen heeft.")
    expect(page.get_by_role("region", name="Bevindingen", exact=True)).to_contain_text(GEEN_BEVINDINGEN_2A)
    axe.controleer(page, "vraag 2A, geen bevindingen")

    # Assumption from the preparation phase, from question 1C; first without a judgement.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=naam).click()
    naar_vraag(page, "1C")
    aannames = page.get_by_role("region", name="Aannames bij deze vraag")
    expect(aannames).to_contain_text("nog niet getoetst")
    aannames.get_by_role("link", name=re.compile(r"^Toetsen\s*: De doelgroep vraagt de toeslag aan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanname toetsen")
    axe.controleer(page, "aanname toetsen, leeg")
    page.get_by_role("button", name="Toetsing opslaan").click()
    samenvatting = page.get_by_role("alert").filter(has_text="Er zijn 2 punten om te verbeteren")
    expect(samenvatting.get_by_role("link", name="Oordeel: Dit veld is verplicht.")).to_be_visible()
    expect(samenvatting.get_by_role("link", name="Toelichting: Dit veld is verplicht.")).to_be_visible()
    axe.controleer(page, "aanname toetsen met fouten")
    page.get_by_role("radio", name="Klopt niet").check()
    veld(page, "Toelichting").fill("Na een jaar vroeg een kwart van de doelgroep de toeslag aan.")
    page.get_by_role("checkbox", name="1C: Minder aanvragen dan verwacht").check()
    page.get_by_role("button", name="Toetsing opslaan").click()
    # Back on question 1C, with the judgement at the assumption and at the finding that supports it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Centrale vraag 1C")
    expect(page.get_by_role("status")).to_have_text("De toetsing van de aanname is vastgelegd.")
    expect(page.get_by_role("region", name="Aannames bij deze vraag")).to_contain_text("Oordeel: Klopt niet")
    expect(page.get_by_role("region", name="Bevindingen", exact=True)).to_contain_text(
        "Onderbouwt de toetsing van: ‘De doelgroep vraagt de toeslag aan.’: klopt niet"
    )
    axe.controleer(page, "vraag 1C, aanname getoetst")

    # The assumption from the uitvoeringstoets, from the table on the dossier page.
    page.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=naam).click()
    tabel = page.get_by_role("table", name=re.compile("Aannames uit de voorbereiding"))
    tabel.get_by_role("link", name=re.compile(r"^Toetsen\s*: De systemen kunnen het aan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aanname toetsen")
    expect(page.get_by_text("Bron: Uitvoeringstoets (vraag 2C)")).to_be_visible()
    axe.controleer(page, "aanname toetsen, uit de uitvoeringstoets")
    page.get_by_role("radio", name="Klopt", exact=True).check()
    veld(page, "Toelichting").fill("Geen storingen sinds de invoering.")
    page.get_by_role("button", name="Toetsing opslaan").click()
    expect(page.get_by_role("status")).to_have_text("De toetsing van de aanname is vastgelegd.")
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    volgende_stap = page.get_by_role("region", name="Volgende stap")
    expect(volgende_stap).to_contain_text("Er is nog geen conclusie vastgelegd.")
    expect(volgende_stap).not_to_contain_text("niet getoetst")
    expect(volgende_stap).not_to_contain_text("heeft nog geen bevinding")
    axe.controleer(page, "dossierpagina, alleen de conclusie open")

    # The draft conclusion: first without an outcome, then one of the five outcomes with a recommendation.
    page.get_by_role("link", name="Conclusie schrijven").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conclusie en aanbevelingen")
    expect(page.get_by_role("radio")).to_have_count(5)
    axe.controleer(page, "conclusie, leeg")
    aanbeveling_1 = page.get_by_role("group", name="Aanbeveling 1")
    veld(aanbeveling_1, "Aanbeveling").fill("Maak de regeling bekend via de zorgkantoren.")
    page.get_by_role("button", name="Conclusie opslaan").click()
    samenvatting = page.get_by_role("alert").filter(has_text="punten om te verbeteren")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link", name=re.compile("Uitkomst: Dit veld is verplicht."))).to_be_visible()
    expect(
        samenvatting.get_by_role("link", name="Aanbeveling 1: Gericht aan: Kies aan wie de aanbeveling is gericht.")
    ).to_be_visible()
    expect(veld(aanbeveling_1, "Aanbeveling")).to_have_value("Maak de regeling bekend via de zorgkantoren.")
    axe.controleer(page, "conclusie met fouten")
    page.get_by_role("radio", name="Monitoring in plaats van ingrijpen").check()
    veld(page, "Toelichting").fill("De regeling werkt voor wie haar vindt, maar te weinig ouders kennen haar.")
    veld(aanbeveling_1, "Gericht aan").select_option(label="Communicatie")
    veld(aanbeveling_1, "Prioriteit").select_option(label="Hoog")
    veld(aanbeveling_1, "Eigenaar").fill("Directie Kinderopvang")
    aanbeveling_2 = page.get_by_role("group", name="Aanbeveling 2")
    veld(aanbeveling_2, "Aanbeveling").fill("Schrap de handmatige controle bij lage inkomens.")
    veld(aanbeveling_2, "Gericht aan").select_option(label="Uitvoering")
    page.get_by_role("button", name="Conclusie opslaan").click()

    # Everything is done: the dossier offers to submit.
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    expect(page.get_by_role("status")).to_have_text("De conclusie is opgeslagen.")
    conclusie = page.get_by_role("region", name="Conclusie")
    expect(conclusie).to_contain_text("Monitoring in plaats van ingrijpen")
    expect(conclusie.get_by_role("listitem")).to_have_count(2)
    expect(conclusie).to_contain_text("gericht aan: Communicatie; prioriteit hoog; eigenaar: Directie Kinderopvang")
    volgende_stap = page.get_by_role("region", name="Volgende stap")
    expect(volgende_stap).to_contain_text("Alle vragen zijn beantwoord en alle aannames getoetst.")
    matrix = page.get_by_role("table", name=re.compile("De zes centrale vragen"))
    expect(matrix).not_to_contain_text("Nog open")
    expect(matrix).to_contain_text("1 met discriminerend aspect")
    axe.controleer(page, "dossierpagina, klaar om aan te bieden")

    volgende_stap.get_by_role("button", name="Ter vaststelling aanbieden").click()
    expect(page.get_by_role("status")).to_have_text("De conclusie is ter vaststelling aangeboden aan management.")
    expect(status_van(page)).to_have_text("Status: Ter vaststelling")
    expect(page.get_by_role("region", name="Volgende stap")).to_contain_text("De conclusie ligt bij management")
    expect(page.get_by_role("region", name="Geschiedenis")).to_contain_text("In onderzoek → Ter vaststelling")
    axe.controleer(page, "dossierpagina, ter vaststelling")

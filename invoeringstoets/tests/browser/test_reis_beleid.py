"""Journey of the beleidsmedewerker, by keyboard only: log in, register a regeling, record an ex-ante test and a
signal, screen the regeling and decide that an invoeringstoets is needed.

After a `page.goto` every field, button and link is reached with Tab (`tab_naar`, which also checks the focus is
visible) and operated with the keyboard: typing, Enter, Space and the arrow keys. No clicks, no fill."""

import re
from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from dossiers.tests.factories import PASSWORD

from .conftest import tab_naar

NAAM = "Tegemoetkoming reiskosten mantelzorgers"


def typ(page, locator, tekst: str) -> None:
    """Tab to a field and type into it, as a keyboard user does."""
    tab_naar(page, locator)
    page.keyboard.type(tekst)


def activeer(page, locator) -> None:
    """Tab to a link or button and press Enter."""
    tab_naar(page, locator)
    page.keyboard.press("Enter")


def datum_typen(page, locator, dag) -> None:
    """Type a date as digits into a date field, segment after segment. The order of the segments (day-month or
    month-day) follows the browser's own language, not the page's, so a first entry of 1 February 2003 tells which
    one it is; Shift+Tab then goes back to the first segment and the real date overwrites it."""
    tab_naar(page, locator)
    page.keyboard.type("01022003")
    volgorde = "%d%m%Y" if locator.input_value() == "2003-02-01" else "%m%d%Y"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.type(dag.strftime(volgorde))
    expect(locator).to_have_value(dag.isoformat())


def veld(scope, label: str):
    """A field by its whole label; required fields show an asterisk after it."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$"))


def status_van(page):
    """The status badge under the page heading."""
    return page.get_by_role("main").locator(".status-badge").first


def test_a_beleidsmedewerker_registers_and_screens_a_regeling_with_the_keyboard_only(
    page, live_server, axe, beleidsmedewerker
):
    # Log in.
    page.goto(f"{live_server.url}/inloggen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen")
    axe.controleer(page, "inlogpagina")
    typ(page, page.get_by_label("Gebruikersnaam"), "beleid")
    typ(page, page.get_by_label("Wachtwoord"), PASSWORD)
    activeer(page, page.get_by_role("button", name="Inloggen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    expect(page.get_by_text("Er zijn geen dossiers.")).to_be_visible()
    axe.controleer(page, "dossierlijst, leeg")

    # The registration form, from the main menu.
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    activeer(page, menu.get_by_role("link", name="Regeling registreren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Regeling registreren")
    axe.controleer(page, "registratieformulier, leeg")

    # Everything but the name: the first submit must come back with one error, and keep the rest.
    form = page.get_by_role("main")
    naam = veld(form, "Naam van de regeling")
    typ(page, veld(form, "Ministerie"), "Ministerie van Volksgezondheid, Welzijn en Sport")
    typ(page, veld(form, "Directie"), "Directie Langdurige Zorg")
    typ(page, veld(form, "Wettelijke grondslag"), "Wet langdurige zorg, artikel 3.1.1")
    datum_typen(page, veld(form, "Datum van inwerkingtreding"), date(2025, 1, 2))
    # One organisation per line: Enter in a text area starts a new line.
    typ(page, veld(form, "Uitvoeringsorganisaties"), "CAK")
    page.keyboard.press("Enter")
    page.keyboard.type("Zorgkantoren")
    typ(page, veld(form, "Doelgroep"), "Mantelzorgers van mensen met een Wlz-indicatie")
    typ(page, veld(form, "Verwachte omvang van de doelgroep"), "12.000")
    typ(page, veld(form, "Toelichting op de omvang"), "schatting van het SCP")
    aanname_1 = form.get_by_role("group", name="Aanname 1")
    typ(page, veld(aanname_1, "Aanname"), "Mantelzorgers weten de regeling te vinden.")
    # A closed select changes with the arrow keys: the first option after "Kies de bron" is the preparation phase.
    tab_naar(page, veld(aanname_1, "Bron"))
    page.keyboard.press("ArrowDown")
    expect(veld(aanname_1, "Bron")).to_have_value("voorbereiding")
    aanname_2 = form.get_by_role("group", name="Aanname 2")
    typ(page, veld(aanname_2, "Aanname"), "Het CAK kan de uitbetaling maandelijks doen.")
    tab_naar(page, veld(aanname_2, "Bron"))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(veld(aanname_2, "Bron")).to_have_value("uitvoeringstoets")
    activeer(page, form.get_by_role("button", name="Regeling registreren"))

    # The error: in the summary (which takes the focus) and at the field, linked to it, in Dutch.
    samenvatting = page.get_by_role("alert").filter(has_text="Er is 1 punt om te verbeteren")
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_be_focused()
    naar_veld = samenvatting.get_by_role("link", name="Naam van de regeling: Dit veld is verplicht.")
    expect(naar_veld).to_have_attribute("href", f"#{naam.get_attribute('id')}")
    expect(naam).to_have_attribute("aria-invalid", "true")
    # The message at the field is one of the elements its aria-describedby names, so a screen reader reads it.
    expect(naam).to_have_accessible_description(re.compile("Dit veld is verplicht."))
    fout_bij_veld = page.locator(f"#{naam.get_attribute('id')}_error")
    expect(fout_bij_veld).to_have_text("Dit veld is verplicht.")
    expect(fout_bij_veld).to_be_visible()
    expect(naam).to_have_attribute("aria-describedby", re.compile(rf"(^|\s){naam.get_attribute('id')}_error(\s|$)"))
    # What was typed stayed in the form.
    expect(veld(form, "Ministerie")).to_have_value("Ministerie van Volksgezondheid, Welzijn en Sport")
    expect(veld(form, "Directie")).to_have_value("Directie Langdurige Zorg")
    expect(veld(form, "Wettelijke grondslag")).to_have_value("Wet langdurige zorg, artikel 3.1.1")
    expect(veld(form, "Datum van inwerkingtreding")).to_have_value("2025-01-02")
    expect(veld(form, "Uitvoeringsorganisaties")).to_have_value("CAK\nZorgkantoren")
    expect(veld(form, "Doelgroep")).to_have_value("Mantelzorgers van mensen met een Wlz-indicatie")
    expect(veld(form, "Verwachte omvang van de doelgroep")).to_have_value("12.000")
    expect(veld(form, "Toelichting op de omvang")).to_have_value("schatting van het SCP")
    expect(veld(aanname_1, "Aanname")).to_have_value("Mantelzorgers weten de regeling te vinden.")
    expect(veld(aanname_1, "Bron")).to_have_value("voorbereiding")
    expect(veld(aanname_2, "Bron")).to_have_value("uitvoeringstoets")
    axe.controleer(page, "registratieformulier met een fout")

    # The link in the summary takes the keyboard user straight to the field.
    activeer(page, naar_veld)
    expect(naam).to_be_focused()
    page.keyboard.type(NAAM)
    activeer(page, form.get_by_role("button", name="Regeling registreren"))

    # The new dossier.
    expect(page.get_by_role("heading", level=1)).to_have_text(NAAM)
    expect(page.get_by_role("status")).to_have_text(f"De regeling ‘{NAAM}’ is geregistreerd.")
    expect(status_van(page)).to_have_text("Status: Geregistreerd")
    expect(page.get_by_text("Zorgkantoren")).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Aannames")).get_by_role("row")).to_have_count(3)
    axe.controleer(page, "dossierpagina, geregistreerd")

    # An ex-ante test: the regeldruktoets, with the ATR advising against.
    activeer(page, page.get_by_role("link", name="Ex-ante toetsen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ex-ante toetsen")
    expect(page.get_by_text("Er is geen regeldruktoets vastgelegd.")).to_be_visible()
    axe.controleer(page, "ex-ante toetsen, leeg")
    activeer(page, page.get_by_role("link", name=re.compile(r"^Invullen\s*: regeldruktoets$")))
    expect(page.get_by_role("heading", level=1)).to_have_text("Regeldruktoets")
    axe.controleer(page, "regeldruktoets, leeg")
    main = page.get_by_role("main")
    typ(page, veld(main, "Verandering in tijd voor de doelgroep (uren per jaar)"), "1.250,5")
    typ(page, veld(main, "Verandering in kosten voor de doelgroep (€ per jaar)"), "48.000")
    # A radio group is one Tab stop; the arrow keys choose within it.
    tab_naar(page, main.get_by_role("radio", name="Indienen", exact=True))
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(main.get_by_role("radio", name="Niet indienen")).to_be_checked()
    typ(page, veld(main, "Toelichting"), "Het ATR vindt de aanvraag te ingewikkeld.")
    activeer(page, main.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ex-ante toetsen")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_text("Niet indienen")).to_be_visible()
    axe.controleer(page, "ex-ante toetsen, na opslaan")
    activeer(page, page.get_by_role("link", name="Terug naar het dossier"))

    # A signal from practice: Kamervragen.
    expect(page.get_by_role("heading", level=1)).to_have_text(NAAM)
    expect(page.get_by_role("region", name="Indicatoren: toetsen, signalen en gebruik")).not_to_contain_text(
        "Ex-ante toetsen: nog niets vastgelegd"
    )
    axe.controleer(page, "dossierpagina, geregistreerd, met een ex-ante toets")
    activeer(page, page.get_by_role("link", name="Signalen uit de praktijk"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen uit de praktijk")
    expect(page.get_by_text("Er zijn geen signalen.")).to_be_visible()
    axe.controleer(page, "signalen, leeg")
    activeer(page, page.get_by_role("link", name="Signaal toevoegen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signaal toevoegen")
    axe.controleer(page, "signaal toevoegen, leeg")
    main = page.get_by_role("main")
    tab_naar(page, veld(main, "Soort"))
    # Type-ahead on a closed select: "Ka" picks Kamervragen.
    page.keyboard.type("Ka")
    expect(veld(main, "Soort")).to_have_value("kamervragen")
    vandaag = timezone.localdate()
    datum_typen(page, veld(main, "Datum"), vandaag)
    typ(page, veld(main, "Bron"), "Tweede Kamer")
    typ(page, veld(main, "Samenvatting"), "Vragen over de lage bekendheid van de regeling.")
    activeer(page, main.get_by_role("button", name="Opslaan"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Signalen uit de praktijk")
    expect(page.get_by_role("status")).to_be_visible()
    signalen = page.get_by_role("table", name="Signalen, nieuwste eerst")
    expect(signalen.get_by_role("row")).to_have_count(2)
    expect(signalen.get_by_role("cell", name="Kamervragen")).to_be_visible()
    axe.controleer(page, "signalen, met een signaal")
    activeer(page, page.get_by_role("link", name="Terug naar het dossier"))

    # The screening starts with every indicator on the proposal from the data.
    expect(page.get_by_role("heading", level=1)).to_have_text(NAAM)
    expect(page.get_by_role("link", name="Signalen uit de praktijk").locator("..")).to_contain_text("1 vastgelegd")
    axe.controleer(page, "dossierpagina, geregistreerd, met een signaal")
    activeer(page, page.get_by_role("button", name="Screening starten"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    expect(page.get_by_role("status")).to_contain_text("De screening is gestart.")
    expect(status_van(page)).to_have_text("Status: Screening")
    regeldruk = page.get_by_role("group", name=re.compile("^Regeldruktoets"))
    expect(regeldruk).to_contain_text(re.compile(r"Voorstel:\s+van toepassing, sterk", re.IGNORECASE))
    expect(regeldruk.get_by_label("Van toepassing")).to_be_checked()
    overig = page.get_by_role("group", name="Andere signalen uit de praktijk")
    expect(overig).to_contain_text("1 keer Kamervragen")
    expect(overig.get_by_label("Van toepassing")).to_be_checked()
    axe.controleer(page, "screening, op de voorstellen")

    # Deciding without a decision or reasoning is refused, with both points at their fields.
    besluit_vastleggen = page.get_by_role("button", name="Besluit vastleggen")
    activeer(page, besluit_vastleggen)
    samenvatting = page.get_by_role("alert").filter(has_text="Er zijn 2 punten om te verbeteren")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link", name="Besluit: Kies of er een invoeringstoets komt.")).to_be_visible()
    expect(samenvatting.get_by_role("link", name="Motivering van het besluit: Geef de motivering")).to_be_visible()
    expect(regeldruk.get_by_label("Van toepassing")).to_be_checked()
    axe.controleer(page, "screening met fouten")

    # The decision: yes. In a radio group without a choice, Tab lands on the first option and Space checks it.
    ja = page.get_by_role("radio", name="Ja, een invoeringstoets is nodig")
    tab_naar(page, ja)
    page.keyboard.press("Space")
    expect(ja).to_be_checked()
    typ(
        page,
        page.get_by_label("Motivering van het besluit"),
        "De regeldruk is volgens het ATR te hoog en er zijn Kamervragen over de bekendheid.",
    )
    activeer(page, besluit_vastleggen)

    # Back on the dossier: the next phase.
    expect(page.get_by_role("heading", level=1)).to_have_text(NAAM)
    expect(page.get_by_role("status")).to_have_text("Het besluit van de screening is vastgelegd.")
    expect(status_van(page)).to_have_text("Status: In onderzoek")
    volgende_stap = page.get_by_role("region", name="Volgende stap")
    expect(volgende_stap).to_contain_text("Stel eerst het kernteam samen")
    expect(page.get_by_role("region", name="Screening")).to_contain_text("Ja, een invoeringstoets is nodig")
    axe.controleer(page, "dossierpagina, in onderzoek")

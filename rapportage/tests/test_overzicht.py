"""The overview of all invoeringstoetsen: filters, sorting, exports of exactly the filtered rows, the dashboard."""

import csv
import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from dossiers import selectors, services
from dossiers.constants import DossierStatus
from dossiers.models import Dossier, Regeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(builder):
    """Three ministries, four states, one approved outcome."""
    return {
        "vastgesteld": builder.vastgesteld(naam="Kinderopvang bij Wlz", ministerie="Ministerie van Financiën"),
        "onderzoek": builder.in_onderzoek(naam="Mantelzorgboete", ministerie="Ministerie van VWS"),
        "geen": builder.geen_invoeringstoets(naam="Fietsregeling", ministerie="Ministerie van IenW"),
        "nieuw": builder.registered(naam="Aanvullende beurs", ministerie="Ministerie van OCW"),
    }


def test_the_overview_shows_each_invoeringstoets_with_its_columns(client, dossiers, manager):
    client.force_login(manager)
    page = client.get(reverse("rapportage:overzicht")).content.decode()
    assert "4 invoeringstoetsen" in page
    for naam in ["Kinderopvang bij Wlz", "Mantelzorgboete", "Fietsregeling", "Aanvullende beurs"]:
        assert naam in page
    assert "Monitoring in plaats van ingrijpen" in page
    assert "Nee, geen invoeringstoets" in page


@pytest.mark.parametrize(
    ("params", "zichtbaar"),
    [
        ({"ministerie": "Ministerie van Volksgezondheid, Welzijn en Sport"}, ["Mantelzorgboete"]),
        ({"status": DossierStatus.GEEN_INVOERINGSTOETS}, ["Fietsregeling"]),
        ({"uitkomst": "monitoring"}, ["Kinderopvang bij Wlz"]),
    ],
)
def test_the_overview_filters(client, dossiers, manager, params, zichtbaar):
    client.force_login(manager)
    page = client.get(reverse("rapportage:overzicht"), params).content.decode()
    alle = {"Kinderopvang bij Wlz", "Mantelzorgboete", "Fietsregeling", "Aanvullende beurs"}
    for naam in zichtbaar:
        assert naam in page
    for naam in alle - set(zichtbaar):
        assert naam not in page


def test_the_year_filter_uses_the_planned_or_actual_date(client, dossiers, manager):
    from dossiers.models import Planning

    Planning.objects.create(
        dossier=dossiers["onderzoek"], beoogd_einde=date(2031, 6, 1), moment="x", updated_by=manager
    )
    client.force_login(manager)
    page = client.get(reverse("rapportage:overzicht"), {"jaar": 2031}).content.decode()
    assert "Mantelzorgboete" in page
    assert "Kinderopvang bij Wlz" not in page


def test_the_overview_sorts(client, dossiers, manager):
    client.force_login(manager)
    oplopend = client.get(reverse("rapportage:overzicht"), {"sorteer": "regeling"}).content.decode()
    aflopend = client.get(reverse("rapportage:overzicht"), {"sorteer": "-regeling"}).content.decode()
    assert oplopend.index("Aanvullende beurs") < oplopend.index("Mantelzorgboete")
    assert aflopend.index("Aanvullende beurs") > aflopend.index("Mantelzorgboete")
    assert 'aria-sort="ascending"' in oplopend


def gefilterd() -> dict:
    return {"status": DossierStatus.IN_ONDERZOEK}


def test_the_csv_export_holds_exactly_the_filtered_rows(client, dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_csv"), gefilterd())
    tekst = b"".join(response.streaming_content).decode("utf-8-sig")
    rijen = list(csv.reader(io.StringIO(tekst), delimiter=";"))
    assert rijen[0] == ["Ministerie", "Regeling", "Status", "Besluit screening", "Gepland", "Vastgesteld", "Uitkomst"]
    assert rijen[1:] == [
        [
            "Ministerie van Volksgezondheid, Welzijn en Sport",
            "Mantelzorgboete",
            "In onderzoek",
            "Ja, een invoeringstoets is nodig",
            "",
            "",
            "",
        ]
    ]


def test_the_xlsx_export_holds_exactly_the_filtered_rows(client, dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_xlsx"), {"ministerie": "Ministerie van Financiën"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rijen = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rijen[0][1] == "Regeling"
    assert len(rijen) == 2
    assert rijen[1][:3] == ["Ministerie van Financiën", "Kinderopvang bij Wlz", "Vastgesteld"]
    assert rijen[1][5].date() == selectors.approved_conclusie(dossiers["vastgesteld"]).vastgesteld_at.date()


def test_the_pdf_overview_holds_exactly_the_filtered_rows(client, dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_pdf"), {"status": DossierStatus.GEREGISTREERD})
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Aanvullende beurs" in tekst
    assert "Mantelzorgboete" not in tekst
    assert "1 invoeringstoets; filter: status Geregistreerd" in " ".join(tekst.split())


@pytest.mark.parametrize("url", ["rapportage:overzicht", "rapportage:overzicht_csv", "rapportage:overzicht_pdf"])
def test_a_filter_that_is_not_valid_shows_nothing_and_says_why(client, dossiers, manager, url):
    """A mistyped link must not silently export every invoeringstoets as if it were the filtered list."""
    client.force_login(manager)
    response = client.get(reverse(url), {"status": "bestaat-niet", "ministerie": "Ministerie van VWS"})
    assert response.status_code == 200
    if url == "rapportage:overzicht":
        page = response.content.decode()
        assert "Selecteer een geldige keuze" in page
        assert "0 invoeringstoetsen" in page
        assert "Mantelzorgboete" not in page
    elif url == "rapportage:overzicht_csv":
        tekst = b"".join(response.streaming_content).decode("utf-8-sig")
        assert tekst.strip().splitlines() == [tekst.strip().splitlines()[0]]
    else:
        tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert "0 invoeringstoetsen" in tekst
        assert "Mantelzorgboete" not in tekst


def test_an_unknown_sort_key_falls_back_to_the_default_order(client, dossiers, manager):
    client.force_login(manager)
    page = client.get(reverse("rapportage:overzicht"), {"sorteer": "wachtwoord"}).content.decode()
    assert "4 invoeringstoetsen" in page


def test_the_overview_command_writes_each_format(dossiers, tmp_path):
    for extensie in [".xlsx", ".csv", ".pdf"]:
        bestand = tmp_path / f"overzicht{extensie}"
        call_command("overzicht", "--output", str(bestand), "--status", "vastgesteld", stdout=io.StringIO())
        assert bestand.stat().st_size > 0
    assert "Kinderopvang bij Wlz" in (tmp_path / "overzicht.csv").read_text(encoding="utf-8-sig")
    assert "Mantelzorgboete" not in (tmp_path / "overzicht.csv").read_text(encoding="utf-8-sig")


def test_the_first_page_of_10000_dossiers_takes_a_constant_number_of_queries(client, builder, manager):
    builder.vastgesteld()
    client.force_login(manager)
    url = reverse("rapportage:overzicht")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from dossiers import organisaties

    ministeries = [organisaties.ministerie(f"Ministerie {n}") for n in range(12)]
    directies = [organisaties.directie("Directie", m) for m in ministeries]
    regelingen = Regeling.objects.bulk_create(
        Regeling(
            naam=f"Regeling {n:05d}",
            ministerie=ministeries[n % 12],
            directie=directies[n % 12],
            wettelijke_grondslag="Wet",
            inwerkingtreding=date(2020 + n % 6, 1, 1),
            doelgroep="Iedereen",
            verwachte_omvang=1000,
            created_by=manager,
            updated_by=manager,
        )
        for n in range(9_999)
    )
    Dossier.objects.bulk_create(Dossier(regeling=r, status=DossierStatus.SCREENING) for r in regelingen)
    assert Dossier.objects.count() == 10_000
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]
    assert "10.000 invoeringstoetsen" in response.content.decode()
    assert "Pagina 1 van 200" in response.content.decode()


def test_the_dashboard_counts_and_finds_recurring_bottlenecks(client, builder, manager):
    builder.add_follow_up(builder.vastgesteld(naam="Eerste"))
    tweede = builder.in_onderzoek(naam="Tweede")
    from dossiers.models import Planning

    Planning.objects.create(dossier=tweede, beoogd_einde=date(2020, 1, 1), moment="x", updated_by=manager)
    client.force_login(manager)
    page = client.get(reverse("rapportage:dashboard")).content.decode()
    assert "Over de geplande datum (1)" in page
    assert "Acties van de opvolging die te laat zijn (1)" in page
    assert "Bekendheid vergroten via zorgkantoren." in page
    # complete() records knelpunten for 1B and 2B: in one dossier they are not yet a recurring pattern
    assert "Dienst Toeslagen: 2 knelpunten" not in page
    assert "nog geen knelpunten die bij dezelfde uitvoeringsorganisatie in meer dan één dossier terugkomen" in page
    services.bevinding_create(
        actor=builder.kernteam,
        dossier=tweede,
        vraag="2B",
        item=services.BevindingInput(titel="Ook hier afwijzingen", tekst="x", soort="knelpunt"),
    )
    page = client.get(reverse("rapportage:dashboard")).content.decode()
    # Counted by the organisation each finding names: the 1B knelpunt of the first dossier is about the target group
    assert "Dienst Toeslagen: 2 knelpunten in 2 dossiers" in page
    assert "Ook hier afwijzingen" in page


def test_recurring_bottlenecks_count_under_the_organisation_the_finding_names(client, builder, manager):
    """Tried as a new user would: an SVB bottleneck and a target-group finding were counted under "Gemeenten"."""
    from dossiers import services

    client.force_login(manager)
    for naam in ("Eerste", "Tweede"):
        dossier = builder.in_onderzoek(naam=naam)
        builder.met_uitvoerders(dossier, "Gemeenten", "SVB")
        svb = next(o for o in builder.reload(dossier).regeling.uitvoerders if o.afkorting == "SVB")
        services.bevinding_create(
            actor=builder.kernteam,
            dossier=dossier,
            vraag="2B",
            item=services.BevindingInput(
                titel=f"SVB loopt vast ({naam})", tekst="x", soort="knelpunt", organisatie=svb.pk
            ),
        )
        services.bevinding_create(
            actor=builder.kernteam,
            dossier=dossier,
            vraag="1B",
            item=services.BevindingInput(titel=f"Ouders haken af ({naam})", tekst="x", soort="knelpunt"),
        )
    page = client.get(reverse("rapportage:dashboard")).content.decode()
    assert "Sociale Verzekeringsbank: 2 knelpunten in 2 dossiers" in page
    assert "Gemeenten:" not in page
    assert "Ouders haken af" not in page


@pytest.mark.parametrize("url", ["rapportage:overzicht", "rapportage:dashboard", "rapportage:overzicht_csv"])
def test_the_overview_needs_a_login(client, db, url):
    assert client.get(reverse(url)).status_code == 302


FORMULES = ['=HYPERLINK("http://127.0.0.1:9/x","klik")', "=1+1", "@SUM(A1)", "+1", "-1", "\t=1+1", " =1+1"]


@pytest.fixture
def formule_dossiers(builder):
    return [builder.registered(naam=f"{formule} {i}", ministerie=formule) for i, formule in enumerate(FORMULES)]


@pytest.mark.security
def test_the_csv_export_never_writes_a_formula(client, formule_dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_csv"))
    rijen = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    cellen = [cel for rij in rijen[1:] for cel in rij[:2]]
    assert len(cellen) == 2 * len(FORMULES)
    assert all(cel.startswith("'") for cel in cellen), cellen
    # Still readable: the apostrophe in front, the text as typed behind it (the ministerie as the list holds it:
    # without leading spaces or tabs).
    assert {cel[1:] for cel in cellen[::2]} == {" ".join(f.split()) for f in FORMULES}
    assert {cel[1:].rsplit(" ", 1)[0] for cel in cellen[1::2]} == set(FORMULES)


@pytest.mark.security
def test_the_xlsx_export_writes_text_as_text_never_as_a_formula_or_link(client, formule_dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cellen = [cell for row in sheet.iter_rows(min_row=2) for cell in row[:2]]
    assert len(cellen) == 2 * len(FORMULES)
    for cell in cellen:
        assert cell.data_type == "s", f"{cell.coordinate} is {cell.data_type}: {cell.value!r}"
        assert cell.hyperlink is None
        assert cell.quotePrefix, f"{cell.coordinate} could become a formula when edited"
    assert {cell.value for cell in cellen[::2]} == {" ".join(f.split()) for f in FORMULES}, "as the list holds it"
    assert {cell.value.rsplit(" ", 1)[0] for cell in cellen[1::2]} == set(FORMULES), "shown exactly as typed"


@pytest.mark.security
def test_exports_leave_ordinary_text_alone(client, dossiers, manager):
    client.force_login(manager)
    response = client.get(reverse("rapportage:overzicht_xlsx"))
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert not any(cell.quotePrefix for row in sheet.iter_rows() for cell in row)


def test_the_overview_and_its_exports_filter_by_uitvoeringsorganisatie(client, builder, manager):

    svb_regeling = builder.registered(naam="Met de SVB")
    builder.registered(naam="Zonder de SVB")
    builder.met_uitvoerders(svb_regeling, "Gemeenten", "SVB")
    client.force_login(manager)
    page = client.get(reverse("rapportage:overzicht")).content.decode()
    assert '<option value="Sociale Verzekeringsbank">' in page
    filtered = {"organisatie": "Sociale Verzekeringsbank"}
    page = client.get(reverse("rapportage:overzicht"), filtered).content.decode()
    assert "Met de SVB" in page
    assert "Zonder de SVB" not in page
    response = client.get(reverse("rapportage:overzicht_csv"), filtered)
    rijen = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";"))
    assert [rij[1] for rij in rijen[1:]] == ["Met de SVB"]


def test_the_dashboard_filters_by_uitvoeringsorganisatie(client, builder, manager):

    for naam, organisaties in (("Met SVB", ("SVB",)), ("Met UWV", ("UWV",))):
        dossier = builder.in_onderzoek(naam=naam)
        builder.met_uitvoerders(dossier, *organisaties)
    client.force_login(manager)
    alle = client.get(reverse("rapportage:dashboard")).content.decode()
    assert re.search(r"In onderzoek</a></th><td class=\"text-end\">2</td>", alle)
    svb = client.get(reverse("rapportage:dashboard"), {"organisatie": "Sociale Verzekeringsbank"}).content.decode()
    assert re.search(r"In onderzoek</a></th><td class=\"text-end\">1</td>", svb)
    assert "organisatie=Sociale%20Verzekeringsbank" in svb, "the links to the overview keep the filter"
    onbekend = client.get(reverse("rapportage:dashboard"), {"organisatie": "Bestaat niet"}).content.decode()
    assert "Deze uitvoeringsorganisatie is onbekend; het dashboard toont alle regelingen." in onbekend

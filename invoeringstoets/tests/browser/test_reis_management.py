"""Journey of management: judge the conclusion the kernteam offered, approve it, have the report made and download
the PDF, which appears on the page without reloading it."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from rapportage.models import Rapport
from rapportage.tasks import render_rapport

from .conftest import inloggen


@pytest.fixture
def zonder_worker():
    """Requests go to the (in-memory) queue instead of being rendered at once, so the page shows the request
    waiting; the test then plays the worker. The autouse fixture in the root conftest restores the setting."""
    from invoeringstoets.celery import app

    app.conf.task_always_eager = False


def status_van(page):
    return page.get_by_role("main").locator(".status-badge").first


def test_management_approves_the_conclusion_and_downloads_the_report_as_pdf(
    page, live_server, axe, builder, zonder_worker, tmp_path
):
    dossier = builder.ter_vaststelling()
    naam = dossier.regeling.naam
    inloggen(page, live_server, "management")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossiers")
    axe.controleer(page, "dossierlijst")

    page.get_by_role("link", name=naam).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    expect(status_van(page)).to_have_text("Status: Ter vaststelling")
    axe.controleer(page, "dossierpagina, ter vaststelling")

    page.get_by_role("region", name="Volgende stap").get_by_role("link", name="Conclusie beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Conclusie vaststellen")
    expect(page.get_by_text("Monitoring in plaats van ingrijpen")).to_be_visible()
    expect(page.get_by_role("heading", name="Bevindingen per centrale vraag")).to_be_visible()
    axe.controleer(page, "conclusie beoordelen")

    # Returning without a remark is refused; the dossier stays where it is.
    page.get_by_role("button", name="Terugsturen naar het kernteam").click()
    samenvatting = page.get_by_role("alert").filter(has_text="Er is 1 punt om te verbeteren")
    expect(samenvatting).to_be_focused()
    expect(samenvatting.get_by_role("link", name="Opmerking voor het kernteam: Dit veld is verplicht.")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^\s*Opmerking voor het kernteam"))).to_have_accessible_description(
        re.compile("Dit veld is verplicht.")
    )
    expect(status_van(page)).to_have_text("Status: Ter vaststelling")
    axe.controleer(page, "conclusie beoordelen, terugsturen zonder opmerking")

    page.get_by_role("button", name="Conclusie vaststellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(naam)
    expect(page.get_by_role("status")).to_have_text("De conclusie is vastgesteld. U kunt nu het rapport maken.")
    expect(status_van(page)).to_have_text("Status: Vastgesteld")
    conclusie = page.get_by_role("region", name="Conclusie")
    expect(conclusie).to_contain_text("Vastgesteld")
    expect(conclusie.get_by_role("link", name=re.compile(r"^Versie 1, vastgesteld"))).to_be_visible()
    rapporten = page.get_by_role("region", name="Rapporten")
    expect(rapporten).to_contain_text("Er zijn nog geen rapporten gemaakt.")
    axe.controleer(page, "dossierpagina, vastgesteld")

    # Request the report. Without a worker it waits in the queue.
    page.get_by_role("region", name="Volgende stap").get_by_role("link", name="Naar de rapporten").click()
    rapporten.get_by_role("button", name="Rapport maken (PDF)").click()
    expect(page.get_by_role("status")).to_contain_text("Rapport 1 wordt gemaakt.")
    tabel = rapporten.get_by_role("table", name="Gemaakte rapporten, nieuwste eerst")
    rij = tabel.get_by_role("row").nth(1)
    expect(rij.get_by_role("cell").nth(3)).to_have_text("In de wachtrij")
    axe.controleer(page, "dossierpagina, rapport in de wachtrij")

    # A mark on this very page: if it is still there after the link appears, the page was never reloaded.
    page.evaluate("window.nietHerladen = true")
    # The worker renders the report, here in the test's thread, as a worker process would.
    render_rapport.apply(args=[Rapport.objects.get(dossier=dossier).pk])

    download_link = rij.get_by_role("link", name=re.compile(r"^PDF downloaden\s*: versie 1$"))
    expect(download_link).to_be_visible(timeout=10_000)
    expect(rij.get_by_role("cell").nth(3)).to_have_text("Klaar")
    expect(rij).to_contain_text("PDF/A-3a")
    expect(rij).to_contain_text("SHA-256")
    assert page.evaluate("window.nietHerladen") is True
    axe.controleer(page, "dossierpagina, rapport klaar")

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "invoeringstoets-recht-op-kinderopvangtoeslag-bij-wlz-indicatie-rapport-1.pdf"
    pad = tmp_path / download.suggested_filename
    download.save_as(pad)
    inhoud = pad.read_bytes()
    assert inhoud.startswith(b"%PDF")
    tekst = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages).split())
    assert naam in tekst
    assert "Conclusie" in tekst

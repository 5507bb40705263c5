"""The report as a document: every section, a cover, contents, page numbers, Dutch dates and amounts, the
CONCEPT mark, and for an approved version an archive copy (PDF/A-3a) with exactly the approved content."""

import hashlib
import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from dossiers import services as dossier_services
from rapportage import services
from rapportage.models import Rapport

pytestmark = pytest.mark.django_db

SECTIES = [
    "Samenvatting",
    "Aanleiding en screening",
    "De uitvoeringstoets en andere toetsen",
    "Gebruik en signalen uit de praktijk",
    "Aanpak",
    "Bevindingen per centrale vraag",
    "Aannames getoetst aan de praktijk",
    "Conclusie en aanbevelingen",
    "Opvolging",
    "Bijlage: bewijsstukken",
]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo", stdout=io.StringIO())
    from dossiers.models import Dossier

    return Dossier.objects.get()


def pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_demo_report_holds_every_section_with_contents_and_page_numbers(demo):
    pdf = services.render_dossier_pdf(demo.pk, conclusie=services.current_report_subject(demo.pk), volgnummer=1)
    tekst = pages(pdf)
    omslag, inhoud = tekst[0], tekst[1]
    assert "Recht op kinderopvangtoeslag bij Wlz-indicatie" in omslag
    assert "Ministerie van Financiën" in omslag
    assert "Status Vastgesteld" in omslag
    assert "versie 1, vastgesteld" in omslag
    assert "Rapport versie 1, gemaakt" in omslag
    for sectie in SECTIES:
        assert re.search(rf"{re.escape(sectie)} \.* ?\d+", inhoud), (
            f"{sectie} staat niet met een paginanummer in de inhoud"
        )
        assert re.search(rf"\d+\. {re.escape(sectie)}", " ".join(tekst[2:])), f"{sectie} ontbreekt als hoofdstuk"
    # The summary and the findings open a page; the other chapters follow on without blank half pages.
    assert tekst[2].startswith("1. Samenvatting")
    assert any(page.startswith("6. Bevindingen per centrale vraag") for page in tekst[2:])
    assert f"pagina 2 van {len(tekst)}" in tekst[1]
    alles = " ".join(tekst)
    assert "1 januari 2021" in alles
    assert "€ 350.000" in alles
    assert "Stijgend: 23 klachten" in alles
    assert "Discriminerend aspect: Alleenstaande ouders" in alles
    assert "Voorlichting aan zorgkantoren" in alles
    assert "CONCEPT" not in alles


def test_an_approved_report_is_an_archive_copy_with_metadata_tags_and_embedded_fonts(demo):
    pdf = services.render_dossier_pdf(demo.pk, conclusie=services.current_report_subject(demo.pk))
    reader = PdfReader(io.BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfaid:part(=\"|>)3", xmp)
    assert re.search(r"pdfaid:conformance(=\"|>)A", xmp)
    assert reader.metadata.title == "Invoeringstoets Recht op kinderopvangtoeslag bij Wlz-indicatie"
    assert reader.metadata.author == "Ministerie van Financiën, Dienst Toeslagen"
    assert reader.metadata.subject.startswith("Rapport van de invoeringstoets")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descendant = font.get_object()["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"], descendant["/BaseFont"]
            fonts.add(str(descendant["/BaseFont"]).split("+")[-1].split("-")[0])
    assert fonts == {"Source"}, fonts


def test_a_concept_report_says_concept_on_every_page(builder):
    dossier = builder.complete()
    tekst = pages(services.render_dossier_pdf(dossier.pk))
    assert "CONCEPT: dit dossier is nog niet vastgesteld" in tekst[0]
    assert all("CONCEPT" in page for page in tekst)


def test_the_approved_version_is_reported_as_approved_whatever_changes_later(builder, manager, kernteamlid):
    dossier = builder.vastgesteld()
    versie_1 = services.current_report_subject(dossier.pk)
    dossier_services.dossier_reopen(actor=manager, dossier=dossier, reden="Nieuwe cijfers.")
    bevinding = dossier.bevindingen.get(vraag="1A")
    dossier_services.bevinding_update(
        actor=kernteamlid,
        bevinding=bevinding,
        expected_revision=bevinding.revision,
        item=dossier_services.BevindingInput(titel="Later herschreven", tekst="Nieuw", soort="ervaring"),
    )
    tekst = " ".join(pages(services.render_dossier_pdf(dossier.pk, conclusie=versie_1)))
    assert "Bevinding bij 1A" in tekst
    assert "Later herschreven" not in tekst
    assert "CONCEPT" not in tekst


def test_a_finished_report_never_changes_and_a_new_request_is_a_new_version(
    client, builder, manager, django_capture_on_commit_callbacks
):
    dossier = builder.vastgesteld()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            services.rapport_request(actor=manager, dossier=dossier)
    eerste, tweede = Rapport.objects.order_by("volgnummer")
    assert (eerste.volgnummer, tweede.volgnummer) == (1, 2)
    assert eerste.file.name != tweede.file.name
    inhoud = eerste.file.open("rb").read()
    assert hashlib.sha256(inhoud).hexdigest() == eerste.sha256
    services.rapport_render(eerste.pk)  # running again changes nothing
    eerste.refresh_from_db()
    assert hashlib.sha256(eerste.file.open("rb").read()).hexdigest() == eerste.sha256
    assert eerste.pdf_variant == "PDF/A-3a"
    client.force_login(manager)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert eerste.sha256 in page
    assert "PDF/A-3a" in page

"""One document tree for every rendering: the PDF's HTML, the Word document and the approved-version page say the
same, with no wording of their own, and typed lists and line breaks come out alike in all three."""

import io
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document as WordDocument

from dossiers import hoofdstukken
from dossiers.models import Conclusie
from rapportage import services, word

pytestmark = pytest.mark.django_db

TOELICHTING = (
    "Effectief, maar:\r\n- te weinig bekend\r\n- moeilijk uit te leggen\r\nDaarom monitoring.\r\nEen tweede regel."
)


def teksten(blokken) -> list[str]:
    """Every run of text in a list of blocks, depth first."""
    result = []
    for blok in blokken:
        for attr in ("delen",):
            result += [d.tekst for d in getattr(blok, attr, [])]
        for item in getattr(blok, "items", []):
            result += [d.tekst for d in item]
        for rij in getattr(blok, "rijen", []):
            result += [d.tekst for cel in rij for d in cel]
        result += [k for k in getattr(blok, "kop", []) if isinstance(k, str)]
        if isinstance(getattr(blok, "tekst", None), str):
            result.append(blok.tekst)
        result += teksten(getattr(blok, "blokken", []))
    return [t.strip() for t in result if t.strip()]


def plat(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def vastgesteld(builder):
    dossier = builder.complete()
    Conclusie.objects.filter(dossier=dossier).update(toelichting=TOELICHTING)
    from dossiers import services as dossier_services

    dossier_services.dossier_submit(actor=builder.kernteam, dossier=dossier)
    dossier_services.dossier_approve(actor=builder.management, dossier=dossier)
    return builder.reload(dossier)


def test_the_pdf_word_and_version_page_render_the_same_chapters_without_wording_of_their_own(
    client, vastgesteld, manager
):
    conclusie = Conclusie.objects.get(dossier=vastgesteld)
    inhoud = conclusie.vastgestelde_inhoud
    document = services.rapport_document(inhoud, conclusie=conclusie, volgnummer=1, gemaakt_op=timezone.now())
    html = plat(services.rapport_html(vastgesteld.pk, conclusie=conclusie, volgnummer=1))
    docx = WordDocument(io.BytesIO(word.render_docx(document, gemaakt_op=timezone.now())))
    word_tekst = " ".join(
        [p.text for p in docx.paragraphs]
        + [cell.text for table in docx.tables for row in table.rows for cell in row.cells]
    )
    word_tekst = " ".join(word_tekst.split())
    for hoofdstuk in document.hoofdstukken:
        assert hoofdstuk.titel in html
        assert hoofdstuk.titel in word_tekst
        for zin in teksten(hoofdstuk.blokken):
            zin = " ".join(zin.split())
            assert zin in html, f"PDF mist ‘{zin}’ ({hoofdstuk.titel})"
            assert zin in word_tekst, f"Word mist ‘{zin}’ ({hoofdstuk.titel})"
    client.force_login(manager)
    pagina = plat(client.get(reverse("dossiers:conclusie_versie", args=[vastgesteld.pk, 1])).content.decode())
    for hoofdstuk in [hoofdstukken.conclusie(inhoud), hoofdstukken.bevindingen(inhoud), hoofdstukken.aannames(inhoud)]:
        for zin in teksten(hoofdstuk.blokken):
            assert " ".join(zin.split()) in pagina, f"De versiepagina mist ‘{zin}’"


def test_a_typed_list_is_a_list_in_the_pdf_word_and_the_version_page(client, vastgesteld, manager):
    conclusie = Conclusie.objects.get(dossier=vastgesteld)
    html = services.rapport_html(vastgesteld.pk, conclusie=conclusie, volgnummer=1)
    assert re.search(r'<ul><li><span class="tekst">te weinig bekend</span>\s*</li><li>', html)
    document = services.rapport_document(
        conclusie.vastgestelde_inhoud, conclusie=conclusie, volgnummer=1, gemaakt_op=timezone.now()
    )
    docx = WordDocument(io.BytesIO(word.render_docx(document, gemaakt_op=timezone.now())))
    bullets = [p.text for p in docx.paragraphs if p.style.name == "List Bullet"]
    assert bullets.count("te weinig bekend") == 2, "in the summary and in the conclusion chapter"
    # One line break where the user typed one (\r\n), not two, and no paragraph of its own.
    assert "Daarom monitoring.\nEen tweede regel." in [p.text for p in docx.paragraphs]
    client.force_login(manager)
    pagina = client.get(reverse("dossiers:conclusie_versie", args=[vastgesteld.pk, 1])).content.decode()
    assert re.search(r'<li><span class="tekst">moeilijk uit te leggen</span>\s*</li></ul>', pagina)


def test_a_typed_list_is_a_list_on_the_pages_where_it_is_written_and_approved_too(client, builder, manager):
    dossier = builder.ter_vaststelling()
    Conclusie.objects.filter(dossier=dossier).update(toelichting=TOELICHTING)
    from dossiers.models import Bevinding

    Bevinding.objects.filter(dossier=dossier, vraag="1A").update(tekst="Gevonden:\n- weinig bekend\n- moeilijk")
    client.force_login(manager)
    for url in [reverse("dossiers:decide", args=[dossier.pk]), reverse("dossiers:vraag", args=[dossier.pk, "1A"])]:
        pagina = client.get(url).content.decode()
        assert re.search(r"<li><span class=\"tekst\">(weinig bekend|te weinig bekend)</span>\s*</li>", pagina), url

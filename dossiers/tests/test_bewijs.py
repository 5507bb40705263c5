"""Evidence files: accepted by content and size, stored under a generated name, served only to who may read."""

import hashlib
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dossiers.bewijs import herken, veilige_naam
from dossiers.models import Bevinding, Bewijsstuk
from dossiers.tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "zip":
            archive.writestr("readme.txt", "just a zip")
        elif kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (PDF_BYTES, "PDF"),
        (PNG_BYTES, "PNG-afbeelding"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "JPEG-afbeelding"),
        (office("docx"), "Word"),
        (office("xlsx"), "Excel"),
        (office("odt"), "OpenDocument-tekst"),
        (b"datum;soort\n2021-01-01;klacht\n", "CSV"),
    ],
)
def test_accepted_kinds_are_recognised_by_their_content(data, label):
    assert herken(data).label == label


@pytest.mark.parametrize(
    "data",
    [b"MZ\x90\x00" + b"\x00" * 60, b"#!/bin/sh\nrm -rf /\n", office("zip"), b"\x00\x01\x02binary"],
)
def test_other_content_is_not_recognised(data):
    assert herken(data) is None


@pytest.mark.parametrize(
    ("naam", "veilig"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("verslag interviews (def).PDF", "verslag_interviews_def.pdf"),
        ("/absolute/pad.docx", "pad.docx"),
        ("....pdf", "bestand.pdf"),
    ],
)
def test_names_are_made_safe(naam, veilig):
    assert veilige_naam(naam) == veilig


@pytest.fixture
def bevinding(builder, kernteamlid):
    from dossiers import services

    dossier = builder.in_onderzoek()
    return services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1B",
        item=services.BevindingInput(titel="Veel afwijzingen", tekst="x", soort="knelpunt"),
    )


def upload(client, bevinding, naam: str, data: bytes, **extra):
    url = reverse("dossiers:bewijsstuk_add", args=[bevinding.dossier_id, "bevinding", bevinding.pk])
    return client.post(url, {"bewijs-bestand": SimpleUploadedFile(naam, data), "bewijs-omschrijving": "", **extra})


def test_a_member_adds_evidence_and_sees_its_sha256(client, bevinding, kernteamlid):
    client.force_login(kernteamlid)
    response = upload(client, bevinding, "../../geheim/verslag.pdf", PDF_BYTES)
    assert response.status_code == 302
    stuk = Bewijsstuk.objects.get()
    assert stuk.naam == "verslag.pdf"
    assert stuk.sha256 == hashlib.sha256(PDF_BYTES).hexdigest()
    assert stuk.bestand.name.startswith(f"bewijs/{bevinding.dossier_id}/")
    assert "verslag" not in stuk.bestand.name, "stored under a generated name"
    assert ".." not in stuk.bestand.name
    page = client.get(reverse("dossiers:vraag", args=[bevinding.dossier_id, "1B"])).content.decode()
    assert stuk.sha256 in page
    assert "verslag.pdf" in page


def test_a_file_that_is_too_large_is_refused(client, bevinding, kernteamlid, settings):
    settings.BEWIJS_MAX_BYTES = 1_000_000
    client.force_login(kernteamlid)
    page = upload(client, bevinding, "groot.pdf", PDF_BYTES + b"0" * 1_200_000).content.decode()
    assert "het mag hoogstens 1 MB zijn" in page
    assert not Bewijsstuk.objects.exists()


def zip_bom(lid: str, megabytes: int, *, eerst: tuple[str, str] | None = None, inpakken=zipfile.ZIP_DEFLATED) -> bytes:
    """A small ZIP whose member `lid` unpacks to `megabytes` MiB of zeros, written in pieces (never whole in memory)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=inpakken, compresslevel=9) as archive:
        if eerst:
            archive.writestr(*eerst)
        with archive.open(lid, "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(bytes(1 << 20))
    return buffer.getvalue()


@pytest.mark.security
def test_a_zip_bomb_is_refused_before_anything_is_unpacked(client, bevinding, kernteamlid):
    import tracemalloc

    bom = zip_bom("mimetype", 300)
    assert len(bom) < 400_000
    client.force_login(kernteamlid)
    tracemalloc.start()
    try:
        page = upload(client, bevinding, "verslag.odt", bom).content.decode()
        _, piek = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "zip-bom" in page
    assert "Het wordt niet geaccepteerd" in page
    assert piek < 30_000_000, f"the upload took {piek // 1_000_000} MB of memory"
    assert not Bewijsstuk.objects.exists()


@pytest.mark.security
def test_a_document_that_unpacks_to_more_than_the_limit_is_refused(settings):
    from dossiers.bewijs import OngeldigBestand

    settings.BEWIJS_ZIP_MAX_BYTES = 5_000_000
    groot = zip_bom("word/document.xml", 6, eerst=("[Content_Types].xml", "<Types/>"), inpakken=zipfile.ZIP_STORED)
    with pytest.raises(OngeldigBestand, match="pakt uit tot 6 MB; hoogstens 5 MB"):
        herken(groot)


def test_a_program_renamed_to_pdf_is_refused(client, bevinding, kernteamlid):
    client.force_login(kernteamlid)
    page = upload(client, bevinding, "rapport.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200).content.decode()
    assert "Dit soort bestand wordt niet geaccepteerd" in page
    assert not Bewijsstuk.objects.exists()


def test_a_name_that_does_not_match_the_content_is_refused(client, bevinding, kernteamlid):
    client.force_login(kernteamlid)
    page = upload(client, bevinding, "notulen.pdf", PNG_BYTES).content.decode()
    assert "maar de inhoud is een PNG-afbeelding-bestand" in page
    assert not Bewijsstuk.objects.exists()


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "manager", "buitenstaander", "zonder_rol"])
def test_only_members_add_or_delete_evidence(client, bevinding, kernteamlid, request, actor):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    stuk = Bewijsstuk.objects.get()
    client.force_login(request.getfixturevalue(actor))
    assert upload(client, bevinding, "ander.pdf", PDF_BYTES).status_code == 403
    delete = reverse("dossiers:bewijsstuk_delete", args=[bevinding.dossier_id, stuk.pk])
    assert client.post(delete).status_code == 403
    assert Bewijsstuk.objects.count() == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [("kernteamlid", 200), ("manager", 200), ("beleidsmedewerker", 200), ("buitenstaander", 403), ("zonder_rol", 403)],
)
def test_evidence_is_served_only_to_who_may_read_it(client, bevinding, kernteamlid, request, actor, status):
    client.force_login(kernteamlid)
    upload(client, bevinding, "interview notities.pdf", PDF_BYTES)
    stuk = Bewijsstuk.objects.get()
    client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse("dossiers:bewijsstuk", args=[bevinding.dossier_id, stuk.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == PDF_BYTES
        assert response["Content-Disposition"] == 'attachment; filename="interview_notities.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_of_another_dossier_is_404(client, bevinding, kernteamlid, builder):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    other = builder.registered(naam="Andere")
    stuk = Bewijsstuk.objects.get()
    assert client.get(reverse("dossiers:bewijsstuk", args=[other.pk, stuk.pk])).status_code == 404


def test_a_file_the_storage_lost_is_a_dutch_not_found_not_a_server_error(client, bevinding, kernteamlid, caplog):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    stuk = Bewijsstuk.objects.get()
    stuk.bestand.storage.delete(stuk.bestand.name)  # a restore without the media folder, a wrong bucket
    response = client.get(reverse("dossiers:bewijsstuk", args=[bevinding.dossier_id, stuk.pk]))
    assert response.status_code == 404
    assert "niet (meer) beschikbaar in de opslag" in response.content.decode()
    assert "Bestand ontbreekt in de opslag" in caplog.text


def test_evidence_is_not_reachable_as_a_public_file(client, bevinding, kernteamlid, settings):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    stuk = Bewijsstuk.objects.get()
    assert client.get(f"/media/{stuk.bestand.name}").status_code == 404
    assert client.get(f"{settings.MEDIA_URL}{stuk.bestand.name}").status_code == 404


def test_evidence_on_an_assessment(client, builder, kernteamlid):
    from dossiers import services

    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.first()
    toetsing = services.aanname_toetsen(
        actor=kernteamlid,
        aanname=aanname,
        expected_revision=None,
        item=services.ToetsingInput(oordeel="klopt_niet", toelichting="x"),
    )
    client.force_login(kernteamlid)
    url = reverse("dossiers:bewijsstuk_add", args=[dossier.pk, "toetsing", toetsing.pk])
    client.post(url, {"bewijs-bestand": SimpleUploadedFile("cijfers.csv", b"maand;aanvragen\n2021-01;48\n")})
    assert Bewijsstuk.objects.get().toetsing == toetsing
    page = client.get(reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk])).content.decode()
    assert "cijfers.csv" in page


def test_deleting_a_finding_deletes_its_files(client, bevinding, kernteamlid, django_capture_on_commit_callbacks):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    bestand = Bewijsstuk.objects.get().bestand
    storage, name = bestand.storage, bestand.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("dossiers:bevinding_delete", args=[bevinding.dossier_id, bevinding.pk]))
    assert not Bevinding.objects.exists()
    assert not Bewijsstuk.objects.exists()
    assert not storage.exists(name)


def test_deleting_evidence_asks_first(client, bevinding, kernteamlid):
    client.force_login(kernteamlid)
    upload(client, bevinding, "verslag.pdf", PDF_BYTES)
    stuk = Bewijsstuk.objects.get()
    url = reverse("dossiers:bewijsstuk_delete", args=[bevinding.dossier_id, stuk.pk])
    assert "Weet u zeker dat u het bewijsstuk ‘verslag.pdf’ wilt verwijderen?" in client.get(url).content.decode()
    assert Bewijsstuk.objects.exists(), "a GET changes nothing"
    client.post(url)
    assert not Bewijsstuk.objects.exists()

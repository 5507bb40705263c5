"""A full disk or a failing store on upload: a Dutch message at the field, nothing half-saved, no partial file."""

import errno
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from dossiers.models import Bewijsstuk
from dossiers.tests.factories import PDF_BYTES
from invoeringstoets import opslag

pytestmark = pytest.mark.django_db


def files_under(root) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.fixture
def schijf_vol(monkeypatch):
    """The disk fills up while the file is written: the data is in the file, making it durable fails."""

    def vol(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(opslag.os, "fsync", vol)


def test_a_full_disk_leaves_no_file_behind(settings, schijf_vol):
    with pytest.raises(OSError, match="No space left"):
        default_storage.save("bewijs/1/stuk.pdf", ContentFile(b"x" * 100_000))
    assert files_under(settings.MEDIA_ROOT) == []


def test_a_stored_file_is_whole_and_in_place(settings):
    name = default_storage.save("bewijs/1/stuk.pdf", ContentFile(PDF_BYTES))
    assert files_under(settings.MEDIA_ROOT) == [name]
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == PDF_BYTES
    assert oct(os.stat(settings.MEDIA_ROOT / name).st_mode & 0o777) == oct(settings.FILE_UPLOAD_PERMISSIONS or 0o644)


@pytest.fixture
def bevinding(builder):
    dossier = builder.complete()
    return dossier.bevindingen.get(vraag="1A")


def upload(client, bevinding):
    url = reverse("dossiers:bewijsstuk_add", args=[bevinding.dossier_id, "bevinding", bevinding.pk])
    return client.post(
        url, {"bewijs-bestand": SimpleUploadedFile("verslag.pdf", PDF_BYTES), "bewijs-omschrijving": "Interview 3"}
    )


def test_an_upload_on_a_full_disk_says_so_at_the_field_and_stores_nothing(
    client, bevinding, kernteamlid, settings, schijf_vol
):
    before = files_under(settings.MEDIA_ROOT)
    client.force_login(kernteamlid)
    response = upload(client, bevinding)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Het bestand kon niet worden opgeslagen: de opslag is vol. Er is niets bewaard." in page
    assert '<p id="error_1_id_bewijs-bestand"><strong>Het bestand kon niet worden opgeslagen: de opslag is vol.' in page
    assert 'value="Interview 3"' in page, "what was typed stays"
    assert Bewijsstuk.objects.filter(bevinding=bevinding, naam="verslag.pdf").count() == 0
    assert files_under(settings.MEDIA_ROOT) == before


def test_a_failing_object_store_is_a_storage_failure_too(client, bevinding, kernteamlid, settings, monkeypatch):
    from botocore.exceptions import EndpointConnectionError

    def unreachable(self, name, content):
        raise EndpointConnectionError(endpoint_url="https://s3.example.nl")

    monkeypatch.setattr(opslag.HeelOfNietOpslag, "_save", unreachable)
    client.force_login(kernteamlid)
    page = upload(client, bevinding).content.decode()
    assert "Het bestand kon niet worden opgeslagen door een storing in de opslag. Er is niets bewaard." in page
    assert not Bewijsstuk.objects.filter(naam="verslag.pdf").exists()


def test_when_the_record_cannot_be_stored_the_file_goes_too(client, bevinding, kernteamlid, settings, monkeypatch):
    from django.db import DatabaseError

    before = files_under(settings.MEDIA_ROOT)

    def database_gone(self, *args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Bewijsstuk, "save", database_gone)
    client.raise_request_exception = False
    client.force_login(kernteamlid)
    assert upload(client, bevinding).status_code == 500
    assert files_under(settings.MEDIA_ROOT) == before


def test_the_daily_sweep_removes_files_no_record_names(settings, bevinding):
    kept = bevinding.dossier.activiteiten.get().bewijsstukken.get().bestand.name
    orphan = default_storage.save("bewijs/9/wees.pdf", ContentFile(PDF_BYTES))
    fresh = default_storage.save("bewijs/9/net-gemaakt.pdf", ContentFile(PDF_BYTES))
    old = (timezone.now() - timedelta(days=2)).timestamp()
    for name in (kept, orphan):
        os.utime(settings.MEDIA_ROOT / name, (old, old))

    removed = opslag.wezen(ouder_dan=timezone.now() - timedelta(days=1))
    assert removed == [orphan]
    assert default_storage.exists(kept)
    assert default_storage.exists(fresh), "a file of a request still under way stays"

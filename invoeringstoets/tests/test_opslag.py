"""Stateless processes: evidence and reports go through Django's storage API, so an S3-compatible object store
(switched on by the environment, see test_settings) serves every web and worker machine. Here the object store is
moto's in-process S3: the real django-storages and boto3 code, no network."""

import hashlib
import io

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws

from dossiers.models import Bewijsstuk
from dossiers.tests.factories import PDF_BYTES
from rapportage import services
from rapportage.models import Rapport

pytestmark = pytest.mark.django_db

BUCKET = "invoeringstoets-test"


@pytest.fixture
def object_store(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-west-1")
    with mock_aws():
        s3 = boto3.client("s3", region_name="eu-west-1")
        s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "default_acl": None, "file_overwrite": False, "location": "media"},
            },
        }
        yield s3


def objecten(s3) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_evidence_is_stored_in_the_object_store_and_served_from_it(client, builder, kernteamlid, object_store):
    dossier = builder.complete()
    bevinding = dossier.bevindingen.first()
    client.force_login(kernteamlid)
    response = client.post(
        reverse("dossiers:bewijsstuk_add", args=[dossier.pk, "bevinding", bevinding.pk]),
        {"bewijs-bestand": SimpleUploadedFile("verslag.pdf", PDF_BYTES), "bewijs-omschrijving": "Verslag"},
    )
    assert response.status_code == 302
    stuk = Bewijsstuk.objects.get(omschrijving="Verslag")
    assert f"media/{stuk.bestand.name}" in objecten(object_store)
    assert not stuk.bestand.name.startswith("/"), "a key in the bucket, not a path on this machine"
    download = client.get(reverse("dossiers:bewijsstuk", args=[dossier.pk, stuk.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_a_report_is_stored_in_the_object_store_and_downloaded_from_it(client, builder, manager, object_store):
    dossier = builder.vastgesteld()
    rapport = services.rapport_request(actor=manager, dossier=dossier)
    services.rapport_render(rapport.pk)
    rapport = Rapport.objects.get(pk=rapport.pk)
    assert f"media/{rapport.file.name}" in objecten(object_store)
    client.force_login(manager)
    download = client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk]))
    pdf = b"".join(download.streaming_content)
    assert pdf.startswith(b"%PDF")
    assert hashlib.sha256(pdf).hexdigest() == rapport.sha256


def test_the_report_command_reads_evidence_from_the_object_store(builder, object_store, tmp_path):
    """The JSON export carries the evidence itself; it reads it through the storage too."""
    from django.core.management import call_command

    dossier = builder.complete()
    from dossiers import services as dossier_services
    from dossiers.bewijs import PDF

    dossier_services.bewijsstuk_add(
        actor=builder.kernteam,
        bevinding=dossier.bevindingen.first(),
        upload=SimpleUploadedFile("b.pdf", PDF_BYTES),
        soort=PDF,
    )
    uit = tmp_path / "dossier.json"
    call_command("rapport", str(dossier.pk), "--output", str(uit), stdout=io.StringIO())
    assert uit.stat().st_size > len(PDF_BYTES)

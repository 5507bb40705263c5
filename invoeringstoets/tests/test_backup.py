"""Back-up en herstel: a backup restored into a fresh database shows the same dossiers, reports and files, with
matching SHA-256; a damaged backup or a database in use is refused before anything changes."""

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from dossiers.models import Dossier

ROOT = Path(__file__).resolve().parents[2]


def inhoud() -> dict:
    """What a user checks after a restore: the dossiers and their pages, the reports and evidence, and that every
    stored file is there with the SHA-256 the database holds. Run in the test and in the restored installation."""
    from django.contrib.auth import get_user_model
    from django.core.files.storage import default_storage
    from django.test import Client

    from dossiers.models import Bewijsstuk, Conclusie
    from rapportage.models import Rapport

    def sha256(name: str) -> str:
        with default_storage.open(name, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()

    client = Client()
    client.force_login(get_user_model().objects.get(username="management"))
    pages = {}
    for dossier in Dossier.objects.select_related("regeling").order_by("pk"):
        page = client.get(dossier.get_absolute_url())
        pages[dossier.regeling.naam] = [page.status_code, dossier.regeling.naam in page.content.decode()]
    return {
        "dossiers": list(Dossier.objects.order_by("pk").values_list("pk", "regeling__naam", "status")),
        "pagina's": pages,
        "vastgesteld": list(Conclusie.objects.filter(vastgesteld_at__isnull=False).values_list("pk", "volgnummer")),
        "rapporten": [[r.pk, r.status, r.sha256, sha256(r.file.name)] for r in Rapport.objects.order_by("pk")],
        "bewijs": [[b.pk, b.naam, b.sha256, sha256(b.bestand.name)] for b in Bewijsstuk.objects.order_by("pk")],
    }


@pytest.fixture
def fresh_database(tmp_path):
    """The URL of a new, empty database of the same kind as the tests use; dropped afterwards."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'hersteld.sqlite3'}"
        return
    import psycopg

    name = f"herstel_{uuid.uuid4().hex[:12]}"
    params = {
        "host": db["HOST"] or "127.0.0.1",
        "port": db["PORT"] or 5432,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        from urllib.parse import quote

        credentials = f"{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@" if db["USER"] else ""
        yield f"postgres://{credentials}{params['host']}:{params['port']}/{name}"
    finally:
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(*args: str, database_url: str, media_root: Path) -> str:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))},
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "CELERY_BROKER_URL": "",
        "DEBUG": "1",
        "ALLOWED_HOSTS": "testserver",
        "AWS_STORAGE_BUCKET_NAME": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_a_fresh_database_shows_the_same(builder, manager, tmp_path, fresh_database):
    from rapportage.services import rapport_request

    dossier = builder.vastgesteld()
    rapport_request(actor=manager, dossier=dossier)
    before = inhoud()
    assert before["rapporten"][0][1] == "klaar"
    assert before["bewijs"]

    out = io.StringIO()
    call_command("backup", map=str(tmp_path / "backups"), stdout=out)
    (archive,) = (tmp_path / "backups").glob("*.tar.gz")
    assert f"Back-up gemaakt met {len(before['rapporten']) + len(before['bewijs'])} bestanden" in out.getvalue()
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["database"] == connection.vendor
    assert {f["sha256"] for f in manifest["bestanden"]} == {r[2] for r in before["rapporten"] + before["bewijs"]}

    media = tmp_path / "hersteld-media"
    said = manage("restore", str(archive), database_url=fresh_database, media_root=media)
    assert "Teruggezet" in said
    script = "import json; from invoeringstoets.tests.test_backup import inhoud; print(json.dumps(inhoud()))"
    printed = manage("shell", "-c", script, database_url=fresh_database, media_root=media)
    after = json.loads(printed.strip().splitlines()[-1])  # the last line: log lines may come before it
    assert after == json.loads(json.dumps(before))
    assert all(status == 200 and shown for status, shown in after["pagina's"].values())


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_or_a_database_in_use_is_refused_and_nothing_changes(builder, tmp_path):
    dossier = builder.add_research(builder.in_onderzoek())
    call_command("backup", map=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("*.tar.gz")

    with pytest.raises(CommandError, match="De database is niet leeg"):
        call_command("restore", str(archive))

    damaged = tmp_path / "beschadigd.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name.startswith("bestanden/") and member.isfile():
                data = data[:-1] + b"X"
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    with pytest.raises(CommandError, match=r"De back-up is beschadigd: .* heeft een andere SHA-256"):
        call_command("restore", str(damaged), vervang=True)
    assert Dossier.objects.filter(pk=dossier.pk).exists()

    (tmp_path / "leeg.tar.gz").write_bytes(b"geen archief")
    with pytest.raises(CommandError, match="geen leesbare back-up"):
        call_command("restore", str(tmp_path / "leeg.tar.gz"), vervang=True)
    (stuk,) = Dossier.objects.get(pk=dossier.pk).bewijsstukken.all()
    with stuk.bestand.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == stuk.sha256  # the evidence stays as it was


@pytest.mark.django_db(transaction=True)
def test_a_cut_off_archive_is_refused_in_dutch_and_archives_are_private(builder, tmp_path):
    builder.registered()
    call_command("backup", map=str(tmp_path), stdout=io.StringIO())
    (archive,) = tmp_path.glob("*.tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600, "a backup holds personal data: for its owner only"
    data = archive.read_bytes()
    for cut in (100, len(data) // 2, len(data) - 10):
        kapot = tmp_path / f"kapot-{cut}.tar.gz"
        kapot.write_bytes(data[:cut])
        with pytest.raises(CommandError, match="is geen leesbare back-up: het archief is beschadigd, onvolledig"):
            call_command("restore", str(kapot), vervang=True)
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "nergens.tar.gz"))
    assert Dossier.objects.count() == 1

"""Settings come from the environment; the embedded default needs none of it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def settings_in(env: dict) -> subprocess.CompletedProcess:
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        " 'eager': s.CELERY_TASK_ALWAYS_EAGER, 'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG,"
        " 'hosts': s.ALLOWED_HOSTS, 'lang': s.LANGUAGE_CODE, 'tz': s.TIME_ZONE, 'use_tz': s.USE_TZ,"
        " 'storage': s.STORAGES['default']['BACKEND'], 'bucket': s.STORAGES['default'].get('OPTIONS', {}),"
        " 'routes': s.CELERY_TASK_ROUTES}))"
    )
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY"} and not k.startswith("AWS_")
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "invoeringstoets.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_embedded_default_is_sqlite_in_the_project_folder_with_tasks_in_process():
    import json

    result = settings_in({})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(BASE_DIR / "db.sqlite3")
    assert values["eager"] is True
    assert (values["lang"], values["tz"], values["use_tz"]) == ("nl", "Europe/Amsterdam", True)


def test_the_full_stack_is_switched_on_by_the_environment():
    import json

    result = settings_in(
        {
            "DATABASE_URL": "postgres://app:geheim@db.example:5432/toets",
            "CELERY_BROKER_URL": "redis://redis.example:6379/0",
            "DEBUG": "0",
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "toets.example.nl,www.toets.example.nl",
        }
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "toets"
    assert values["eager"] is False
    assert values["broker"] == "redis://redis.example:6379/0"
    assert values["debug"] is False
    assert values["hosts"] == ["toets.example.nl", "www.toets.example.nl"]
    assert values["routes"] == {"rapportage.render_rapport": {"queue": "rapporten"}}, "reports have their own queue"
    assert values["storage"] == "invoeringstoets.opslag.HeelOfNietOpslag"


def test_an_object_store_is_switched_on_by_the_environment():
    import json

    result = settings_in(
        {
            "AWS_STORAGE_BUCKET_NAME": "invoeringstoets-bestanden",
            "AWS_S3_ENDPOINT_URL": "https://s3.rijkscloud.example",
            "AWS_LOCATION": "productie",
        }
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["storage"] == "storages.backends.s3.S3Storage"
    opties = values["bucket"]
    assert (opties["bucket_name"], opties["endpoint_url"], opties["location"]) == (
        "invoeringstoets-bestanden",
        "https://s3.rijkscloud.example",
        "productie",
    )
    assert opties["default_acl"] is None, "files are private"
    assert opties["file_overwrite"] is False, "a stored report is never replaced"


def test_a_secret_key_is_required_when_debug_is_off():
    result = settings_in({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY moet gezet zijn" in result.stderr


@pytest.mark.django_db
def test_the_three_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"Beleidsmedewerker", "Kernteam", "Management"}

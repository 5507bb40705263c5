"""The full stack as `make up` starts it: the Procfile through honcho (gunicorn, a Celery worker, Celery beat) on
the test database and a Redis of the test's own. A logged-in manager asks for a report over HTTP, a worker makes it,
and Ctrl-C stops all three processes."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.urls import reverse

from conftest import database_url_for_workers
from dossiers.tests.factories import PASSWORD
from invoeringstoets.testing import free_port, wait_for
from rapportage.constants import RapportStatus
from rapportage.models import Rapport

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def csrf(pagina: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina).group(1)


def test_the_procfile_runs_web_worker_and_beat_and_ctrl_c_stops_them(builder, manager, eigen_redis, settings, tmp_path):
    dossier = builder.vastgesteld()
    # The tests hash passwords with MD5 for speed; gunicorn runs the production hashers.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    manager.set_password(PASSWORD)
    manager.save()
    poort = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_workers(),
        "CELERY_BROKER_URL": eigen_redis.url,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "DEBUG": "1",  # static files without collectstatic; everything else as in production
        "PORT": str(poort),
        "WEB_CONCURRENCY": "1",
        "WORKER_CONCURRENCY": "1",
        "BEAT_SCHEDULE_FILE": str(tmp_path / "beat-schedule"),
    }
    bin_dir = Path(sys.executable).parent
    log = (tmp_path / "honcho.log").open("w")
    honcho = subprocess.Popen(
        [str(bin_dir / "honcho"), "start", "-f", "Procfile"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    basis = f"http://127.0.0.1:{poort}"
    # A browser of our own, keeping the cookies the pages set (session, CSRF).
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def vraag(pad: str, data: dict | None = None):
        verzoek = urllib.request.Request(  # noqa: S310 - our own server
            f"{basis}{pad}",
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={"Referer": f"{basis}{pad}"},
        )
        with browser.open(verzoek, timeout=10) as antwoord:
            return antwoord.status, antwoord.read().decode()

    try:
        gezond = wait_for(lambda: vraag(reverse("health"))[1], 90)
        assert gezond, (tmp_path / "honcho.log").read_text()[-3000:]
        assert '"worker": "ok"' in gezond
        _, inlogpagina = vraag(reverse("login"))
        inloggen = {"csrfmiddlewaretoken": csrf(inlogpagina), "username": "management", "password": PASSWORD}
        assert "Uitloggen" in vraag(reverse("login"), inloggen)[1]
        status, pagina = vraag(reverse("dossiers:detail", args=[dossier.pk]))
        assert status == 200
        assert dossier.regeling.naam in pagina

        # The manager asks for the report through gunicorn; the worker process makes it.
        status, pagina = vraag(reverse("rapportage:create", args=[dossier.pk]), {"csrfmiddlewaretoken": csrf(pagina)})
        assert status == 200
        assert "Rapport 1 wordt gemaakt" in pagina
        klaar = wait_for(lambda: Rapport.objects.filter(status=RapportStatus.KLAAR).first(), 90)
        assert klaar is not None, (tmp_path / "honcho.log").read_text()[-3000:]
    finally:
        os.killpg(honcho.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
        honcho.wait(timeout=60)
        log.close()
    uitvoer = (tmp_path / "honcho.log").read_text()
    for proces in ("web.1", "worker.1", "beat.1"):
        assert f"{proces} stopped" in uitvoer, uitvoer[-2000:]
    assert "render_rapport" in uitvoer

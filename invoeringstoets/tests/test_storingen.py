"""Faults: the broker stops while people work, the database restarts. Nobody gets an error page, no request is
lost, and the next request works. Marked `services`: they need a real Redis (a private one, started and stopped by
the test) and, for the database, PostgreSQL (the PostgreSQL run of CI)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from invoeringstoets.testing import wait_for
from rapportage import services
from rapportage.constants import RapportStatus
from rapportage.models import Rapport

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_url(eigen_redis):
    """The broker of these tests is a private Redis that may be stopped (see conftest.EigenRedis)."""
    return eigen_redis.url


def test_with_redis_stopped_a_report_request_is_kept_and_made_when_redis_returns(
    client, builder, manager, eigen_redis, live_broker, start_worker, settings, tmp_path, caplog
):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    eigen_redis.stop()

    response = client.post(reverse("rapportage:create", args=[dossier.pk]), follow=True)
    page = response.content.decode()
    assert response.status_code == 200, "no error page while the broker is down"
    assert "Rapport 1 wordt gemaakt" in page
    rapport = Rapport.objects.get()
    assert rapport.status == RapportStatus.IN_WACHTRIJ
    assert "kon niet in de wachtrij worden gezet" in caplog.text

    eigen_redis.start()
    terug = timezone.now()
    worker = start_worker()
    start_worker("beat")  # the production schedule: the sweep every 30 seconds sends what the broker never got
    klaar = wait_for(lambda: Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.KLAAR).first(), timeout=90)
    log = (tmp_path / "worker.log").read_text() + (tmp_path / "beat.log").read_text()
    assert klaar is not None, f"not made after Redis returned; worker exit {worker.poll()}; log:\n{log[-3000:]}"
    assert klaar.finished_at - terug < timedelta(seconds=50), "sent by the first sweep, not minutes later"
    assert Rapport.objects.count() == 1
    download = client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


@pytest.mark.postgresql
def test_after_postgresql_restarts_the_next_request_works(client, builder, manager, live_server):
    """A restart ends every connection of the server. The web process keeps persistent connections (CONN_MAX_AGE)
    and must notice the dead one at the next request (CONN_HEALTH_CHECKS) instead of answering with an error.
    The requests go to a real server thread (live_server), which, unlike the test client, runs Django's
    request signals that look after stale connections."""
    import urllib.request

    import psycopg

    dossier = builder.registered()
    client.force_login(manager)
    cookie = {"Cookie": f"sessionid={client.cookies['sessionid'].value}"}

    def vraag(pad: str):
        verzoek = urllib.request.Request(f"{live_server.url}{pad}", headers=cookie)  # noqa: S310 - our test server
        with urllib.request.urlopen(verzoek) as answer:  # noqa: S310 - our own test server over http
            return answer.status, answer.read().decode()

    pagina = reverse("dossiers:detail", args=[dossier.pk])
    assert vraag(pagina)[0] == 200

    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
        autocommit=True,
    ) as beheer:
        # What a restart does to every client: the server ends its connections, the web process's included.
        beendigd = beheer.execute(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [db["NAME"]],
        ).fetchone()[0]
    assert beendigd >= 1
    connection.close()  # the test's own connection died too; the teardown needs a new one

    status, html = vraag(pagina)
    assert status == 200
    assert "Recht op kinderopvangtoeslag bij Wlz-indicatie" in html
    assert vraag(reverse("health"))[0] == 200


@pytest.mark.postgresql
def test_a_report_whose_worker_is_killed_mid_report_is_made_within_a_minute_after_its_time_limit(
    builder, manager, start_worker, tmp_path
):
    """The worker dies while it renders (SIGKILL: no chance to say so). Its message stays unacknowledged in Redis
    for the visibility timeout (an hour); the sweep must find the request "bezig" past the task's time limit and
    send it again, so another worker makes it within a minute after that limit."""
    import signal

    import psycopg

    limiet = 10
    env = {"TAAK_TIJDSLIMIET_SECONDEN": str(limiet)}
    dossier = builder.vastgesteld()
    db = connection.settings_dict
    # A second connection holds a table the rendering reads: the worker starts, marks the report "bezig" and waits.
    blokkade = psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname=db["NAME"],
    )
    blokkade.execute("LOCK TABLE dossiers_opvolging IN ACCESS EXCLUSIVE MODE")
    try:
        eerste = start_worker("worker1", env=env)
        rapport = services.rapport_request(actor=manager, dossier=dossier)
        bezig = wait_for(lambda: Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.BEZIG).first())
        assert bezig is not None, (tmp_path / "worker1.log").read_text()[-3000:]
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(timeout=10)
    finally:
        blokkade.rollback()
        blokkade.close()

    start_worker("worker2", env=env)
    start_worker("beat", env=env)
    klaar = wait_for(lambda: Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.KLAAR).first(), timeout=120)
    logs = "".join((tmp_path / f"{n}.log").read_text() for n in ("worker2", "beat"))
    assert klaar is not None, logs[-3000:]
    na_de_limiet = klaar.finished_at - (bezig.started_at + timedelta(seconds=limiet))
    assert na_de_limiet < timedelta(seconds=60), f"{na_de_limiet} after the time limit"
    assert klaar.attempts == 2
    assert Rapport.objects.count() == 1

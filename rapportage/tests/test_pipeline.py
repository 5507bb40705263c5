"""Work that is not lost: requests are rows first, retried a bounded number of times, swept up when stuck, and
their progress is shown without a reload."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rapportage import services
from rapportage.constants import RapportStatus
from rapportage.models import Rapport
from rapportage.tasks import rapporten_opruimen

pytestmark = pytest.mark.django_db


@pytest.fixture
def wachtend(builder, manager, monkeypatch):
    """A request whose message never reached a worker (the broker was down when it was queued)."""
    from rapportage import tasks

    monkeypatch.setattr(tasks.render_rapport, "delay", lambda *a, **k: (_ for _ in ()).throw(ConnectionError()))
    dossier = builder.vastgesteld()
    rapport = services.rapport_request(actor=manager, dossier=dossier)
    monkeypatch.undo()
    return rapport


def test_a_request_that_waits_too_long_is_queued_again_by_the_sweep_and_finishes(
    wachtend, settings, django_capture_on_commit_callbacks
):
    assert wachtend.status == RapportStatus.IN_WACHTRIJ
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rapporten_opruimen() == 0, "not yet: it may still be on its way"
    Rapport.objects.filter(pk=wachtend.pk).update(queued_at=timezone.now() - timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rapporten_opruimen() == 1
    wachtend.refresh_from_db()
    assert wachtend.status == RapportStatus.KLAAR
    assert wachtend.file


def test_a_request_whose_worker_died_is_queued_again_and_finishes(wachtend, django_capture_on_commit_callbacks):
    # A worker picked it up and died: "bezig" long after the task's time limit.
    Rapport.objects.filter(pk=wachtend.pk).update(
        status=RapportStatus.BEZIG, attempts=1, started_at=timezone.now() - timedelta(hours=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert rapporten_opruimen() == 1
    wachtend.refresh_from_db()
    assert wachtend.status == RapportStatus.KLAAR
    assert wachtend.attempts == 2


def test_a_request_that_keeps_dying_fails_after_the_last_attempt(wachtend, settings):
    settings.RAPPORT_MAX_POGINGEN = 2
    Rapport.objects.filter(pk=wachtend.pk).update(
        status=RapportStatus.BEZIG, attempts=2, started_at=timezone.now() - timedelta(hours=1)
    )
    assert services.rapporten_opruimen() == 0
    wachtend.refresh_from_db()
    assert wachtend.status == RapportStatus.MISLUKT
    assert "na 2 pogingen" in wachtend.error


def test_the_task_run_twice_yields_one_report(wachtend):
    services.rapport_render(wachtend.pk)
    eerste = Rapport.objects.get(pk=wachtend.pk)
    services.rapport_render(wachtend.pk)
    tweede = Rapport.objects.get(pk=wachtend.pk)
    assert (eerste.file.name, eerste.sha256, eerste.attempts) == (tweede.file.name, tweede.sha256, tweede.attempts)
    assert Rapport.objects.count() == 1


def test_the_status_endpoint_tells_the_page_when_the_report_is_ready(client, wachtend, manager):
    client.force_login(manager)
    url = reverse("rapportage:status", args=[wachtend.dossier_id, wachtend.pk])
    assert client.get(url).json() == {
        "status": "in_wachtrij",
        "label": "In de wachtrij",
        "klaar": False,
        "fout": "",
        "pogingen": 0,
        "download": None,
        "sha256": "",
        "bestand": "\n",
    }
    page = client.get(reverse("dossiers:detail", args=[wachtend.dossier_id])).content.decode()
    assert f'data-rapport-status="{url}"' in page
    services.rapport_render(wachtend.pk)
    state = client.get(url).json()
    assert state["klaar"] is True
    assert state["download"] == reverse("rapportage:download", args=[wachtend.dossier_id, wachtend.pk])
    # The updated row shows what a reload would show: the link, the archive variant and the checksum.
    klaar = Rapport.objects.get(pk=wachtend.pk)
    assert state["download"] in state["bestand"]
    assert f"SHA-256: <code>{klaar.sha256}</code>" in state["bestand"]
    pagina = client.get(reverse("dossiers:detail", args=[wachtend.dossier_id])).content.decode()
    assert state["bestand"].strip() in pagina


def test_the_status_endpoint_needs_a_login_and_the_right_dossier(client, wachtend, manager, builder):
    url = reverse("rapportage:status", args=[wachtend.dossier_id, wachtend.pk])
    assert client.get(url).status_code == 302
    client.force_login(manager)
    other = builder.registered(naam="Andere")
    assert client.get(reverse("rapportage:status", args=[other.pk, wachtend.pk])).status_code == 404


def test_the_sweep_runs_every_half_minute(settings):
    """With the grace of five seconds, a stuck report is sent again within a minute after its time limit."""
    assert settings.CELERY_BEAT_SCHEDULE["rapporten-opruimen"]["schedule"] == 30.0
    assert settings.CELERY_BEAT_SCHEDULE["rapporten-opruimen"]["task"] == rapporten_opruimen.name
    assert services._tijdslimiet().total_seconds() + 30 < settings.CELERY_TASK_TIME_LIMIT + 60


def test_a_request_the_broker_never_got_is_sent_by_the_next_sweep_not_minutes_later(
    wachtend, django_capture_on_commit_callbacks
):
    assert wachtend.sent_at is None
    Rapport.objects.filter(pk=wachtend.pk).update(queued_at=timezone.now() - timedelta(seconds=6))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rapporten_opruimen() == 1
    wachtend.refresh_from_db()
    assert wachtend.status == RapportStatus.KLAAR
    assert wachtend.sent_at is not None


def test_a_sent_request_is_not_sent_again_while_it_may_still_be_waiting_in_the_queue(wachtend, settings):
    Rapport.objects.filter(pk=wachtend.pk).update(
        sent_at=timezone.now(), queued_at=timezone.now() - timedelta(seconds=settings.RAPPORT_WACHTRIJ_SECONDEN - 5)
    )
    assert services.rapporten_opruimen() == 0


def test_a_stuck_request_is_sent_again_just_past_the_time_limit_not_before(
    wachtend, settings, django_capture_on_commit_callbacks
):
    limiet = settings.CELERY_TASK_TIME_LIMIT
    Rapport.objects.filter(pk=wachtend.pk).update(
        status=RapportStatus.BEZIG,
        attempts=1,
        sent_at=timezone.now(),
        started_at=timezone.now() - timedelta(seconds=limiet),
    )
    assert services.rapporten_opruimen() == 0, "within the limit the attempt may still be alive"
    Rapport.objects.filter(pk=wachtend.pk).update(started_at=timezone.now() - timedelta(seconds=limiet + 6))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.rapporten_opruimen() == 1
    wachtend.refresh_from_db()
    assert (wachtend.status, wachtend.attempts) == (RapportStatus.KLAAR, 2)


def test_looking_at_a_waiting_request_sends_it_again_where_no_beat_runs(
    client, wachtend, manager, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("rapportage:status", args=[wachtend.dossier_id, wachtend.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(url).json()["status"] == "in_wachtrij", "just made: its own web process sends it"
    Rapport.objects.filter(pk=wachtend.pk).update(queued_at=timezone.now() - timedelta(seconds=6))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(url)
    assert Rapport.objects.get(pk=wachtend.pk).status == RapportStatus.KLAAR

"""/health/: the database, the broker and a worker, as ok or fail, for a load balancer; no login, no details."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from invoeringstoets import health
from invoeringstoets.testing import wait_for

pytestmark = pytest.mark.django_db

DELEN = {"status", "database", "broker", "worker"}


@pytest.fixture(autouse=True)
def _vergeet_workers():
    health._laatste_antwoord["tijd"] = 0.0


def test_the_embedded_default_is_healthy_without_a_login(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_a_database_that_does_not_answer_is_a_503_without_details(client, monkeypatch):
    def kapot(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 failed: geheim")

    monkeypatch.setattr(health.connection, "cursor", kapot)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["database"] == "fail"
    assert set(response.json()) == DELEN
    assert "10.0.0.5" not in response.content.decode()


def test_health_is_not_redirected_to_https(client, settings):
    """A load balancer inside the network asks over plain HTTP; every other page goes to https."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(reverse("health")).status_code == 200
    assert client.get(reverse("login")).status_code == 301


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_full_stack_reports_broker_and_worker(client, eigen_redis, live_broker, start_worker):
    # The broker answers, but no worker runs yet.
    response = client.get(reverse("health"))
    assert (response.status_code, response.json()["broker"], response.json()["worker"]) == (503, "ok", "fail")

    start_worker()
    assert wait_for(lambda: client.get(reverse("health")).status_code == 200, timeout=60), "the worker never answered"
    assert client.get(reverse("health")).json() == {"status": "ok", "database": "ok", "broker": "ok", "worker": "ok"}

    eigen_redis.stop()
    health._laatste_antwoord["tijd"] = 0.0
    response = client.get(reverse("health"))
    assert (response.status_code, response.json()["broker"], response.json()["worker"]) == (503, "fail", "fail")


@pytest.fixture
def redis_url(eigen_redis):
    return eigen_redis.url

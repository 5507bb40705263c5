"""Shared fixtures: the standing users of every role, dossiers in each lifecycle status, and the services."""

import os

import pytest

from dossiers.tests.factories import DossierBuilder, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(message: str) -> None:
    """On a bare machine a missing service skips the test with the reason; in CI it fails it."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: een ontbrekende dienst is een fout)")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_in_process(settings):
    """Unit tests run tasks in-process; the tests marked `services` start a real worker instead."""
    from invoeringstoets.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def beleidsmedewerker(db):
    return UserFactory(username="beleid", role="Beleidsmedewerker")


@pytest.fixture
def kernteamlid(db):
    return UserFactory(username="kernteam", role="Kernteam")


@pytest.fixture
def buitenstaander(db):
    """A kernteam member, but not on the kernteam of the dossiers in these tests."""
    return UserFactory(username="buitenstaander", role="Kernteam")


@pytest.fixture
def manager(db):
    return UserFactory(username="management", role="Management")


@pytest.fixture
def zonder_rol(db):
    return UserFactory(username="lezer", role=None)


@pytest.fixture
def builder(beleidsmedewerker, kernteamlid, manager):
    return DossierBuilder(beleid=beleidsmedewerker, kernteam=kernteamlid, management=manager)


@pytest.fixture
def redis_url():
    """The broker of the full stack, or Redis on its usual place for a machine that runs the embedded default."""
    import redis

    url = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        service_missing(f"Redis is niet bereikbaar op {url}: {exc}")
    return url


def pytest_configure(config):
    from django.conf import settings

    # Password hashing on purpose slow in production; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

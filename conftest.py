"""Shared fixtures: the standing users of every role, dossiers in each lifecycle status, and the services."""

import os

import pytest

from dossiers.tests.factories import DossierBuilder, UserFactory
from invoeringstoets.testing import free_port, service_missing


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


def log_in(client, username: str, password: str) -> bool:
    """Log in through the log-in page, as a person does (brute-force protection needs the request)."""
    from django.urls import reverse

    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


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


def pytest_collection_modifyitems(config, items):
    """Tests of PostgreSQL's own behaviour run in the PostgreSQL run (CI runs both); on SQLite they are left out
    of the run (deselected, not skipped), since there is nothing of PostgreSQL to test."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        return
    kept = [item for item in items if not item.get_closest_marker("postgresql")]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.get_closest_marker("postgresql")])
        items[:] = kept


def pytest_configure(config):
    from django.conf import settings

    # Password hashing on purpose slow in production; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Every queue of the project (settings.CELERY_TASK_ROUTES): a test worker serves them all, as `make up` does.
QUEUES = ["celery", "rapporten"]


class EigenRedis:
    """A Redis server of the test's own, on a free port, that the test may stop and start again (the machine's
    own Redis is shared and stays up). Nothing is kept on disk, as in production's broker configuration here."""

    def __init__(self, binary: str, workdir):
        self.port = free_port()
        self.binary, self.workdir, self.process = binary, workdir, None
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import subprocess
        import time

        import redis

        self.process = subprocess.Popen(
            [
                self.binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_connect_timeout=0.2).ping()
                return
            except redis.RedisError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server start niet op poort {self.port}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def eigen_redis(tmp_path):
    import shutil

    binary = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not os.path.exists(binary):
        service_missing("redis-server ontbreekt; scripts/services.sh installeert het")
    server = EigenRedis(binary, tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def live_broker(redis_url, monkeypatch):
    """Send tasks to Redis instead of running them in-process, for tests with a real worker."""
    from invoeringstoets.celery import app

    # Celery reads CELERY_BROKER_URL from the environment before its configuration: set both.
    monkeypatch.setenv("CELERY_BROKER_URL", redis_url)
    saved = {"task_always_eager": app.conf.task_always_eager, "broker_url": app.conf.broker_url}
    app.conf.update(task_always_eager=False, broker_url=redis_url)
    forget_broker_connections(app)
    with app.connection_for_write() as connection:
        for queue in QUEUES:
            connection.default_channel.queue_purge(queue)
    yield redis_url
    forget_broker_connections(app)
    app.conf.update(saved)


def forget_broker_connections(app) -> None:
    """Drop cached connection and producer pools, so the next publish connects to the broker now configured.
    Eager runs in earlier tests leave a producer pool bound to the in-memory transport. The pools are not
    closed: kombu keeps them in a registry per broker URL and would hand the closed one out again."""
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


def database_url_for_workers() -> str:
    """The URL of the database the tests use right now (the test database), for worker processes."""
    from urllib.parse import quote

    from django.db import connection

    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    credentials = f"{quote(db['USER'] or '')}:{quote(db['PASSWORD'] or '')}@" if db["USER"] else ""
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def start_worker(live_broker, settings, tmp_path):
    """Start real Celery worker processes on the live broker and the test database; stopped after the test.
    `start("beat")` starts Celery beat instead (its schedule as in production unless `env` says otherwise)."""
    import subprocess
    import sys

    processes = []

    def start(name: str = "worker", env: dict | None = None) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_workers(),
            "CELERY_BROKER_URL": live_broker,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "DEBUG": "1",
            **(env or {}),
        }
        if name == "beat":
            args = ["beat", "--loglevel=INFO", "--schedule", str(tmp_path / "beat-schedule")]
        else:
            args = [
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--hostname",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--queues",
                ",".join(QUEUES),
            ]
        log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed with the process below
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "invoeringstoets", *args],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        processes.append((process, log))
        return process

    yield start
    for process, log in processes:
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()

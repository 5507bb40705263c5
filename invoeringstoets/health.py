"""What a load balancer or a monitor asks: does this process reach the database and the broker, and has a Celery
worker answered lately. Only ok or fail per part: nothing about hosts, versions or errors leaves the process (the
log has those)."""

import logging
import time

from django.db import connection

logger = logging.getLogger(__name__)

# A worker that answered a ping within this many seconds counts as alive, so a monitor polling every few
# seconds does not broadcast a ping each time, and a worker busy with one long report is not reported dead.
WORKER_VENSTER = 60
_laatste_antwoord = {"tijd": 0.0}


def database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("Gezondheid: de database antwoordt niet")
        return False


def _ingebouwd() -> bool:
    """The embedded default runs tasks in the web process: there is no broker and no separate worker to ask."""
    from .celery import app

    return app.conf.task_always_eager


def broker() -> bool:
    if _ingebouwd():
        return True
    from .celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("Gezondheid: de broker antwoordt niet")
        return False


def worker(now: float | None = None) -> bool:
    if _ingebouwd():
        return True
    now = now or time.monotonic()
    if now - _laatste_antwoord["tijd"] < WORKER_VENSTER:
        return True
    from .celery import app

    try:
        antwoorden = app.control.ping(timeout=1.0)
    except Exception:
        logger.exception("Gezondheid: workers pingen lukte niet")
        return False
    if antwoorden:
        _laatste_antwoord["tijd"] = now
        return True
    return False


def stand() -> dict:
    delen = {"database": database(), "broker": broker()}
    delen["worker"] = worker() if delen["broker"] else False
    return {"status": "ok" if all(delen.values()) else "fail", **{k: "ok" if v else "fail" for k, v in delen.items()}}

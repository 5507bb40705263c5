"""Helpers the test suites share (imported by conftest files; not used by the application)."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(message: str) -> None:
    """On a bare machine a missing service skips the test with the reason; in CI it fails it."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: een ontbrekende dienst is een fout)")
    pytest.skip(message)


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.2):
    """Poll until the predicate gives something truthy (returned) or the time is up (None). A connection error
    counts as "not yet": a server that is still starting refuses connections."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except OSError:
            result = None
        if result:
            return result
        time.sleep(interval)
    return None


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, for a server the test starts itself."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

"""Helpers the test suites share (imported by conftest files; not used by the application)."""

import os

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(message: str) -> None:
    """On a bare machine a missing service skips the test with the reason; in CI it fails it."""
    if IN_CI:
        pytest.fail(f"{message} (CI=true: een ontbrekende dienst is een fout)")
    pytest.skip(message)

"""`make bench` in small: the whole benchmark on a database of its own, with real workers, gunicorn and locust,
writes a results file with every measurement, its anchor and the machine."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from invoeringstoets.testing import service_missing

pytestmark = [pytest.mark.services, pytest.mark.postgresql]

ROOT = Path(__file__).resolve().parents[2]


def test_a_small_benchmark_writes_every_row_with_its_anchor(tmp_path, redis_url):
    import psycopg

    try:
        psycopg.connect(
            host="127.0.0.1", user="invoeringstoets", password="invoeringstoets", dbname="postgres", connect_timeout=3
        ).close()
    except psycopg.OperationalError as exc:
        service_missing(f"PostgreSQL met de rol van scripts/services.sh is nodig: {exc}")
    results = tmp_path / "results.md"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE", "DEBUG"}
    }
    env |= {"BENCH_DATABASE": "invoeringstoets_bench_test", "BENCH_BROKER_URL": "redis://127.0.0.1:6379/4"}
    small = ["--dossiers=60", "--verzoeken=3", "--rapporten=2", "--doorvoer=2", "--rijen=2000"]
    process = subprocess.run(
        [sys.executable, "-m", "bench.run", *small, "--gebruikers=5", "--seconden=5", f"--uitvoer={results}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    text = results.read_text(encoding="utf-8")
    for row in [
        "| Dossierlijst, pagina 1 |",
        "| Dossierpagina (",
        "| Queries per pagina, klein tegen groot |",
        "| PDF-rapport van het voorbeelddossier (",
        "| Rapporten per minuut (2 tegelijk aangevraagd, mediaan van 3 rondes) |",
        "| CSV-import van 2.000 signalen",
        "| Belasting: 5 gebruikers lopen 5 s",
    ]:
        assert row in text, row
    assert "WeasyPrint alleen, zelfde HTML" in text
    assert "`psql \\copy` in een kale tabel" in text
    assert "| processor |" in text
    assert "| PostgreSQL |" in text
    assert "61 regelingen en dossiers" in text  # the 60 and the demo dossier
    load = next(line for line in text.splitlines() if line.startswith("| Belasting"))
    assert "; 0 fouten |" in load

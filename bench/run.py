"""`make bench`: how fast the application is, each measurement against what a user would use instead (its anchor),
measured in the same run on the same machine, written as a table to bench/results.md.

    .venv/bin/python -m bench.run                   # what `make bench` runs: 10,000 dossiers, all measurements
    .venv/bin/python -m bench.run --dossiers 1000   # a quicker try
    .venv/bin/python -m bench.run --hergebruik      # keep the database of the previous run (no new data)
    .venv/bin/python -m bench.run --profiel         # also a pyinstrument profile of each page, in bench/profielen/

It needs PostgreSQL and Redis on 127.0.0.1 (scripts/services.sh starts them) and makes a database of its own,
`invoeringstoets_bench`, anew each run; the Redis database 3 is its broker. Nothing of `make up` is touched.
"""

import argparse
import io
import json
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Its own database and broker database; the tests run a small benchmark on others (bench/tests/).
DB_NAME = os.environ.get("BENCH_DATABASE", "invoeringstoets_bench")
DB_USER = DB_PASSWORD = "invoeringstoets"  # noqa: S105 - the local role scripts/services.sh makes
DB_URL = f"postgres://{DB_USER}:{DB_PASSWORD}@127.0.0.1:5432/{DB_NAME}"
BROKER_URL = os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/3")
RESULTS = ROOT / "bench" / "results.md"
# Reports stay with their database, so that --hergebruik still finds the files of the previous run.
MEDIA = Path(tempfile.gettempdir()) / f"{DB_NAME}-media"
NOTES = ROOT / "bench" / "verbeteringen.md"

# The targets of the issue: (comparison, threshold).
TARGET_PAGE = 1.0  # app time / admin time, at most
TARGET_PDF = 1.2  # pipeline / bare WeasyPrint, at most
TARGET_SCALE = 1.7  # reports per minute with two workers / with one, at least
TARGET_IMPORT = 0.5  # speed of the import / speed of \copy, at least
ROUNDS = 5  # of the import and its anchors
ROUNDS_SCALE = 3  # of one worker and two workers, in turn
MEASUREMENTS = ["paginas", "rapporten", "import", "belasting"]


@dataclass
class Row:
    meting: str
    applicatie: str
    anker: str
    verhouding: float
    doel: str
    gehaald: bool


def log(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:6.0f} s] {message}", flush=True)


def nl(number: float, decimals: int = 2) -> str:
    """A number the Dutch way: 1.234,56."""
    text = f"{number:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def ms(seconds: float) -> str:
    return f"{nl(seconds * 1000, 1)} ms"


def ms_of(seconds: list[float]) -> str:
    from .measure import Timing

    timing = Timing(seconds)
    return f"p95 {ms(timing.p95)} (mediaan {ms(timing.median)})" if seconds else "geen verzoeken"


# -- set-up --------------------------------------------------------------------------------------------------------


def create_database() -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", user=DB_USER, password=DB_PASSWORD, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def configure() -> dict:
    """The environment of production (DEBUG off, PostgreSQL, Redis), for this process and the ones it starts."""
    env = {
        "DATABASE_URL": DB_URL,
        "CELERY_BROKER_URL": BROKER_URL,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "MEDIA_ROOT": str(MEDIA),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "invoeringstoets.settings",
    }
    os.environ.update(env)
    return {**os.environ, **env}


def prepare(args, started: float):
    import django

    django.setup()
    import logging

    from django.core.management import call_command
    from django.db import connection

    from dossiers.models import Dossier
    from rapportage.management.commands.demo import DEMO_REGELING

    from .data import Summary, generate

    logging.getLogger("invoeringstoets.security").setLevel(logging.WARNING)  # no line per log-in
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    summary_file = ROOT / "bench" / f".{DB_NAME}.json"
    if args.hergebruik:
        if not summary_file.exists():
            raise SystemExit(f"Geen vorige run op {DB_NAME} om te hergebruiken: draai eerst zonder --hergebruik.")
        summary = Summary(**json.loads(summary_file.read_text()))
        generated = None
    else:
        call_command("demo", force=True, stdout=io.StringIO())
        log(f"Gegevens maken: {args.dossiers} dossiers", started)
        begin = time.monotonic()
        summary = generate(args.dossiers)
        generated = time.monotonic() - begin
        summary_file.write_text(json.dumps(summary.__dict__))
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does in production, so plans use real statistics
    demo = Dossier.objects.get(regeling__naam=DEMO_REGELING)
    return summary, generated, demo.pk


def start_process(command: list[str], env: dict, log_file: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=log_file.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


@contextmanager
def running(process: subprocess.Popen) -> Iterator[subprocess.Popen]:
    """The process, stopped when the block ends, also when a measurement fails."""
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def start_worker(name: str, env: dict, workdir: Path) -> subprocess.Popen:
    """A Celery worker as in production (prefork), one process, on the broker of the benchmark."""
    from invoeringstoets.celery import app

    process = start_process(
        [
            str(BIN / "celery"),
            "-A",
            "invoeringstoets",
            "worker",
            "--concurrency=1",
            "--queues=rapporten,celery",
            f"--hostname={name}@%h",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env,
        workdir / f"{name}.log",
    )
    node = f"{name}@{socket.gethostname()}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(destination=[node], timeout=0.5):
            return process
        if process.poll() is not None:
            break
    process.kill()
    raise RuntimeError(f"Worker {name} startte niet; zie {workdir / f'{name}.log'}")


def consuming(name: str, on: bool) -> None:
    """Let a running worker take reports from the queue, or stop it doing so (it stays up and warm)."""
    from invoeringstoets.celery import app

    node = [f"{name}@{socket.gethostname()}"]
    control = app.control.add_consumer if on else app.control.cancel_consumer
    if not control("rapporten", destination=node, reply=True, timeout=5):
        raise RuntimeError(f"Worker {name} antwoordde niet")


# -- the measurements ----------------------------------------------------------------------------------------------


def measure_pages(summary, args, rows: list[Row], details: list[str]) -> None:
    from . import measure

    pages, queries = measure.page_measurements(summary, args.verzoeken)
    details += [
        "### Pagina's: servertijd per verzoek",
        "",
        "| pagina | applicatie mediaan | p95 | queries | beheer (admin) mediaan | p95 | queries | verhouding |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for page in pages:
        details.append(
            f"| {page.name} | {ms(page.app.median)} | {ms(page.app.p95)} | {page.app_queries} "
            f"| {ms(page.admin.median)} | {ms(page.admin.p95)} | {page.admin_queries} | {nl(page.ratio)} |"
        )
        rows.append(
            Row(
                page.name,
                f"{ms(page.app.median)} (p95 {ms(page.app.p95)}), {page.app_queries} queries",
                f"{ms(page.admin.median)} (p95 {ms(page.admin.p95)}), {page.admin_queries} queries",
                page.ratio,
                f"≤ {nl(TARGET_PAGE, 1)}",
                page.ratio <= TARGET_PAGE,
            )
        )
    lijst = [n for k, n in queries.items() if k.startswith("lijst")]
    dossier = [n for k, n in queries.items() if k.startswith("dossier")]
    constant = len(set(lijst)) == 1 and len(set(dossier)) == 1
    rows.append(
        Row(
            "Queries per pagina, klein tegen groot",
            ", ".join(f"{k}: {n}" for k, n in queries.items()),
            "gelijk",
            1.0 if constant else 0.0,
            "groeit niet",
            constant,
        )
    )
    if args.profiel:
        out = ROOT / "bench" / "profielen"
        out.mkdir(exist_ok=True)
        measure.profile_page("/", out / "dossierlijst.txt")
        measure.profile_page(f"/dossiers/{summary.largest}/", out / "dossierpagina-grootste.txt")
        measure.profile_page(f"/beheer/dossiers/dossier/{summary.largest}/change/", out / "beheer-dossier.txt")


def measure_reports(demo_id: int, env: dict, workdir: Path, args, rows: list[Row], details: list[str], started):
    from invoeringstoets.celery import app

    from . import measure

    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge("rapporten")
    with running(start_worker("bench1", env, workdir)), running(start_worker("bench2", env, workdir)):
        measure.reports_per_minute(demo_id, 4)  # warm: a worker's first report loads WeasyPrint and the fonts
        consuming("bench2", False)  # the latency of one report, with one worker
        pipeline, bare, bare_pages = measure.report_against_bare(demo_id, args.rapporten, workdir)
        pages = measure.stored_pages(demo_id)
        if pages != bare_pages:
            raise RuntimeError(
                f"WeasyPrint alleen gaf {bare_pages} pagina's, de worker {pages}: niet hetzelfde document"
            )
        # One and two workers in turn, a few rounds: this machine's speed drifts by 10 to 20% over a minute,
        # and a ratio of two measurements minutes apart would measure the drift.
        log("Rapporten per minuut, één en twee workers om en om", started)
        one, two = [], []
        for _ in range(ROUNDS_SCALE):
            one.append(measure.reports_per_minute(demo_id, args.doorvoer))
            consuming("bench2", True)
            two.append(measure.reports_per_minute(demo_id, args.doorvoer))
            consuming("bench2", False)
    rates = list(zip(one, two, strict=True))
    one, two = statistics.median(one), statistics.median(two)
    ratio = pipeline.median / bare.median
    rows.append(
        Row(
            f"PDF-rapport van het voorbeelddossier ({pages} pagina's, PDF/A-3a): aanvraag tot "
            "opgeslagen bestand, via een worker",
            f"{ms(pipeline.median)} (p95 {ms(pipeline.p95)})",
            f"WeasyPrint alleen, zelfde HTML: {ms(bare.median)} (p95 {ms(bare.p95)})",
            ratio,
            f"≤ {nl(TARGET_PDF, 1)}",
            ratio <= TARGET_PDF,
        )
    )
    rows.append(
        Row(
            f"Rapporten per minuut ({args.doorvoer} tegelijk aangevraagd, mediaan van {ROUNDS_SCALE} rondes)",
            f"twee workers: {nl(two, 1)}",
            f"één worker: {nl(one, 1)}",
            two / one,
            f"≥ {nl(TARGET_SCALE, 1)}",
            two / one >= TARGET_SCALE,
        )
    )
    details += [
        "",
        "### Rapporten",
        "",
        f"Om en om, {args.rapporten} keer elk:",
        "",
        "- aanvraag tot opgeslagen bestand, via de worker: " + ", ".join(ms(s) for s in pipeline.seconds),
        "- WeasyPrint alleen: " + ", ".join(ms(s) for s in bare.seconds),
        f"- Rapporten per minuut, {ROUNDS_SCALE} rondes van {args.doorvoer} (één worker, twee workers): "
        + "; ".join(f"{nl(a, 1)} en {nl(b, 1)}" for a, b in rates)
        + ". De mediaan van elk staat in de tabel.",
    ]


def measure_import(summary, workdir: Path, args, rows: list[Row], details: list[str]):
    from . import measure

    path = workdir / "signalen.csv"
    measure.write_signal_csv(path, args.rijen)
    measure.create_bare_table()
    psql = measure.Psql(
        {**os.environ, "PGPASSWORD": DB_PASSWORD, "PGOPTIONS": "-c datestyle=ISO,DMY"},
        ["-h", "127.0.0.1", "-U", DB_USER, "-d", DB_NAME],
    )
    bare, table, imports = [], [], []
    for _ in range(ROUNDS):  # in turn, so a checkpoint or autovacuum does not favour one of them
        bare.append(measure.copy_bare(psql, path))
        table.append(measure.copy_into_signalen(psql, workdir, summary.largest))
        seconds, count = measure.app_import(path, summary.largest)
        if count != args.rijen:
            raise RuntimeError(f"De import las {count} van de {args.rijen} signalen")
        imports.append(seconds)
    app = measure.Timing(imports).median
    floor, own = measure.Timing(bare).median, measure.Timing(table).median
    size = path.stat().st_size / 1_000_000

    def speed(seconds: float) -> str:
        return f"{nl(seconds, 2)} s ({nl(args.rijen / seconds, 0)} rijen/s)"

    rows.append(
        Row(
            f"CSV-import van {nl(args.rijen, 0)} signalen ({nl(size, 1)} MB), door de applicatie",
            speed(app),
            f"`psql \\copy` in een kale tabel (geen index, geen sleutel): {speed(floor)}",
            floor / app,
            f"≥ {nl(TARGET_IMPORT, 1)}",
            floor / app >= TARGET_IMPORT,
        )
    )
    rows.append(
        Row(
            "CSV-import, tegen PostgreSQL in dezelfde tabel",
            speed(app),
            f"`psql \\copy` van dezelfde rijen in de signalentabel zelf (indexen, sleutels): {speed(own)}",
            own / app,
            "(ter vergelijking)",
            True,
        )
    )
    details += [
        "",
        "### CSV-import",
        "",
        f"Het bestand komt zoals Excel in het Nederlands het opslaat (puntkomma's, datums als 01-03-2024). De tabel "
        f"heeft al {nl(summary.signals, 0)} signalen; elke import wordt daarna ongedaan gemaakt en de tabel gevacuümd. "
        f"{ROUNDS} rondes, om en om:",
        "",
        "- de applicatie (dezelfde service als *Signalen importeren*): " + ", ".join(f"{nl(s)} s" for s in imports),
        "- `psql \\copy` in een kale tabel: " + ", ".join(f"{nl(s)} s" for s in bare),
        "- `psql \\copy` in de signalentabel: " + ", ".join(f"{nl(s)} s" for s in table),
    ]


def measure_load(summary, demo_id: int, env: dict, workdir: Path, args, rows: list[Row], details: list[str], started):
    from django.urls import reverse

    from invoeringstoets.testing import free_port, wait_for
    from rapportage.models import Rapport

    from . import measure

    web_workers = 2 * (os.cpu_count() or 1) + 1
    out = workdir / "locust.json"
    with running(start_worker("bench-last", env, workdir)):
        rapport = Rapport.objects.filter(dossier_id=demo_id, status="klaar").order_by("-volgnummer").first()
        if rapport is None:  # the reports were not measured in this run: the managers download a new one
            measure.reports_per_minute(demo_id, 1)
            rapport = Rapport.objects.filter(dossier_id=demo_id, status="klaar").order_by("-volgnummer").first()
        dossiers = {
            "alle": [pk for pks in summary.by_status.values() for pk in pks][::37],
            "vastgesteld": summary.by_status["vastgesteld"][::17],
            "kernteam": summary.kernteam_dossiers[:40],
            "rapport": reverse("rapportage:download", args=[demo_id, rapport.pk]),
        }
        (workdir / "dossiers.json").write_text(json.dumps(dossiers))
        port = free_port()
        gunicorn = [
            str(BIN / "gunicorn"),
            "invoeringstoets.wsgi",
            f"--bind=127.0.0.1:{port}",
            f"--workers={web_workers}",
        ]
        with running(start_process(gunicorn, env, workdir / "gunicorn.log")):
            if not wait_for(lambda: urllib.request.urlopen(f"http://127.0.0.1:{port}/inloggen/").status == 200):
                raise RuntimeError("gunicorn startte niet; zie " + str(workdir / "gunicorn.log"))
            log(f"Belasting: {args.gebruikers} gebruikers, {args.seconden} s", started)
            locust = [
                str(BIN / "locust"),
                f"--locustfile={ROOT / 'bench' / 'locustfile.py'}",
                "--headless",
                f"--users={args.gebruikers}",
                # Everyone logged in within the first sixth of the run (50 users, 60 s: 5 a second).
                f"--spawn-rate={max(args.gebruikers / max(args.seconden / 6, 1), 1):.1f}",
                f"--run-time={args.seconden}s",
                f"--host=http://127.0.0.1:{port}",
                "--only-summary",
                "--loglevel=WARNING",
                "--stop-timeout=10",
            ]
            locust_env = {**env, "BENCH_DOSSIERS": str(workdir / "dossiers.json"), "BENCH_LOCUST_OUT": str(out)}
            with (workdir / "locust.log").open("w") as locust_log:
                subprocess.run(
                    locust, cwd=ROOT, env=locust_env, check=False, stdout=locust_log, stderr=subprocess.STDOUT
                )
    result = json.loads(out.read_text())
    samples = result["samples"]
    errors = [s for s in samples if s[2]] + result["user_errors"]
    # Steady: after the last user has logged in. Until then the log-ins (a deliberately slow password hash each)
    # take the processor, and the first seconds say more about 50 people logging in at once than about the pages.
    logged_in = max(s[3] for s in samples if s[0] == "inloggen (POST)")
    steady = [s[1] / 1000 for s in samples if s[3] > logged_in]
    overall = measure.Timing([s[1] / 1000 for s in samples])
    rps = len(samples) / args.seconden
    rows.append(
        Row(
            f"Belasting: {args.gebruikers} gebruikers lopen {args.seconden} s de routes van de drie rollen "
            f"(gunicorn, {web_workers} processen)",
            f"{nl(rps, 1)} verzoeken/s, p95 {ms(overall.p95)}; na het inloggen van de laatste gebruiker "
            f"{ms_of(steady)}; {len(errors)} fouten",
            "—",
            float(len(errors)),
            "0 fouten",
            not errors,
        )
    )
    per_name: dict[str, list[tuple[float, bool]]] = {}
    for name, millis, _, at in samples:
        per_name.setdefault(name, []).append((millis / 1000, at > logged_in))
    details += [
        "",
        "### Belasting per stap",
        "",
        f"{len(samples)} verzoeken in {args.seconden} s; elke gebruiker wacht 1 tot 3 s tussen twee stappen, zoals "
        "iemand die de pagina leest. *Daarna*: na het inloggen van de laatste gebruiker.",
        "",
        "| stap | verzoeken | mediaan | p95 | mediaan daarna | p95 daarna |",
        "|---|---|---|---|---|---|",
    ]
    for name, values in sorted(per_name.items()):
        alles = measure.Timing([v for v, _ in values])
        daarna = measure.Timing([v for v, later in values if later])
        na = f"{ms(daarna.median)} | {ms(daarna.p95)}" if daarna.seconds else "— | —"
        details.append(f"| {name} | {len(values)} | {ms(alles.median)} | {ms(alles.p95)} | {na} |")
    if errors:
        details += ["", "Fouten:", *(f"- {e}" for e in dict.fromkeys(str(e) for e in errors))]


# -- results -------------------------------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    from django.db import connection

    def read(path: str) -> str:
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    cpu = next(
        (line.split(":", 1)[1].strip() for line in read("/proc/cpuinfo").splitlines() if "model name" in line), ""
    )
    memory = next((line.split()[1] for line in read("/proc/meminfo").splitlines() if line.startswith("MemTotal")), "0")
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    import django
    import redis
    import weasyprint

    redis_version = redis.Redis.from_url(BROKER_URL).info("server")["redis_version"]
    debian = read("/etc/debian_version").strip()
    return [
        ("processor", f"{cpu} ({os.cpu_count()} cores)"),
        ("geheugen", f"{nl(int(memory) / 1024 / 1024, 1)} GiB"),
        ("systeem", f"{platform.system()} {platform.release()}" + (f", Debian {debian}" if debian else "")),
        ("Python", platform.python_version()),
        ("PostgreSQL", postgres.split()[0]),
        ("Redis", redis_version),
        ("Django, WeasyPrint", f"{django.get_version()}, {weasyprint.__version__}"),
    ]


def write_results(args, summary, generated, rows: list[Row], details: list[str], total: float) -> None:
    from dossiers.models import Bevinding, Dossier
    from indicatoren.models import Signaal

    lines = [
        "# Snelheid: resultaten van `make bench`",
        "",
        f"Gemaakt op {datetime.now():%d-%m-%Y %H:%M} door `bench/run.py` in {nl(total / 60, 1)} minuten. Elke meting "
        "staat naast haar anker: wat een gebruiker anders zou gebruiken, in dezelfde run op dezelfde machine "
        "gemeten. Zie de README, *Snelheid*, voor wat er gemeten wordt en hoe.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        *(f"| {k} | {v} |" for k, v in machine()),
        "",
        "## Gegevens",
        "",
        f"{nl(Dossier.objects.count(), 0)} regelingen en dossiers, {nl(Bevinding.objects.count(), 0)} bevindingen en "
        f"{nl(Signaal.objects.count(), 0)} signalen (`--dossiers {nl(summary.dossiers, 0)}` en het voorbeelddossier)"
        + (f", gemaakt in {nl(generated, 0)} s" if generated else "")
        + ". Het grootste dossier heeft "
        f"{nl(Signaal.objects.filter(dossier_id=summary.largest).count(), 0)} signalen en "
        f"{Bevinding.objects.filter(dossier_id=summary.largest).count()} bevindingen.",
        "",
        "## Resultaten",
        "",
        "| meting | applicatie | anker | verhouding | doel | gehaald |",
        "|---|---|---|---|---|---|",
        *(
            f"| {r.meting} | {r.applicatie} | {r.anker} | {nl(r.verhouding)} | {r.doel} "
            f"| {'ja' if r.gehaald else 'NEE'} |"
            for r in rows
        ),
        "",
        "## Details",
        "",
        *details,
        "",
    ]
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8").rstrip(), ""]
    Path(args.uitvoer).write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="De benchmark van de invoeringstoets (zie bench/run.py).")
    parser.add_argument("--dossiers", type=int, default=10_000)
    parser.add_argument("--hergebruik", action="store_true", help="de database van de vorige run houden")
    parser.add_argument("--verzoeken", type=int, default=60, help="verzoeken per pagina")
    parser.add_argument("--rapporten", type=int, default=10, help="keer het rapport na elkaar")
    parser.add_argument("--doorvoer", type=int, default=12, help="rapporten tegelijk voor rapporten per minuut")
    parser.add_argument("--rijen", type=int, default=100_000, help="signalen in het CSV-bestand")
    parser.add_argument("--gebruikers", type=int, default=50)
    parser.add_argument("--seconden", type=int, default=60)
    parser.add_argument("--profiel", action="store_true", help="pyinstrument-profielen van de pagina's")
    parser.add_argument(
        "--alleen",
        type=lambda value: set(value.split(",")),
        default=set(MEASUREMENTS),
        help=f"alleen deze metingen, met komma's: {','.join(MEASUREMENTS)}",
    )
    parser.add_argument("--uitvoer", default=str(RESULTS))
    args = parser.parse_args(argv)

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="invoeringstoets-bench-"))
    if not args.hergebruik:
        create_database()
        shutil.rmtree(MEDIA, ignore_errors=True)  # the reports of the previous database
    env = configure()
    summary, generated, demo_id = prepare(args, started)
    rows: list[Row] = []
    details: list[str] = []
    if "paginas" in args.alleen:
        log("Pagina's tegen het beheer", started)
        measure_pages(summary, args, rows, details)
    if "rapporten" in args.alleen:
        log("Rapporten via een worker tegen WeasyPrint alleen", started)
        measure_reports(demo_id, env, workdir, args, rows, details, started)
    if "import" in args.alleen:
        log("CSV-import tegen psql \\copy", started)
        measure_import(summary, workdir, args, rows, details)
    if "belasting" in args.alleen:
        measure_load(summary, demo_id, env, workdir, args, rows, details, started)
    write_results(args, summary, generated, rows, details, time.monotonic() - started)
    print(Path(args.uitvoer).read_text(encoding="utf-8").split("## Details")[0])
    missed = [r.meting for r in rows if not r.gehaald]
    print(f"Niet gehaald: {'; '.join(missed)}" if missed else "Alle doelen gehaald.")
    print(f"Geschreven: {args.uitvoer}. Logs van worker, gunicorn en locust: {workdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

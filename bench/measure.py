"""The measurements of the benchmark, each against its anchor in the same run. `bench/run.py` calls them in turn,
after it has set up the database, the data and the environment.

Server time is measured in the benchmark's own process, through Django's whole request handler and middleware
(django.test.Client, logged in), so it is the time the server spends on a page without the network. App page and
admin page go through the same handler, so their ratio is fair.
"""

import itertools
import math
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REQUESTS_PER_PAGE = 60
WARMUP = 5


@dataclass
class Timing:
    seconds: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[math.ceil(0.95 * len(ordered)) - 1]


@dataclass
class PageResult:
    name: str
    app: Timing
    admin: Timing
    app_queries: int
    admin_queries: int

    @property
    def ratio(self) -> float:
        return self.app.median / self.admin.median


def timed(action: Callable[[], object], repeats: int, warmup: int = WARMUP) -> Timing:
    for _ in range(warmup):
        action()
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        seconds.append(time.perf_counter() - start)
    return Timing(seconds)


# -- pages ---------------------------------------------------------------------------------------------------------


def logged_in_client(username: str):
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def get_ok(client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url} gaf {response.status_code}")
    return response


def queries_of(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        get_ok(client, url)
    return len(captured)


def compare_pages(name: str, app_urls: list[str], admin_urls: list[str], repeats: int = REQUESTS_PER_PAGE):
    """Time the app's pages against the admin's pages of the same rows, cycling through the urls."""
    app, admin = logged_in_client("management"), logged_in_client("beheerder")

    def cycle(client, urls):
        next_url = itertools.cycle(urls).__next__
        return lambda: get_ok(client, next_url())

    return PageResult(
        name=name,
        app=timed(cycle(app, app_urls), repeats),
        admin=timed(cycle(admin, admin_urls), repeats),
        app_queries=max(queries_of(app, url) for url in app_urls[:5]),
        admin_queries=max(queries_of(admin, url) for url in admin_urls[:5]),
    )


def page_measurements(summary, repeats: int = REQUESTS_PER_PAGE) -> tuple[list[PageResult], dict[str, int]]:
    """The dossier list and the dossier page against the admin changelist and change page, and the query count of
    both pages on small and large data (it must not grow)."""
    from django.contrib import admin

    from dossiers.models import Dossier

    # The admin shows 100 rows a page, the list 50: the same rows means the same number.
    admin.site._registry[Dossier].list_per_page = 50
    middle = math.ceil(Dossier.objects.count() / 50) // 2 or 1
    onderzocht = summary.by_status["vastgesteld"][::50][:10] + summary.by_status["in_onderzoek"][::50][:10]
    pages = [
        compare_pages("Dossierlijst, pagina 1", ["/"], ["/beheer/dossiers/dossier/"], repeats),
        compare_pages(
            "Dossierlijst, status in onderzoek",
            ["/?status=in_onderzoek"],
            ["/beheer/dossiers/dossier/?status__exact=in_onderzoek"],
            repeats,
        ),
        compare_pages(
            f"Dossierlijst, pagina {middle} (halverwege)",
            [f"/?pagina={middle}"],
            [f"/beheer/dossiers/dossier/?p={middle}"],
            repeats,
        ),
        compare_pages(
            f"Dossierpagina ({len(onderzocht)} dossiers)",
            [f"/dossiers/{pk}/" for pk in onderzocht],
            [f"/beheer/dossiers/dossier/{pk}/change/" for pk in onderzocht],
            repeats,
        ),
        compare_pages(
            "Dossierpagina, het grootste dossier",
            [f"/dossiers/{summary.largest}/"],
            [f"/beheer/dossiers/dossier/{summary.largest}/change/"],
            max(repeats // 2, 1),
        ),
    ]
    client = logged_in_client("management")
    last_page = math.ceil(Dossier.objects.count() / 50)
    queries = {
        "lijst, pagina 1": queries_of(client, "/"),
        f"lijst, laatste pagina ({last_page})": queries_of(client, f"/?pagina={last_page}"),
        "dossier, kleinste": queries_of(client, f"/dossiers/{summary.smallest}/"),
        "dossier, grootste": queries_of(client, f"/dossiers/{summary.largest}/"),
    }
    return pages, queries


def profile_page(url: str, out: Path, repeats: int = 20) -> None:
    """What a slow page spends its time on (pyinstrument), for `run.py --profiel`."""
    from pyinstrument import Profiler

    client = logged_in_client("beheerder" if url.startswith("/beheer/") else "management")
    get_ok(client, url)
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(repeats):
        get_ok(client, url)
    profiler.stop()
    out.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")


# -- reports -------------------------------------------------------------------------------------------------------


def wait_for_reports(ids: list[int], timeout: float = 600):
    from rapportage.constants import RapportStatus
    from rapportage.models import Rapport

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rows = list(Rapport.objects.filter(pk__in=ids))
        if any(r.status == RapportStatus.MISLUKT for r in rows):
            failed = next(r for r in rows if r.status == RapportStatus.MISLUKT)
            raise RuntimeError(f"Rapport {failed.pk} mislukte: {failed.error}")
        if all(r.status == RapportStatus.KLAAR for r in rows):
            return rows
        time.sleep(0.1)  # the times come from the rows; polling more often would take processor from the worker
    raise RuntimeError("De rapporten kwamen niet op tijd klaar; draait de worker?")


def report_through_worker(client, dossier_id: int) -> float:
    """One report from the manager's request (the POST of *Rapport maken*) to the stored file, made by a worker."""
    from django.core.files.storage import default_storage
    from django.urls import reverse
    from django.utils import timezone

    from rapportage.models import Rapport

    before = timezone.now()
    client.post(reverse("rapportage:create", args=[dossier_id]))
    rapport = Rapport.objects.filter(dossier_id=dossier_id).order_by("-volgnummer").first()
    (rapport,) = wait_for_reports([rapport.pk])
    if not default_storage.exists(rapport.file.name):
        raise RuntimeError(f"Rapport {rapport.pk} staat niet in de opslag")
    return (rapport.finished_at - before).total_seconds()


class BareWeasyPrint:
    """WeasyPrint alone on the same HTML with the same options, in a process of its own (as the worker is), with
    fonts and styles read from the collected static files by WeasyPrint's own fetcher: the floor for this renderer.
    `render()` times one rendering there (bench/weasyprint_alleen.py)."""

    def __init__(self, dossier_id: int, workdir: Path):
        import sys

        from django.conf import settings

        from dossiers.models import Dossier
        from dossiers.selectors import approved_conclusie
        from rapportage.services import ARCHIEF_VARIANT, rapport_html

        conclusie = approved_conclusie(Dossier.objects.get(pk=dossier_id))
        static = Path(settings.STATIC_ROOT).as_uri() + "/"
        html = rapport_html(dossier_id, conclusie=conclusie, volgnummer=1)
        path = workdir / "rapport.html"
        path.write_text(html.replace(f'"{settings.STATIC_URL}', f'"{static}'), encoding="utf-8")
        script = Path(__file__).with_name("weasyprint_alleen.py")
        variant = ARCHIEF_VARIANT if conclusie else ""
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(path), static, variant],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.pages = self._answer()["pages"]

    def _answer(self) -> dict:
        import json

        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("WeasyPrint alleen stopte; zie de foutmelding hierboven")
        return json.loads(line)

    def render(self) -> float:
        self.process.stdin.write("render\n")
        self.process.stdin.flush()
        return self._answer()["seconds"]

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


def report_against_bare(dossier_id: int, repeats: int, workdir: Path) -> tuple[Timing, Timing, int]:
    """The report through the worker and WeasyPrint alone in turn, `repeats` times each (the machine's speed drifts
    over a minute; in turn, the drift hits both alike), and the number of pages WeasyPrint alone made."""
    client = logged_in_client("management")
    bare = BareWeasyPrint(dossier_id, workdir)
    try:
        pipeline, alone = [], []
        for _ in range(repeats):
            pipeline.append(report_through_worker(client, dossier_id))
            alone.append(bare.render())
    finally:
        bare.close()
    return Timing(pipeline), Timing(alone), bare.pages


def reports_per_minute(dossier_id: int, count: int) -> float:
    """Request `count` reports at once and time them until the last is stored."""
    from django.contrib.auth import get_user_model

    from dossiers.models import Dossier
    from rapportage.services import rapport_request

    manager = get_user_model().objects.get(username="management")
    dossier = Dossier.objects.get(pk=dossier_id)
    ids = [rapport_request(actor=manager, dossier=dossier).pk for _ in range(count)]
    rows = wait_for_reports(ids)
    seconds = (max(r.finished_at for r in rows) - min(r.requested_at for r in rows)).total_seconds()
    return count / seconds * 60


def stored_pages(dossier_id: int) -> int:
    """Pages of the newest stored report of the dossier."""
    from django.core.files.storage import default_storage
    from pypdf import PdfReader

    from rapportage.models import Rapport

    rapport = Rapport.objects.filter(dossier_id=dossier_id, status="klaar").order_by("-volgnummer").first()
    with default_storage.open(rapport.file.name) as handle:
        return len(PdfReader(handle).pages)


# -- CSV import ----------------------------------------------------------------------------------------------------


def write_signal_csv(path: Path, rows: int, seed: int = 7) -> None:
    """A file as an implementing organisation delivers it from Dutch Excel: semicolons, dates as 01-03-2024."""
    import random
    from datetime import date, timedelta

    from .data import BRONNEN, SAMENVATTINGEN, SIGNAAL_SOORT_GEWICHT

    rng = random.Random(seed)
    soorten, gewichten = list(SIGNAAL_SOORT_GEWICHT), list(SIGNAAL_SOORT_GEWICHT.values())
    start = date(2022, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("datum;soort;bron;samenvatting;aantal;link\n")
        for _ in range(rows):
            soort = rng.choices(soorten, gewichten)[0]
            datum = start + timedelta(days=rng.randrange(1000))
            aantal = rng.choice(["", "", "", str(rng.randint(2, 40))])
            link = "https://www.rijksoverheid.nl/onderwerpen" if soort == "media" else ""
            out.write(
                f"{datum:%d-%m-%Y};{soort};{rng.choice(BRONNEN[soort])};{rng.choice(SAMENVATTINGEN)};{aantal};{link}\n"
            )


BARE_TABLE = "bench_signaal_kaal"
TABLE_COLUMNS = "dossier_id, soort, datum, bron, samenvatting, aantal, link, created_at, created_by_id, import_batch_id"


class Psql:
    """psql on the benchmark's database, timed as a whole command (start-up included, as for the import)."""

    def __init__(self, env: dict, args: list[str]):
        self.env, self.args = env, args

    def run(self, command: str) -> float:
        start = time.perf_counter()
        subprocess.run(["psql", *self.args, "-v", "ON_ERROR_STOP=1", "-qc", command], env=self.env, check=True)
        return time.perf_counter() - start


def create_bare_table() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BARE_TABLE}")
        cursor.execute(
            f"CREATE TABLE {BARE_TABLE} (datum date, soort varchar(20), bron varchar(300), samenvatting text, "
            "aantal integer, link varchar(500))"
        )


def copy_bare(psql: Psql, path: Path) -> float:
    """`psql \\copy` of the file into a table with the same columns and no index or constraint: the floor."""
    psql.run(f"TRUNCATE {BARE_TABLE}")
    return psql.run(
        f"\\copy {BARE_TABLE} (datum, soort, bron, samenvatting, aantal, link) FROM '{path}' "
        "WITH (FORMAT csv, HEADER true, DELIMITER ';')"
    )


def copy_into_signalen(psql: Psql, workdir: Path, dossier_id: int) -> float:
    """`psql \\copy` of the same rows into the signals table itself, with its indexes and foreign keys, as one
    import: what PostgreSQL needs for this table. Undone afterwards (not timed)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from indicatoren.models import Signaal, SignaalImport
    from indicatoren.services import import_rows_delete

    beleid = get_user_model().objects.get(username="beleid")
    batch = SignaalImport.objects.create(
        dossier_id=dossier_id, bestandsnaam="copy.csv", aantal_rijen=0, created_by=beleid
    )
    full = workdir / "signalen-alle-kolommen.csv"
    psql.run(
        f"\\copy (SELECT {dossier_id}, soort, datum, bron, samenvatting, aantal, coalesce(link, ''), now(), "  # noqa: S608 - our own numbers
        f"{beleid.pk}, {batch.pk} FROM {BARE_TABLE}) TO '{full}' WITH (FORMAT csv)"
    )
    seconds = psql.run(f"\\copy {Signaal._meta.db_table} ({TABLE_COLUMNS}) FROM '{full}' WITH (FORMAT csv)")
    import_rows_delete(batch)
    batch.delete()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {Signaal._meta.db_table}")
    return seconds


def app_import(path: Path, dossier_id: int) -> tuple[float, int]:
    """The import as *Signalen importeren* runs it (the same service), then undone (not timed)."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from dossiers.models import Dossier
    from indicatoren import services
    from indicatoren.models import Signaal

    beleid = get_user_model().objects.get(username="beleid")
    dossier = Dossier.objects.get(pk=dossier_id)
    with path.open("rb") as stream:
        start = time.perf_counter()
        batch = services.signalen_import(actor=beleid, dossier=dossier, stream=stream, bestandsnaam=path.name)
        seconds = time.perf_counter() - start
    rows = batch.aantal_rijen
    services.signaal_import_delete(actor=beleid, batch=batch)
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM {Signaal._meta.db_table}")  # the next run starts from the same table
    return seconds, rows

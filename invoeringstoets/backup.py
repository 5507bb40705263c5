"""A backup is the database and every stored file of one moment, in one archive; a restore puts both back.

Consistency: the database is read in one snapshot (PostgreSQL: an exported snapshot shared with pg_dump; SQLite:
the online backup API), and the files copied are exactly those the snapshot names, read through the storage (a
folder or an S3 bucket). Stored files never change once written (generated names), so a copy made after the
snapshot is the file the snapshot means. The manifest lists every file with its SHA-256; a restore checks every
one before it touches anything, and again after writing.

The archive (tar.gz):
    manifest.json        what, when, which database, every file with size and SHA-256
    database.dump        pg_dump's custom format (PostgreSQL), or database.sqlite3 (SQLite)
    bestanden/<naam>     every stored file under its storage name
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import connection, connections, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAAT = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Dutch."""


@dataclass(frozen=True)
class Resultaat:
    pad: Path
    bestanden: int
    ontbrekend: tuple[str, ...] = ()


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Back-ups kunnen alleen van PostgreSQL of SQLite, niet van {vendor}.")
    return vendor


def _file_columns() -> list[tuple[str, str]]:
    """(table, column) of every file field of every model: where the database names stored files."""
    return [
        (model._meta.db_table, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    ]


def stored_names(cursor) -> list[str]:
    """Every stored file the database names, read with `cursor` (so in its snapshot)."""
    names: set[str] = set()
    for table, column in _file_columns():
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE "{column}" <> \'\'')  # noqa: S608 (names from models)
        names.update(row[0] for row in cursor.fetchall())
    return sorted(names)


def _pg_command(program: str, settings_dict: dict) -> tuple[list[str], dict]:
    args = [program, "--host", settings_dict["HOST"] or "127.0.0.1", "--port", str(settings_dict["PORT"] or 5432)]
    if settings_dict["USER"]:
        args += ["--username", settings_dict["USER"]]
    env = {**os.environ, "PGPASSWORD": settings_dict["PASSWORD"] or "", "PGCONNECT_TIMEOUT": "10"}
    return args, env


def _run(args: list[str], env: dict, what: str) -> None:
    if shutil.which(args[0]) is None:
        raise BackupError(f"{args[0]} is niet geïnstalleerd (Debian: apt-get install postgresql-client).")
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{what} is mislukt: {result.stderr.strip()[-500:]}")


def _dump_postgresql(work: Path) -> list[str]:
    import psycopg

    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        dbname=db["NAME"],
        autocommit=True,
    ) as snapshot_connection:
        # The transaction stays open while pg_dump reads the same snapshot: both see exactly one moment.
        snapshot_connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        snapshot = snapshot_connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        names = stored_names(snapshot_connection.cursor())
        args, env = _pg_command("pg_dump", db)
        args += ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        _run([*args, "--file", str(work / "database.dump"), db["NAME"]], env, "pg_dump")
        snapshot_connection.execute("COMMIT")
    return names


def _dump_sqlite(work: Path) -> list[str]:
    copy = work / "database.sqlite3"
    source = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        target = sqlite3.connect(copy)
        with target:
            source.backup(target)
        names = stored_names(target.cursor())
        target.close()
    finally:
        source.close()
    return names


def _sha256(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _safe(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"Ongeldige bestandsnaam in de back-up: {name}")
    return path


def backup(folder: Path) -> Resultaat:
    """Write a new archive into `folder` and return where, with the number of files copied."""
    engine = _engine()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".bezig-") as tmp:
        work = Path(tmp)
        names = _dump_postgresql(work) if engine == "postgresql" else _dump_sqlite(work)
        files, missing = [], []
        for name in names:
            target = work / "bestanden" / _safe(name)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with default_storage.open(name, "rb") as source, open(target, "wb") as out:
                    shutil.copyfileobj(source, out, CHUNK)
            except FileNotFoundError:
                missing.append(name)  # named by the database, gone from storage: reported, never hidden
                continue
            with open(target, "rb") as copied:
                sha256, size = _sha256(copied)
            files.append({"naam": name, "grootte": size, "sha256": sha256})
        moment = timezone.now()
        dump = work / ("database.dump" if engine == "postgresql" else "database.sqlite3")
        with open(dump, "rb") as handle:
            database_sha256 = _sha256(handle)[0]
        manifest = {
            "formaat": FORMAAT,
            "gemaakt_op": moment.isoformat(),
            "database": engine,
            "database_sha256": database_sha256,
            "migraties": _latest_migrations(),
            "bestanden": files,
            "ontbrekend": missing,
        }
        (work / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        path = folder / f"invoeringstoets-{timezone.localtime(moment):%Y%m%d-%H%M%S-%f}.tar.gz"
        partial = path.with_suffix(".deel")
        # Personal data: readable by the owner only, from the first byte on.
        partial.touch(mode=0o600)
        with tarfile.open(partial, "w:gz") as archive:
            for member in ["manifest.json", "database.dump", "database.sqlite3", "bestanden"]:
                if (work / member).exists():
                    archive.add(work / member, arcname=member)
        partial.rename(path)  # an archive under its final name is always complete
    return Resultaat(pad=path, bestanden=len(files), ontbrekend=tuple(missing))


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def _read(archive_path: Path, work: Path) -> dict:
    if not archive_path.is_file():
        raise BackupError(f"Het bestand {archive_path} bestaat niet.")
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths, links out and devices
            while archive.fileobj.read(CHUNK):  # to the end, so gzip checks its length and CRC too
                pass
        manifest = json.loads((work / "manifest.json").read_text(encoding="utf-8"))
    except Exception as exc:  # a cut-off or damaged gzip raises EOFError, zlib.error, OSError, ...
        raise BackupError(
            f"{archive_path} is geen leesbare back-up: het archief is beschadigd, onvolledig of van een ander soort."
        ) from exc
    if manifest.get("formaat") != FORMAAT:
        raise BackupError(f"Onbekend back-upformaat {manifest.get('formaat')!r}.")
    dump = work / ("database.dump" if manifest["database"] == "postgresql" else "database.sqlite3")
    if not dump.is_file():
        raise BackupError("De back-up is onvolledig: de database ontbreekt.")
    with open(dump, "rb") as handle:
        if _sha256(handle)[0] != manifest.get("database_sha256"):
            raise BackupError("De back-up is beschadigd: de database heeft een andere SHA-256.")
    for entry in manifest["bestanden"]:
        copy = work / "bestanden" / _safe(entry["naam"])
        if not copy.is_file():
            raise BackupError(f"De back-up is onvolledig: {entry['naam']} ontbreekt.")
        with open(copy, "rb") as handle:
            if _sha256(handle)[0] != entry["sha256"]:
                raise BackupError(f"De back-up is beschadigd: {entry['naam']} heeft een andere SHA-256.")
    return manifest


def _is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(archive_path: Path, *, replace: bool = False) -> Resultaat:
    """Put the database and the files of the archive back. Refuses a damaged archive before changing anything,
    and a database that already holds tables unless `replace`."""
    engine = _engine()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        manifest = _read(archive_path, work)
        if manifest["database"] != engine:
            raise BackupError(
                f"Deze back-up is van {manifest['database']}; de ingestelde database is {engine}. "
                "Zet DATABASE_URL op een database van dezelfde soort."
            )
        if not replace and not _is_empty():
            raise BackupError(
                "De database is niet leeg. Herstel in een nieuwe, lege database, of vervang alles wat erin staat "
                "(make restore BACKUP=... VERVANG=1, of manage.py restore --vervang). Stop eerst de applicatie."
            )
        if engine == "postgresql":
            _restore_postgresql(work / "database.dump")
        else:
            _restore_sqlite(work / "database.sqlite3")
        for entry in manifest["bestanden"]:
            _put(entry, work / "bestanden" / _safe(entry["naam"]))
    return Resultaat(pad=archive_path, bestanden=len(manifest["bestanden"]), ontbrekend=tuple(manifest["ontbrekend"]))


def _restore_postgresql(dump: Path) -> None:
    db = connection.settings_dict
    connections.close_all()
    args, env = _pg_command("pg_restore", db)
    args += ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"]
    _run([*args, "--dbname", db["NAME"], str(dump)], env, "pg_restore")


def _restore_sqlite(copy: Path) -> None:
    connections.close_all()
    source = sqlite3.connect(copy)
    try:
        target = sqlite3.connect(connection.settings_dict["NAME"])
        with target:
            source.backup(target)  # replaces the whole file's content, in one step
        target.close()
    finally:
        source.close()


def _put(entry: dict, copy: Path) -> None:
    """Store one file under exactly its old name, and check what the storage now holds."""
    name = entry["naam"]
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as present:
            if _sha256(present)[0] == entry["sha256"]:
                return
        default_storage.delete(name)
    with open(copy, "rb") as handle:
        stored = default_storage.save(name, File(handle, name=name))
    if stored != name:
        raise BackupError(f"De opslag bewaarde {name} onder een andere naam ({stored}).")
    with default_storage.open(name, "rb") as written:
        if _sha256(written)[0] != entry["sha256"]:
            raise BackupError(f"{name} is na het terugzetten anders dan in de back-up.")

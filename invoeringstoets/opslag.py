"""Storing files whole or not at all, and saying in Dutch why a file could not be stored.

The local storage writes a new file into a temporary file next to its place and renames it into place once it is
complete: a full disk or an I/O error halfway leaves no partial file under a real name (the temporary one is
removed). An object store (S3) stores an object whole by itself.
"""

import errno
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class _Klaar(File):
    """A file complete on disk: Django's storage moves it into place (one rename on the same file system)."""

    def __init__(self, path: str):
        super().__init__(open(path, "rb"), name=os.path.basename(path))  # noqa: SIM115 - closed by the storage
        self._path = path

    def temporary_file_path(self) -> str:
        return self._path


class HeelOfNietOpslag(FileSystemStorage):
    def _save(self, name, content):
        directory = Path(self.path(name)).parent
        directory.mkdir(parents=True, exist_ok=True)
        fd, tijdelijk = tempfile.mkstemp(dir=directory, prefix=".nieuw-")
        try:
            with os.fdopen(fd, "wb") as out:
                if hasattr(content, "seek"):
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                out.flush()
                os.fsync(out.fileno())
            klaar = _Klaar(tijdelijk)
            try:
                return super()._save(name, klaar)
            finally:
                klaar.close()
        finally:
            with suppress(FileNotFoundError):
                os.unlink(tijdelijk)  # still there only when moving it into place failed


def opslagfout(exc: BaseException) -> str | None:
    """The Dutch message for a storage failure, or None when `exc` is not one."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            "Het bestand kon niet worden opgeslagen: de opslag is vol. Er is niets bewaard. Probeer het later "
            "opnieuw en meld het bij de functioneel beheerder."
        )
    if isinstance(exc, OSError) or type(exc).__module__.startswith(("botocore", "boto3", "s3transfer")):
        return (
            "Het bestand kon niet worden opgeslagen door een storing in de opslag. Er is niets bewaard. Probeer het "
            "later opnieuw; blijft het misgaan, meld het dan bij de functioneel beheerder."
        )
    return None


def _alle(storage, folder: str):
    try:
        directories, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _alle(storage, f"{folder}/{directory}")


def wezen(*, ouder_dan, mappen=("bewijs", "rapporten")) -> list[str]:
    """Remove stored files in `mappen` that no record names and that are older than `ouder_dan` (a datetime):
    whole files left by a request that rolled back after storing its file, and temporary files of a process that
    died while writing. Returns what was removed."""
    from django.core.files.storage import default_storage
    from django.db import connection

    from .backup import stored_names

    with connection.cursor() as cursor:
        named = set(stored_names(cursor))
    removed = []
    for folder in mappen:
        for name in _alle(default_storage, folder):
            if name not in named and default_storage.get_modified_time(name) < ouder_dan:
                default_storage.delete(name)
                removed.append(name)
    return removed

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from invoeringstoets.backup import BackupError, backup


class Command(BaseCommand):
    help = "Maakt een back-up: de database en alle opgeslagen bestanden van één moment, in één archief."

    def add_arguments(self, parser):
        parser.add_argument(
            "--map", default=str(settings.BASE_DIR / "backups"), help="Map voor het archief (standaard: backups/)."
        )

    def handle(self, *args, map: str, **options):
        try:
            result = backup(Path(map))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        for name in result.ontbrekend:
            self.stderr.write(f"Let op: {name} staat in de database maar niet in de opslag.")
        self.stdout.write(f"Back-up gemaakt met {result.bestanden} bestanden: {result.pad}")

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from invoeringstoets.backup import BackupError, restore


class Command(BaseCommand):
    help = "Zet een back-up terug (database en bestanden), na controle van elke SHA-256 in het archief."

    def add_arguments(self, parser):
        parser.add_argument("archief", help="Het archief van `manage.py backup` (.tar.gz).")
        parser.add_argument(
            "--vervang",
            action="store_true",
            help="Ook als de database al gegevens heeft: alles wordt vervangen door de inhoud van de back-up.",
        )

    def handle(self, *args, archief: str, vervang: bool, **options):
        try:
            result = restore(Path(archief), replace=vervang)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Teruggezet: de database en {result.bestanden} bestanden uit {result.pad}.")

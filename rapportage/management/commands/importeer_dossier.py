from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapportage.export import ExportFout, importeer, lees


class Command(BaseCommand):
    help = (
        "Leest een dossier in uit een JSON-export (manage.py rapport ID --output x.json). De laatste regel is het "
        "nummer van het nieuwe dossier. Een ongeldig bestand wordt geweigerd en er wordt dan niets opgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="Het JSON-bestand.")

    def handle(self, *args, bestand: str, **options):
        path = Path(bestand)
        if not path.is_file():
            raise CommandError(f"Het bestand {bestand} bestaat niet.")
        try:
            dossier = importeer(lees(path.read_text(encoding="utf-8")))
        except UnicodeDecodeError as exc:
            raise CommandError(f"Dit is geen geldig JSON-bestand: het is geen UTF-8 ({exc.reason}).") from exc
        except ExportFout as exc:
            raise CommandError(f"Niet ingelezen, er is niets opgeslagen. {exc.message}") from exc
        self.stdout.write(f"Dossier ‘{dossier.regeling.naam}’ ingelezen.")
        self.stdout.write(str(dossier.pk))

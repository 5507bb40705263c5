"""Import a CSV file of signals into a dossier from the command line, all or nothing.

The last line of the output is the number of imported signals, so a script can read it. A bad file prints every
error to stderr and exits non-zero; nothing is stored then. The signals are recorded without an author (a command
has no logged-in user).
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dossiers.models import Dossier
from indicatoren.csvimport import ImportFout
from indicatoren.services import signalen_import


class Command(BaseCommand):
    help = "Importeert signalen uit een CSV-bestand bij een dossier: alles of niets. Laatste regel: het aantal."

    def add_arguments(self, parser):
        parser.add_argument(
            "bestand", help="CSV-bestand met de kolommen datum, soort, bron, samenvatting[, aantal, link]"
        )
        parser.add_argument("--dossier", type=int, required=True, help="nummer van het dossier")

    def handle(self, *args, bestand: str, dossier: int, **options):
        try:
            target = Dossier.objects.get(pk=dossier)
        except Dossier.DoesNotExist:
            raise CommandError(f"Dossier {dossier} bestaat niet.") from None
        path = Path(bestand)
        try:
            stream = path.open("rb")
        except FileNotFoundError:
            raise CommandError(f"Het bestand {bestand} bestaat niet.") from None
        except OSError as exc:
            raise CommandError(f"Het bestand {bestand} kan niet worden gelezen: {exc.strerror}.") from None
        with stream:
            try:
                signaal_import = signalen_import(actor=None, dossier=target, stream=stream, bestandsnaam=path.name)
            except ImportFout as exc:
                for message in exc.errors:
                    self.stderr.write(message)
                raise CommandError(f"{path.name} is niet geïmporteerd; er is niets opgeslagen.") from None
        self.stdout.write(f"Signalen uit {path.name} geïmporteerd bij dossier {target.pk}:")
        self.stdout.write(str(signaal_import.aantal_rijen))

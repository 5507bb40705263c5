from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rapportage import overzicht
from rapportage.views import overzicht_pdf_bytes


class Command(BaseCommand):
    help = "Schrijft het overzicht van alle invoeringstoetsen; het formaat volgt uit de extensie (.xlsx, .csv, .pdf)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Het bestand dat wordt geschreven.")
        parser.add_argument("--ministerie", default="")
        parser.add_argument(
            "--organisatie", default="", help="Alleen regelingen die deze uitvoeringsorganisatie uitvoert."
        )
        parser.add_argument("--status", default="")
        parser.add_argument("--uitkomst", default="")
        parser.add_argument("--jaar", type=int, default=None)

    def handle(
        self,
        *args,
        output: str,
        ministerie: str,
        organisatie: str,
        status: str,
        uitkomst: str,
        jaar: int | None,
        **options,
    ):
        filters = overzicht.Filters(
            ministerie=ministerie, organisatie=organisatie, status=status, uitkomst=uitkomst, jaar=jaar
        )
        rows = overzicht.rijen(filters)
        path = Path(output)
        extensie = path.suffix.lower()
        if extensie == ".csv":
            with path.open("w", encoding="utf-8", newline="") as handle:
                for regel in overzicht.csv_regels(rows):
                    handle.write(regel)
        elif extensie == ".xlsx":
            with overzicht.xlsx_bestand(rows) as bestand:
                path.write_bytes(bestand.read())
        elif extensie == ".pdf":
            path.write_bytes(overzicht_pdf_bytes(rows))
        else:
            raise CommandError("Het uitvoerbestand moet op .xlsx, .csv of .pdf eindigen.")
        self.stdout.write(f"Overzicht met {rows.count()} invoeringstoetsen geschreven naar {path}.")

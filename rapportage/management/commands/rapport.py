from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dossiers.models import Dossier
from rapportage.services import render_dossier_pdf


class Command(BaseCommand):
    help = "Maakt het PDF-rapport van een dossier, direct (zonder worker), met dezelfde code als de worker."

    def add_arguments(self, parser):
        parser.add_argument("dossier_id", type=int, help="Het nummer van het dossier.")
        parser.add_argument("--output", required=True, help="Het PDF-bestand dat wordt geschreven.")

    def handle(self, *args, dossier_id: int, output: str, **options):
        if not Dossier.objects.filter(pk=dossier_id).exists():
            raise CommandError(f"Dossier {dossier_id} bestaat niet.")
        path = Path(output)
        if path.suffix.lower() != ".pdf":
            raise CommandError("Het uitvoerbestand moet op .pdf eindigen.")
        pdf = render_dossier_pdf(dossier_id)
        path.write_bytes(pdf)
        self.stdout.write(f"Rapport van dossier {dossier_id} geschreven naar {path} ({len(pdf)} bytes).")

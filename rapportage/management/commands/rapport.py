import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dossiers.models import Dossier
from rapportage import export, services


class Command(BaseCommand):
    help = (
        "Schrijft het rapport van een dossier, direct (zonder worker), met dezelfde code als de applicatie. Het "
        "formaat volgt uit de extensie: .pdf (rapport), .docx (Word) of .json (het hele dossier, in te lezen met "
        "importeer_dossier)."
    )

    def add_arguments(self, parser):
        parser.add_argument("dossier_id", type=int, help="Het nummer van het dossier.")
        parser.add_argument("--output", required=True, help="Het bestand dat wordt geschreven (.pdf, .docx, .json).")

    def handle(self, *args, dossier_id: int, output: str, **options):
        dossier = Dossier.objects.filter(pk=dossier_id).select_related("regeling").first()
        if dossier is None:
            raise CommandError(f"Dossier {dossier_id} bestaat niet.")
        path = Path(output)
        extensie = path.suffix.lower()
        conclusie = services.current_report_subject(dossier_id)
        if extensie == ".pdf":
            data = services.render_dossier_pdf(dossier_id, conclusie=conclusie)
        elif extensie == ".docx":
            data = services.rapport_docx(dossier_id)
        elif extensie == ".json":
            data = json.dumps(export.exporteer(dossier), ensure_ascii=False, indent=1).encode()
        else:
            raise CommandError("Het uitvoerbestand moet op .pdf, .docx of .json eindigen.")
        path.write_bytes(data)
        self.stdout.write(f"Dossier {dossier_id} geschreven naar {path} ({len(data)} bytes).")

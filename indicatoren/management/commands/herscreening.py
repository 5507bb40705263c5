from django.core.management.base import BaseCommand

from indicatoren.services import herscreening_check


class Command(BaseCommand):
    help = (
        "Markeert dossiers met ‘geen invoeringstoets’ die opnieuw gescreend moeten worden (datum bereikt of genoeg "
        "nieuwe signalen). Celery beat doet dit dagelijks; zonder beat kan cron dit commando draaien."
    )

    def handle(self, *args, **options):
        flagged = herscreening_check()
        for dossier in flagged:
            self.stdout.write(f"Dossier {dossier.pk}: {dossier.herscreening_reden}")
        self.stdout.write(str(len(flagged)))

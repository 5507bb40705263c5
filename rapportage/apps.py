from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Rapportage"

    def ready(self):
        # What this app adds to the dossier page, the dossier record and the timeline; the core never names it.
        from dossiers.onderdelen import register
        from invoeringstoets.bewaren import protect

        from . import onderdelen
        from .models import Rapport, why_rapport_kept

        onderdelen.registreer(register)
        protect(Rapport, why_rapport_kept)

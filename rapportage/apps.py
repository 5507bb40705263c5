from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = "Rapportage"

    def ready(self):
        # What this app adds to the dossier page, the dossier record and the timeline; the core never names it.
        from dossiers.onderdelen import register

        from . import onderdelen

        onderdelen.registreer(register)

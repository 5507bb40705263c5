from django.apps import AppConfig


class IndicatorenConfig(AppConfig):
    name = "indicatoren"
    verbose_name = "Indicatoren en screening"

    def ready(self):
        # What this app adds to the dossier page, the dossier record and the timeline; the core never names it.
        from dossiers.onderdelen import register

        from . import onderdelen

        onderdelen.registreer(register)

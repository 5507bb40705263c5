from django.apps import AppConfig


class IndicatorenConfig(AppConfig):
    name = "indicatoren"
    verbose_name = "Indicatoren en screening"

    def ready(self):
        # What this app adds to the dossier page, the dossier record and the timeline; the core never names it.
        from dossiers.onderdelen import register
        from invoeringstoets.bewaren import protect

        from . import onderdelen
        from .models import Signaal, why_signaal_kept

        onderdelen.registreer(register)
        protect(Signaal, why_signaal_kept)

from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "dossiers"
    verbose_name = "Dossiers"

    def ready(self):
        from django.contrib.auth import get_user_model

        from invoeringstoets.bewaren import protect

        from . import rules
        from .models import Aanbeveling, Bevinding, Bewijsstuk, Conclusie, Onderzoeksactiviteit

        # What an approved version holds is kept for good, and so is everyone named in a history.
        protect(Conclusie, rules.why_conclusie_kept)
        protect(Aanbeveling, rules.why_aanbeveling_kept)
        protect(Bevinding, rules.why_bevinding_kept)
        protect(Bewijsstuk, rules.why_bewijsstuk_kept)
        protect(Onderzoeksactiviteit, rules.why_activiteit_kept)
        protect(get_user_model(), rules.why_user_kept)

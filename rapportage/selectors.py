from dossiers.models import Dossier

from .models import Rapport


def rapporten_for(dossier: Dossier) -> list[Rapport]:
    return list(Rapport.objects.filter(dossier=dossier).select_related("requested_by").order_by("-requested_at", "-pk"))

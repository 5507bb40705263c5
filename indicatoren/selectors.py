from django.db.models import Prefetch

from dossiers.models import Dossier

from .constants import Fase
from .models import Screening, ScreeningIndicator


def screening_history(dossier: Dossier) -> list[Screening]:
    """Every screening of the dossier, newest first, with its indicators and the people who decided."""
    return list(
        Screening.objects.filter(dossier=dossier)
        .select_related("created_by", "decided_by")
        .prefetch_related(Prefetch("indicatoren", queryset=ScreeningIndicator.objects.order_by("pk")))
        .order_by("-created_at", "-pk")
    )


def indicatoren_per_fase(screening: Screening) -> list[tuple[str, list[ScreeningIndicator]]]:
    rows = list(screening.indicatoren.all())
    return [(fase.label, [row for row in rows if row.fase == fase]) for fase in Fase]

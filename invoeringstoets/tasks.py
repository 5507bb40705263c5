from celery import shared_task

from . import verzending


@shared_task(name="invoeringstoets.verzendingen_opruimen", acks_late=True)
def verzendingen_opruimen() -> int:
    """Daily: forget the tokens of forms sent days ago (a retry comes within minutes)."""
    return verzending.opruimen()


@shared_task(name="invoeringstoets.bestanden_opruimen", acks_late=True)
def bestanden_opruimen() -> int:
    """Daily: files that no record names, older than a day (see invoeringstoets.opslag.wezen)."""
    from datetime import timedelta

    from django.utils import timezone

    from .opslag import wezen

    return len(wezen(ouder_dan=timezone.now() - timedelta(days=1)))

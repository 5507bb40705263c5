import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


@shared_task(name="indicatoren.herscreening_check", acks_late=True, soft_time_limit=240, time_limit=300)
def herscreening_check() -> int:
    """Daily: flag "geen invoeringstoets" dossiers that need a new screening. Idempotent."""
    flagged = services.herscreening_check()
    logger.info("Herscreening: %s dossier(s) gemarkeerd", len(flagged))
    return len(flagged)

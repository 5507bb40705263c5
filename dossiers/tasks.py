from celery import shared_task

from . import services


@shared_task(name="dossiers.acties_herinneren", acks_late=True, soft_time_limit=240, time_limit=300)
def acties_herinneren() -> int:
    """Daily: e-mail the owners of follow-up actions that are due. Idempotent."""
    return services.acties_herinneren()

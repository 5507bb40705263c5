from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
    name="rapportage.render_rapport",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
    max_retries=settings.RAPPORT_MAX_POGINGEN,
)
def render_rapport(self, rapport_id: int) -> None:
    """Render a requested report; on a failed attempt try again later, a bounded number of times."""
    try:
        services.rapport_render(rapport_id)
    except services.OpnieuwProberen as exc:
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc


@shared_task(name="rapportage.rapporten_opruimen", acks_late=True, soft_time_limit=60, time_limit=90)
def rapporten_opruimen() -> int:
    """Every few minutes: queue again the requests that a lost message or a dead worker left behind."""
    return services.rapporten_opruimen()

from celery import shared_task

from . import services


@shared_task(name="rapportage.render_rapport", acks_late=True, soft_time_limit=240, time_limit=300)
def render_rapport(rapport_id: int) -> None:
    services.rapport_render(rapport_id)

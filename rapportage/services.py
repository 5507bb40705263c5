"""Report requests and their rendering. A request is a row first; a worker (or the in-process fallback) renders it."""

import hashlib
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from dossiers import rules, selectors
from dossiers.constants import DossierStatus
from dossiers.models import Dossier
from indicatoren import selectors as indicatoren_selectors
from indicatoren.charts import gebruik_svg
from indicatoren.selectors import indicatoren_per_fase, screening_history

from .constants import RapportStatus
from .models import Rapport
from .pdf import render_pdf

logger = logging.getLogger(__name__)


def rapport_request(*, actor: AbstractBaseUser, dossier: Dossier) -> Rapport:
    rules.check_request_report(actor, dossier)
    with transaction.atomic():
        rapport = Rapport.objects.create(
            dossier=dossier, requested_by=actor, concept=dossier.status != DossierStatus.VASTGESTELD
        )
        transaction.on_commit(lambda: enqueue(rapport.pk))
    return rapport


def enqueue(rapport_id: int) -> None:
    from .tasks import render_rapport

    try:
        render_rapport.delay(rapport_id)
    except Exception:
        # The request stays "in de wachtrij"; it is not lost, and can be queued again once the broker is back.
        logger.exception("Rapport %s kon niet in de wachtrij worden gezet", rapport_id)


def rapport_html(dossier_id: int, *, generated_at=None) -> str:
    dossier = selectors.dossier_with_everything(dossier_id)
    screenings = screening_history(dossier)
    decided = next((s for s in screenings if s.is_decided), None)
    ex_ante = indicatoren_selectors.ex_ante(dossier)
    return render_to_string(
        "rapportage/rapport.html",
        {
            "uitvoeringstoets": ex_ante["uitvoeringstoets"],
            "gebruik_chart": gebruik_svg(
                indicatoren_selectors.gebruik(dossier),
                dossier.regeling.verwachte_omvang,
                titel=f"Gebruik van {dossier.regeling.naam} tegen de verwachting",
                id_prefix="rapport-gebruik",
            ),
            "signalen_per_soort": indicatoren_selectors.signalen_per_soort(dossier),
            "dossier": dossier,
            "regeling": dossier.regeling,
            "concept": dossier.status != DossierStatus.VASTGESTELD,
            "screening": decided,
            "indicatoren_per_fase": indicatoren_per_fase(decided) if decided else [],
            "hoofdvragen": selectors.vragen_overzicht(dossier),
            "conclusie": selectors.current_conclusie_of(dossier),
            "generated_at": generated_at or timezone.now(),
            # The source file, not a hashed name: workers read static files through the finders, collected or not.
            "rapport_css": settings.STATIC_URL + "rapportage/rapport.css",
        },
    )


def render_dossier_pdf(dossier_id: int) -> bytes:
    """The report of a dossier as PDF bytes: used by the worker task and by `manage.py rapport`."""
    return render_pdf(rapport_html(dossier_id))


def download_name(rapport: Rapport) -> str:
    naam = slugify(rapport.dossier.regeling.naam)[:60] or "regeling"
    prefix = "concept-" if rapport.concept else ""
    return f"{prefix}invoeringstoets-{naam}-{rapport.pk}.pdf"


def rapport_render(rapport_id: int) -> Rapport:
    """Render one requested report. Safe to run twice: a finished report is left alone, and of two runs at
    once only the first to finish stores its file."""
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status == RapportStatus.KLAAR:
            return rapport
        rapport.status = RapportStatus.BEZIG
        rapport.attempts += 1
        rapport.started_at = timezone.now()
        rapport.error = ""
        rapport.save(update_fields=["status", "attempts", "started_at", "error"])

    try:
        concept = Dossier.objects.values_list("status", flat=True).get(pk=rapport.dossier_id) != (
            DossierStatus.VASTGESTELD
        )
        pdf = render_dossier_pdf(rapport.dossier_id)
    except SoftTimeLimitExceeded:
        return _fail(rapport_id, "Het maken van het rapport duurde te lang en is afgebroken.")
    except Exception as exc:
        logger.exception("Rapport %s kon niet worden gemaakt", rapport_id)
        return _fail(rapport_id, f"Het rapport kon niet worden gemaakt ({type(exc).__name__}).")

    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().select_related("dossier__regeling").get(pk=rapport_id)
        if rapport.status == RapportStatus.KLAAR:
            return rapport
        rapport.concept = concept
        rapport.file.save(download_name(rapport), ContentFile(pdf), save=False)
        rapport.sha256 = hashlib.sha256(pdf).hexdigest()
        rapport.status = RapportStatus.KLAAR
        rapport.finished_at = timezone.now()
        rapport.save(update_fields=["concept", "file", "sha256", "status", "finished_at"])
    return rapport


def _fail(rapport_id: int, message: str) -> Rapport:
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status != RapportStatus.KLAAR:
            rapport.status = RapportStatus.MISLUKT
            rapport.error = message
            rapport.finished_at = timezone.now()
            rapport.save(update_fields=["status", "error", "finished_at"])
    return rapport

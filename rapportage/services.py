"""Report requests and their rendering.

A request is a row first, queued when the request's transaction commits; a worker (or, in the embedded default,
the web process itself) renders it. A failed attempt is retried a bounded number of times; a periodic sweep
re-queues requests that a lost message or a dead worker left behind. Rendering twice yields one report: a
finished report is never touched again, and of two runs at once only the first to finish stores its file.
"""

import hashlib
import logging
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from dossiers import hoofdstukken, rules
from dossiers.constants import DossierStatus
from dossiers.inhoud import dossier_inhoud
from dossiers.models import Conclusie, Dossier, Opvolging
from dossiers.selectors import approved_conclusie
from dossiers.services import lock_dossier
from invoeringstoets.document import Document

from . import word
from .constants import RapportStatus
from .models import Rapport
from .pdf import render_pdf

logger = logging.getLogger(__name__)

# Approved reports are archive copies: PDF/A-3 level A, which also makes them tagged (structure for screen readers).
ARCHIEF_VARIANT = "pdf/a-3a"


class OpnieuwProberen(Exception):
    """This attempt failed; the task tries again later (a bounded number of times)."""


def rapport_request(*, actor: AbstractBaseUser, dossier: Dossier) -> Rapport:
    rules.check_request_report(actor, dossier)
    with transaction.atomic():
        dossier = lock_dossier(dossier.pk)
        vastgesteld = dossier.status == DossierStatus.VASTGESTELD
        volgnummer = (dossier.rapporten.aggregate(n=Max("volgnummer"))["n"] or 0) + 1
        rapport = Rapport.objects.create(
            dossier=dossier,
            volgnummer=volgnummer,
            requested_by=actor,
            concept=not vastgesteld,
            conclusie=approved_conclusie(dossier) if vastgesteld else None,
            queued_at=timezone.now(),
        )
        transaction.on_commit(lambda: enqueue(rapport.pk))
    return rapport


def enqueue(rapport_id: int) -> bool:
    """Hand the request to the broker; a request the broker did not take stays unsent, for the sweep."""
    from .tasks import render_rapport

    try:
        render_rapport.delay(rapport_id)
    except Exception:
        # The request stays "in de wachtrij"; it is not lost: the sweep sends it as soon as the broker is back.
        logger.exception("Rapport %s kon niet in de wachtrij worden gezet", rapport_id)
        return False
    Rapport.objects.filter(pk=rapport_id, sent_at__isnull=True).update(sent_at=timezone.now())
    return True


def opvolging_stand(conclusie: Conclusie | None) -> dict | None:
    """The follow-up as it stands when the report is made (it goes on after approval)."""
    if conclusie is None:
        return None
    opvolging = Opvolging.objects.filter(conclusie=conclusie).first()
    return {
        "monitoring_op": opvolging.monitoring_op if opvolging else None,
        "escalatie_naar": opvolging.escalatie_naar if opvolging else "",
        "toelichting": opvolging.toelichting if opvolging else "",
        "acties": list(conclusie.acties.select_related("eigenaar", "eigenaar_organisatie").order_by("deadline", "pk")),
    }


def rapport_inhoud(*, dossier_id: int, conclusie: Conclusie | None) -> dict:
    """What the report shows: for an approved version exactly what was approved, else the dossier as it is."""
    if conclusie is not None and conclusie.vastgestelde_inhoud:
        return conclusie.vastgestelde_inhoud
    return dossier_inhoud(dossier_id)


def rapport_document(inhoud: dict, *, conclusie: Conclusie | None, volgnummer: int | None, gemaakt_op) -> Document:
    """The report as one document tree, for the PDF and the Word document alike. No conclusion: a concept of now."""
    return hoofdstukken.rapport(
        inhoud,
        concept=conclusie is None,
        volgnummer=volgnummer,
        gemaakt_op=gemaakt_op,
        opvolging_stand=opvolging_stand(conclusie),
    )


def rapport_docx(dossier_id: int) -> bytes:
    """The report as a Word document, made on the spot: the approved version if there is one, else a concept."""
    conclusie = current_report_subject(dossier_id)
    gemaakt_op = timezone.localtime()
    inhoud = rapport_inhoud(dossier_id=dossier_id, conclusie=conclusie)
    document = rapport_document(inhoud, conclusie=conclusie, volgnummer=None, gemaakt_op=gemaakt_op)
    return word.render_docx(document, gemaakt_op=gemaakt_op)


def rapport_html(
    dossier_id: int, *, conclusie: Conclusie | None = None, volgnummer: int | None = None, generated_at=None
) -> str:
    inhoud = rapport_inhoud(dossier_id=dossier_id, conclusie=conclusie)
    return render_to_string(
        "rapportage/rapport.html",
        {
            "inhoud": inhoud,
            "document": rapport_document(
                inhoud, conclusie=conclusie, volgnummer=volgnummer, gemaakt_op=generated_at or timezone.now()
            ),
            # Source files, not hashed names: workers read static files through the finders, collected or not.
            "static_url": settings.STATIC_URL,
        },
    )


def render_dossier_pdf(dossier_id: int, *, conclusie: Conclusie | None = None, volgnummer: int | None = None) -> bytes:
    """The report as PDF bytes: used by the worker task and by `manage.py rapport`."""
    html = rapport_html(dossier_id, conclusie=conclusie, volgnummer=volgnummer)
    return render_pdf(html, variant=ARCHIEF_VARIANT if conclusie is not None else None)


def current_report_subject(dossier_id: int) -> Conclusie | None:
    """For a command line report: the approved version if the dossier is approved, else a concept of now."""
    dossier = Dossier.objects.get(pk=dossier_id)
    return approved_conclusie(dossier) if dossier.status == DossierStatus.VASTGESTELD else None


def download_name(rapport: Rapport) -> str:
    naam = slugify(rapport.dossier.regeling.naam)[:60] or "regeling"
    prefix = "concept-" if rapport.concept else ""
    return f"{prefix}invoeringstoets-{naam}-rapport-{rapport.volgnummer}.pdf"


def rapport_render(rapport_id: int) -> Rapport:
    """Render one requested report. Safe to run twice (see the module docstring)."""
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status in (RapportStatus.KLAAR, RapportStatus.MISLUKT):
            return rapport
        rapport.status = RapportStatus.BEZIG
        rapport.attempts += 1
        rapport.started_at = timezone.now()
        rapport.save(update_fields=["status", "attempts", "started_at"])

    try:
        pdf = render_dossier_pdf(rapport.dossier_id, conclusie=rapport.conclusie, volgnummer=rapport.volgnummer)
    except SoftTimeLimitExceeded:
        return _attempt_failed(rapport_id, "Het maken van het rapport duurde te lang en is afgebroken.")
    except Exception as exc:
        logger.exception("Rapport %s kon niet worden gemaakt", rapport_id)
        return _attempt_failed(rapport_id, f"Het rapport kon niet worden gemaakt ({type(exc).__name__}).")

    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().select_related("dossier__regeling").get(pk=rapport_id)
        if rapport.status == RapportStatus.KLAAR:
            return rapport
        rapport.file.save(download_name(rapport), ContentFile(pdf), save=False)
        rapport.sha256 = hashlib.sha256(pdf).hexdigest()
        rapport.pdf_variant = "PDF/A-3a" if rapport.conclusie_id else "PDF"
        rapport.status = RapportStatus.KLAAR
        rapport.error = ""
        rapport.finished_at = timezone.now()
        rapport.save(update_fields=["file", "sha256", "pdf_variant", "status", "error", "finished_at"])
    return rapport


def _attempt_failed(rapport_id: int, message: str) -> Rapport:
    """Back in the queue for another try, or, after the last allowed attempt, failed for good."""
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().get(pk=rapport_id)
        if rapport.status == RapportStatus.KLAAR:
            return rapport
        nog_een_keer = rapport.attempts < settings.RAPPORT_MAX_POGINGEN
        if nog_een_keer:
            rapport.status = RapportStatus.IN_WACHTRIJ
            rapport.error = f"Poging {rapport.attempts} mislukte: {message} Het wordt opnieuw geprobeerd."
            rapport.queued_at = timezone.now()
            rapport.save(update_fields=["status", "error", "queued_at"])
        else:
            rapport.status = RapportStatus.MISLUKT
            rapport.error = f"{message} Na {rapport.attempts} pogingen gestopt; vraag een nieuw rapport aan."
            rapport.finished_at = timezone.now()
            rapport.save(update_fields=["status", "error", "finished_at"])
    if nog_een_keer:
        raise OpnieuwProberen(message)  # after the commit: the new state must stay
    return rapport


# A request just made is being handed to the broker by its own web process; the sweep leaves it that long.
ONDERWEG = timedelta(seconds=5)


def _opnieuw(rapport: Rapport, now) -> bool:
    """Whether a (locked) request must be sent again, after setting what the page then shows. Unsent: the broker
    was down. Waiting too long after sending: the message was lost. "Bezig" past the task's time limit: the
    worker died (the limit stops any live attempt first); after the last allowed attempt it fails for good."""
    if rapport.status == RapportStatus.IN_WACHTRIJ:
        if rapport.sent_at is None:
            return rapport.queued_at is None or rapport.queued_at < now - ONDERWEG
        return rapport.queued_at < now - timedelta(seconds=settings.RAPPORT_WACHTRIJ_SECONDEN)
    if rapport.status != RapportStatus.BEZIG or rapport.started_at >= now - _tijdslimiet():
        return False
    if rapport.attempts >= settings.RAPPORT_MAX_POGINGEN:
        rapport.status = RapportStatus.MISLUKT
        rapport.error = f"Het maken bleef hangen (na {rapport.attempts} pogingen); vraag een nieuw rapport aan."
        rapport.finished_at = now
        rapport.save(update_fields=["status", "error", "finished_at"])
        return False
    rapport.status = RapportStatus.IN_WACHTRIJ
    rapport.error = "Het maken bleef hangen; het wordt opnieuw geprobeerd."
    rapport.save(update_fields=["status", "error"])
    return True


def _tijdslimiet() -> timedelta:
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 5)


def rapporten_opruimen(now=None) -> int:
    """The sweep (every RAPPORT_OPRUIMEN_SECONDEN): send again what the broker never got or lost, and what is
    "bezig" past the task's time limit. Safe to run often: rendering twice yields one report."""
    now = now or timezone.now()
    mogelijk = Rapport.objects.filter(
        Q(status=RapportStatus.IN_WACHTRIJ, sent_at__isnull=True)
        | Q(status=RapportStatus.IN_WACHTRIJ, queued_at__lt=now - timedelta(seconds=settings.RAPPORT_WACHTRIJ_SECONDEN))
        | Q(status=RapportStatus.BEZIG, started_at__lt=now - _tijdslimiet())
    )
    with transaction.atomic():
        opnieuw = [rapport.pk for rapport in mogelijk.select_for_update() if _opnieuw(rapport, now)]
        _send_after_commit(opnieuw, now)
    if opnieuw:
        logger.info("Opnieuw in de wachtrij: rapporten %s", opnieuw)
    return len(opnieuw)


def rapport_nakijken(rapport_id: int) -> bool:
    """The same check for one request, when someone looks at it (the page polls its state): a stuck or unsent
    request goes again even where no beat runs. True when it was sent again."""
    with transaction.atomic():
        rapport = Rapport.objects.select_for_update().filter(pk=rapport_id).first()
        if rapport is None or not _opnieuw(rapport, timezone.now()):
            return False
        _send_after_commit([rapport.pk], timezone.now())
    return True


def _send_after_commit(rapport_ids: list[int], now) -> None:
    # queued_at also spaces the attempts while the broker is down: one per request per ONDERWEG.
    Rapport.objects.filter(pk__in=rapport_ids).update(queued_at=now, sent_at=None)
    for rapport_id in rapport_ids:
        transaction.on_commit(lambda rapport_id=rapport_id: enqueue(rapport_id))

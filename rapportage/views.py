from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect

from dossiers import rules
from dossiers.views import get_dossier, refusals_handled
from invoeringstoets.http import post_only

from . import services
from .constants import RapportStatus
from .models import Rapport


@post_only
@refusals_handled
def rapport_create(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rapport = services.rapport_request(actor=request.user, dossier=dossier)
    rapport.refresh_from_db()
    if rapport.status == RapportStatus.KLAAR:
        messages.success(request, "Het rapport is klaar; u kunt het hieronder downloaden.")
    elif rapport.status == RapportStatus.MISLUKT:
        messages.error(request, f"Het rapport is niet gelukt: {rapport.error}")
    else:
        messages.info(request, "Het rapport wordt gemaakt. Ververs de pagina over enkele seconden.")
    return redirect(f"{dossier.get_absolute_url()}#rapporten")


def rapport_download(request, dossier_id: int, rapport_id: int):
    dossier = get_dossier(dossier_id)
    rapport = get_object_or_404(Rapport.objects.select_related("dossier__regeling"), pk=rapport_id, dossier=dossier)
    try:
        rules.check_read(request.user, dossier)
    except rules.NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    if not rapport.is_ready:
        raise Http404("Dit rapport is (nog) niet beschikbaar.")
    response = FileResponse(
        rapport.file.open("rb"),
        as_attachment=True,
        filename=services.download_name(rapport),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response

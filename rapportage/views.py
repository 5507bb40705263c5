import json

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from dossiers import rules
from dossiers.views import get_dossier, refusals_handled
from invoeringstoets.http import download, post_only
from invoeringstoets.web import require

from . import export, overzicht, services
from .constants import RapportStatus
from .forms import DashboardForm, OverzichtForm
from .models import Rapport
from .pdf import render_pdf


@post_only
@refusals_handled
def rapport_create(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rapport = services.rapport_request(actor=request.user, dossier=dossier)
    rapport.refresh_from_db()
    if rapport.status == RapportStatus.KLAAR:
        messages.success(request, f"Rapport {rapport.volgnummer} is klaar; u kunt het hieronder downloaden.")
    elif rapport.status == RapportStatus.MISLUKT:
        messages.error(request, f"Rapport {rapport.volgnummer} is niet gelukt: {rapport.error}")
    else:
        messages.info(
            request,
            f"Rapport {rapport.volgnummer} wordt gemaakt. De stand hieronder werkt zichzelf bij; u kunt ook "
            "verder werken en later terugkomen.",
        )
    return redirect(f"{dossier.get_absolute_url()}#rapporten")


def _rapport(request, dossier_id: int, rapport_id: int) -> Rapport:
    dossier = get_dossier(dossier_id)
    require(rules.check_read, request.user, dossier)
    return get_object_or_404(Rapport.objects.select_related("dossier__regeling"), pk=rapport_id, dossier=dossier)


def rapport_status(request, dossier_id: int, rapport_id: int):
    """The state of a request, for the small script that updates the page while a worker renders. Someone is
    waiting for it: a request the broker never got, or whose worker died, is sent again right here."""
    rapport = _rapport(request, dossier_id, rapport_id)
    if rapport.status in (RapportStatus.IN_WACHTRIJ, RapportStatus.BEZIG) and services.rapport_nakijken(rapport.pk):
        rapport.refresh_from_db()
    return JsonResponse(
        {
            "status": rapport.status,
            "label": rapport.get_status_display(),
            "klaar": rapport.is_ready,
            "fout": rapport.error,
            "pogingen": rapport.attempts,
            "download": reverse("rapportage:download", args=[dossier_id, rapport.pk]) if rapport.is_ready else None,
            "sha256": rapport.sha256,
            # The same cell the page shows after a reload: link, variant and checksum, from one template.
            "bestand": render_to_string("rapportage/_rapport_bestand.html", {"rapport": rapport}, request=request),
        },
        headers={"Cache-Control": "no-store"},
    )


def rapport_download(request, dossier_id: int, rapport_id: int):
    rapport = _rapport(request, dossier_id, rapport_id)
    if not rapport.is_ready:
        raise Http404("Dit rapport is (nog) niet beschikbaar.")
    return download(request, rapport.file, filename=services.download_name(rapport), content_type="application/pdf")


def _bestandsnaam(dossier, extensie: str) -> str:
    return (
        f"invoeringstoets-{slugify(dossier.regeling.naam)[:60] or 'regeling'}-{timezone.localdate():%Y%m%d}.{extensie}"
    )


def rapport_word(request, dossier_id: int):
    """The report as a Word document, made on the spot from the same content as the PDF."""
    dossier = get_dossier(dossier_id)
    require(rules.check_read, request.user, dossier)
    response = HttpResponse(
        services.rapport_docx(dossier.pk),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(dossier, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


def dossier_json(request, dossier_id: int):
    """The whole dossier as JSON, evidence files included: for who may read the evidence."""
    dossier = get_dossier(dossier_id)
    require(rules.check_read_evidence, request.user, dossier)
    response = HttpResponse(
        json.dumps(export.exporteer(dossier), ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_bestandsnaam(dossier, "json")}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ---------------------------------------------------------------------------------------------------------------
# The overview of all invoeringstoetsen and the dashboard


def _overzicht(request):
    form = OverzichtForm(request.GET or None)
    filters = form.filters()
    return form, filters, overzicht.rijen(filters)


def overzicht_view(request):
    form, filters, rows = _overzicht(request)
    page = Paginator(rows, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    zonder_sortering = query.copy()
    zonder_sortering.pop("sorteer", None)
    return render(
        request,
        "rapportage/overzicht.html",
        {
            "form": form,
            "page": page,
            "rijen": [(d, overzicht.waarden(d)) for d in page.object_list],
            "kolommen": overzicht.KOLOMMEN,
            "sorteer": filters.sorteer,
            "query": query.urlencode(),
            "filter_query": zonder_sortering.urlencode(),
        },
    )


def overzicht_csv(request):
    _, _, rows = _overzicht(request)
    response = StreamingHttpResponse(overzicht.csv_regels(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="overzicht-invoeringstoetsen-{timezone.localdate():%Y%m%d}.csv"'
    )
    return response


def overzicht_xlsx(request):
    _, _, rows = _overzicht(request)
    return FileResponse(
        overzicht.xlsx_bestand(rows),
        as_attachment=True,
        filename=f"overzicht-invoeringstoetsen-{timezone.localdate():%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def overzicht_pdf(request):
    form, _, rows = _overzicht(request)
    response = HttpResponse(overzicht_pdf_bytes(rows, form), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="overzicht-invoeringstoetsen-{timezone.localdate():%Y%m%d}.pdf"'
    )
    return response


def overzicht_pdf_bytes(rows, form=None) -> bytes:
    html = render_to_string(
        "rapportage/overzicht_pdf.html",
        {
            "rijen": [overzicht.waarden(d) for d in rows.iterator(chunk_size=2000)],
            "kolommen": overzicht.KOLOMMEN,
            "filter": form.beschrijving() if form is not None else "",
            "gemaakt_op": timezone.localtime(),
            "static_url": settings.STATIC_URL,
        },
    )
    return render_pdf(html)


def dashboard(request):
    form = DashboardForm(request.GET or None)
    organisatie = form.cleaned_data["organisatie"] if form.is_bound and form.is_valid() else ""
    return render(request, "rapportage/dashboard.html", {"form": form, **overzicht.dashboard(organisatie=organisatie)})

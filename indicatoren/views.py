from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dossiers import rules
from dossiers.views import get_dossier, refusals_handled
from invoeringstoets.http import post_only
from invoeringstoets.web import delete_view, form_view, posted

from . import charts, selectors, services
from .constants import FASE_PER_INDICATOR, DoenvermogenEis, Fase
from .csvimport import ImportFout
from .forms import (
    AndereToetsFormSet,
    DoenvermogenFormSet,
    GebruikFormSet,
    ImportForm,
    IndicatorFormSet,
    RegeldruktoetsForm,
    ScreeningForm,
    SignaalFilterForm,
    SignaalForm,
    UitvoeringstoetsForm,
)
from .models import Signaal, SignaalImport

SIGNALEN_PER_PAGINA = 50


def gebruik_chart(dossier, periodes=None, id_prefix: str = "gebruik"):
    periodes = selectors.gebruik(dossier) if periodes is None else periodes
    return charts.gebruik_svg(
        periodes,
        dossier.regeling.verwachte_omvang,
        titel=f"Gebruik van {dossier.regeling.naam} tegen de verwachting",
        id_prefix=id_prefix,
    )


# ---------------------------------------------------------------------------------------------------------------
# The screening


@post_only
@refusals_handled
def screening_start(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    services.screening_start(actor=request.user, dossier=dossier)
    messages.success(
        request, "De screening is gestart. De indicatoren staan op het voorstel uit de gegevens; bevestig of wijk af."
    )
    return redirect("indicatoren:screening", dossier.pk)


def screening_view(request, dossier_id: int):
    """The screening: a form for the beleidsmedewerker while it is open; for everyone else, and once decided, the
    screenings as recorded, with the proposals and their reasons."""
    dossier = get_dossier(dossier_id)
    if request.method == "GET" and not rules.allowed(rules.check_screen, request.user, dossier):
        return screening_detail(request, dossier)
    return screening_edit(request, dossier_id=dossier_id)


def screening_detail(request, dossier):
    screenings = selectors.screening_history(dossier)
    return render(
        request,
        "indicatoren/screening_detail.html",
        {
            "dossier": dossier,
            "perms": rules.DossierPermissions(request.user, dossier),
            "screenings": screenings,
            "chart": gebruik_chart(dossier),
        },
    )


@refusals_handled
def screening_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_screen(request.user, dossier)
    screening = services.current_screening(dossier)
    if screening is None or screening.is_decided:
        raise rules.WrongStatus("Er is geen open screening; start eerst een screening.")
    deciding = request.POST.get("actie") == "besluiten"
    rows = list(screening.indicatoren.all())
    voorstellen = services.voorstellen(dossier, screening.peildatum)
    form = ScreeningForm(
        posted(request),
        deciding=deciding,
        initial={
            "peildatum": screening.peildatum,
            "besluit": screening.besluit,
            "motivering": screening.motivering,
            "herscreening_op": screening.herscreening_op or services.default_herscreening_op(),
            "revision": screening.revision,
        },
    )
    formset = IndicatorFormSet(
        posted(request),
        prefix="indicatoren",
        form_kwargs={"deciding": deciding},
        voorstellen=voorstellen,
        initial=[
            {
                "indicator": row.indicator,
                "van_toepassing": row.van_toepassing,
                "sterkte": row.sterkte,
                "toelichting": row.toelichting,
                "afwijking_reden": row.afwijking_reden,
            }
            for row in rows
        ],
    )
    save = services.screening_decide if deciding else services.screening_save_draft
    groups = [
        (
            fase.label,
            [
                (f, voorstellen.get(f["indicator"].value()))
                for f in formset.forms
                if FASE_PER_INDICATOR.get(f["indicator"].value()) == fase
            ],
        )
        for fase in Fase
    ]
    return form_view(
        request,
        form,
        also=(formset,),
        save=lambda: save(
            actor=request.user,
            dossier=dossier,
            expected_revision=form.opened_revision,
            indicatoren=formset.indicatoren(),
            fields=form.screening_fields(),
        ),
        success="Het besluit van de screening is vastgelegd."
        if deciding
        else "De screening is als concept opgeslagen; de voorstellen zijn bijgewerkt.",
        next_url=dossier.get_absolute_url() if deciding else reverse("indicatoren:screening", args=[dossier.pk]),
        template="indicatoren/screening_form.html",
        context={
            "dossier": dossier,
            "screening": screening,
            "formset": formset,
            "groups": groups,
            "chart": gebruik_chart(dossier),
            "ex_ante": selectors.ex_ante(dossier),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Ex-ante tests


def ex_ante(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    return render(
        request,
        "indicatoren/ex_ante.html",
        {"dossier": dossier, "perms": rules.DossierPermissions(request.user, dossier), **selectors.ex_ante(dossier)},
    )


def _toets_edit(request, dossier_id: int, *, form_class, save, template: str, record_name: str, titel: str):
    dossier = get_dossier(dossier_id)
    rules.check_edit_ex_ante(request.user, dossier)
    instance = selectors.ex_ante(dossier)[record_name]
    form = form_class(posted(request), instance=instance)
    return form_view(
        request,
        form,
        save=lambda: save(
            actor=request.user, dossier=dossier, expected_revision=form.opened_revision, item=form.item()
        ),
        success="De gegevens zijn opgeslagen.",
        next_url=reverse("indicatoren:ex_ante", args=[dossier.pk]),
        template=template,
        context={"dossier": dossier, "titel": titel},
    )


@refusals_handled
def uitvoeringstoets_edit(request, dossier_id: int):
    return _toets_edit(
        request,
        dossier_id,
        form_class=UitvoeringstoetsForm,
        save=services.uitvoeringstoets_save,
        template="indicatoren/uitvoeringstoets_form.html",
        record_name="uitvoeringstoets",
        titel="Uitvoeringstoets",
    )


@refusals_handled
def regeldruk_edit(request, dossier_id: int):
    return _toets_edit(
        request,
        dossier_id,
        form_class=RegeldruktoetsForm,
        save=services.regeldruktoets_save,
        template="indicatoren/regeldruk_form.html",
        record_name="regeldruktoets",
        titel="Regeldruktoets",
    )


@refusals_handled
def doenvermogen_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_edit_ex_ante(request.user, dossier)
    existing = {b.eis: b for b in selectors.ex_ante(dossier)["doenvermogen"]}
    formset = DoenvermogenFormSet(
        posted(request),
        prefix="doenvermogen",
        initial=[
            {
                "eis": eis.value,
                "niveau": existing[eis].niveau if eis in existing else "",
                "toelichting": existing[eis].toelichting if eis in existing else "",
            }
            for eis in DoenvermogenEis
        ],
    )
    return form_view(
        request,
        formset,
        save=lambda: services.doenvermogen_save(
            actor=request.user, dossier=dossier, beoordelingen=formset.beoordelingen()
        ),
        success="De doenvermogentoets is opgeslagen.",
        next_url=reverse("indicatoren:ex_ante", args=[dossier.pk]),
        template="indicatoren/doenvermogen_form.html",
        context={"dossier": dossier, "formset": formset},
    )


@refusals_handled
def andere_toetsen_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_edit_ex_ante(request.user, dossier)
    formset = AndereToetsFormSet(
        posted(request),
        prefix="toetsen",
        initial=[
            {"id": t.pk, "naam": t.naam, "uitkomst": t.uitkomst, "document": t.document}
            for t in selectors.ex_ante(dossier)["andere_toetsen"]
        ],
    )
    return form_view(
        request,
        formset,
        save=lambda: services.andere_toetsen_save(actor=request.user, dossier=dossier, toetsen=formset.toetsen()),
        success="De andere toetsen zijn opgeslagen.",
        next_url=reverse("indicatoren:ex_ante", args=[dossier.pk]),
        template="indicatoren/andere_toetsen_form.html",
        context={"dossier": dossier, "formset": formset},
    )


# ---------------------------------------------------------------------------------------------------------------
# Signals


def _signalen_page(request, *, dossier=None):
    filters = SignaalFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    if dossier is not None:
        criteria = {**criteria, "regeling": ""}
    rows = selectors.signalen(dossier=dossier, **{k: v for k, v in criteria.items() if v})
    aantal, gewogen = selectors.tellingen(rows)
    paginator = Paginator(rows, SIGNALEN_PER_PAGINA)
    paginator.count = aantal  # known from the count above: no second COUNT over the rows
    page = paginator.get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return filters, page, query.urlencode(), gewogen


def signalen_overzicht(request):
    filters, page, query, gewogen = _signalen_page(request)
    return render(
        request,
        "indicatoren/signalen.html",
        {"filters": filters, "page": page, "query": query, "gewogen": gewogen},
    )


def signalen_dossier(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    filters, page, query, gewogen = _signalen_page(request, dossier=dossier)
    return render(
        request,
        "indicatoren/signalen.html",
        {
            "dossier": dossier,
            "perms": rules.DossierPermissions(request.user, dossier),
            "filters": filters,
            "page": page,
            "query": query,
            "gewogen": gewogen,
            "imports": SignaalImport.objects.filter(dossier=dossier).select_related("created_by")[:10],
        },
    )


@refusals_handled
def signaal_create(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_record_practice(request.user, dossier)
    form = SignaalForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda: services.signaal_create(actor=request.user, dossier=dossier, item=form.item()),
        success="Het signaal is vastgelegd.",
        next_url=reverse("indicatoren:signalen", args=[dossier.pk]),
        template="indicatoren/signaal_form.html",
        context={"dossier": dossier, "signaal": None},
    )


@refusals_handled
def signaal_edit(request, dossier_id: int, signaal_id: int):
    dossier = get_dossier(dossier_id)
    signaal = get_object_or_404(Signaal, pk=signaal_id, dossier=dossier)
    rules.check_record_practice(request.user, dossier)
    form = SignaalForm(posted(request), instance=signaal)
    return form_view(
        request,
        form,
        save=lambda: services.signaal_update(actor=request.user, signaal=signaal, item=form.item()),
        success="Het signaal is bijgewerkt.",
        next_url=reverse("indicatoren:signalen", args=[dossier.pk]),
        template="indicatoren/signaal_form.html",
        context={"dossier": dossier, "signaal": signaal},
    )


@refusals_handled
def signaal_delete(request, dossier_id: int, signaal_id: int):
    dossier = get_dossier(dossier_id)
    signaal = get_object_or_404(Signaal, pk=signaal_id, dossier=dossier)
    rules.check_record_practice(request.user, dossier)
    rules.check_delete(signaal)
    return delete_view(
        request,
        delete=lambda: services.signaal_delete(actor=request.user, signaal=signaal),
        success="Het signaal is verwijderd.",
        next_url=reverse("indicatoren:signalen", args=[dossier.pk]),
        template="indicatoren/signaal_delete.html",
        context={
            "dossier": dossier,
            "signaal": signaal,
            "paginatitel": "Signaal verwijderen",
            "terug": reverse("indicatoren:signalen", args=[dossier.pk]),
        },
    )


@refusals_handled
def signalen_importeren(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_record_practice(request.user, dossier)
    form = ImportForm(posted(request), request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            batch = services.signalen_import(
                actor=request.user, dossier=dossier, stream=upload.file, bestandsnaam=upload.name[:255]
            )
        except ImportFout as exc:
            fouten = exc.errors
        else:
            messages.success(request, f"{batch.aantal_rijen} signalen geïmporteerd uit {batch.bestandsnaam}.")
            return redirect("indicatoren:signalen", dossier.pk)
    return render(
        request,
        "indicatoren/signalen_import.html",
        {"dossier": dossier, "form": form, "fouten": fouten, "soort": "signalen"},
    )


@post_only
@refusals_handled
def signaal_import_delete(request, dossier_id: int, import_id: int):
    dossier = get_dossier(dossier_id)
    batch = get_object_or_404(SignaalImport, pk=import_id, dossier=dossier)
    aantal = services.signaal_import_delete(actor=request.user, batch=batch)
    messages.success(request, f"De import ‘{batch.bestandsnaam}’ is ongedaan gemaakt: {aantal} signalen verwijderd.")
    return redirect("indicatoren:signalen", dossier.pk)


# ---------------------------------------------------------------------------------------------------------------
# Usage against expectation


def gebruik(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    perms = rules.DossierPermissions(request.user, dossier)
    periodes = selectors.gebruik(dossier)
    formset = GebruikFormSet(
        posted(request),
        prefix="gebruik",
        initial=[
            {
                "periode": p.periode,
                "aanvragen": p.aanvragen,
                "toekenningen": p.toekenningen,
                "afwijzingen": p.afwijzingen,
            }
            for p in periodes
        ],
    )
    if request.method == "POST" and not perms.record_practice:
        raise PermissionDenied("Gebruikscijfers leggen beleidsmedewerkers en het kernteam van dit dossier vast.")
    return form_view(
        request,
        formset,
        save=lambda: services.gebruik_save(actor=request.user, dossier=dossier, maanden=formset.maanden()),
        success="De gebruikscijfers zijn opgeslagen.",
        next_url=reverse("indicatoren:gebruik", args=[dossier.pk]),
        template="indicatoren/gebruik.html",
        context={
            "dossier": dossier,
            "perms": perms,
            "periodes": periodes,
            "formset": formset,
            "chart": gebruik_chart(dossier, periodes),
            "totaal": {
                "aanvragen": sum(p.aanvragen for p in periodes),
                "toekenningen": sum(p.toekenningen for p in periodes),
                "afwijzingen": sum(p.afwijzingen for p in periodes),
            },
        },
    )


@refusals_handled
def gebruik_importeren(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_record_practice(request.user, dossier)
    form = ImportForm(posted(request), request.FILES or None)
    fouten: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            aantal = services.gebruik_import(
                actor=request.user, dossier=dossier, stream=form.cleaned_data["bestand"].file
            )
        except ImportFout as exc:
            fouten = exc.errors
        else:
            messages.success(request, f"Gebruikscijfers van {aantal} maanden geïmporteerd.")
            return redirect("indicatoren:gebruik", dossier.pk)
    return render(
        request,
        "indicatoren/signalen_import.html",
        {"dossier": dossier, "form": form, "fouten": fouten, "soort": "gebruik"},
    )

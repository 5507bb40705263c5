from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from indicatoren.selectors import praktijk_samenvatting, screening_history
from invoeringstoets.concurrency import StaleEdit
from rapportage.selectors import rapporten_for

from . import rules, selectors, services
from .constants import CentraleVraag, DossierStatus
from .forms import (
    AanbevelingFormSet,
    AannameFormSet,
    AannameToetsingForm,
    BevindingForm,
    ConclusieForm,
    GeenBevindingenForm,
    KernteamForm,
    RegelingForm,
    ReturnForm,
    aanname_initial,
)
from .models import Aanname, Bevinding, Dossier


def refusals_handled(view):
    """Turn a refusal from the rules into a 403 (no right) or a message on the dossier page (wrong status)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except rules.NotPermitted as exc:
            raise PermissionDenied(exc.message) from exc
        except rules.WrongStatus as exc:
            messages.error(request, exc.message)
            return redirect("dossiers:detail", kwargs["dossier_id"])

    return wrapper


def posted(request):
    """The submitted data on a POST (even when empty: a form with every box unticked), else None."""
    return request.POST if request.method == "POST" else None


def get_dossier(dossier_id: int) -> Dossier:
    return get_object_or_404(Dossier.objects.select_related("regeling"), pk=dossier_id)


def get_full_dossier(dossier_id: int) -> Dossier:
    try:
        return selectors.dossier_with_everything(dossier_id)
    except Dossier.DoesNotExist as exc:
        raise Http404("Dit dossier bestaat niet.") from exc


def stale_message(instance) -> str:
    who = getattr(instance, "updated_by", None)
    when = getattr(instance, "updated_at", None)
    by = f" door {who.get_full_name() or who.username}" if who else ""
    at = f" om {when:%d-%m-%Y %H:%M}" if when else ""
    return (
        f"Iemand anders heeft dit intussen gewijzigd{by}{at}. Uw wijziging is niet opgeslagen; uw tekst staat "
        "hieronder nog. Open de pagina opnieuw om de nieuwe versie te zien en breng uw wijziging daarin aan."
    )


def dossier_list(request):
    status = request.GET.get("status") or ""
    if status not in DossierStatus.values:
        status = ""
    page = Paginator(selectors.dossier_list(status or None), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "dossiers/dossier_list.html",
        {
            "page": page,
            "status": status,
            "statuses": DossierStatus.choices,
            "status_query": f"status={status}" if status else "",
        },
    )


def _regeling_forms(request, regeling=None):
    data = posted(request)
    form = RegelingForm(data, instance=regeling, prefix="regeling")
    formset = AannameFormSet(data, initial=aanname_initial(regeling) if regeling else None, prefix="aannames")
    return form, formset


def regeling_create(request):
    try:
        rules.check_register_regeling(request.user)
    except rules.NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    form, formset = _regeling_forms(request)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        dossier = services.regeling_register(
            actor=request.user,
            data=form.cleaned_data,
            organisaties=form.organisaties(),
            aannames=formset.aannames(),
        )
        messages.success(request, f"De regeling ‘{dossier.regeling.naam}’ is geregistreerd.")
        return redirect(dossier)
    return render(request, "dossiers/regeling_form.html", {"form": form, "formset": formset, "dossier": None})


@refusals_handled
def regeling_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_edit_regeling(request.user, dossier)
    form, formset = _regeling_forms(request, dossier.regeling)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.regeling_update(
                actor=request.user,
                dossier=dossier,
                expected_revision=form.cleaned_data["revision"] or 0,
                data=form.cleaned_data,
                organisaties=form.organisaties(),
                aannames=formset.aannames(),
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc.instance))
        else:
            messages.success(request, "De regeling is bijgewerkt.")
            return redirect(dossier)
    return render(request, "dossiers/regeling_form.html", {"form": form, "formset": formset, "dossier": dossier})


def dossier_detail(request, dossier_id: int):
    dossier = get_full_dossier(dossier_id)
    conclusie = selectors.current_conclusie_of(dossier)
    context = {
        "dossier": dossier,
        "perms": rules.DossierPermissions(request.user, dossier),
        "hoofdvragen": selectors.vragen_overzicht(dossier),
        "conclusie": conclusie,
        "return_remark": selectors.latest_return_remark(dossier),
        "screenings": screening_history(dossier),
        "rapporten": rapporten_for(dossier),
        **praktijk_samenvatting(dossier),
        "missing": services.missing_for_submit(dossier) if dossier.status == DossierStatus.IN_ONDERZOEK else [],
    }
    return render(request, "dossiers/dossier_detail.html", context)


@refusals_handled
def kernteam_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_assign_kernteam(request.user, dossier)
    form = KernteamForm(
        posted(request),
        initial={"leden": list(dossier.kernteam.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        services.kernteam_set(actor=request.user, dossier=dossier, members=form.cleaned_data["leden"])
        messages.success(request, "Het kernteam is bijgewerkt.")
        return redirect(dossier)
    return render(request, "dossiers/kernteam_form.html", {"form": form, "dossier": dossier})


def _vraag_or_404(vraag: str) -> CentraleVraag:
    if vraag not in CentraleVraag.values:
        raise Http404("Onbekende centrale vraag.")
    return CentraleVraag(vraag)


@refusals_handled
def vraag_detail(request, dossier_id: int, vraag: str):
    """One central question: its findings, and forms to add a finding or state there are none."""
    vraag = _vraag_or_404(vraag)
    dossier = get_full_dossier(dossier_id)
    perms = rules.DossierPermissions(request.user, dossier)
    overzicht = next(v for group in selectors.vragen_overzicht(dossier) for v in group.vragen if v.code == vraag)
    bevinding_form = BevindingForm(prefix="bevinding")
    geen_form = GeenBevindingenForm(
        prefix="geen",
        initial={"reden": overzicht.geen_bevindingen.reden} if overzicht.geen_bevindingen else None,
    )
    if request.method == "POST":
        rules.check_research(request.user, dossier)
        action = request.POST.get("actie")
        try:
            if action == "bevinding":
                bevinding_form = BevindingForm(request.POST, prefix="bevinding")
                if bevinding_form.is_valid():
                    services.bevinding_create(
                        actor=request.user,
                        dossier=dossier,
                        vraag=vraag,
                        titel=bevinding_form.cleaned_data["titel"],
                        tekst=bevinding_form.cleaned_data["tekst"],
                    )
                    messages.success(request, "De bevinding is vastgelegd.")
                    return redirect("dossiers:vraag", dossier.pk, vraag.value)
            elif action == "geen_bevindingen":
                geen_form = GeenBevindingenForm(request.POST, prefix="geen")
                if geen_form.is_valid():
                    services.geen_bevindingen_set(
                        actor=request.user, dossier=dossier, vraag=vraag, reden=geen_form.cleaned_data["reden"]
                    )
                    messages.success(request, f"Vastgelegd dat vraag {vraag.value} geen bevindingen heeft.")
                    return redirect("dossiers:vraag", dossier.pk, vraag.value)
            elif action == "geen_bevindingen_intrekken":
                services.geen_bevindingen_clear(actor=request.user, dossier=dossier, vraag=vraag)
                messages.success(request, "De verklaring ‘geen bevindingen’ is ingetrokken.")
                return redirect("dossiers:vraag", dossier.pk, vraag.value)
            else:
                messages.error(request, "Onbekende actie.")
        except rules.WrongStatus as exc:
            target = geen_form if action == "geen_bevindingen" else bevinding_form
            target.add_error(None, exc.message)
    return render(
        request,
        "dossiers/vraag_detail.html",
        {
            "dossier": dossier,
            "perms": perms,
            "vraag": overzicht,
            "bevinding_form": bevinding_form,
            "geen_form": geen_form,
        },
    )


@refusals_handled
def bevinding_edit(request, dossier_id: int, bevinding_id: int):
    dossier = get_dossier(dossier_id)
    bevinding = get_object_or_404(Bevinding.objects.select_related("updated_by"), pk=bevinding_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    form = BevindingForm(posted(request), instance=bevinding, prefix="bevinding")
    if request.method == "POST" and form.is_valid():
        try:
            services.bevinding_update(
                actor=request.user,
                bevinding=bevinding,
                expected_revision=form.cleaned_data["revision"] or 0,
                titel=form.cleaned_data["titel"],
                tekst=form.cleaned_data["tekst"],
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc.instance))
        else:
            messages.success(request, "De bevinding is bijgewerkt.")
            return redirect("dossiers:vraag", dossier.pk, bevinding.vraag)
    return render(request, "dossiers/bevinding_form.html", {"form": form, "dossier": dossier, "bevinding": bevinding})


@refusals_handled
def bevinding_delete(request, dossier_id: int, bevinding_id: int):
    dossier = get_dossier(dossier_id)
    bevinding = get_object_or_404(Bevinding, pk=bevinding_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    if request.method == "POST":
        services.bevinding_delete(actor=request.user, bevinding=bevinding)
        messages.success(request, f"De bevinding ‘{bevinding.titel}’ is verwijderd.")
        return redirect("dossiers:vraag", dossier.pk, bevinding.vraag)
    return render(request, "dossiers/bevinding_delete.html", {"dossier": dossier, "bevinding": bevinding})


@refusals_handled
def aanname_toetsen(request, dossier_id: int, aanname_id: int):
    dossier = get_dossier(dossier_id)
    aanname = get_object_or_404(
        Aanname.objects.select_related("toetsing__updated_by"), pk=aanname_id, regeling=dossier.regeling
    )
    rules.check_research(request.user, dossier)
    # Opened from a central question's page: go back there after saving.
    vanaf = request.GET.get("vanaf") if request.GET.get("vanaf") in CentraleVraag.values else None
    toetsing = getattr(aanname, "toetsing", None)
    initial = (
        {"oordeel": toetsing.oordeel, "toelichting": toetsing.toelichting, "revision": toetsing.revision}
        if toetsing
        else None
    )
    form = AannameToetsingForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.aanname_toetsen(
                actor=request.user,
                aanname=aanname,
                expected_revision=form.cleaned_data["revision"],
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc.instance))
        except rules.WrongStatus as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "De toetsing van de aanname is vastgelegd.")
            if vanaf:
                return redirect("dossiers:vraag", dossier.pk, vanaf)
            return redirect(f"{dossier.get_absolute_url()}#aannames")
    return render(
        request,
        "dossiers/aanname_toetsen.html",
        {"form": form, "dossier": dossier, "aanname": aanname, "vanaf": vanaf},
    )


@refusals_handled
def conclusie_edit(request, dossier_id: int):
    dossier = get_full_dossier(dossier_id)
    rules.check_research(request.user, dossier)
    conclusie = selectors.current_conclusie_of(dossier)
    if conclusie is not None and conclusie.vastgesteld_at is not None:
        conclusie = None
    data = posted(request)
    form = ConclusieForm(data, instance=conclusie, prefix="conclusie")
    formset = AanbevelingFormSet(
        data,
        prefix="aanbevelingen",
        initial=[{"tekst": a.tekst, "adressaat": a.adressaat} for a in conclusie.aanbevelingen.all()]
        if conclusie
        else None,
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            services.conclusie_save(
                actor=request.user,
                dossier=dossier,
                expected_revision=form.cleaned_data["revision"],
                uitkomst=form.cleaned_data["uitkomst"],
                toelichting=form.cleaned_data["toelichting"],
                aanbevelingen=formset.aanbevelingen(),
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc.instance))
        except rules.WrongStatus as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "De conclusie is opgeslagen.")
            return redirect(dossier)
    return render(
        request,
        "dossiers/conclusie_form.html",
        {
            "form": form,
            "formset": formset,
            "dossier": dossier,
            "return_remark": selectors.latest_return_remark(dossier),
            "missing": services.missing_for_submit(dossier),
        },
    )


@require_POST
@refusals_handled
def dossier_submit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    services.dossier_submit(actor=request.user, dossier=dossier)
    messages.success(request, "De conclusie is ter vaststelling aangeboden aan management.")
    return redirect(dossier)


@refusals_handled
def dossier_decide(request, dossier_id: int):
    """Management approves the conclusion or returns it to the kernteam with a remark."""
    dossier = get_full_dossier(dossier_id)
    rules.check_decide(request.user, dossier)
    return_form = ReturnForm(prefix="terug")
    if request.method == "POST":
        action = request.POST.get("actie")
        if action == "vaststellen":
            services.dossier_approve(actor=request.user, dossier=dossier)
            messages.success(request, "De conclusie is vastgesteld. U kunt nu het rapport maken.")
            return redirect(dossier)
        if action == "terugsturen":
            return_form = ReturnForm(request.POST, prefix="terug")
            if return_form.is_valid():
                services.dossier_return(
                    actor=request.user, dossier=dossier, remark=return_form.cleaned_data["opmerking"]
                )
                messages.success(request, "De conclusie is teruggestuurd naar het kernteam.")
                return redirect(dossier)
        else:
            messages.error(request, "Onbekende actie.")
    return render(
        request,
        "dossiers/dossier_decide.html",
        {
            "dossier": dossier,
            "conclusie": selectors.current_conclusie_of(dossier),
            "hoofdvragen": selectors.vragen_overzicht(dossier),
            "return_form": return_form,
        },
    )

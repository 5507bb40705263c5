"""The dossier list, the dossier page, registering a regeling, the kernteam and the timeline of changes."""

from django.core.paginator import Paginator
from django.shortcuts import render

from invoeringstoets.web import form_view, posted, require

from .. import onderdelen, rules, selectors, services, tijdlijn
from ..constants import DossierStatus
from ..forms import AannameFormSet, KernteamForm, RegelingForm, aanname_initial
from .common import get_dossier, get_full_dossier, refusals_handled


def dossier_list(request):
    status = request.GET.get("status") or ""
    if status not in DossierStatus.values:
        status = ""
    page = Paginator(selectors.dossier_list(status or None), 50).get_page(request.GET.get("pagina"))
    page.object_list = selectors.with_overdue_actions(list(page.object_list))
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
    form = RegelingForm(posted(request), instance=regeling, prefix="regeling")
    formset = AannameFormSet(
        posted(request), initial=aanname_initial(regeling) if regeling else None, prefix="aannames"
    )
    return form, formset


def _regeling_input(form, formset) -> services.RegelingInput:
    return services.RegelingInput.uit(
        form.cleaned_data, uitvoeringsorganisaties=tuple(form.organisaties()), aannames=tuple(formset.aannames())
    )


def regeling_create(request):
    require(lambda user, _dossier: rules.check_register_regeling(user), request.user, None)
    form, formset = _regeling_forms(request)
    return form_view(
        request,
        form,
        also=(formset,),
        save=lambda: services.regeling_register(actor=request.user, item=_regeling_input(form, formset)),
        success=lambda dossier: f"De regeling ‘{dossier.regeling.naam}’ is geregistreerd.",
        next_url=lambda dossier: dossier.get_absolute_url(),
        template="dossiers/regeling_form.html",
        context={"formset": formset, "dossier": None},
    )


@refusals_handled
def regeling_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_edit_regeling(request.user, dossier)
    form, formset = _regeling_forms(request, dossier.regeling)
    return form_view(
        request,
        form,
        also=(formset,),
        save=lambda: services.regeling_update(
            actor=request.user,
            dossier=dossier,
            expected_revision=form.opened_revision,
            item=_regeling_input(form, formset),
        ),
        success="De regeling is bijgewerkt.",
        next_url=dossier.get_absolute_url(),
        template="dossiers/regeling_form.html",
        context={"formset": formset, "dossier": dossier},
    )


def dossier_detail(request, dossier_id: int):
    dossier = get_full_dossier(dossier_id, details=False)
    selectors.with_overdue_actions([dossier])
    hoofdvragen = selectors.vragen_overzicht(dossier)
    panelen, panelen_context = onderdelen.panelen(request, dossier)
    context = {
        "dossier": dossier,
        "perms": rules.DossierPermissions(request.user, dossier),
        "hoofdvragen": hoofdvragen,
        "matrix": selectors.vragen_matrix(hoofdvragen),
        "conclusie": selectors.current_conclusie(dossier),
        "vastgestelde_versies": selectors.approved_versions_of(dossier),
        "return_remark": selectors.latest_return_remark(dossier),
        "missing": services.missing_for_submit(dossier) if dossier.status == DossierStatus.IN_ONDERZOEK else [],
        "panelen": panelen,
        **panelen_context,
    }
    return render(request, "dossiers/dossier_detail.html", context)


@refusals_handled
def kernteam_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_assign_kernteam(request.user, dossier)
    form = KernteamForm(posted(request), initial={"leden": list(dossier.kernteam.values_list("pk", flat=True))})
    return form_view(
        request,
        form,
        save=lambda: services.kernteam_set(actor=request.user, dossier=dossier, members=form.cleaned_data["leden"]),
        success="Het kernteam is bijgewerkt.",
        next_url=dossier.get_absolute_url(),
        template="dossiers/kernteam_form.html",
        context={"dossier": dossier},
    )


def dossier_tijdlijn(request, dossier_id: int):
    """Every change to the dossier and its parts: who, when, what, old and new values."""
    dossier = get_dossier(dossier_id)
    page = Paginator(tijdlijn.gebeurtenissen(dossier), 50).get_page(request.GET.get("pagina"))
    return render(request, "dossiers/tijdlijn.html", {"dossier": dossier, "page": page})

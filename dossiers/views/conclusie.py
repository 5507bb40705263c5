"""The conclusion: writing it, submitting, approving or returning, new versions after approval, and follow-up."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from invoeringstoets.http import post_only
from invoeringstoets.web import form_view, posted

from .. import hoofdstukken, rules, selectors, services
from ..forms import AanbevelingFormSet, ActieForm, ConclusieForm, OpvolgingForm, ReopenForm, ReturnForm
from ..models import Actie, Conclusie, Opvolging
from .common import FORMULIER, get_dossier, get_full_dossier, refusals_handled


@refusals_handled
def conclusie_edit(request, dossier_id: int):
    dossier = get_full_dossier(dossier_id)
    rules.check_research(request.user, dossier)
    conclusie = selectors.current_conclusie(dossier)
    if conclusie is not None and conclusie.is_vastgesteld:
        conclusie = None
    form = ConclusieForm(posted(request), instance=conclusie, prefix="conclusie")
    formset = AanbevelingFormSet(
        posted(request),
        prefix="aanbevelingen",
        initial=[
            {"tekst": a.tekst, "adressaat": a.adressaat, "prioriteit": a.prioriteit, "eigenaar": a.eigenaar}
            for a in conclusie.aanbevelingen.all()
        ]
        if conclusie
        else None,
    )
    return form_view(
        request,
        form,
        also=(formset,),
        save=lambda: services.conclusie_save(
            actor=request.user,
            dossier=dossier,
            expected_revision=form.opened_revision,
            item=services.ConclusieInput(
                uitkomst=form.cleaned_data["uitkomst"],
                toelichting=form.cleaned_data["toelichting"],
                aanbevelingen=tuple(formset.aanbevelingen()),
            ),
        ),
        success="De conclusie is opgeslagen.",
        next_url=dossier.get_absolute_url(),
        template="dossiers/conclusie_form.html",
        context={
            "formset": formset,
            "dossier": dossier,
            "conclusie": conclusie,
            "return_remark": selectors.latest_return_remark(dossier),
            "missing": services.missing_for_submit(dossier),
        },
    )


@post_only
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
    context = {
        "dossier": dossier,
        "conclusie": selectors.current_conclusie(dossier),
        "hoofdvragen": selectors.vragen_overzicht(dossier),
    }
    template = "dossiers/dossier_decide.html"
    action = request.POST.get("actie") if request.method == "POST" else None
    if action == "vaststellen":
        services.dossier_approve(actor=request.user, dossier=dossier)
        messages.success(request, "De conclusie is vastgesteld. U kunt nu het rapport maken.")
        return redirect(dossier)
    if action == "terugsturen":
        return_form = ReturnForm(request.POST, prefix="terug")
        return form_view(
            request,
            return_form,
            save=lambda: services.dossier_return(
                actor=request.user, dossier=dossier, remark=return_form.cleaned_data["opmerking"]
            ),
            success="De conclusie is teruggestuurd naar het kernteam.",
            next_url=dossier.get_absolute_url(),
            template=template,
            context={**context, "return_form": return_form},
        )
    if action is not None:
        messages.error(request, "Onbekende actie.")
    return render(request, template, {**context, "return_form": ReturnForm(prefix="terug")})


@refusals_handled
def dossier_reopen(request, dossier_id: int):
    """A change after approval: a new version of the conclusion; the approved one stays as it is."""
    dossier = get_dossier(dossier_id)
    rules.check_reopen(request.user, dossier)
    form = ReopenForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda: services.dossier_reopen(actor=request.user, dossier=dossier, reden=form.cleaned_data["reden"]),
        success=lambda nieuw: f"Versie {nieuw.volgnummer} van de conclusie is geopend; het kernteam kan verder.",
        next_url=dossier.get_absolute_url(),
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Nieuwe versie van de conclusie",
            "intro": "Een vastgestelde conclusie verandert niet meer. Wie iets wil wijzigen, opent een nieuwe versie: "
            "het kernteam werkt dan aan een kopie, en die gaat opnieuw ter vaststelling.",
            "annuleren": dossier.get_absolute_url(),
            "knop": "Nieuwe versie openen",
        },
    )


def conclusie_versie(request, dossier_id: int, volgnummer: int):
    """An approved version, exactly as it was approved, from the record kept at approval."""
    dossier = get_dossier(dossier_id)
    conclusie = get_object_or_404(Conclusie, dossier=dossier, volgnummer=volgnummer)
    if not conclusie.is_vastgesteld or not conclusie.vastgestelde_inhoud:
        raise Http404("Deze versie is niet vastgesteld.")
    inhoud = conclusie.vastgestelde_inhoud
    return render(
        request,
        "dossiers/conclusie_versie.html",
        {
            "dossier": dossier,
            "conclusie": conclusie,
            "inhoud": inhoud,
            "hoofdstukken": [
                hoofdstukken.conclusie(inhoud),
                hoofdstukken.bevindingen(inhoud),
                hoofdstukken.aannames(inhoud),
            ],
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Follow-up


@refusals_handled
def opvolging(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    perms = rules.DossierPermissions(request.user, dossier)
    conclusie = selectors.approved_conclusie(dossier)
    if conclusie is None:
        messages.info(request, "Opvolging hoort bij een vastgestelde conclusie; die is er nog niet.")
        return redirect(dossier)
    instance = Opvolging.objects.filter(conclusie=conclusie).first()
    form = OpvolgingForm(posted(request), instance=instance, uitkomst=conclusie.uitkomst)
    if request.method == "POST":
        rules.check_follow_up(request.user, dossier)
    return form_view(
        request,
        form,
        save=lambda: services.opvolging_save(
            actor=request.user,
            dossier=dossier,
            expected_revision=form.opened_revision,
            item=services.OpvolgingInput(
                monitoring_op=form.cleaned_data.get("monitoring_op"),
                escalatie_naar=form.cleaned_data.get("escalatie_naar", ""),
                toelichting=form.cleaned_data["toelichting"],
            ),
        ),
        success="De opvolging is opgeslagen.",
        next_url=reverse("dossiers:opvolging", args=[dossier.pk]),
        template="dossiers/opvolging.html",
        context={
            "dossier": dossier,
            "perms": perms,
            "conclusie": conclusie,
            "actie_form": ActieForm(prefix="actie"),
            "acties": conclusie.acties.select_related("eigenaar", "eigenaar_organisatie").order_by(
                "afgerond_op", "deadline", "pk"
            ),
        },
    )


@refusals_handled
def actie_create(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_follow_up(request.user, dossier)
    form = ActieForm(posted(request), prefix="actie")
    return form_view(
        request,
        form,
        save=lambda: services.actie_create(
            actor=request.user, dossier=dossier, item=services.ActieInput.uit(form.cleaned_data)
        ),
        success="De actie is toegevoegd.",
        next_url=reverse("dossiers:opvolging", args=[dossier.pk]),
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Actie toevoegen",
            "annuleren": reverse("dossiers:opvolging", args=[dossier.pk]),
        },
    )


@post_only
@refusals_handled
def actie_afronden(request, dossier_id: int, actie_id: int):
    dossier = get_dossier(dossier_id)
    actie = get_object_or_404(Actie, pk=actie_id, conclusie__dossier=dossier)
    afgerond = request.POST.get("afgerond") != "nee"
    services.actie_afronden(actor=request.user, actie=actie, afgerond=afgerond)
    messages.success(request, "De actie is afgerond." if afgerond else "De actie staat weer open.")
    return redirect("dossiers:opvolging", dossier.pk)

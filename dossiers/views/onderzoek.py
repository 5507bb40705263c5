"""The kernteam's pages: the team and the work, findings per central question, assessments and evidence files."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from invoeringstoets.http import download
from invoeringstoets.web import delete_view, form_view, posted, require

from .. import rules, selectors, services
from ..constants import CentraleVraag
from ..forms import (
    AannameToetsingForm,
    ActiviteitForm,
    BevindingForm,
    BewijsstukForm,
    DeelnemerForm,
    GeenBevindingenForm,
    PlanningForm,
)
from ..models import Aanname, Bevinding, Bewijsstuk, Deelnemer, Onderzoeksactiviteit, Planning
from .common import FORMULIER, VERWIJDEREN, get_dossier, get_full_dossier, refusals_handled


def vraag_url(dossier, vraag: str) -> str:
    return reverse("dossiers:vraag", args=[dossier.pk, vraag])


def onderzoek_url(dossier) -> str:
    return reverse("dossiers:onderzoek", args=[dossier.pk])


# ---------------------------------------------------------------------------------------------------------------
# The team and the work


def onderzoek(request, dossier_id: int):
    """Planning, participants and the log of research activities, with their evidence files."""
    dossier = get_full_dossier(dossier_id)
    return render(
        request,
        "dossiers/onderzoek.html",
        {"dossier": dossier, "perms": rules.DossierPermissions(request.user, dossier)},
    )


@refusals_handled
def planning_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_research(request.user, dossier)
    form = PlanningForm(posted(request), instance=Planning.objects.filter(dossier=dossier).first())
    return form_view(
        request,
        form,
        save=lambda: services.planning_save(
            actor=request.user,
            dossier=dossier,
            expected_revision=form.opened_revision,
            item=services.PlanningInput.uit(form.cleaned_data),
        ),
        success="De planning is opgeslagen.",
        next_url=onderzoek_url(dossier),
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Planning van het onderzoek",
            "intro": "Een invoeringstoets gebeurt op het vroegst mogelijke moment waarop iets nuttigs te zeggen is.",
            "annuleren": onderzoek_url(dossier),
        },
    )


@refusals_handled
def deelnemer_add(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_research(request.user, dossier)
    form = DeelnemerForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda: services.deelnemer_add(
            actor=request.user, dossier=dossier, item=services.DeelnemerInput.uit(form.cleaned_data)
        ),
        success=lambda deelnemer: f"{deelnemer.naam} is toegevoegd als deelnemer.",
        next_url=onderzoek_url(dossier),
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Deelnemer toevoegen",
            "intro": "Leden van de werkgroep van de uitvoeringsorganisaties, of een extern onderzoeksbureau.",
            "annuleren": onderzoek_url(dossier),
        },
    )


@refusals_handled
def deelnemer_delete(request, dossier_id: int, deelnemer_id: int):
    dossier = get_dossier(dossier_id)
    deelnemer = get_object_or_404(Deelnemer, pk=deelnemer_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    return delete_view(
        request,
        delete=lambda: services.deelnemer_delete(actor=request.user, deelnemer=deelnemer),
        success=f"{deelnemer.naam} is geen deelnemer meer.",
        next_url=onderzoek_url(dossier),
        template=VERWIJDEREN,
        context={"dossier": dossier, "wat": f"deelnemer {deelnemer}", "terug": onderzoek_url(dossier)},
    )


@refusals_handled
def activiteit_edit(request, dossier_id: int, activiteit_id: int | None = None):
    dossier = get_dossier(dossier_id)
    activiteit = get_object_or_404(Onderzoeksactiviteit, pk=activiteit_id, dossier=dossier) if activiteit_id else None
    rules.check_research(request.user, dossier)
    form = ActiviteitForm(posted(request), instance=activiteit)

    def save():
        item = services.ActiviteitInput.uit(form.cleaned_data)
        if activiteit is None:
            return services.activiteit_create(actor=request.user, dossier=dossier, item=item)
        return services.activiteit_update(
            actor=request.user, activiteit=activiteit, expected_revision=form.opened_revision, item=item
        )

    return form_view(
        request,
        form,
        save=save,
        success="De onderzoeksactiviteit is opgeslagen.",
        next_url=lambda opgeslagen: f"{onderzoek_url(dossier)}#activiteit-{opgeslagen.pk}",
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Onderzoeksactiviteit wijzigen" if activiteit else "Onderzoeksactiviteit vastleggen",
            "intro": "Interviews, een enquête, documentstudie, een werkgroepsessie of de klantreis van de burger.",
            "annuleren": onderzoek_url(dossier),
        },
    )


@refusals_handled
def activiteit_delete(request, dossier_id: int, activiteit_id: int):
    dossier = get_dossier(dossier_id)
    activiteit = get_object_or_404(Onderzoeksactiviteit, pk=activiteit_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    rules.check_delete(activiteit)
    return delete_view(
        request,
        delete=lambda: services.activiteit_delete(actor=request.user, activiteit=activiteit),
        success="De onderzoeksactiviteit is verwijderd.",
        next_url=onderzoek_url(dossier),
        template=VERWIJDEREN,
        context={
            "dossier": dossier,
            "wat": f"de onderzoeksactiviteit ‘{activiteit}’",
            "gevolg": "Bijbehorende bewijsstukken worden ook verwijderd.",
            "terug": onderzoek_url(dossier),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Findings per central question


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
    bevinding_form = BevindingForm(prefix="bevinding", dossier=dossier, vraag=vraag) if perms.research else None
    geen_form = GeenBevindingenForm(
        prefix="geen",
        initial={"reden": overzicht.geen_bevindingen.reden} if overzicht.geen_bevindingen else None,
    )

    def page():
        return {
            "dossier": dossier,
            "perms": perms,
            "vraag": overzicht,
            "bevinding_form": bevinding_form,
            "geen_form": geen_form,
        }

    template = "dossiers/vraag_detail.html"
    if request.method == "POST":
        rules.check_research(request.user, dossier)
        action = request.POST.get("actie")
        if action == "bevinding":
            bevinding_form = BevindingForm(request.POST, prefix="bevinding", dossier=dossier, vraag=vraag)
            return form_view(
                request,
                bevinding_form,
                save=lambda: services.bevinding_create(
                    actor=request.user, dossier=dossier, vraag=vraag, item=bevinding_form.item()
                ),
                success="De bevinding is vastgelegd. U kunt er nu bewijsstukken aan toevoegen.",
                next_url=lambda bevinding: f"{request.path}#bevinding-{bevinding.pk}",
                template=template,
                context=page(),
            )
        if action == "geen_bevindingen":
            geen_form = GeenBevindingenForm(request.POST, prefix="geen")
            return form_view(
                request,
                geen_form,
                save=lambda: services.geen_bevindingen_set(
                    actor=request.user, dossier=dossier, vraag=vraag, reden=geen_form.cleaned_data["reden"]
                ),
                success=f"Vastgelegd dat vraag {vraag.value} geen bevindingen heeft.",
                next_url=vraag_url(dossier, vraag.value),
                template=template,
                context=page(),
            )
        if action == "geen_bevindingen_intrekken":
            services.geen_bevindingen_clear(actor=request.user, dossier=dossier, vraag=vraag)
            messages.success(request, "De verklaring ‘geen bevindingen’ is ingetrokken.")
            return redirect("dossiers:vraag", dossier.pk, vraag.value)
        messages.error(request, "Onbekende actie.")
    return render(request, template, page())


@refusals_handled
def bevinding_edit(request, dossier_id: int, bevinding_id: int):
    dossier = get_dossier(dossier_id)
    bevinding = get_object_or_404(Bevinding.objects.select_related("updated_by"), pk=bevinding_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    form = BevindingForm(
        posted(request), instance=bevinding, prefix="bevinding", dossier=dossier, vraag=bevinding.vraag
    )
    return form_view(
        request,
        form,
        save=lambda: services.bevinding_update(
            actor=request.user, bevinding=bevinding, expected_revision=form.opened_revision, item=form.item()
        ),
        success="De bevinding is bijgewerkt.",
        next_url=f"{vraag_url(dossier, bevinding.vraag)}#bevinding-{bevinding.pk}",
        template="dossiers/bevinding_form.html",
        context={"dossier": dossier, "bevinding": bevinding},
    )


@refusals_handled
def bevinding_delete(request, dossier_id: int, bevinding_id: int):
    dossier = get_dossier(dossier_id)
    bevinding = get_object_or_404(Bevinding, pk=bevinding_id, dossier=dossier)
    rules.check_research(request.user, dossier)
    rules.check_delete(bevinding)
    return delete_view(
        request,
        delete=lambda: services.bevinding_delete(actor=request.user, bevinding=bevinding),
        success=f"De bevinding ‘{bevinding.titel}’ is verwijderd.",
        next_url=vraag_url(dossier, bevinding.vraag),
        template=VERWIJDEREN,
        context={
            "dossier": dossier,
            "wat": f"de bevinding ‘{bevinding.titel}’ bij vraag {bevinding.vraag}",
            "gevolg": "Bijbehorende bewijsstukken worden ook verwijderd.",
            "terug": vraag_url(dossier, bevinding.vraag),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Assumptions against practice


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
        {
            "oordeel": toetsing.oordeel,
            "toelichting": toetsing.toelichting,
            "revision": toetsing.revision,
            "bevindingen": list(toetsing.bevindingen.values_list("pk", flat=True)),
        }
        if toetsing
        else None
    )
    form = AannameToetsingForm(posted(request), initial=initial, dossier=dossier)
    return form_view(
        request,
        form,
        save=lambda: services.aanname_toetsen(
            actor=request.user,
            aanname=aanname,
            expected_revision=form.opened_revision,
            item=services.ToetsingInput(
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
                bevindingen=tuple(b.pk for b in form.cleaned_data["bevindingen"]),
            ),
        ),
        success="De toetsing van de aanname is vastgelegd.",
        next_url=vraag_url(dossier, vanaf) if vanaf else f"{dossier.get_absolute_url()}#aannames",
        template="dossiers/aanname_toetsen.html",
        context={
            "dossier": dossier,
            "aanname": aanname,
            "vanaf": vanaf,
            "toetsing": toetsing,
            "perms": rules.DossierPermissions(request.user, dossier),
        },
    )


# ---------------------------------------------------------------------------------------------------------------
# Evidence files


def _parent(dossier, soort: str, parent_id: int):
    if soort == "bevinding":
        return {"bevinding": get_object_or_404(Bevinding, pk=parent_id, dossier=dossier)}
    if soort == "activiteit":
        return {"activiteit": get_object_or_404(Onderzoeksactiviteit, pk=parent_id, dossier=dossier)}
    if soort == "toetsing":
        aanname = get_object_or_404(Aanname, toetsing__pk=parent_id, regeling=dossier.regeling)
        return {"toetsing": aanname.toetsing}
    raise Http404("Onbekend onderdeel.")


def _back(dossier, parent: dict) -> str:
    if "bevinding" in parent:
        bevinding = parent["bevinding"]
        return f"{vraag_url(dossier, bevinding.vraag)}#bevinding-{bevinding.pk}"
    if "activiteit" in parent:
        return f"{onderzoek_url(dossier)}#activiteit-{parent['activiteit'].pk}"
    return reverse("dossiers:aanname_toetsen", args=[dossier.pk, parent["toetsing"].aanname_id])


@refusals_handled
def bewijsstuk_add(request, dossier_id: int, soort: str, parent_id: int):
    dossier = get_dossier(dossier_id)
    parent = _parent(dossier, soort, parent_id)
    rules.check_research(request.user, dossier)
    form = BewijsstukForm(posted(request), request.FILES or None, prefix="bewijs")
    return form_view(
        request,
        form,
        save=lambda: services.bewijsstuk_add(
            actor=request.user,
            upload=form.cleaned_data["bestand"],
            soort=form.soort,
            omschrijving=form.cleaned_data["omschrijving"],
            **parent,
        ),
        success=lambda bewijsstuk: f"Het bestand ‘{bewijsstuk.naam}’ is toegevoegd.",
        next_url=_back(dossier, parent),
        template=FORMULIER,
        context={
            "dossier": dossier,
            "titel": "Bewijsstuk toevoegen",
            "intro": f"Bij: {next(iter(parent.values()))}. Het bestand wordt gecontroleerd op soort en grootte en "
            "bewaard onder een eigen naam; alleen het kernteam, beleid en management kunnen het openen.",
            "annuleren": _back(dossier, parent),
            "knop": "Toevoegen",
        },
    )


@refusals_handled
def bewijsstuk_delete(request, dossier_id: int, bewijsstuk_id: int):
    dossier = get_dossier(dossier_id)
    bewijsstuk = get_object_or_404(
        Bewijsstuk.objects.select_related("bevinding", "activiteit", "toetsing"), pk=bewijsstuk_id, dossier=dossier
    )
    rules.check_research(request.user, dossier)
    rules.check_delete(bewijsstuk)
    parent = {
        name: value
        for name, value in [
            ("bevinding", bewijsstuk.bevinding),
            ("activiteit", bewijsstuk.activiteit),
            ("toetsing", bewijsstuk.toetsing),
        ]
        if value
    }
    return delete_view(
        request,
        delete=lambda: services.bewijsstuk_delete(actor=request.user, bewijsstuk=bewijsstuk),
        success=f"Het bestand ‘{bewijsstuk.naam}’ is verwijderd.",
        next_url=_back(dossier, parent),
        template=VERWIJDEREN,
        context={"dossier": dossier, "wat": f"het bewijsstuk ‘{bewijsstuk.naam}’", "terug": _back(dossier, parent)},
    )


def bewijsstuk_download(request, dossier_id: int, bewijsstuk_id: int):
    """Evidence is served only here, after the rights check, with a safe name, never from a public folder."""
    dossier = get_dossier(dossier_id)
    bewijsstuk = get_object_or_404(Bewijsstuk, pk=bewijsstuk_id, dossier=dossier)
    require(rules.check_read_evidence, request.user, dossier)
    return download(request, bewijsstuk.bestand, filename=bewijsstuk.naam, content_type=bewijsstuk.mime_type)

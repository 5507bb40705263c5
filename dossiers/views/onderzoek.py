"""The kernteam's pages: the team and the work, findings per central question, assessments and evidence files."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from invoeringstoets.concurrency import StaleEdit
from invoeringstoets.http import download
from invoeringstoets.web import posted, require, stale_message

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
from .common import get_dossier, get_full_dossier, refusals_handled


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
    planning = Planning.objects.filter(dossier=dossier).first()
    form = PlanningForm(posted(request), instance=planning)
    if request.method == "POST" and form.is_valid():
        try:
            services.planning_save(
                actor=request.user,
                dossier=dossier,
                expected_revision=form.opened_revision,
                data=form.cleaned_data,
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc))
        else:
            messages.success(request, "De planning is opgeslagen.")
            return redirect("dossiers:onderzoek", dossier.pk)
    return render(
        request,
        "dossiers/formulier.html",
        {
            "dossier": dossier,
            "form": form,
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
    if request.method == "POST" and form.is_valid():
        services.deelnemer_add(actor=request.user, dossier=dossier, data=form.cleaned_data)
        messages.success(request, f"{form.cleaned_data['naam']} is toegevoegd als deelnemer.")
        return redirect("dossiers:onderzoek", dossier.pk)
    return render(
        request,
        "dossiers/formulier.html",
        {
            "dossier": dossier,
            "form": form,
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
    if request.method == "POST":
        services.deelnemer_delete(actor=request.user, deelnemer=deelnemer)
        messages.success(request, f"{deelnemer.naam} is geen deelnemer meer.")
        return redirect("dossiers:onderzoek", dossier.pk)
    return render(
        request,
        "dossiers/bevestig_verwijderen.html",
        {"dossier": dossier, "wat": f"deelnemer {deelnemer}", "terug": onderzoek_url(dossier)},
    )


@refusals_handled
def activiteit_edit(request, dossier_id: int, activiteit_id: int | None = None):
    dossier = get_dossier(dossier_id)
    activiteit = get_object_or_404(Onderzoeksactiviteit, pk=activiteit_id, dossier=dossier) if activiteit_id else None
    rules.check_research(request.user, dossier)
    form = ActiviteitForm(posted(request), instance=activiteit)
    if request.method == "POST" and form.is_valid():
        try:
            if activiteit is None:
                activiteit = services.activiteit_create(actor=request.user, dossier=dossier, data=form.cleaned_data)
            else:
                services.activiteit_update(
                    actor=request.user,
                    activiteit=activiteit,
                    expected_revision=form.opened_revision,
                    data=form.cleaned_data,
                )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc))
        else:
            messages.success(request, "De onderzoeksactiviteit is opgeslagen.")
            return redirect(f"{onderzoek_url(dossier)}#activiteit-{activiteit.pk}")
    return render(
        request,
        "dossiers/formulier.html",
        {
            "dossier": dossier,
            "form": form,
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
    if request.method == "POST":
        services.activiteit_delete(actor=request.user, activiteit=activiteit)
        messages.success(request, "De onderzoeksactiviteit is verwijderd.")
        return redirect("dossiers:onderzoek", dossier.pk)
    return render(
        request,
        "dossiers/bevestig_verwijderen.html",
        {
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
    if request.method == "POST":
        rules.check_research(request.user, dossier)
        action = request.POST.get("actie")
        try:
            if action == "bevinding":
                bevinding_form = BevindingForm(request.POST, prefix="bevinding", dossier=dossier, vraag=vraag)
                if bevinding_form.is_valid():
                    bevinding = services.bevinding_create(
                        actor=request.user, dossier=dossier, vraag=vraag, item=bevinding_form.item()
                    )
                    messages.success(request, "De bevinding is vastgelegd. U kunt er nu bewijsstukken aan toevoegen.")
                    return redirect(f"{request.path}#bevinding-{bevinding.pk}")
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
    form = BevindingForm(
        posted(request), instance=bevinding, prefix="bevinding", dossier=dossier, vraag=bevinding.vraag
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.bevinding_update(
                actor=request.user,
                bevinding=bevinding,
                expected_revision=form.opened_revision,
                item=form.item(),
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc))
        else:
            messages.success(request, "De bevinding is bijgewerkt.")
            return redirect(f"{vraag_url(dossier, bevinding.vraag)}#bevinding-{bevinding.pk}")
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
    return render(
        request,
        "dossiers/bevestig_verwijderen.html",
        {
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
    if request.method == "POST" and form.is_valid():
        try:
            services.aanname_toetsen(
                actor=request.user,
                aanname=aanname,
                expected_revision=form.opened_revision,
                oordeel=form.cleaned_data["oordeel"],
                toelichting=form.cleaned_data["toelichting"],
                bevindingen=[b.pk for b in form.cleaned_data["bevindingen"]],
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc))
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
        {
            "form": form,
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
    if request.method == "POST" and form.is_valid():
        bewijsstuk = services.bewijsstuk_add(
            actor=request.user,
            upload=form.cleaned_data["bestand"],
            soort=form.soort,
            omschrijving=form.cleaned_data["omschrijving"],
            **parent,
        )
        messages.success(request, f"Het bestand ‘{bewijsstuk.naam}’ is toegevoegd.")
        return redirect(_back(dossier, parent))
    return render(
        request,
        "dossiers/formulier.html",
        {
            "dossier": dossier,
            "form": form,
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
    parent = {
        name: value
        for name, value in [
            ("bevinding", bewijsstuk.bevinding),
            ("activiteit", bewijsstuk.activiteit),
            ("toetsing", bewijsstuk.toetsing),
        ]
        if value
    }
    if request.method == "POST":
        services.bewijsstuk_delete(actor=request.user, bewijsstuk=bewijsstuk)
        messages.success(request, f"Het bestand ‘{bewijsstuk.naam}’ is verwijderd.")
        return redirect(_back(dossier, parent))
    return render(
        request,
        "dossiers/bevestig_verwijderen.html",
        {"dossier": dossier, "wat": f"het bewijsstuk ‘{bewijsstuk.naam}’", "terug": _back(dossier, parent)},
    )


def bewijsstuk_download(request, dossier_id: int, bewijsstuk_id: int):
    """Evidence is served only here, after the rights check, with a safe name, never from a public folder."""
    dossier = get_dossier(dossier_id)
    bewijsstuk = get_object_or_404(Bewijsstuk, pk=bewijsstuk_id, dossier=dossier)
    require(rules.check_read_evidence, request.user, dossier)
    return download(request, bewijsstuk.bestand, filename=bewijsstuk.naam, content_type=bewijsstuk.mime_type)

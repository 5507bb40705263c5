from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dossiers import rules
from dossiers.views import get_dossier, posted, refusals_handled, stale_message
from invoeringstoets.concurrency import StaleEdit

from . import services
from .constants import FASE_PER_INDICATOR, Fase, Indicator
from .forms import IndicatorFormSet, ScreeningForm


@require_POST
@refusals_handled
def screening_start(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    services.screening_start(actor=request.user, dossier=dossier)
    messages.success(request, "De screening is gestart. Leg per indicator vast of die van toepassing is.")
    return redirect("indicatoren:screening", dossier.pk)


@refusals_handled
def screening_edit(request, dossier_id: int):
    dossier = get_dossier(dossier_id)
    rules.check_screen(request.user, dossier)
    screening = services.current_screening(dossier)
    if screening is None or screening.is_decided:
        raise rules.WrongStatus("Er is geen open screening; start eerst een screening.")
    deciding = request.POST.get("actie") == "besluiten"
    rows = list(screening.indicatoren.all())
    data = posted(request)
    form = ScreeningForm(
        data,
        deciding=deciding,
        initial={"besluit": screening.besluit, "motivering": screening.motivering, "revision": screening.revision},
    )
    formset = IndicatorFormSet(
        data,
        prefix="indicatoren",
        form_kwargs={"deciding": deciding},
        initial=[
            {
                "indicator": row.indicator,
                "van_toepassing": row.van_toepassing,
                "sterkte": row.sterkte,
                "toelichting": row.toelichting,
            }
            for row in rows
        ],
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        save = services.screening_decide if deciding else services.screening_save_draft
        try:
            save(
                actor=request.user,
                dossier=dossier,
                expected_revision=form.cleaned_data["revision"] or 0,
                indicatoren=formset.indicatoren(),
                besluit=form.cleaned_data["besluit"],
                motivering=form.cleaned_data["motivering"],
            )
        except StaleEdit as exc:
            form.add_error(None, stale_message(exc.instance))
        except rules.WrongStatus as exc:
            form.add_error(None, exc.message)
        else:
            if deciding:
                messages.success(request, "Het besluit van de screening is vastgelegd.")
                return redirect(dossier)
            messages.success(request, "De screening is als concept opgeslagen.")
            return redirect("indicatoren:screening", dossier.pk)
    groups = [
        (fase.label, [f for f in formset.forms if FASE_PER_INDICATOR.get(f["indicator"].value()) == fase])
        for fase in Fase
    ]
    return render(
        request,
        "indicatoren/screening_form.html",
        {
            "dossier": dossier,
            "form": form,
            "formset": formset,
            "groups": groups,
            "indicator_labels": dict(Indicator.choices),
        },
    )

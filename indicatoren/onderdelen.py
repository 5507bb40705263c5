"""What indicatoren adds to a dossier (dossiers.onderdelen): the panels of the dossier page about the screening,
tests, signals and usage; those parts of the dossier record; and their change histories in the timeline."""

from django.http import HttpRequest

from dossiers.models import Dossier
from dossiers.onderdelen import NA_AANNAMES, Paneel, Register
from invoeringstoets.formats import iso, persoon

from . import hoofdstukken, selectors
from .constants import Fase
from .models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Signaal,
    SignaalImport,
    Uitvoeringstoets,
)


def _paneel(request: HttpRequest, dossier: Dossier) -> dict:
    return {"screenings": selectors.screening_history(dossier), **selectors.praktijk_samenvatting(dossier)}


def _screening(dossier: Dossier) -> dict | None:
    besloten = next((s for s in selectors.screening_history(dossier) if s.is_decided), None)
    if besloten is None:
        return None
    rows = list(besloten.indicatoren.all())
    return {
        "besluit": besloten.get_besluit_display(),
        "besluit_code": besloten.besluit,
        "motivering": besloten.motivering,
        "peildatum": iso(besloten.peildatum),
        "besloten_door": persoon(besloten.decided_by),
        "besloten_op": iso(besloten.decided_at),
        "fasen": [
            {
                "label": fase.label,
                "indicatoren": [
                    {
                        "indicator": row.get_indicator_display(),
                        "van_toepassing": row.van_toepassing,
                        "sterkte": row.get_sterkte_display(),
                        "toelichting": row.toelichting,
                        "voorstel_reden": row.voorstel_reden,
                        "afwijking_reden": row.afwijking_reden if row.wijkt_af else "",
                    }
                    for row in rows
                    if row.fase == fase
                ],
            }
            for fase in Fase
        ],
    }


def _uitvoeringstoets(toets) -> dict | None:
    if toets is None:
        return None
    return {
        "gevolgen": [{"label": label, "markeringen": marks} for label, marks in toets.impact_rows()],
        "risico_procesverstoringen": toets.get_risico_procesverstoringen_display(),
        "kosten": [
            {"label": label, "incidenteel": inc, "structureel": struc} for label, inc, struc in toets.kosten_rows()
        ],
        "fte_incidenteel": str(toets.fte_incidenteel),
        "fte_structureel": str(toets.fte_structureel),
        "invoering_mogelijk_per": iso(toets.invoering_mogelijk_per),
        "beslag_portfolio": toets.get_beslag_portfolio_display(),
        "beslag_portfolio_toelichting": toets.beslag_portfolio_toelichting,
        "eindoordeel": toets.get_eindoordeel_display(),
        "voorwaarden": toets.voorwaarden,
    }


def _secties(dossier: Dossier) -> dict:
    ex_ante = selectors.ex_ante(dossier)
    regeldruk = ex_ante["regeldruktoets"]
    return {
        "screening": _screening(dossier),
        "uitvoeringstoets": _uitvoeringstoets(ex_ante["uitvoeringstoets"]),
        "regeldruk": {
            "uren_per_jaar": str(regeldruk.uren_per_jaar),
            "euro_per_jaar": regeldruk.euro_per_jaar,
            "atr_oordeel": regeldruk.get_atr_oordeel_display(),
            "toelichting": regeldruk.toelichting,
        }
        if regeldruk
        else None,
        "doenvermogen": [
            {"eis": b.get_eis_display(), "niveau": b.get_niveau_display(), "toelichting": b.toelichting}
            for b in ex_ante["doenvermogen"]
        ],
        "andere_toetsen": [
            {"naam": t.naam, "uitkomst": t.uitkomst, "document": t.document} for t in ex_ante["andere_toetsen"]
        ],
        "gebruik": [
            {
                "periode": iso(p.periode),
                "aanvragen": p.aanvragen,
                "toekenningen": p.toekenningen,
                "afwijzingen": p.afwijzingen,
            }
            for p in selectors.gebruik(dossier)
        ],
        "signalen": [
            {
                "soort": row["label"],
                "aantal": row["aantal"],
                "eerste": iso(row["eerste"]),
                "laatste": iso(row["laatste"]),
            }
            for row in selectors.signalen_per_soort(dossier)
        ],
    }


def _tijdlijn(dossier: Dossier) -> list:
    screenings = list(Screening.history.filter(dossier_id=dossier.pk).values_list("id", flat=True).distinct())
    regeling_id = dossier.regeling_id
    return [
        (Screening, {"dossier_id": dossier.pk}),
        (ScreeningIndicator, {"screening_id__in": screenings}),
        (Uitvoeringstoets, {"regeling_id": regeling_id}),
        (Regeldruktoets, {"regeling_id": regeling_id}),
        (DoenvermogenBeoordeling, {"regeling_id": regeling_id}),
        (AndereToets, {"regeling_id": regeling_id}),
        (GebruikPeriode, {"dossier_id": dossier.pk}),
        (SignaalImport, {"dossier_id": dossier.pk}),
        (Signaal, {"dossier_id": dossier.pk}),
    ]


def registreer(register: Register) -> None:
    register.panelen.append(Paneel(NA_AANNAMES, "indicatoren/_dossier_panelen.html", _paneel))
    register.secties.append(_secties)
    register.tijdlijn.append(_tijdlijn)
    register.hoofdstukken.extend(hoofdstukken.HOOFDSTUKKEN)
    register.naam_velden.update(
        {
            "screening": "besluit",
            "screeningindicator": "indicator",
            "doenvermogenbeoordeling": "eis",
            "anderetoets": "naam",
            "gebruikperiode": "periode",
            "signaalimport": "bestandsnaam",
            "signaal": "samenvatting",
        }
    )

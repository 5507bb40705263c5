"""The dossier as plain data: what the report shows, and what approval keeps for good.

At approval this dict is stored with the conclusion, so the approved version can always be read and reported
exactly as it was approved, whatever changes later. A concept report is rendered from the same dict built from
the live data, so both go through one template. Values are display-ready (labels, not codes) and JSON-safe.
"""

from django.utils import timezone

from invoeringstoets.formats import iso, persoon

from . import onderdelen
from .constants import BevindingSoort, DossierStatus
from .models import Conclusie
from .selectors import dossier_with_everything, vragen_overzicht

VERSIE = 2


def _bewijs(stuk, bij: str) -> dict:
    return {
        "naam": stuk.naam,
        "soort": stuk.soort,
        "grootte": stuk.grootte,
        "sha256": stuk.sha256,
        "bij": bij,
        "omschrijving": stuk.omschrijving,
        "toegevoegd_op": iso(stuk.uploaded_at),
    }


def dossier_inhoud(dossier_id: int, *, conclusie: Conclusie | None = None) -> dict:
    """Everything the report shows, as plain data. `conclusie`: the version to report (default: the newest)."""
    dossier = dossier_with_everything(dossier_id)
    regeling = dossier.regeling
    if conclusie is None:
        conclusie = next(iter(dossier.conclusies.all()), None)
    planning = getattr(dossier, "planning", None)
    bewijsstukken = []
    vragen = []
    for groep in vragen_overzicht(dossier):
        for vraag in groep.vragen:
            bevindingen = []
            for b in vraag.bevindingen:
                bewijsstukken += [_bewijs(f, f"bevinding {b.vraag} ‘{b.titel}’") for f in b.bewijsstukken.all()]
                bevindingen.append(
                    {
                        "titel": b.titel,
                        "tekst": b.tekst,
                        "soort": b.get_soort_display(),
                        "knelpunt": b.soort != BevindingSoort.ERVARING,
                        "ernst": b.get_ernst_display(),
                        "bewijskracht": b.get_bewijskracht_display(),
                        "discriminerend": b.discriminerend,
                        "discriminatie_toelichting": b.discriminatie_toelichting,
                        "organisatie": b.organisatie.naam if b.organisatie_id else "",
                        "bewijsstukken": [{"naam": f.naam, "sha256": f.sha256} for f in b.bewijsstukken.all()],
                    }
                )
            vragen.append(
                {
                    "hoofdvraag": groep.nummer,
                    "hoofdvraag_label": groep.label,
                    "code": vraag.code,
                    "label": vraag.label,
                    "geen_bevindingen": vraag.geen_bevindingen.reden if vraag.geen_bevindingen else None,
                    "bevindingen": bevindingen,
                }
            )
    activiteiten = []
    for a in dossier.activiteiten.all():
        bewijsstukken += [
            _bewijs(f, f"{a.get_soort_display().lower()} van {a.datum:%d-%m-%Y}") for f in a.bewijsstukken.all()
        ]
        activiteiten.append(
            {
                "datum": iso(a.datum),
                "soort": a.get_soort_display(),
                "bereik": a.bereik,
                "samenvatting": a.samenvatting,
            }
        )
    aannames = []
    for a in regeling.aannames.all():
        toetsing = a.toetsing if hasattr(a, "toetsing") else None
        if toetsing:
            bewijsstukken += [_bewijs(f, f"toetsing van ‘{a.tekst[:60]}’") for f in toetsing.bewijsstukken.all()]
        aannames.append(
            {
                "tekst": a.tekst,
                "bron": a.get_bron_display(),
                "oordeel": toetsing.get_oordeel_display() if toetsing else None,
                "toelichting": toetsing.toelichting if toetsing else "",
                "onderbouwing": [f"{b.vraag} ‘{b.titel}’" for b in toetsing.bevindingen.all()] if toetsing else [],
            }
        )
    return {
        "versie": VERSIE,
        "gemaakt_op": timezone.now().isoformat(),
        # Approval stores this before the status moves on, so an approved version names its own status.
        "status": DossierStatus.VASTGESTELD.label
        if conclusie and conclusie.vastgesteld_at
        else dossier.get_status_display(),
        "regeling": {
            "naam": regeling.naam,
            "ministerie": regeling.ministerie.naam,
            "directie": regeling.directie.naam,
            "wettelijke_grondslag": regeling.wettelijke_grondslag,
            "inwerkingtreding": iso(regeling.inwerkingtreding),
            "uitvoeringsorganisaties": [o.naam for o in regeling.uitvoerders],
            "doelgroep": regeling.doelgroep,
            "verwachte_omvang": regeling.verwachte_omvang,
            "omvang_toelichting": regeling.omvang_toelichting,
        },
        "kernteam": [persoon(u) for u in dossier.kernteam.all()],
        "deelnemers": [
            {"naam": d.naam, "organisatie": d.organisatie, "rol": d.get_rol_display()} for d in dossier.deelnemers.all()
        ],
        "planning": {
            "start": iso(planning.start),
            "beoogd_einde": iso(planning.beoogd_einde),
            "moment": planning.moment,
        }
        if planning
        else None,
        "activiteiten": activiteiten,
        "vragen": vragen,
        "aannames": aannames,
        "conclusie": {
            "volgnummer": conclusie.volgnummer,
            "uitkomst": conclusie.uitkomst,
            "uitkomst_label": conclusie.get_uitkomst_display(),
            "toelichting": conclusie.toelichting,
            "aanbevelingen": [
                {
                    "tekst": a.tekst,
                    "adressaat": a.get_adressaat_display(),
                    "prioriteit": a.get_prioriteit_display(),
                    "eigenaar": a.eigenaar,
                }
                for a in conclusie.aanbevelingen.all()
            ],
            "vastgesteld_door": persoon(conclusie.vastgesteld_by),
            "vastgesteld_op": iso(conclusie.vastgesteld_at),
        }
        if conclusie
        else None,
        "bewijsstukken": bewijsstukken,
        # The screening, the ex-ante tests, usage and signals: from the apps that own them.
        **onderdelen.secties(dossier),
    }

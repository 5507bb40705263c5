"""The overview of all invoeringstoetsen (the ministries' "indicatief overzicht") and the management dashboard.

One queryset serves the page, every export and the command: each row is a dossier with its ministry, regeling,
status, screening decision, planned and actual date and outcome, annotated in SQL so a page of 50 rows costs the
same few queries with ten or ten thousand dossiers.
"""

import csv
import io
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Exists, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Coalesce, ExtractYear
from django.utils import timezone

from dossiers.constants import BevindingSoort, DossierStatus, Uitkomst
from dossiers.models import Actie, Bevinding, Conclusie, Dossier, RegelingUitvoerder
from indicatoren.constants import Besluit
from indicatoren.models import Screening
from invoeringstoets.spreadsheet import Werkblad, csv_cel, werkboek

# The columns of the overview and of its exports, in order: (key, heading).
KOLOMMEN = [
    ("ministerie", "Ministerie"),
    ("regeling", "Regeling"),
    ("status", "Status"),
    ("besluit", "Besluit screening"),
    ("gepland", "Gepland"),
    ("werkelijk", "Vastgesteld"),
    ("uitkomst", "Uitkomst"),
]

SORTERINGEN = {
    "ministerie": "regeling__ministerie__naam",
    "regeling": "regeling__naam",
    "status": "status",
    "besluit": "besluit",
    "gepland": "gepland",
    "werkelijk": "werkelijk",
    "uitkomst": "uitkomst",
}


@dataclass(frozen=True)
class Filters:
    ministerie: str = ""
    organisatie: str = ""  # an uitvoeringsorganisatie of the regeling, by name
    status: str = ""
    uitkomst: str = ""
    jaar: int | None = None
    sorteer: str = "ministerie"
    ongeldig: bool = False


def rijen(filters: Filters) -> QuerySet[Dossier]:
    """The dossiers of the overview, filtered and sorted, with every column annotated."""
    besluit = Screening.objects.filter(dossier=OuterRef("pk"), decided_at__isnull=False).order_by("-decided_at")
    vastgesteld = Conclusie.objects.filter(dossier=OuterRef("pk"), vastgesteld_at__isnull=False).order_by("-volgnummer")
    rows = (
        Dossier.objects.select_related("regeling__ministerie")
        .annotate(
            besluit=Subquery(besluit.values("besluit")[:1]),
            gepland=F("planning__beoogd_einde"),
            werkelijk=Cast(Subquery(vastgesteld.values("vastgesteld_at")[:1]), DateField()),
            uitkomst=Subquery(vastgesteld.values("uitkomst")[:1]),
        )
        .annotate(jaar=ExtractYear(Coalesce("werkelijk", "gepland")))
    )
    if filters.ongeldig:
        return rows.none()
    if filters.ministerie:
        rows = rows.filter(regeling__ministerie__naam=filters.ministerie)
    if filters.organisatie:
        uitvoerder = RegelingUitvoerder.objects.filter(
            regeling=OuterRef("regeling"), organisatie__naam=filters.organisatie
        )
        rows = rows.filter(Exists(uitvoerder))
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.uitkomst:
        rows = rows.filter(uitkomst=filters.uitkomst)
    if filters.jaar:
        rows = rows.filter(jaar=filters.jaar)
    veld = SORTERINGEN.get(filters.sorteer.lstrip("-"), "regeling__ministerie__naam")
    richting = F(veld).desc(nulls_last=True) if filters.sorteer.startswith("-") else F(veld).asc(nulls_last=True)
    return rows.order_by(richting, "regeling__naam", "pk")


def ministeries() -> list[str]:
    return list(
        Dossier.objects.order_by("regeling__ministerie__naam")
        .values_list("regeling__ministerie__naam", flat=True)
        .distinct()
    )


def uitvoeringsorganisaties() -> list[str]:
    """The uitvoeringsorganisaties that carry out a regeling with a dossier, for the filter."""
    return list(
        RegelingUitvoerder.objects.order_by("organisatie__naam").values_list("organisatie__naam", flat=True).distinct()
    )


def jaren() -> list[int]:
    return [j for j in rijen(Filters()).order_by().values_list("jaar", flat=True).distinct() if j] or []


def waarden(dossier: Dossier) -> list:
    """One row of the overview as display values (labels, Dutch dates as dates)."""
    return [
        dossier.regeling.ministerie.naam,
        dossier.regeling.naam,
        dossier.get_status_display(),
        Besluit(dossier.besluit).label if dossier.besluit else "",
        dossier.gepland,
        dossier.werkelijk,
        Uitkomst(dossier.uitkomst).label if dossier.uitkomst else "",
    ]


def csv_regels(rows: QuerySet[Dossier]) -> Iterator[str]:
    """The rows as CSV, a line at a time (streamed): semicolons and a BOM, as Excel in Dutch expects."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    yield "\ufeff"
    writer.writerow([kop for _, kop in KOLOMMEN])
    for dossier in rows.iterator(chunk_size=2000):
        writer.writerow([csv_cel(v) for v in waarden(dossier)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
    yield buffer.getvalue()


def xlsx_bestand(rows: QuerySet[Dossier]):
    """The rows as an Excel workbook. XlsxWriter's constant-memory mode writes each row to disk as it comes,
    so ten thousand rows never sit in memory; the file is then streamed to the user."""
    output = tempfile.TemporaryFile()  # noqa: SIM115 - returned open; FileResponse closes it after sending
    workbook = werkboek(output)
    blad = Werkblad(workbook, "Overzicht")
    sheet = blad.sheet
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 50)
    sheet.set_column(2, 6, 18)
    blad.rij(0, [titel for _, titel in KOLOMMEN], workbook.add_format({"bold": True, "bg_color": "#E8EEF5"}))
    for row_number, dossier in enumerate(rows.iterator(chunk_size=2000), start=1):
        blad.rij(row_number, waarden(dossier))
    sheet.autofilter(0, 0, 0, len(KOLOMMEN) - 1)
    workbook.set_properties({"title": "Indicatief overzicht invoeringstoetsen", "author": "Invoeringstoets"})
    workbook.close()
    output.seek(0)
    return output


# ---------------------------------------------------------------------------------------------------------------
# The dashboard


def _uitgevoerd_door(organisatie: str, regeling: str = "regeling"):
    """A condition: the regeling at `regeling` (a path from the rows) is carried out by the named organisation."""
    return Exists(RegelingUitvoerder.objects.filter(regeling=OuterRef(regeling), organisatie__naam=organisatie))


def dashboard(today: date | None = None, organisatie: str = "") -> dict:
    """The dashboard, for every regeling or for those one uitvoeringsorganisatie carries out."""
    today = today or timezone.localdate()
    filters = Filters(organisatie=organisatie)
    dossiers = Dossier.objects.all()
    acties = Actie.objects.filter(afgerond_op__isnull=True, deadline__lt=today)
    if organisatie:
        dossiers = dossiers.filter(_uitgevoerd_door(organisatie))
        acties = acties.filter(_uitgevoerd_door(organisatie, "conclusie__dossier__regeling"))
    per_status = dict(dossiers.order_by().values_list("status").annotate(n=Count("pk")))
    per_uitkomst = dict(
        rijen(filters).order_by().exclude(uitkomst=None).values_list("uitkomst").annotate(n=Count("pk"))
    )
    te_laat_gepland = (
        rijen(filters)
        .exclude(status__in=[DossierStatus.VASTGESTELD, DossierStatus.GEEN_INVOERINGSTOETS])
        .filter(gepland__lt=today)
        .order_by("gepland")
    )
    acties = acties.select_related("eigenaar", "eigenaar_organisatie", "conclusie__dossier__regeling")
    return {
        "per_status": [(label, per_status.get(value, 0), value) for value, label in DossierStatus.choices],
        "per_uitkomst": [(label, per_uitkomst.get(value, 0), value) for value, label in Uitkomst.choices],
        "te_laat_gepland": list(te_laat_gepland[:20]),
        "te_laat_gepland_aantal": te_laat_gepland.count(),
        "acties_te_laat": list(acties.order_by("deadline")[:20]),
        "acties_te_laat_aantal": acties.count(),
        "knelpunten": terugkerende_knelpunten(organisatie=organisatie),
    }


def terugkerende_knelpunten(organisaties: int = 10, per_organisatie: int = 5, organisatie: str = "") -> list[dict]:
    """Bottlenecks that recur: findings of kind knelpunt per implementing organisation, in two or more dossiers.

    One dossier with several knelpunten is a problem of that regulation; the same organisation meeting them
    in several regulations is the pattern management wants to see. Counted by the organisation the finding itself
    names, not by every organisation of its regeling."""
    knelpunten = Bevinding.objects.filter(soort=BevindingSoort.KNELPUNT)
    if organisatie:
        knelpunten = knelpunten.filter(organisatie__naam=organisatie)
    top = list(
        knelpunten.values("organisatie__naam")
        .exclude(organisatie__naam=None)
        .annotate(aantal=Count("pk", distinct=True), dossiers=Count("dossier", distinct=True))
        .filter(dossiers__gte=2)
        .order_by("-dossiers", "-aantal", "organisatie__naam")[:organisaties]
    )
    namen = [row["organisatie__naam"] for row in top]
    voorbeelden: dict[str, list] = {naam: [] for naam in namen}
    for organisatie, titel, dossier_id, regeling in (
        knelpunten.filter(organisatie__naam__in=namen)
        .order_by("-created_at")
        .values_list("organisatie__naam", "titel", "dossier_id", "dossier__regeling__naam")
        .iterator()
    ):
        if len(voorbeelden[organisatie]) < per_organisatie:
            voorbeelden[organisatie].append({"titel": titel, "dossier_id": dossier_id, "regeling": regeling})
        if all(len(v) >= per_organisatie for v in voorbeelden.values()):
            break
    return [
        {
            "organisatie": row["organisatie__naam"],
            "aantal": row["aantal"],
            "dossiers": row["dossiers"],
            "voorbeelden": voorbeelden[row["organisatie__naam"]],
        }
        for row in top
    ]

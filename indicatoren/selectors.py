from django.db.models import Count, Max, Min, Prefetch, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from dossiers.models import Dossier

from .charts import gebruik_svg
from .constants import Fase, SignaalSoort
from .models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Screening,
    ScreeningIndicator,
    Signaal,
    Uitvoeringstoets,
)


def screening_history(dossier: Dossier) -> list[Screening]:
    """Every screening of the dossier, newest first, with its indicators and the people who decided."""
    return list(
        Screening.objects.filter(dossier=dossier)
        .select_related("created_by", "decided_by")
        .prefetch_related(Prefetch("indicatoren", queryset=ScreeningIndicator.objects.order_by("pk")))
        .order_by("-created_at", "-pk")
    )


def indicatoren_per_fase(screening: Screening) -> list[tuple[str, list[ScreeningIndicator]]]:
    rows = list(screening.indicatoren.all())
    return [(fase.label, [row for row in rows if row.fase == fase]) for fase in Fase]


def ex_ante(dossier: Dossier) -> dict:
    """The ex-ante test results of the dossier's regeling, for its pages and the report."""
    regeling = dossier.regeling
    return {
        "uitvoeringstoets": Uitvoeringstoets.objects.filter(regeling=regeling).select_related("updated_by").first(),
        "regeldruktoets": Regeldruktoets.objects.filter(regeling=regeling).select_related("updated_by").first(),
        "doenvermogen": list(DoenvermogenBeoordeling.objects.filter(regeling=regeling)),
        "andere_toetsen": list(AndereToets.objects.filter(regeling=regeling)),
    }


def signalen(
    *,
    dossier: Dossier | None = None,
    soort: str = "",
    van=None,
    tot=None,
    regeling: str = "",
) -> QuerySet[Signaal]:
    """Signals newest first, filtered; the page takes a slice, so the count of queries does not grow with them."""
    rows = Signaal.objects.select_related("dossier__regeling", "created_by").order_by("-datum", "-id")
    if dossier is not None:
        rows = rows.filter(dossier=dossier)
    if soort:
        rows = rows.filter(soort=soort)
    if van:
        rows = rows.filter(datum__gte=van)
    if tot:
        rows = rows.filter(datum__lte=tot)
    if regeling:
        rows = rows.filter(dossier__regeling__naam__icontains=regeling)
    return rows


def tellingen(rows: QuerySet[Signaal]) -> tuple[int, int]:
    """How many rows, and how many reports they stand for (a row with aantal 12 counts 12), in one pass over the
    rows: with a million signals each pass is a scan of its own."""
    totals = rows.order_by().aggregate(n=Count("pk"), gewogen=Sum(Coalesce("aantal", Value(1))))
    return totals["n"], totals["gewogen"] or 0


def gebruik(dossier: Dossier) -> list[GebruikPeriode]:
    return list(GebruikPeriode.objects.filter(dossier=dossier).order_by("periode"))


def praktijk_samenvatting(dossier: Dossier) -> dict:
    """What the dossier page shows of ex-ante tests, signals and usage, in a fixed number of queries."""
    regeling = dossier.regeling
    toetsen = [
        naam
        for naam, model in [
            ("uitvoeringstoets", Uitvoeringstoets),
            ("regeldruktoets", Regeldruktoets),
        ]
        if model.objects.filter(regeling=regeling).exists()
    ]
    if DoenvermogenBeoordeling.objects.filter(regeling=regeling).exists():
        toetsen.append("doenvermogentoets")
    andere = AndereToets.objects.filter(regeling=regeling).count()
    if andere:
        toetsen.append(f"{andere} andere")
    return {
        "ex_ante_samenvatting": ", ".join(toetsen),
        **Signaal.objects.filter(dossier=dossier)
        .order_by()
        .aggregate(signalen_aantal=Count("pk"), signalen_gewogen=Coalesce(Sum(Coalesce("aantal", Value(1))), 0)),
        "gebruik_chart": gebruik_svg(
            gebruik(dossier),
            regeling.verwachte_omvang,
            titel=f"Gebruik van {regeling.naam} tegen de verwachting",
            id_prefix="dossier-gebruik",
        ),
    }


def signalen_per_soort(dossier: Dossier) -> list[dict]:
    """Per kind of signal: how many (weighted by their count), the first and the last date."""
    rows = (
        Signaal.objects.filter(dossier=dossier)
        .values("soort")
        .annotate(aantal=Sum(Coalesce("aantal", Value(1))), eerste=Min("datum"), laatste=Max("datum"))
        .order_by("soort")
    )
    labels = dict(SignaalSoort.choices)
    return [{**row, "label": labels.get(row["soort"], row["soort"])} for row in rows]

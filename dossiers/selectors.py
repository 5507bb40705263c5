"""Reads for dossier pages and the report: one place that knows which rows a page needs, fetched up front."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from .constants import AANNAME_BRON_PER_VRAAG, HOOFDVRAGEN, BevindingSoort, CentraleVraag, DossierStatus, Role
from .models import (
    DOSSIER_LIST_ORDER,
    Aanname,
    AannameToetsing,
    Actie,
    Bevinding,
    Bewijsstuk,
    Conclusie,
    Deelnemer,
    Dossier,
    GeenBevindingen,
    Onderzoeksactiviteit,
    RegelingUitvoerder,
    StatusChange,
)

LIST_COLUMNS = [
    "status",
    "status_changed_at",
    "herscreening_sinds",
    "herscreening_reden",
    "regeling__naam",
    "regeling__ministerie__naam",
    "regeling__inwerkingtreding",
]


def kernteam_candidates() -> QuerySet:
    """Who can be on a kernteam: active users with the role Kernteam (the form and the admin offer only them)."""
    return (
        get_user_model()
        .objects.filter(groups__name=Role.KERNTEAM, is_active=True)
        .order_by("last_name", "first_name", "username")
    )


def dossier_list(status: str | None = None) -> QuerySet[Dossier]:
    # Only the columns the list shows: a deep page sorts thousands of rows, and narrow rows sort in memory.
    dossiers = Dossier.objects.select_related("regeling__ministerie").only(*LIST_COLUMNS).order_by(*DOSSIER_LIST_ORDER)
    if status:
        dossiers = dossiers.filter(status=status)
    return dossiers


def with_overdue_actions(dossiers: list[Dossier]) -> list[Dossier]:
    """Set `acties_te_laat` on each dossier: its follow-up actions past their date and not done. One query for
    the dossiers at hand (a page of the list), not a join over every dossier."""
    counts = dict(
        Actie.objects.filter(
            conclusie__dossier__in=[d.pk for d in dossiers],
            afgerond_op__isnull=True,
            deadline__lt=timezone.localdate(),
        )
        .values_list("conclusie__dossier")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for dossier in dossiers:
        dossier.acties_te_laat = counts.get(dossier.pk, 0)
    return dossiers


def _dossier_with_parts(*, details: bool) -> QuerySet[Dossier]:
    """The dossier and its parts in a fixed number of queries. `details` adds what the question pages and the report
    show of each finding, activity and assessment: the linked signals, activities and findings, and the evidence."""
    aannames = Aanname.objects.select_related("toetsing__updated_by")
    activiteiten = Onderzoeksactiviteit.objects.select_related("created_by")
    bevindingen = Bevinding.objects.select_related("created_by", "updated_by", "organisatie")
    if details:
        bewijs = Bewijsstuk.objects.select_related("uploaded_by").order_by("uploaded_at", "pk")
        aannames = aannames.prefetch_related(
            Prefetch("toetsing__bevindingen", queryset=Bevinding.objects.only("pk", "vraag", "titel")),
            Prefetch("toetsing__bewijsstukken", queryset=bewijs),
        )
        activiteiten = activiteiten.prefetch_related(Prefetch("bewijsstukken", queryset=bewijs))
        bevindingen = bevindingen.prefetch_related(
            "signalen",
            "activiteiten",
            Prefetch("bewijsstukken", queryset=bewijs),
            Prefetch("toetsingen", queryset=AannameToetsing.objects.select_related("aanname")),
        )
    return Dossier.objects.select_related(
        "regeling__created_by",
        "regeling__updated_by",
        "regeling__ministerie",
        "regeling__directie__valt_onder",
        "planning__updated_by",
    ).prefetch_related(
        Prefetch("regeling__uitvoerder_rijen", queryset=RegelingUitvoerder.objects.select_related("organisatie")),
        Prefetch("regeling__aannames", queryset=aannames),
        "kernteam",
        Prefetch("deelnemers", queryset=Deelnemer.objects.order_by("rol", "naam")),
        Prefetch("activiteiten", queryset=activiteiten),
        Prefetch("bevindingen", queryset=bevindingen),
        Prefetch("geen_bevindingen", queryset=GeenBevindingen.objects.select_related("created_by")),
        Prefetch("status_changes", queryset=StatusChange.objects.select_related("actor")),
        Prefetch(
            "conclusies",
            queryset=Conclusie.objects.select_related("updated_by", "vastgesteld_by")
            .prefetch_related("aanbevelingen")
            .order_by("-volgnummer"),
        ),
    )


def dossier_with_everything(dossier_id: int) -> Dossier:
    """The dossier with every part the question pages and the report show."""
    return _dossier_with_parts(details=True).get(pk=dossier_id)


def dossier_overview(dossier_id: int) -> Dossier:
    """What the dossier page shows: every part, and of the findings, activities and assessments what they say and
    how many there are, not their links and evidence. Seven queries fewer than the report needs (bench/results.md)."""
    return _dossier_with_parts(details=False).get(pk=dossier_id)


@dataclass
class VraagOverzicht:
    code: str
    label: str
    bevindingen: list[Bevinding] = field(default_factory=list)
    geen_bevindingen: GeenBevindingen | None = None
    aannames: list[Aanname] | None = None

    @property
    def answered(self) -> bool:
        return bool(self.bevindingen) or self.geen_bevindingen is not None

    @property
    def knelpunten(self) -> int:
        return sum(1 for b in self.bevindingen if b.soort != BevindingSoort.ERVARING)

    @property
    def discriminerend(self) -> int:
        return sum(1 for b in self.bevindingen if b.discriminerend)

    @property
    def open_aannames(self) -> int:
        return sum(1 for a in self.aannames or [] if not hasattr(a, "toetsing"))


@dataclass
class HoofdvraagOverzicht:
    nummer: str
    label: str
    vragen: list[VraagOverzicht]


def vragen_overzicht(dossier: Dossier) -> list[HoofdvraagOverzicht]:
    """The six central questions grouped under their two main questions, from the prefetched rows."""
    bevindingen: dict[str, list[Bevinding]] = {}
    for bevinding in dossier.bevindingen.all():
        bevindingen.setdefault(bevinding.vraag, []).append(bevinding)
    geen = {record.vraag: record for record in dossier.geen_bevindingen.all()}
    aannames = list(dossier.regeling.aannames.all())
    groups = []
    for nummer, label in HOOFDVRAGEN.items():
        vragen = []
        for vraag in CentraleVraag:
            if not vraag.value.startswith(nummer):
                continue
            bron = AANNAME_BRON_PER_VRAAG.get(vraag)
            vragen.append(
                VraagOverzicht(
                    code=vraag.value,
                    label=vraag.label,
                    bevindingen=bevindingen.get(vraag.value, []),
                    geen_bevindingen=geen.get(vraag.value),
                    aannames=[a for a in aannames if a.bron == bron] if bron else None,
                )
            )
        groups.append(HoofdvraagOverzicht(nummer=nummer, label=label, vragen=vragen))
    return groups


def vragen_matrix(hoofdvragen: list[HoofdvraagOverzicht]) -> list[tuple[str, list[VraagOverzicht]]]:
    """Rows A, B, C against the columns doelgroep (1) and uitvoering (2), for the matrix on the dossier page."""
    rijen = {"A": "Ervaring", "B": "Knelpunten en onbedoelde effecten", "C": "Aannames"}
    per_code = {v.code: v for groep in hoofdvragen for v in groep.vragen}
    return [(label, [per_code[f"{n}{letter}"] for n in ("1", "2")]) for letter, label in rijen.items()]


def current_conclusie(dossier: Dossier) -> Conclusie | None:
    """The newest conclusion: the one version being written, or the last approved. Read from the prefetched rows
    when the dossier has them (the model orders newest first), else in one query."""
    return next(iter(dossier.conclusies.all()), None)


def approved_conclusie(dossier: Dossier) -> Conclusie | None:
    """The newest approved version: what the follow-up and an approved report are about."""
    return next((c for c in dossier.conclusies.all() if c.is_vastgesteld), None)


def approved_versions_of(dossier: Dossier) -> list[Conclusie]:
    return [c for c in dossier.conclusies.all() if c.is_vastgesteld]


def latest_return_remark(dossier: Dossier) -> StatusChange | None:
    """The last time management sent the conclusion back, if it was sent back after the last submission."""
    last = None
    for change in dossier.status_changes.all():
        if change.from_status == DossierStatus.TER_VASTSTELLING and change.to_status == DossierStatus.IN_ONDERZOEK:
            last = change
        elif change.to_status == DossierStatus.TER_VASTSTELLING:
            last = None
    return last

"""The benchmark's data generator: the sizes the issue asks for, every status, skewed sizes, and dossiers that the
application opens like any other."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.data import FINDINGS_PER_DOSSIER, SIGNALS_PER_DOSSIER, generate, spread
from dossiers.constants import DossierStatus
from dossiers.models import Bevinding, Dossier, Regeling
from indicatoren.models import Signaal

pytestmark = pytest.mark.django_db

N = 40


@pytest.fixture
def summary(beleidsmedewerker, kernteamlid, manager):
    return generate(N)


def test_it_makes_n_regelingen_and_dossiers_with_six_findings_and_a_hundred_signals_each(summary):
    assert Regeling.objects.count() == Dossier.objects.count() == N
    assert Bevinding.objects.count() == summary.findings == FINDINGS_PER_DOSSIER * N
    assert Signaal.objects.count() == summary.signals == SIGNALS_PER_DOSSIER * N


def test_every_status_of_the_lifecycle_occurs(summary):
    assert set(Dossier.objects.values_list("status", flat=True)) == set(DossierStatus.values)
    assert sum(len(ids) for ids in summary.by_status.values()) == N


def test_sizes_are_skewed_and_the_largest_dossier_is_the_largest(summary):
    per_dossier = {d.pk: d.signalen.count() for d in Dossier.objects.all()}
    assert per_dossier[summary.largest] == max(per_dossier.values())
    assert per_dossier[summary.largest] > 2 * SIGNALS_PER_DOSSIER
    assert min(per_dossier.values()) < SIGNALS_PER_DOSSIER


def test_findings_belong_to_researched_dossiers_and_answer_every_question(summary):
    onderzocht = {DossierStatus.IN_ONDERZOEK, DossierStatus.TER_VASTSTELLING, DossierStatus.VASTGESTELD}
    assert set(Bevinding.objects.values_list("dossier__status", flat=True)) <= onderzocht
    for dossier in Dossier.objects.filter(status=DossierStatus.VASTGESTELD):
        assert set(dossier.bevindingen.values_list("vraag", flat=True)) == {"1A", "1B", "1C", "2A", "2B", "2C"}
        assert dossier.conclusies.get().vastgesteld_at is not None


def test_the_demo_kernteam_member_works_on_some_dossiers_in_onderzoek(summary, kernteamlid):
    assert summary.kernteam_dossiers
    for dossier in Dossier.objects.filter(pk__in=summary.kernteam_dossiers):
        assert dossier.status == DossierStatus.IN_ONDERZOEK
        assert kernteamlid in dossier.kernteam.all()


def test_timestamps_are_spread_over_the_past_not_all_today(summary):
    assert Dossier.objects.values("status_changed_at").distinct().count() > N / 2
    assert Signaal.objects.dates("datum", "year").count() > 1


def test_generated_dossiers_open_like_any_other_in_the_same_number_of_queries(client, summary, manager):
    client.force_login(manager)
    assert client.get("/").status_code == 200
    for status, ids in summary.by_status.items():
        assert client.get(f"/dossiers/{ids[0]}/").status_code == 200, status
    counts = []
    for pk in (summary.smallest, summary.largest):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/dossiers/{pk}/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert Dossier.objects.get(pk=summary.smallest).status == Dossier.objects.get(pk=summary.largest).status
    assert counts[0] == counts[1]


def test_the_same_seed_makes_the_same_data(beleidsmedewerker, kernteamlid, manager):
    generate(5, seed=1)
    first = list(Regeling.objects.order_by("pk").values_list("naam", "verwachte_omvang"))
    Dossier.objects.all().delete()
    Regeling.objects.all().delete()
    generate(5, seed=1)
    assert list(Regeling.objects.order_by("pk").values_list("naam", "verwachte_omvang")) == first


def test_spread_divides_exactly_with_a_minimum():
    counts = spread(100, [1.0, 5.0, 0.1, 20.0], minimum=3)
    assert sum(counts) == 100
    assert min(counts) >= 3
    assert counts[3] > counts[1] > counts[0]

"""One test (or a few) per advice rule: what the data say, what the screening proposes, and why."""

from datetime import date
from decimal import Decimal

import pytest

from indicatoren import advies
from indicatoren.advies import Feiten, adviseer, feiten_voor
from indicatoren.constants import Indicator, Sterkte
from indicatoren.models import (
    AndereToets,
    DoenvermogenBeoordeling,
    GebruikPeriode,
    Regeldruktoets,
    Signaal,
    Uitvoeringstoets,
)

PEILDATUM = date(2022, 3, 15)


def feiten(**kwargs) -> Feiten:
    return Feiten(peildatum=PEILDATUM, **kwargs)


def uitvoeringstoets(maakbaarheid="beperkt", risico="") -> Uitvoeringstoets:
    return Uitvoeringstoets(maakbaarheid_systemen=maakbaarheid, risico_procesverstoringen=risico)


def maanden(n: int, toekenningen: int, aanvragen: int | None = None, start=date(2021, 1, 1)) -> list:
    from dateutil.relativedelta import relativedelta

    return [
        GebruikPeriode(
            periode=start + relativedelta(months=i),
            aanvragen=aanvragen or toekenningen,
            toekenningen=toekenningen,
            afwijzingen=0,
        )
        for i in range(n)
    ]


class TestIctRisico:
    def test_ingrijpend_on_the_systems_proposes_a_strong_ict_risk(self):
        voorstel = advies.ict_risico(feiten(uitvoeringstoets=uitvoeringstoets("ingrijpend")))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)
        assert "maakbaarheid systemen ingrijpend" in voorstel.reden

    def test_a_large_risk_of_process_disruption_proposes_it_too(self):
        voorstel = advies.ict_risico(feiten(uitvoeringstoets=uitvoeringstoets("beperkt", "groot")))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)
        assert "risico op procesverstoringen groot" in voorstel.reden

    def test_middelgroot_proposes_a_weak_risk(self):
        voorstel = advies.ict_risico(feiten(uitvoeringstoets=uitvoeringstoets("middelgroot")))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.ZWAK)

    def test_beperkt_proposes_no_ict_risk(self):
        voorstel = advies.ict_risico(feiten(uitvoeringstoets=uitvoeringstoets("beperkt", "klein")))
        assert voorstel.van_toepassing is False

    def test_without_an_uitvoeringstoets_there_is_no_proposal(self):
        voorstel = advies.ict_risico(feiten())
        assert voorstel.van_toepassing is None
        assert "geen uitvoeringstoets" in voorstel.reden


class TestRegeldruk:
    def test_rising_burden_proposes_the_indicator(self):
        toets = Regeldruktoets(uren_per_jaar=Decimal("2.5"), euro_per_jaar=120, atr_oordeel="indienen")
        voorstel = advies.regeldruk(feiten(regeldruk=toets))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.ZWAK)
        assert "2,5 uur en € 120 per jaar" in voorstel.reden

    def test_an_atr_advice_not_to_submit_weighs_strongly(self):
        toets = Regeldruktoets(uren_per_jaar=0, euro_per_jaar=0, atr_oordeel="niet_indienen")
        assert advies.regeldruk(feiten(regeldruk=toets)).sterkte == Sterkte.STERK

    def test_no_extra_burden_proposes_nothing(self):
        toets = Regeldruktoets(uren_per_jaar=Decimal("-1"), euro_per_jaar=-50, atr_oordeel="indienen")
        assert advies.regeldruk(feiten(regeldruk=toets)).van_toepassing is False

    def test_without_a_regeldruktoets_there_is_no_proposal(self):
        assert advies.regeldruk(feiten()).van_toepassing is None


class TestDoenvermogen:
    def test_two_high_demands_propose_a_strong_indicator(self):
        rows = [
            DoenvermogenBeoordeling(eis="plannen", niveau="hoog"),
            DoenvermogenBeoordeling(eis="volhouden", niveau="hoog"),
        ]
        voorstel = advies.doenvermogen(feiten(doenvermogen=rows))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)
        assert "een doel stellen en een plan maken, volhouden" in voorstel.reden

    def test_one_high_demand_proposes_a_moderate_indicator(self):
        rows = [DoenvermogenBeoordeling(eis="in_actie_komen", niveau="hoog")]
        assert advies.doenvermogen(feiten(doenvermogen=rows)).sterkte == Sterkte.MATIG

    def test_only_low_demands_propose_nothing(self):
        rows = [DoenvermogenBeoordeling(eis="plannen", niveau="laag")]
        assert advies.doenvermogen(feiten(doenvermogen=rows)).van_toepassing is False


def test_other_ex_ante_tests_are_named_but_left_to_the_user():
    voorstel = advies.andere_ex_ante(feiten(andere_toetsen=[AndereToets(naam="Discriminatietoets")]))
    assert voorstel.van_toepassing is None
    assert "Discriminatietoets" in voorstel.reden


class TestSignalen:
    def test_three_media_reports_in_the_last_year_propose_the_media_indicator(self):
        voorstel = advies.media(feiten(signalen={("media", date(2022, 1, 1)): 3}))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.ZWAK)
        assert "3 mediasignalen" in voorstel.reden

    def test_media_reports_older_than_a_year_do_not_count(self):
        voorstel = advies.media(feiten(signalen={("media", date(2021, 3, 1)): 9}))
        assert voorstel.van_toepassing is False

    def test_many_letters_propose_a_strong_indicator(self):
        voorstel = advies.burgerbrieven(feiten(signalen={("burgerbrief", date(2022, 2, 1)): 15}))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)

    def test_a_rising_number_of_complaints_proposes_the_complaints_indicator(self):
        signalen = {
            ("klacht", date(2021, 10, 1)): 2,
            ("klacht", date(2021, 11, 1)): 2,
            ("klacht", date(2021, 12, 1)): 2,
            ("klacht", date(2022, 1, 1)): 5,
            ("klacht", date(2022, 2, 1)): 6,
            ("klacht", date(2022, 3, 1)): 7,
        }
        voorstel = advies.klachten(feiten(signalen=signalen))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)
        assert voorstel.reden.startswith("Stijgend: 18 klachten in januari 2022 tot en met maart 2022, tegen 6")

    def test_many_but_steady_complaints_are_not_rising(self):
        signalen = {("klacht", date(2021, m, 1)): 10 for m in (10, 11, 12)} | {
            ("klacht", date(2022, m, 1)): 10 for m in (1, 2, 3)
        }
        assert advies.klachten(feiten(signalen=signalen)).van_toepassing is False

    def test_kamervragen_propose_a_strong_other_signal(self):
        voorstel = advies.overige_signalen(feiten(signalen={("kamervragen", date(2022, 2, 1)): 1}))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)

    def test_a_few_implementation_signals_propose_a_weak_other_signal(self):
        voorstel = advies.overige_signalen(feiten(signalen={("uitvoeringssignaal", date(2022, 2, 1)): 3}))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.ZWAK)


class TestGebruik:
    def test_usage_below_half_of_expected_proposes_the_usage_indicator(self):
        voorstel = advies.gebruik(feiten(verwachte_omvang=4000, gebruik=maanden(14, toekenningen=50, aanvragen=80)))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)
        assert "700 toekenningen op 1.120 aanvragen, 18% van de verwachte 4.000" in voorstel.reden

    def test_usage_between_a_quarter_and_half_is_moderate(self):
        voorstel = advies.gebruik(feiten(verwachte_omvang=1000, gebruik=maanden(10, toekenningen=40)))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.MATIG)

    def test_usage_far_above_expected_proposes_it_too(self):
        voorstel = advies.gebruik(feiten(verwachte_omvang=100, gebruik=maanden(6, toekenningen=50)))
        assert (voorstel.van_toepassing, voorstel.sterkte) == (True, Sterkte.STERK)

    def test_usage_near_expected_proposes_nothing(self):
        assert (
            advies.gebruik(feiten(verwachte_omvang=600, gebruik=maanden(6, toekenningen=100))).van_toepassing is False
        )

    def test_fewer_than_six_months_are_too_early_to_judge(self):
        voorstel = advies.gebruik(feiten(verwachte_omvang=4000, gebruik=maanden(3, toekenningen=1)))
        assert voorstel.van_toepassing is None
        assert "pas na 6 maanden" in voorstel.reden


def test_every_indicator_of_both_phases_gets_a_proposal():
    assert set(adviseer(feiten())) == set(Indicator.values)


@pytest.mark.django_db
def test_the_facts_weigh_counts_and_stop_at_the_peildatum(builder, beleidsmedewerker, django_assert_num_queries):
    dossier = builder.registered()
    Signaal.objects.bulk_create(
        [
            Signaal(dossier=dossier, soort="klacht", datum=date(2022, 3, 1), bron="KCC", samenvatting="x", aantal=12),
            Signaal(dossier=dossier, soort="klacht", datum=date(2022, 3, 2), bron="KCC", samenvatting="x"),
            Signaal(dossier=dossier, soort="klacht", datum=date(2022, 4, 1), bron="KCC", samenvatting="na peildatum"),
        ]
    )
    with django_assert_num_queries(6):
        result = feiten_voor(dossier, PEILDATUM)
    assert result.signalen == {("klacht", date(2022, 3, 1)): 13}
    assert result.verwachte_omvang == 4000

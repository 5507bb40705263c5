"""Every transition of the lifecycle: allowed from its status by its actor, refused otherwise."""

import pytest

from dossiers import rules, selectors, services
from dossiers.constants import CentraleVraag, DossierStatus, Oordeel, Uitkomst
from dossiers.models import StatusChange
from dossiers.tests.factories import regeling_data
from indicatoren import services as screening_services
from indicatoren.constants import Besluit
from invoeringstoets.concurrency import StaleEdit

pytestmark = pytest.mark.django_db

ALL = DossierStatus.values


def test_registering_a_regeling_creates_a_dossier_and_records_who(builder, beleidsmedewerker):
    dossier = builder.registered()
    assert dossier.status == DossierStatus.GEREGISTREERD
    assert dossier.regeling.aannames.count() == 2
    change = dossier.status_changes.get()
    assert change.actor == beleidsmedewerker
    assert change.to_status == DossierStatus.GEREGISTREERD


@pytest.mark.parametrize("actor", ["kernteamlid", "manager", "zonder_rol"])
def test_only_a_beleidsmedewerker_registers_a_regeling(request, actor):
    with pytest.raises(rules.NotPermitted, match="Beleidsmedewerker"):
        services.regeling_register(
            actor=request.getfixturevalue(actor),
            item=services.RegelingInput.uit(regeling_data(), uitvoeringsorganisaties=(), aannames=()),
        )


def test_a_screening_starts_from_geregistreerd_with_every_indicator(builder):
    dossier = builder.screening()
    assert dossier.status == DossierStatus.SCREENING
    assert screening_services.current_screening(dossier).indicatoren.count() == 9


@pytest.mark.parametrize("status", sorted(set(ALL) - {"geregistreerd", "geen_invoeringstoets"}))
def test_a_screening_cannot_start_from_other_statuses(builder, beleidsmedewerker, status):
    dossier = builder.in_status(status)
    with pytest.raises(rules.WrongStatus):
        screening_services.screening_start(actor=beleidsmedewerker, dossier=dossier)
    assert builder.reload(dossier).status == status


def test_a_geen_invoeringstoets_decision_can_be_revisited_by_a_new_screening(builder, beleidsmedewerker):
    dossier = builder.geen_invoeringstoets()
    screening_services.screening_start(actor=beleidsmedewerker, dossier=dossier)
    assert builder.reload(dossier).status == DossierStatus.SCREENING
    assert dossier.screenings.count() == 2, "the earlier screening is kept"


@pytest.mark.parametrize(("besluit", "status"), [(Besluit.JA, "in_onderzoek"), (Besluit.NEE, "geen_invoeringstoets")])
def test_the_screening_decision_sets_the_status_and_records_the_reasoning(builder, besluit, status):
    dossier = builder.decided(besluit)
    assert dossier.status == status
    change = dossier.status_changes.order_by("pk").last()
    assert change.to_status == status
    assert "ver achter" in change.remark


def test_a_decision_needs_a_reasoning(builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = screening_services.current_screening(dossier)
    with pytest.raises(rules.WrongStatus, match="motivering"):
        screening_services.screening_decide(
            actor=beleidsmedewerker,
            dossier=dossier,
            expected_revision=screening.revision,
            indicatoren=[],
            fields={"besluit": Besluit.JA, "motivering": "  "},
        )
    assert builder.reload(dossier).status == DossierStatus.SCREENING


@pytest.mark.parametrize("actor", ["kernteamlid", "manager"])
def test_only_a_beleidsmedewerker_screens(builder, request, actor):
    dossier = builder.registered()
    with pytest.raises(rules.NotPermitted):
        screening_services.screening_start(actor=request.getfixturevalue(actor), dossier=dossier)


def test_findings_are_recorded_only_by_members_of_the_kernteam(builder, kernteamlid, buitenstaander):
    dossier = builder.in_onderzoek()
    services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1A",
        item=services.BevindingInput(titel="Titel", tekst="Tekst", soort="ervaring"),
    )
    with pytest.raises(rules.NotPermitted, match="kernteam van dit dossier"):
        services.bevinding_create(
            actor=buitenstaander,
            dossier=dossier,
            vraag="1A",
            item=services.BevindingInput(titel="T", tekst="T", soort="ervaring"),
        )
    assert dossier.bevindingen.count() == 1


@pytest.mark.parametrize("status", ["screening", "ter_vaststelling", "vastgesteld"])
def test_findings_cannot_change_outside_research(builder, kernteamlid, status):
    dossier = builder.in_status(status)
    dossier.kernteam.add(kernteamlid)
    with pytest.raises(rules.WrongStatus):
        services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag="1A",
            item=services.BevindingInput(titel="T", tekst="T", soort="ervaring"),
        )


def test_a_finding_withdraws_an_earlier_geen_bevindingen(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    services.geen_bevindingen_set(actor=kernteamlid, dossier=dossier, vraag="2A", reden="Niets gemeld.")
    services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="2A",
        item=services.BevindingInput(titel="Toch iets", tekst="Wel gemeld.", soort="ervaring"),
    )
    assert not dossier.geen_bevindingen.exists()


def test_geen_bevindingen_is_refused_when_the_question_has_findings(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1B",
        item=services.BevindingInput(titel="T", tekst="T", soort="ervaring"),
    )
    with pytest.raises(rules.WrongStatus, match="al bevindingen"):
        services.geen_bevindingen_set(actor=kernteamlid, dossier=dossier, vraag="1B", reden="Niets")


def test_submitting_lists_everything_still_missing(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    missing = services.missing_for_submit(dossier)
    assert len([m for m in missing if m.startswith("Vraag ")]) == 6
    assert "Er zijn nog 2 aannames niet getoetst." in missing
    assert "Er is nog geen conclusie vastgelegd." in missing
    with pytest.raises(rules.WrongStatus, match="Vraag 1A"):
        services.dossier_submit(actor=kernteamlid, dossier=dossier)
    assert builder.reload(dossier).status == DossierStatus.IN_ONDERZOEK


def test_a_complete_dossier_is_submitted_for_approval(builder, kernteamlid):
    dossier = builder.complete()
    assert services.missing_for_submit(dossier) == []
    services.dossier_submit(actor=kernteamlid, dossier=dossier)
    assert builder.reload(dossier).status == DossierStatus.TER_VASTSTELLING


def test_an_outsider_cannot_submit(builder, buitenstaander):
    dossier = builder.complete()
    with pytest.raises(rules.NotPermitted):
        services.dossier_submit(actor=buitenstaander, dossier=dossier)


def test_management_approves_and_the_conclusion_records_who(builder, manager):
    dossier = builder.ter_vaststelling()
    services.dossier_approve(actor=manager, dossier=dossier)
    dossier = builder.reload(dossier)
    assert dossier.status == DossierStatus.VASTGESTELD
    conclusie = selectors.current_conclusie(dossier)
    assert conclusie.vastgesteld_by == manager
    assert conclusie.vastgesteld_at is not None


def test_management_returns_with_a_remark(builder, manager):
    dossier = builder.ter_vaststelling()
    services.dossier_return(actor=manager, dossier=dossier, remark="Onderbouw 1B beter.")
    dossier = builder.reload(dossier)
    assert dossier.status == DossierStatus.IN_ONDERZOEK
    change = StatusChange.objects.filter(dossier=dossier).order_by("pk").last()
    assert (change.from_status, change.to_status, change.actor, change.remark) == (
        DossierStatus.TER_VASTSTELLING,
        DossierStatus.IN_ONDERZOEK,
        manager,
        "Onderbouw 1B beter.",
    )


def test_returning_needs_a_remark(builder, manager):
    dossier = builder.ter_vaststelling()
    with pytest.raises(rules.WrongStatus, match="opmerking"):
        services.dossier_return(actor=manager, dossier=dossier, remark=" ")


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid", "zonder_rol"])
def test_only_management_approves(builder, request, actor):
    dossier = builder.ter_vaststelling()
    with pytest.raises(rules.NotPermitted):
        services.dossier_approve(actor=request.getfixturevalue(actor), dossier=dossier)
    assert builder.reload(dossier).status == DossierStatus.TER_VASTSTELLING


@pytest.mark.parametrize("status", sorted(set(ALL) - {"ter_vaststelling"}))
def test_approval_is_refused_outside_ter_vaststelling(builder, manager, status):
    dossier = builder.in_status(status)
    with pytest.raises(rules.WrongStatus):
        services.dossier_approve(actor=manager, dossier=dossier)
    with pytest.raises(rules.WrongStatus):
        services.dossier_return(actor=manager, dossier=dossier, remark="x")


def test_an_approved_dossier_can_no_longer_change(builder, beleidsmedewerker, kernteamlid):
    dossier = builder.vastgesteld()
    bevinding = dossier.bevindingen.first()
    with pytest.raises(rules.WrongStatus):
        services.bevinding_update(
            actor=kernteamlid,
            bevinding=bevinding,
            expected_revision=bevinding.revision,
            item=services.BevindingInput(titel="x", tekst="x", soort="ervaring"),
        )
    with pytest.raises(rules.WrongStatus):
        services.conclusie_save(
            actor=kernteamlid,
            dossier=dossier,
            expected_revision=None,
            item=services.ConclusieInput(uitkomst=Uitkomst.ESCALATIE, toelichting="x", aanbevelingen=()),
        )
    with pytest.raises(rules.WrongStatus):
        services.regeling_update(
            actor=beleidsmedewerker,
            dossier=dossier,
            expected_revision=dossier.regeling.revision,
            item=services.RegelingInput.uit(regeling_data(), uitvoeringsorganisaties=(), aannames=()),
        )


def test_the_whole_history_is_recorded_in_order(builder):
    dossier = builder.vastgesteld()
    assert [c.to_status for c in dossier.status_changes.order_by("pk")] == [
        "geregistreerd",
        "screening",
        "in_onderzoek",
        "ter_vaststelling",
        "vastgesteld",
    ]


class TestTwoPeopleAtOnce:
    def test_a_save_based_on_an_old_revision_of_a_finding_is_refused(self, builder, kernteamlid):
        dossier = builder.in_onderzoek()
        bevinding = services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag="1A",
            item=services.BevindingInput(titel="T", tekst="A", soort="ervaring"),
        )
        opened_at = bevinding.revision
        services.bevinding_update(
            actor=kernteamlid,
            bevinding=bevinding,
            expected_revision=opened_at,
            item=services.BevindingInput(titel="T", tekst="B", soort="ervaring"),
        )
        with pytest.raises(StaleEdit):
            services.bevinding_update(
                actor=kernteamlid,
                bevinding=bevinding,
                expected_revision=opened_at,
                item=services.BevindingInput(titel="T", tekst="C", soort="ervaring"),
            )
        bevinding.refresh_from_db()
        assert bevinding.tekst == "B", "the first save is kept"

    def test_a_second_first_assessment_of_the_same_assumption_is_refused(self, builder, kernteamlid):
        dossier = builder.in_onderzoek()
        aanname = dossier.regeling.aannames.first()
        services.aanname_toetsen(
            actor=kernteamlid,
            aanname=aanname,
            expected_revision=None,
            item=services.ToetsingInput(oordeel=Oordeel.KLOPT, toelichting="Eerste"),
        )
        with pytest.raises(StaleEdit):
            services.aanname_toetsen(
                actor=kernteamlid,
                aanname=aanname,
                expected_revision=None,
                item=services.ToetsingInput(oordeel=Oordeel.KLOPT_NIET, toelichting="X"),
            )
        assert aanname.toetsing.toelichting == "Eerste"

    def test_a_stale_regeling_edit_changes_nothing(self, builder, beleidsmedewerker):
        dossier = builder.registered()
        regeling = dossier.regeling
        with pytest.raises(StaleEdit):
            services.regeling_update(
                actor=beleidsmedewerker,
                dossier=dossier,
                expected_revision=regeling.revision - 1,
                item=services.RegelingInput.uit(
                    {**{f: getattr(regeling, f) for f in services.REGELING_FIELDS}, "naam": "Nieuw"},
                    uitvoeringsorganisaties=("Andere organisatie",),
                    aannames=(),
                ),
            )
        regeling.refresh_from_db()
        assert regeling.naam != "Nieuw"
        assert [o.naam for o in regeling.uitvoeringsorganisaties.all()] == ["Dienst Toeslagen"]


def test_an_assumption_of_another_regeling_is_never_touched(builder, beleidsmedewerker):
    dossier = builder.registered()
    other = builder.registered(naam="Andere regeling")
    foreign = other.regeling.aannames.first()
    with pytest.raises(rules.NotPermitted):
        services.regeling_update(
            actor=beleidsmedewerker,
            dossier=dossier,
            expected_revision=dossier.regeling.revision,
            item=services.RegelingInput.uit(
                {f: getattr(dossier.regeling, f) for f in services.REGELING_FIELDS},
                uitvoeringsorganisaties=("Dienst Toeslagen",),
                aannames=(services.AannameInput(pk=foreign.pk, tekst="Gekaapt", bron="voorbereiding"),),
            ),
        )
    foreign.refresh_from_db()
    assert foreign.tekst != "Gekaapt"


def test_central_questions_are_the_six_of_the_instrument():
    assert [v.value for v in CentraleVraag] == ["1A", "1B", "1C", "2A", "2B", "2C"]

"""Approval freezes the conclusion; a later change needs a new version; the approved one stays readable."""

import pytest
from django.urls import reverse

from dossiers import rules, services
from dossiers.constants import DossierStatus
from dossiers.models import Conclusie

pytestmark = pytest.mark.django_db


def test_approval_keeps_the_dossier_as_approved(builder):
    dossier = builder.vastgesteld()
    conclusie = Conclusie.objects.get(dossier=dossier)
    inhoud = conclusie.vastgestelde_inhoud
    assert inhoud["conclusie"]["uitkomst_label"] == "Monitoring in plaats van ingrijpen"
    assert inhoud["conclusie"]["vastgesteld_door"]
    assert {v["code"] for v in inhoud["vragen"]} == {"1A", "1B", "1C", "2A", "2B", "2C"}
    assert inhoud["vragen"][3]["geen_bevindingen"] == "De uitvoering meldde niets."
    assert inhoud["activiteiten"][0]["soort"] == "Interviews"


def test_an_approved_conclusion_cannot_be_changed_by_any_code_path(builder):
    dossier = builder.vastgesteld()
    conclusie = Conclusie.objects.get(dossier=dossier)
    conclusie.toelichting = "Achteraf aangepast"
    with pytest.raises(ValueError, match="vastgestelde conclusie kan niet meer veranderen"):
        conclusie.save()
    assert Conclusie.objects.get(pk=conclusie.pk).toelichting != "Achteraf aangepast"


def test_management_opens_a_new_version_and_the_approved_one_stays_readable(client, builder, manager, kernteamlid):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    response = client.post(
        reverse("dossiers:reopen", args=[dossier.pk]), {"reden": "Nieuwe cijfers van de uitvoerder."}
    )
    assert response.status_code == 302
    dossier = builder.reload(dossier)
    assert dossier.status == DossierStatus.IN_ONDERZOEK
    versies = list(Conclusie.objects.filter(dossier=dossier).order_by("volgnummer"))
    assert [(c.volgnummer, c.is_vastgesteld) for c in versies] == [(1, True), (2, False)]
    assert versies[1].toelichting == versies[0].toelichting
    assert [a.tekst for a in versies[1].aanbevelingen.all()] == ["Vergroot de bekendheid."]

    # The kernteam changes findings and the conclusion of the new version ...
    bevinding = dossier.bevindingen.get(vraag="1A")
    services.bevinding_update(
        actor=kernteamlid,
        bevinding=bevinding,
        expected_revision=bevinding.revision,
        item=services.BevindingInput(titel="Gewijzigd na vaststelling", tekst="Nieuw", soort="ervaring"),
    )
    services.conclusie_save(
        actor=kernteamlid,
        dossier=dossier,
        expected_revision=versies[1].revision,
        item=services.ConclusieInput(uitkomst="ingrijpen", toelichting="Toch ingrijpen.", aanbevelingen=()),
    )
    # ... and version 1 still reads exactly as approved.
    page = client.get(reverse("dossiers:conclusie_versie", args=[dossier.pk, 1])).content.decode()
    assert "Monitoring in plaats van ingrijpen" in page
    assert "Bevinding bij 1A" in page
    assert "Gewijzigd na vaststelling" not in page
    assert "Toch ingrijpen." not in page
    assert "Vergroot de bekendheid." in page
    detail = client.get(dossier.get_absolute_url()).content.decode()
    assert "Versie 1, vastgesteld" in detail


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid", "zonder_rol"])
def test_only_management_opens_a_new_version(client, builder, request, actor):
    dossier = builder.vastgesteld()
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("dossiers:reopen", args=[dossier.pk]), {"reden": "x"}).status_code == 403
    assert builder.reload(dossier).status == DossierStatus.VASTGESTELD


def test_a_new_version_needs_an_approved_dossier_and_a_reason(builder, manager):
    with pytest.raises(rules.WrongStatus):
        services.dossier_reopen(actor=manager, dossier=builder.ter_vaststelling(), reden="x")
    with pytest.raises(rules.WrongStatus, match="reden"):
        services.dossier_reopen(actor=manager, dossier=builder.vastgesteld(naam="Andere"), reden=" ")


def test_a_new_version_goes_through_approval_again(builder, manager, kernteamlid):
    dossier = builder.vastgesteld()
    services.dossier_reopen(actor=manager, dossier=dossier, reden="Nieuwe cijfers.")
    assert "Er is nog geen conclusie vastgelegd." not in services.missing_for_submit(dossier)
    services.dossier_submit(actor=kernteamlid, dossier=dossier)
    services.dossier_approve(actor=manager, dossier=dossier)
    assert [c.is_vastgesteld for c in Conclusie.objects.filter(dossier=dossier)] == [True, True]


def test_a_version_that_was_not_approved_has_no_record_page(client, builder, manager):
    dossier = builder.ter_vaststelling()
    client.force_login(manager)
    assert client.get(reverse("dossiers:conclusie_versie", args=[dossier.pk, 1])).status_code == 404

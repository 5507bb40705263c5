"""The kernteam's pages: findings per central question, assessments of assumptions, the conclusion, submitting."""

import pytest
from django.urls import reverse

from dossiers import services
from dossiers.constants import DossierStatus
from dossiers.models import AannameToetsing, Bevinding, Conclusie, GeenBevindingen

pytestmark = pytest.mark.django_db

NOT_MEMBERS = ["beleidsmedewerker", "manager", "buitenstaander", "zonder_rol"]


def vraag_url(dossier, vraag="1A"):
    return reverse("dossiers:vraag", args=[dossier.pk, vraag])


def test_a_member_records_a_finding(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    page = client.get(vraag_url(dossier, "1B")).content.decode()
    assert "Ontstaan er in de praktijk knelpunten" in page
    response = client.post(
        vraag_url(dossier, "1B"),
        {
            "actie": "bevinding",
            "bevinding-soort": "knelpunt",
            "bevinding-titel": "Veel afwijzingen",
            "bevinding-tekst": "Aanvrager alleenstaand.",
        },
    )
    assert response.status_code == 302
    bevinding = Bevinding.objects.get()
    assert (bevinding.vraag, bevinding.titel, bevinding.created_by) == ("1B", "Veel afwijzingen", kernteamlid)
    assert "Veel afwijzingen" in client.get(vraag_url(dossier, "1B")).content.decode()
    assert "1 bevinding, waarvan 1 knelpunt" in client.get(dossier.get_absolute_url()).content.decode()


def test_a_finding_without_title_is_explained_and_keeps_the_text(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(
        vraag_url(dossier),
        {
            "actie": "bevinding",
            "bevinding-soort": "knelpunt",
            "bevinding-titel": "",
            "bevinding-tekst": "Mijn lange tekst",
        },
    )
    page = response.content.decode()
    assert "Dit veld is verplicht." in page
    assert "Mijn lange tekst" in page
    assert not Bevinding.objects.exists()


def test_an_unknown_question_is_404(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    assert client.get(vraag_url(dossier, "3Z")).status_code == 404


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_who_is_not_on_the_kernteam_reads_but_does_not_record(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    page = client.get(vraag_url(dossier))
    assert page.status_code == 200
    assert "Bevinding toevoegen" not in page.content.decode()
    response = client.post(
        vraag_url(dossier),
        {"actie": "bevinding", "bevinding-soort": "knelpunt", "bevinding-titel": "x", "bevinding-tekst": "x"},
    )
    assert response.status_code == 403
    assert not Bevinding.objects.exists()


def test_geen_bevindingen_with_a_reason_and_withdrawn(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(vraag_url(dossier, "2A"), {"actie": "geen_bevindingen", "geen-reden": "Niets gemeld."})
    assert response.status_code == 302
    assert GeenBevindingen.objects.get().reden == "Niets gemeld."
    assert "Geen bevindingen (met reden)" in client.get(dossier.get_absolute_url()).content.decode()
    assert "Niets gemeld." in client.get(vraag_url(dossier, "2A")).content.decode()
    client.post(vraag_url(dossier, "2A"), {"actie": "geen_bevindingen_intrekken"})
    assert not GeenBevindingen.objects.exists()


def test_geen_bevindingen_needs_a_reason(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(vraag_url(dossier, "2A"), {"actie": "geen_bevindingen", "geen-reden": ""})
    assert "Dit veld is verplicht." in response.content.decode()
    assert not GeenBevindingen.objects.exists()


def make_finding(dossier, kernteamlid):
    return services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1A",
        item=services.BevindingInput(titel="Oud", tekst="Oude tekst", soort="ervaring"),
    )


def test_a_member_edits_a_finding(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    bevinding = make_finding(dossier, kernteamlid)
    client.force_login(kernteamlid)
    url = reverse("dossiers:bevinding_edit", args=[dossier.pk, bevinding.pk])
    assert "Oude tekst" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "bevinding-soort": "knelpunt",
            "bevinding-titel": "Nieuw",
            "bevinding-tekst": "Nieuwe tekst",
            "bevinding-revision": bevinding.revision,
        },
    )
    assert response.status_code == 302
    bevinding.refresh_from_db()
    assert (bevinding.titel, bevinding.tekst) == ("Nieuw", "Nieuwe tekst")


def test_two_members_editing_one_finding(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    bevinding = make_finding(dossier, kernteamlid)
    client.force_login(kernteamlid)
    url = reverse("dossiers:bevinding_edit", args=[dossier.pk, bevinding.pk])
    revision = bevinding.revision
    client.post(
        url,
        {
            "bevinding-soort": "knelpunt",
            "bevinding-titel": "Eerste",
            "bevinding-tekst": "Eerste tekst",
            "bevinding-revision": revision,
        },
    )
    response = client.post(
        url,
        {
            "bevinding-soort": "knelpunt",
            "bevinding-titel": "Tweede",
            "bevinding-tekst": "Tweede tekst",
            "bevinding-revision": revision,
        },
    )
    page = response.content.decode()
    assert "heeft dit intussen gewijzigd" in page
    assert "Tweede tekst" in page
    bevinding.refresh_from_db()
    assert bevinding.tekst == "Eerste tekst"


def test_a_finding_of_another_dossier_is_not_reachable_through_this_one(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    other = builder.in_onderzoek(naam="Andere regeling")
    foreign = make_finding(other, kernteamlid)
    client.force_login(kernteamlid)
    assert client.get(reverse("dossiers:bevinding_edit", args=[dossier.pk, foreign.pk])).status_code == 404
    assert client.post(reverse("dossiers:bevinding_delete", args=[dossier.pk, foreign.pk])).status_code == 404
    assert Bevinding.objects.filter(pk=foreign.pk).exists()


def test_a_member_deletes_a_finding_after_confirming(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    bevinding = make_finding(dossier, kernteamlid)
    client.force_login(kernteamlid)
    url = reverse("dossiers:bevinding_delete", args=[dossier.pk, bevinding.pk])
    assert "Weet u zeker" in client.get(url).content.decode()
    assert Bevinding.objects.exists(), "a GET changes nothing"
    assert client.post(url).status_code == 302
    assert not Bevinding.objects.exists()


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_who_is_not_on_the_kernteam_cannot_edit_or_delete_findings(client, builder, kernteamlid, request, actor):
    dossier = builder.in_onderzoek()
    bevinding = make_finding(dossier, kernteamlid)
    client.force_login(request.getfixturevalue(actor))
    edit = reverse("dossiers:bevinding_edit", args=[dossier.pk, bevinding.pk])
    delete = reverse("dossiers:bevinding_delete", args=[dossier.pk, bevinding.pk])
    assert client.get(edit).status_code == 403
    assert (
        client.post(
            edit,
            {"bevinding-soort": "knelpunt", "bevinding-titel": "x", "bevinding-tekst": "x", "bevinding-revision": 1},
        ).status_code
        == 403
    )
    assert client.post(delete).status_code == 403
    bevinding.refresh_from_db()
    assert bevinding.titel == "Oud"


def test_a_member_assesses_an_assumption(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.first()
    client.force_login(kernteamlid)
    url = reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk])
    assert aanname.tekst in client.get(url).content.decode()
    response = client.post(url, {"oordeel": "klopt_niet", "toelichting": "Veel minder aanvragen."})
    assert response.status_code == 302
    toetsing = AannameToetsing.objects.get(aanname=aanname)
    assert (toetsing.oordeel, toetsing.toelichting) == ("klopt_niet", "Veel minder aanvragen.")
    assert "Klopt niet" in client.get(dossier.get_absolute_url()).content.decode()


def test_an_assessment_needs_a_verdict_and_an_explanation(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.first()
    client.force_login(kernteamlid)
    url = reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk])
    response = client.post(url, {"oordeel": "misschien", "toelichting": "Mijn toelichting"})
    page = response.content.decode()
    assert "Selecteer een geldige keuze." in page
    assert "Mijn toelichting" in page
    assert not AannameToetsing.objects.exists()


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_who_is_not_on_the_kernteam_cannot_assess(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.first()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"oordeel": "klopt", "toelichting": "x"}).status_code == 403
    assert not AannameToetsing.objects.exists()


def test_an_assumption_of_another_dossier_is_404(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    other = builder.in_onderzoek(naam="Andere regeling")
    client.force_login(kernteamlid)
    url = reverse("dossiers:aanname_toetsen", args=[dossier.pk, other.regeling.aannames.first().pk])
    assert client.post(url, {"oordeel": "klopt", "toelichting": "x"}).status_code == 404


def conclusie_post(**overrides) -> dict:
    data = {
        "conclusie-uitkomst": "monitoring",
        "conclusie-toelichting": "Goed, maar te weinig bekend.",
        "aanbevelingen-TOTAL_FORMS": "2",
        "aanbevelingen-INITIAL_FORMS": "0",
        "aanbevelingen-MIN_NUM_FORMS": "0",
        "aanbevelingen-MAX_NUM_FORMS": "1000",
        "aanbevelingen-0-tekst": "Vergroot de bekendheid.",
        "aanbevelingen-0-adressaat": "communicatie",
        "aanbevelingen-1-tekst": "",
        "aanbevelingen-1-adressaat": "",
    }
    data.update(overrides)
    return data


def test_a_member_writes_the_conclusion_with_recommendations(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    url = reverse("dossiers:conclusie", args=[dossier.pk])
    page = client.get(url).content.decode()
    for label in ["Geen actie nodig", "Monitoring in plaats van ingrijpen", "Verder onderzoek is nodig", "Ingrijpen"]:
        assert label in page
    assert client.post(url, conclusie_post()).status_code == 302
    conclusie = Conclusie.objects.get()
    assert conclusie.uitkomst == "monitoring"
    assert [(a.tekst, a.adressaat) for a in conclusie.aanbevelingen.all()] == [
        ("Vergroot de bekendheid.", "communicatie")
    ]
    response = client.post(
        url, conclusie_post(**{"conclusie-revision": conclusie.revision, "conclusie-uitkomst": "ingrijpen"})
    )
    assert response.status_code == 302
    assert Conclusie.objects.get().uitkomst == "ingrijpen"


def test_a_recommendation_needs_an_addressee(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(
        reverse("dossiers:conclusie", args=[dossier.pk]), conclusie_post(**{"aanbevelingen-0-adressaat": ""})
    )
    assert "Kies aan wie de aanbeveling is gericht." in response.content.decode()
    assert not Conclusie.objects.exists()


def test_two_members_writing_the_first_conclusion(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    url = reverse("dossiers:conclusie", args=[dossier.pk])
    client.post(url, conclusie_post())
    response = client.post(url, conclusie_post(**{"conclusie-toelichting": "De tweede versie"}))
    assert "heeft dit intussen gewijzigd" in response.content.decode()
    assert Conclusie.objects.get().toelichting == "Goed, maar te weinig bekend."


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_who_is_not_on_the_kernteam_cannot_write_the_conclusion(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:conclusie", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, conclusie_post()).status_code == 403
    assert not Conclusie.objects.exists()


def test_submitting_an_incomplete_dossier_says_what_is_missing(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(reverse("dossiers:submit", args=[dossier.pk]), follow=True)
    assert "kan nog niet ter vaststelling" in response.content.decode()
    assert builder.reload(dossier).status == DossierStatus.IN_ONDERZOEK


def test_a_member_submits_a_complete_dossier(client, builder, kernteamlid):
    dossier = builder.complete()
    client.force_login(kernteamlid)
    response = client.post(reverse("dossiers:submit", args=[dossier.pk]), follow=True)
    assert "ter vaststelling aangeboden" in response.content.decode()
    assert builder.reload(dossier).status == DossierStatus.TER_VASTSTELLING


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_who_is_not_on_the_kernteam_cannot_submit(client, builder, request, actor):
    dossier = builder.complete()
    client.force_login(request.getfixturevalue(actor))
    assert client.post(reverse("dossiers:submit", args=[dossier.pk])).status_code == 403
    assert builder.reload(dossier).status == DossierStatus.IN_ONDERZOEK


def test_submitting_needs_post(client, builder, kernteamlid):
    dossier = builder.complete()
    client.force_login(kernteamlid)
    assert client.get(reverse("dossiers:submit", args=[dossier.pk])).status_code == 405
    assert builder.reload(dossier).status == DossierStatus.IN_ONDERZOEK


def test_research_pages_of_a_submitted_dossier_explain_why_they_are_closed(client, builder, kernteamlid):
    dossier = builder.ter_vaststelling()
    client.force_login(kernteamlid)
    response = client.get(reverse("dossiers:conclusie", args=[dossier.pk]), follow=True)
    assert "status ‘Ter vaststelling’" in response.content.decode()


def test_an_assessment_opened_from_a_question_returns_to_that_question(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.get(bron="voorbereiding")
    client.force_login(kernteamlid)
    assert "?vanaf=1C" in client.get(vraag_url(dossier, "1C")).content.decode()
    url = reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk]) + "?vanaf=1C"
    response = client.post(url, {"oordeel": "klopt", "toelichting": "Bevestigd."})
    assert response["Location"] == vraag_url(dossier, "1C")
    evil = reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk]) + "?vanaf=//evil.example"
    response = client.post(evil, {"oordeel": "klopt", "toelichting": "Nogmaals.", "revision": 1})
    assert response["Location"].startswith(dossier.get_absolute_url())


def test_the_error_summary_links_a_radio_group_to_its_first_option(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    aanname = dossier.regeling.aannames.first()
    client.force_login(kernteamlid)
    page = client.post(
        reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk]), {"oordeel": "", "toelichting": "x"}
    ).content.decode()
    assert '<a href="#id_oordeel_0">Oordeel: Dit veld is verplicht.</a>' in page
    assert 'id="id_oordeel_0"' in page

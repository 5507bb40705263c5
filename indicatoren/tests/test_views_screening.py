import pytest
from django.urls import reverse

from conftest import log_in
from dossiers.constants import DossierStatus
from indicatoren.constants import Indicator
from indicatoren.models import Screening

pytestmark = pytest.mark.django_db


def screening_post(screening, actie: str, **overrides) -> dict:
    data = {
        "actie": actie,
        "revision": str(screening.revision),
        "peildatum": screening.peildatum.isoformat(),
        "besluit": "ja",
        "motivering": "Het gebruik blijft ver achter.",
        "indicatoren-TOTAL_FORMS": str(len(Indicator)),
        "indicatoren-INITIAL_FORMS": str(len(Indicator)),
        "indicatoren-MIN_NUM_FORMS": "0",
        "indicatoren-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(screening.indicatoren.order_by("pk")):
        data[f"indicatoren-{i}-indicator"] = row.indicator
        data[f"indicatoren-{i}-sterkte"] = ""
        data[f"indicatoren-{i}-toelichting"] = ""
    data.update(overrides)
    return data


def gebruik_index(screening) -> int:
    return [row.indicator for row in screening.indicatoren.order_by("pk")].index(Indicator.GEBRUIK)


def test_a_beleidsmedewerker_starts_the_screening_from_the_dossier(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    assert "Screening starten" in client.get(dossier.get_absolute_url()).content.decode()
    response = client.post(reverse("indicatoren:screening_start", args=[dossier.pk]))
    assert response["Location"] == reverse("indicatoren:screening", args=[dossier.pk])
    page = client.get(response["Location"]).content.decode()
    for indicator in Indicator:
        assert indicator.label in page
    assert "Voorbereidingsfase" in page
    assert "Uitvoeringsfase" in page


def test_the_screening_is_saved_as_a_draft_then_decided(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:screening", args=[dossier.pk])
    i = gebruik_index(screening)
    draft = screening_post(
        screening,
        "concept",
        besluit="",
        **{
            f"indicatoren-{i}-van_toepassing": "on",
            f"indicatoren-{i}-sterkte": "sterk",
            f"indicatoren-{i}-toelichting": "Maar 300 aanvragen.",
        },
    )
    assert client.post(url, draft).status_code == 302
    row = screening.indicatoren.get(indicator=Indicator.GEBRUIK)
    assert (row.van_toepassing, row.sterkte, row.toelichting) == (True, "sterk", "Maar 300 aanvragen.")
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING

    screening.refresh_from_db()
    decide = screening_post(
        screening,
        "besluiten",
        **{f"indicatoren-{i}-van_toepassing": "on", f"indicatoren-{i}-sterkte": "sterk"},
    )
    response = client.post(url, decide)
    assert response.status_code == 302
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.IN_ONDERZOEK
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Ja, een invoeringstoets is nodig" in page
    assert "Het gebruik blijft ver achter." in page


def test_deciding_without_decision_or_reasoning_is_explained_next_to_the_fields(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    i = gebruik_index(screening)
    response = client.post(
        reverse("indicatoren:screening", args=[dossier.pk]),
        screening_post(
            screening, "besluiten", besluit="", motivering="", **{f"indicatoren-{i}-toelichting": "Mijn notitie"}
        ),
    )
    page = response.content.decode()
    assert "Kies of er een invoeringstoets komt." in page
    assert "Geef de motivering van het besluit." in page
    assert "Mijn notitie" in page
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING


def test_an_applying_indicator_needs_a_strength_to_decide_but_not_for_a_draft(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    i = gebruik_index(screening)
    url = reverse("indicatoren:screening", args=[dossier.pk])
    response = client.post(url, screening_post(screening, "besluiten", **{f"indicatoren-{i}-van_toepassing": "on"}))
    assert "Geef aan hoe sterk deze indicator is." in response.content.decode()
    response = client.post(url, screening_post(screening, "concept", **{f"indicatoren-{i}-van_toepassing": "on"}))
    assert response.status_code == 302
    assert screening.indicatoren.get(indicator=Indicator.GEBRUIK).van_toepassing is True


def test_a_tampered_indicator_list_is_refused(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    response = client.post(
        reverse("indicatoren:screening", args=[dossier.pk]),
        screening_post(screening, "besluiten", **{"indicatoren-1-indicator": Indicator.MEDIA}),
    )
    assert "onvolledig" in response.content.decode()
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING


def test_two_beleidsmedewerkers_on_one_screening(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:screening", args=[dossier.pk])
    opened = screening_post(screening, "concept", motivering="Eerste")
    client.post(url, opened)
    response = client.post(url, {**opened, "motivering": "Tweede"})
    assert "heeft dit intussen gewijzigd" in response.content.decode()
    screening.refresh_from_db()
    assert screening.motivering == "Eerste"


@pytest.mark.parametrize("actor", ["kernteamlid", "manager", "zonder_rol"])
def test_others_read_the_screening_but_do_not_fill_it_in(client, builder, request, actor):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(request.getfixturevalue(actor))
    url = reverse("indicatoren:screening", args=[dossier.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Besluit vastleggen" not in page.content.decode()
    assert "Nog geen besluit (screening loopt)" in page.content.decode()
    assert client.post(url, screening_post(screening, "besluiten")).status_code == 403
    assert client.post(reverse("indicatoren:screening_start", args=[dossier.pk])).status_code == 403
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING


def test_starting_a_screening_needs_post(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    assert client.get(reverse("indicatoren:screening_start", args=[dossier.pk])).status_code == 405
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.GEREGISTREERD


def test_the_screening_page_of_a_decided_dossier_shows_the_decision_read_only(client, builder, beleidsmedewerker):
    dossier = builder.in_onderzoek()
    client.force_login(beleidsmedewerker)
    page = client.get(reverse("indicatoren:screening", args=[dossier.pk])).content.decode()
    assert "Ja, een invoeringstoets is nodig" in page
    assert "Besluit vastleggen" not in page
    screening = Screening.objects.get(dossier=dossier)
    response = client.post(
        reverse("indicatoren:screening", args=[dossier.pk]), screening_post(screening, "concept"), follow=True
    )
    assert "Het vastleggen van de screening kan alleen bij de status ‘Screening’" in response.content.decode()


def test_a_yes_decision_needs_an_indicator_that_applies(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    response = client.post(reverse("indicatoren:screening", args=[dossier.pk]), screening_post(screening, "besluiten"))
    assert "ten minste één indicator die van toepassing is" in response.content.decode()
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING


def test_a_failed_decision_is_summarised_at_the_top_with_links_to_the_fields(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    page = client.post(
        reverse("indicatoren:screening", args=[dossier.pk]), screening_post(screening, "besluiten", motivering="")
    ).content.decode()
    summary = page[page.index("error-summary") : page.index("</ul>", page.index("error-summary"))]
    assert '<a href="#id_motivering">Motivering van het besluit: Geef de motivering van het besluit.</a>' in summary


def test_the_screening_page_shows_each_proposal_with_its_reason_and_the_usage_chart(client, builder, beleidsmedewerker):
    dossier = builder.add_practice(builder.registered())
    client.force_login(beleidsmedewerker)
    client.post(reverse("indicatoren:screening_start", args=[dossier.pk]))
    page = client.get(reverse("indicatoren:screening", args=[dossier.pk])).content.decode()
    assert "Uitvoeringstoets: maakbaarheid systemen ingrijpend, risico op procesverstoringen gemiddeld." in page
    assert "Tot en met februari 2022: 420 toekenningen op 840 aanvragen, 10% van de verwachte 4.000." in page
    assert "De doenvermogentoets vraagt veel bij: een doel stellen en een plan maken." in page
    assert "<svg" in page
    assert "Verwachte doelgroep: 4.000" in page
    screening = Screening.objects.get(dossier=dossier)
    gebruik = screening.indicatoren.get(indicator=Indicator.GEBRUIK)
    assert (gebruik.van_toepassing, gebruik.sterkte) == (True, "sterk"), "the choice starts at the proposal"


def test_overriding_a_proposal_needs_a_reason_which_the_history_keeps(client, builder, beleidsmedewerker):
    dossier = builder.add_practice(builder.registered())
    client.force_login(beleidsmedewerker)
    client.post(reverse("indicatoren:screening_start", args=[dossier.pk]))
    screening = Screening.objects.get(dossier=dossier)
    url = reverse("indicatoren:screening", args=[dossier.pk])
    rows = list(screening.indicatoren.order_by("pk"))
    data = screening_post(screening, "besluiten")
    for i, row in enumerate(rows):
        if row.van_toepassing:
            data[f"indicatoren-{i}-van_toepassing"] = "on"
            data[f"indicatoren-{i}-sterkte"] = row.sterkte
    ict = [row.indicator for row in rows].index(Indicator.UITVOERINGSTOETS_ICT)
    data.pop(f"indicatoren-{ict}-van_toepassing")  # override: the ICT risk does not apply
    page = client.post(url, data).content.decode()
    assert "U wijkt af van het voorstel; geef de reden." in page
    data[f"indicatoren-{ict}-afwijking_reden"] = "De systemen zijn inmiddels vervangen."
    assert client.post(url, data).status_code == 302
    row = Screening.objects.get(dossier=dossier).indicatoren.get(indicator=Indicator.UITVOERINGSTOETS_ICT)
    assert row.wijkt_af
    assert row.voorstel_van_toepassing is True
    detail = client.get(dossier.get_absolute_url()).content.decode()
    assert "Afgeweken:</strong> De systemen zijn inmiddels vervangen." in detail


def test_every_screening_is_kept(client, builder, beleidsmedewerker):
    dossier = builder.geen_invoeringstoets()
    client.force_login(beleidsmedewerker)
    client.post(reverse("indicatoren:screening_start", args=[dossier.pk]))
    assert Screening.objects.filter(dossier=dossier).count() == 2
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Eerdere screenings" in page
    assert "Nee, geen invoeringstoets" in page


def test_the_demo_dossiers_screening_shows_the_proposals_with_reasons_and_the_chart(client, settings, db):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("demo")
    dossier = Screening.objects.get().dossier
    assert log_in(client, "management", "management-demo-2026")
    page = client.get(reverse("indicatoren:screening", args=[dossier.pk])).content.decode()
    assert "Tot en met februari 2022: 539 toekenningen op 897 aanvragen, 13% van de verwachte 4.000." in page
    assert "Stijgend: 23 klachten in januari 2022 tot en met maart 2022" in page
    assert "3 mediasignalen in de 12 maanden tot de peildatum" in page
    assert "<svg" in page


def test_a_no_needs_a_re_screening_date_in_the_future(client, builder, beleidsmedewerker):
    dossier = builder.screening()
    screening = Screening.objects.get(dossier=dossier)
    client.force_login(beleidsmedewerker)
    page = client.post(
        reverse("indicatoren:screening", args=[dossier.pk]),
        screening_post(screening, "besluiten", besluit="nee", herscreening_op="2020-01-01"),
    ).content.decode()
    assert "Kies een datum in de toekomst om opnieuw te screenen." in page
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.SCREENING


def test_typing_the_address_of_an_action_explains_it_in_dutch(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    response = client.get(reverse("indicatoren:screening_start", args=[dossier.pk]))
    assert response.status_code == 405
    assert "Deze actie gaat alleen via de knop" in response.content.decode()
    assert dossier.__class__.objects.get(pk=dossier.pk).status == DossierStatus.GEREGISTREERD

import pytest
from django.urls import reverse

from indicatoren.models import AndereToets, DoenvermogenBeoordeling, Regeldruktoets, Uitvoeringstoets

pytestmark = pytest.mark.django_db

NOT_BELEID = ["kernteamlid", "manager", "zonder_rol"]


def uitvoeringstoets_post(**overrides) -> dict:
    return {
        "interactie_burgers": "middelgroot",
        "maakbaarheid_systemen": "beperkt",
        "handhaafbaarheid": "middelgroot",
        "fraudebestendigheid": "beperkt",
        "complexiteitsgevolgen": "middelgroot",
        "risico_procesverstoringen": "",
        "dienstverlening_incidenteel": "0",
        "dienstverlening_structureel": "0",
        "handhaving_incidenteel": "0",
        "handhaving_structureel": "0",
        "automatisering_incidenteel": "350.000",
        "automatisering_structureel": "350000",
        "fte_incidenteel": "0",
        "fte_structureel": "2,5",
        "invoering_mogelijk_per": "01-01-2021",
        "beslag_portfolio": "middelgroot",
        "beslag_portfolio_toelichting": "",
        "eindoordeel": "uitvoerbaar",
        "voorwaarden": "",
        **overrides,
    }


def test_a_beleidsmedewerker_records_the_uitvoeringstoets_as_the_familiar_table(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:uitvoeringstoets", args=[dossier.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, uitvoeringstoets_post()).status_code == 302
    toets = Uitvoeringstoets.objects.get()
    assert toets.automatisering_incidenteel == 350_000
    assert str(toets.fte_structureel) == "2.5"
    page = client.get(reverse("indicatoren:ex_ante", args=[dossier.pk])).content.decode()
    assert "€ 350.000" in page
    assert "2,5 fte" in page
    assert "Maakbaarheid systemen" in page
    assert "Uitvoerbaar" in page


def test_bad_amounts_are_explained_in_dutch(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    response = client.post(
        reverse("indicatoren:uitvoeringstoets", args=[dossier.pk]),
        uitvoeringstoets_post(automatisering_incidenteel="veel", maakbaarheid_systemen=""),
    )
    page = response.content.decode()
    assert "Voer een bedrag in hele euro&#x27;s in" in page or "Voer een bedrag in hele euro's in" in page
    assert "Dit veld is verplicht." in page
    assert not Uitvoeringstoets.objects.exists()


def test_two_people_editing_the_uitvoeringstoets(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:uitvoeringstoets", args=[dossier.pk])
    client.post(url, uitvoeringstoets_post())
    revision = Uitvoeringstoets.objects.get().revision
    client.post(url, uitvoeringstoets_post(revision=revision, eindoordeel="onder_voorwaarden"))
    response = client.post(url, uitvoeringstoets_post(revision=revision, eindoordeel="niet_uitvoerbaar"))
    assert "heeft dit intussen gewijzigd" in response.content.decode()
    assert Uitvoeringstoets.objects.get().eindoordeel == "onder_voorwaarden"


def test_regeldruk_doenvermogen_and_other_tests_are_recorded(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    client.post(
        reverse("indicatoren:regeldruk", args=[dossier.pk]),
        {"uren_per_jaar": "1.250,5", "euro_per_jaar": "-12.000", "atr_oordeel": "indienen", "toelichting": ""},
    )
    toets = Regeldruktoets.objects.get()
    assert (str(toets.uren_per_jaar), toets.euro_per_jaar) == ("1250.5", -12000)
    doenvermogen = {
        "doenvermogen-TOTAL_FORMS": "5",
        "doenvermogen-INITIAL_FORMS": "5",
        "doenvermogen-MIN_NUM_FORMS": "0",
        "doenvermogen-MAX_NUM_FORMS": "1000",
    }
    for i, eis in enumerate(["plannen", "in_actie_komen", "volhouden", "tegenslagen", "veranderingen"]):
        doenvermogen |= {f"doenvermogen-{i}-eis": eis, f"doenvermogen-{i}-niveau": "hoog" if i == 0 else ""}
    client.post(reverse("indicatoren:doenvermogen", args=[dossier.pk]), doenvermogen)
    assert [(b.eis, b.niveau) for b in DoenvermogenBeoordeling.objects.all()] == [("plannen", "hoog")]
    andere = {
        "toetsen-TOTAL_FORMS": "2",
        "toetsen-INITIAL_FORMS": "0",
        "toetsen-MIN_NUM_FORMS": "0",
        "toetsen-MAX_NUM_FORMS": "1000",
        "toetsen-0-naam": "Discriminatietoets",
        "toetsen-0-uitkomst": "Geen risico gevonden.",
        "toetsen-0-document": "https://example.nl/toets.pdf",
    }
    client.post(reverse("indicatoren:andere_toetsen", args=[dossier.pk]), andere)
    assert AndereToets.objects.get().naam == "Discriminatietoets"
    page = client.get(reverse("indicatoren:ex_ante", args=[dossier.pk])).content.decode()
    assert "1.250,5 uur per jaar" in page
    assert "Een doel stellen en een plan maken" in page
    assert "Discriminatietoets" in page


@pytest.mark.parametrize("actor", NOT_BELEID)
def test_only_beleidsmedewerkers_record_ex_ante_tests(client, builder, request, actor):
    dossier = builder.registered()
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("indicatoren:ex_ante", args=[dossier.pk])).status_code == 200
    for name in ["uitvoeringstoets", "regeldruk", "doenvermogen", "andere_toetsen"]:
        url = reverse(f"indicatoren:{name}", args=[dossier.pk])
        assert client.get(url).status_code == 403, name
        assert client.post(url, uitvoeringstoets_post()).status_code == 403, name
    assert not Uitvoeringstoets.objects.exists()


def test_ex_ante_tests_of_an_approved_dossier_are_closed(client, builder, beleidsmedewerker):
    dossier = builder.vastgesteld()
    client.force_login(beleidsmedewerker)
    response = client.get(reverse("indicatoren:uitvoeringstoets", args=[dossier.pk]), follow=True)
    assert "Het vastleggen van ex-ante toetsen kan alleen bij de status" in response.content.decode()

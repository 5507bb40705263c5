import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import services
from dossiers.constants import DossierStatus
from dossiers.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    ["/", "/regelingen/nieuw/", "/dossiers/1/", "/dossiers/1/regeling/", "/dossiers/1/vragen/1A/", "/beheer/"],
)
def test_every_page_needs_a_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "inloggen" in response["Location"] or "login" in response["Location"]


def test_the_login_page_is_dutch(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Inloggen" in response.content.decode()
    assert '<html lang="nl">' in response.content.decode()


def test_a_wrong_password_is_explained_in_dutch(client, beleidsmedewerker):
    response = client.post(reverse("login"), {"username": "beleid", "password": "fout"})
    assert response.status_code == 200
    assert "gebruikersnaam en wachtwoord is onjuist" in response.content.decode()


def test_logging_in_and_out(client, beleidsmedewerker):
    response = client.post(reverse("login"), {"username": "beleid", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    response = client.post(reverse("logout"))
    assert "U bent uitgelogd" in response.content.decode()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid", "manager", "zonder_rol", "buitenstaander"])
def test_everyone_logged_in_reads_the_list_and_the_dossier(client, builder, request, actor):
    dossier = builder.vastgesteld()
    client.force_login(request.getfixturevalue(actor))
    assert dossier.regeling.naam in client.get("/").content.decode()
    response = client.get(dossier.get_absolute_url())
    assert response.status_code == 200
    assert "Vastgesteld" in response.content.decode()


def test_the_list_filters_by_status(client, builder, beleidsmedewerker):
    builder.registered(naam="Regeling A")
    builder.geen_invoeringstoets(naam="Regeling B")
    client.force_login(beleidsmedewerker)
    page = client.get("/", {"status": DossierStatus.GEEN_INVOERINGSTOETS}).content.decode()
    assert "Regeling B" in page
    assert "Regeling A" not in page
    page = client.get("/", {"status": "onzin"}).content.decode()
    assert "Regeling A" in page
    assert "Regeling B" in page


def test_the_list_shows_status_regeling_and_ministry(client, builder, manager):
    builder.in_onderzoek(naam="Regeling C", ministerie="Ministerie van SZW")
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert "Regeling C" in page
    assert "Ministerie van Sociale Zaken en Werkgelegenheid" in page, "the typed abbreviation found on the list"
    assert "In onderzoek" in page


def test_the_list_uses_the_same_number_of_queries_for_more_dossiers(client, builder, manager):
    builder.registered(naam="Eerste")
    client.force_login(manager)
    client.get("/")  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(8):
        builder.in_onderzoek(naam=f"Regeling {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/")
    assert len(many) == len(few) <= 10
    assert "Regeling 7" in response.content.decode()


def test_the_dossier_page_uses_a_fixed_number_of_queries(client, builder, kernteamlid, django_assert_num_queries):
    dossier = builder.complete()
    client.force_login(kernteamlid)
    client.get(dossier.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(dossier.get_absolute_url())
    for n in range(10):
        services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag="1B",
            item=services.BevindingInput(titel=f"Extra {n}", tekst="x", soort="ervaring"),
        )
    with django_assert_num_queries(len(few)):
        response = client.get(dossier.get_absolute_url())
    assert "11 bevindingen" in response.content.decode()


def test_an_unknown_dossier_is_a_dutch_404(client, manager):
    client.force_login(manager)
    response = client.get("/dossiers/999/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("geregistreerd", "start de screening"),
        ("screening", "besluit of er een invoeringstoets komt"),
        ("geen_invoeringstoets", "opnieuw screenen"),
        ("ter_vaststelling", "ligt bij management"),
        ("vastgesteld", "De conclusie is vastgesteld"),
    ],
)
def test_the_dossier_page_says_what_the_next_step_is(client, builder, manager, status, text):
    dossier = builder.in_status(status)
    client.force_login(manager)
    assert text in client.get(dossier.get_absolute_url()).content.decode()


def test_the_next_step_in_research_lists_what_is_missing(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Vraag 1A heeft nog geen bevinding" in page
    assert "Ter vaststelling aanbieden" not in page


def test_buttons_show_only_what_the_user_may_do(client, builder, kernteamlid, buitenstaander):
    dossier = builder.complete()
    client.force_login(kernteamlid)
    assert "Ter vaststelling aanbieden" in client.get(dossier.get_absolute_url()).content.decode()
    client.force_login(buitenstaander)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Ter vaststelling aanbieden" not in page
    assert "Conclusie wijzigen" not in page

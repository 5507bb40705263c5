import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "manager"])
def test_beleid_or_management_composes_the_kernteam(client, builder, request, actor, kernteamlid, buitenstaander):
    dossier = builder.decided("ja")
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:kernteam", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert kernteamlid.get_full_name() in page
    assert client.post(url, {"leden": [kernteamlid.pk, buitenstaander.pk]}).status_code == 302
    assert set(dossier.kernteam.all()) == {kernteamlid, buitenstaander}


def test_only_users_with_the_kernteam_role_can_be_members(client, builder, beleidsmedewerker, manager):
    dossier = builder.decided("ja")
    client.force_login(beleidsmedewerker)
    response = client.post(reverse("dossiers:kernteam", args=[dossier.pk]), {"leden": [manager.pk]})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not dossier.kernteam.exists()


@pytest.mark.parametrize("actor", ["kernteamlid", "zonder_rol"])
def test_others_cannot_compose_the_kernteam(client, builder, request, actor, kernteamlid):
    dossier = builder.decided("ja")
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:kernteam", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"leden": [kernteamlid.pk]}).status_code == 403
    assert not dossier.kernteam.exists()


def test_a_member_taken_off_the_kernteam_can_no_longer_record(client, builder, manager, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(manager)
    client.post(reverse("dossiers:kernteam", args=[dossier.pk]), {"leden": []})
    client.force_login(kernteamlid)
    url = reverse("dossiers:vraag", args=[dossier.pk, "1A"])
    assert (
        client.post(
            url, {"actie": "bevinding", "bevinding-soort": "knelpunt", "bevinding-titel": "x", "bevinding-tekst": "x"}
        ).status_code
        == 403
    )

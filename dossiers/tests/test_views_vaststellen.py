import pytest
from django.urls import reverse

from dossiers.constants import DossierStatus

pytestmark = pytest.mark.django_db


def test_management_sees_the_conclusion_and_approves_it(client, builder, manager):
    dossier = builder.ter_vaststelling()
    client.force_login(manager)
    url = reverse("dossiers:decide", args=[dossier.pk])
    page = client.get(url).content.decode()
    assert "Monitoring in plaats van ingrijpen" in page
    assert "Vergroot de bekendheid." in page
    response = client.post(url, {"actie": "vaststellen"}, follow=True)
    assert "De conclusie is vastgesteld" in response.content.decode()
    assert builder.reload(dossier).status == DossierStatus.VASTGESTELD


def test_management_returns_it_and_the_kernteam_sees_the_remark(client, builder, manager, kernteamlid):
    dossier = builder.ter_vaststelling()
    client.force_login(manager)
    url = reverse("dossiers:decide", args=[dossier.pk])
    client.post(url, {"actie": "terugsturen", "terug-opmerking": "Onderbouw vraag 1B met cijfers."})
    assert builder.reload(dossier).status == DossierStatus.IN_ONDERZOEK
    client.force_login(kernteamlid)
    assert "Onderbouw vraag 1B met cijfers." in client.get(dossier.get_absolute_url()).content.decode()
    assert (
        "Onderbouw vraag 1B met cijfers."
        in client.get(reverse("dossiers:conclusie", args=[dossier.pk])).content.decode()
    )


def test_returning_without_remark_is_explained(client, builder, manager):
    dossier = builder.ter_vaststelling()
    client.force_login(manager)
    response = client.post(
        reverse("dossiers:decide", args=[dossier.pk]), {"actie": "terugsturen", "terug-opmerking": ""}
    )
    assert "Dit veld is verplicht." in response.content.decode()
    assert builder.reload(dossier).status == DossierStatus.TER_VASTSTELLING


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid", "buitenstaander", "zonder_rol"])
def test_only_management_decides(client, builder, request, actor):
    dossier = builder.ter_vaststelling()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:decide", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"actie": "vaststellen"}).status_code == 403
    assert client.post(url, {"actie": "terugsturen", "terug-opmerking": "x"}).status_code == 403
    assert builder.reload(dossier).status == DossierStatus.TER_VASTSTELLING


def test_an_approved_dossier_cannot_be_approved_again(client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    response = client.post(reverse("dossiers:decide", args=[dossier.pk]), {"actie": "vaststellen"}, follow=True)
    assert "status ‘Vastgesteld’" in response.content.decode()
    assert dossier.status_changes.filter(to_status=DossierStatus.VASTGESTELD).count() == 1

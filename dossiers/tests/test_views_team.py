"""The team and the work: planning, participants and the log of research activities."""

import pytest
from django.urls import reverse

from dossiers.models import Deelnemer, Onderzoeksactiviteit, Planning

pytestmark = pytest.mark.django_db

NOT_MEMBERS = ["beleidsmedewerker", "manager", "buitenstaander", "zonder_rol"]


def activiteit_post(**overrides) -> dict:
    return {
        "datum": "2022-03-01",
        "soort": "interviews",
        "bereik": "12",
        "samenvatting": "Interviews met professionals van zorgkantoren.",
        **overrides,
    }


def test_a_member_records_planning_participants_and_activities(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    response = client.post(
        reverse("dossiers:planning", args=[dossier.pk]),
        {"start": "10-01-2022", "beoogd_einde": "2022-06-30", "moment": "Een jaar na inwerkingtreding."},
    )
    assert response.status_code == 302
    assert str(Planning.objects.get().beoogd_einde) == "2022-06-30"
    client.post(
        reverse("dossiers:deelnemer_add", args=[dossier.pk]),
        {"naam": "Emma de Wit", "organisatie": "Dienst Toeslagen", "rol": "werkgroep", "toelichting": ""},
    )
    assert Deelnemer.objects.get().naam == "Emma de Wit"
    client.post(reverse("dossiers:activiteit_create", args=[dossier.pk]), activiteit_post())
    activiteit = Onderzoeksactiviteit.objects.get()
    assert (activiteit.soort, activiteit.bereik) == ("interviews", 12)
    page = client.get(reverse("dossiers:onderzoek", args=[dossier.pk])).content.decode()
    assert "Een jaar na inwerkingtreding." in page
    assert "Emma de Wit" in page
    assert "Interviews met professionals van zorgkantoren." in page
    assert "Bereikt: 12 personen" in page


def test_an_end_before_the_start_is_explained(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    page = client.post(
        reverse("dossiers:planning", args=[dossier.pk]),
        {"start": "2022-06-01", "beoogd_einde": "2022-01-01", "moment": "Nu."},
    ).content.decode()
    assert "Het beoogde einde ligt voor de start." in page
    assert not Planning.objects.exists()


def test_two_members_editing_one_activity(client, builder, kernteamlid):
    dossier = builder.add_research(builder.in_onderzoek())
    activiteit = Onderzoeksactiviteit.objects.get()
    client.force_login(kernteamlid)
    url = reverse("dossiers:activiteit_edit", args=[dossier.pk, activiteit.pk])
    opened = activiteit.revision
    client.post(url, activiteit_post(samenvatting="Eerste versie", revision=opened))
    response = client.post(url, activiteit_post(samenvatting="Tweede versie", revision=opened))
    page = response.content.decode()
    assert "heeft dit intussen gewijzigd" in page
    assert "Samenvatting: nu ‘Eerste versie’ (was ‘Interviews met professionals.’)" in page
    assert "Tweede versie" in page
    activiteit.refresh_from_db()
    assert activiteit.samenvatting == "Eerste versie"


def test_an_activity_is_deleted_with_its_files(client, builder, kernteamlid, django_capture_on_commit_callbacks):
    dossier = builder.add_research(builder.in_onderzoek())
    activiteit = Onderzoeksactiviteit.objects.get()
    bestand = activiteit.bewijsstukken.get().bestand
    storage, name = bestand.storage, bestand.name
    assert storage.exists(name)
    client.force_login(kernteamlid)
    url = reverse("dossiers:activiteit_delete", args=[dossier.pk, activiteit.pk])
    assert "Bijbehorende bewijsstukken worden ook verwijderd." in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert not Onderzoeksactiviteit.objects.exists()
    assert not storage.exists(name)


@pytest.mark.parametrize("actor", NOT_MEMBERS)
def test_only_members_record_the_research(client, builder, request, actor):
    dossier = builder.add_research(builder.in_onderzoek())
    activiteit = Onderzoeksactiviteit.objects.get()
    deelnemer = Deelnemer.objects.get()
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("dossiers:onderzoek", args=[dossier.pk])).status_code == 200
    for name, args, data in [
        ("dossiers:planning", [dossier.pk], {"moment": "x"}),
        ("dossiers:deelnemer_add", [dossier.pk], {"naam": "x", "organisatie": "x", "rol": "anders"}),
        ("dossiers:activiteit_create", [dossier.pk], activiteit_post()),
        ("dossiers:activiteit_edit", [dossier.pk, activiteit.pk], activiteit_post(samenvatting="x", revision=1)),
        ("dossiers:activiteit_delete", [dossier.pk, activiteit.pk], {}),
        ("dossiers:deelnemer_delete", [dossier.pk, deelnemer.pk], {}),
    ]:
        assert client.post(reverse(name, args=args), data).status_code == 403, name
    assert Onderzoeksactiviteit.objects.count() == 1
    assert Deelnemer.objects.count() == 1
    assert Planning.objects.get().moment == "Een jaar na de start."


def test_the_research_is_closed_once_submitted(client, builder, kernteamlid):
    dossier = builder.ter_vaststelling()
    client.force_login(kernteamlid)
    response = client.post(reverse("dossiers:activiteit_create", args=[dossier.pk]), activiteit_post(), follow=True)
    assert "kan alleen bij de status ‘In onderzoek’" in response.content.decode()
    assert Onderzoeksactiviteit.objects.count() == 1

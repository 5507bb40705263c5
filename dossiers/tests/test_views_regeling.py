import pytest
from django.urls import reverse

from dossiers.constants import DossierStatus
from dossiers.models import Dossier, Regeling

pytestmark = pytest.mark.django_db


def regeling_post(**overrides) -> dict:
    data = {
        "regeling-naam": "Tegemoetkoming mantelzorgers",
        "regeling-ministerie": "Ministerie van VWS",
        "regeling-directie": "Directie Langdurige Zorg",
        "regeling-wettelijke_grondslag": "Wet langdurige zorg, art. 3",
        "regeling-inwerkingtreding": "2025-07-01",
        "regeling-uitvoeringsorganisaties_tekst": "SVB\nCIZ\n\nSVB",
        "regeling-doelgroep": "Mantelzorgers van mensen met een Wlz-indicatie",
        "regeling-verwachte_omvang": "12000",
        "regeling-omvang_toelichting": "ongeveer 12.000 mantelzorgers",
        "aannames-TOTAL_FORMS": "3",
        "aannames-INITIAL_FORMS": "0",
        "aannames-MIN_NUM_FORMS": "0",
        "aannames-MAX_NUM_FORMS": "1000",
        "aannames-0-tekst": "Mantelzorgers kennen de regeling.",
        "aannames-0-bron": "voorbereiding",
        "aannames-1-tekst": "De SVB kan het binnen bestaande systemen.",
        "aannames-1-bron": "uitvoeringstoets",
        "aannames-2-tekst": "",
        "aannames-2-bron": "",
    }
    data.update(overrides)
    return data


def test_a_beleidsmedewerker_registers_a_regeling(client, beleidsmedewerker):
    client.force_login(beleidsmedewerker)
    assert client.get(reverse("dossiers:regeling_create")).status_code == 200
    response = client.post(reverse("dossiers:regeling_create"), regeling_post())
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == dossier.get_absolute_url()
    assert dossier.status == DossierStatus.GEREGISTREERD
    regeling = dossier.regeling
    assert regeling.naam == "Tegemoetkoming mantelzorgers"
    assert str(regeling.inwerkingtreding) == "2025-07-01"
    assert [o.afkorting for o in regeling.uitvoerders] == ["SVB", "CIZ"], "found on the list, in the order typed"
    assert [(a.bron, a.tekst) for a in regeling.aannames.order_by("volgorde")] == [
        ("voorbereiding", "Mantelzorgers kennen de regeling."),
        ("uitvoeringstoets", "De SVB kan het binnen bestaande systemen."),
    ]
    assert "is geregistreerd" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(("typed", "stored"), [("12000", 12000), ("12.000", 12000), ("12 000", 12000)])
def test_the_expected_size_is_read_as_dutch_people_write_it(client, beleidsmedewerker, typed, stored):
    client.force_login(beleidsmedewerker)
    client.post(reverse("dossiers:regeling_create"), regeling_post(**{"regeling-verwachte_omvang": typed}))
    assert Regeling.objects.get().verwachte_omvang == stored


def test_a_dutch_date_is_accepted(client, beleidsmedewerker):
    client.force_login(beleidsmedewerker)
    client.post(reverse("dossiers:regeling_create"), regeling_post(**{"regeling-inwerkingtreding": "01-03-2021"}))
    assert str(Regeling.objects.get().inwerkingtreding) == "2021-03-01"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("regeling-naam", "", "Dit veld is verplicht."),
        ("regeling-inwerkingtreding", "31-02-2021", "Voer een geldige datum in."),
        ("regeling-verwachte_omvang", "veel", "Voer een geheel getal in, zoals 4000 of 4.000."),
        ("regeling-verwachte_omvang", "12,5", "Voer een geheel getal in, zoals 4000 of 4.000."),
        ("regeling-verwachte_omvang", "-5", "Zorg ervoor dat deze waarde minstens 0 is."),
        ("regeling-uitvoeringsorganisaties_tekst", "  \n ", "Dit veld is verplicht."),
        ("aannames-0-bron", "", "Kies of de aanname uit de voorbereiding of uit de uitvoeringstoets komt."),
        ("regeling-naam", "Mantelzorg\r\nBcc: iedereen@example.nl", "Dit veld is één regel tekst"),
        ("regeling-directie", "Directie\nLangdurige zorg", "Dit veld is één regel tekst"),
        ("regeling-wettelijke_grondslag", "Wlz\u2028art. 1", "Dit veld is één regel tekst"),
    ],
)
def test_bad_input_is_explained_in_dutch_next_to_the_field_and_keeps_the_rest(
    client, beleidsmedewerker, field, value, message
):
    client.force_login(beleidsmedewerker)
    response = client.post(reverse("dossiers:regeling_create"), regeling_post(**{field: value}))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "Ministerie van VWS" in page, "what the user typed stays in the form"
    assert "Mantelzorgers kennen de regeling." in page
    assert Dossier.objects.count() == 0, "nothing is half-written"


@pytest.mark.parametrize("actor", ["kernteamlid", "manager", "zonder_rol"])
def test_others_may_not_register(client, request, actor):
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("dossiers:regeling_create")).status_code == 403
    response = client.post(reverse("dossiers:regeling_create"), regeling_post())
    assert response.status_code == 403
    assert "Beleidsmedewerker" in response.content.decode()
    assert Dossier.objects.count() == 0


def edit_post(dossier, **overrides) -> dict:
    regeling = dossier.regeling
    aannames = list(regeling.aannames.order_by("volgorde"))
    data = {
        "regeling-naam": regeling.naam,
        "regeling-ministerie": regeling.ministerie,
        "regeling-directie": regeling.directie,
        "regeling-wettelijke_grondslag": regeling.wettelijke_grondslag,
        "regeling-inwerkingtreding": regeling.inwerkingtreding.isoformat(),
        "regeling-uitvoeringsorganisaties_tekst": "Dienst Toeslagen",
        "regeling-doelgroep": regeling.doelgroep,
        "regeling-verwachte_omvang": str(regeling.verwachte_omvang),
        "regeling-omvang_toelichting": regeling.omvang_toelichting,
        "regeling-revision": str(regeling.revision),
        "aannames-TOTAL_FORMS": str(len(aannames) + 1),
        "aannames-INITIAL_FORMS": str(len(aannames)),
        "aannames-MIN_NUM_FORMS": "0",
        "aannames-MAX_NUM_FORMS": "1000",
    }
    for i, aanname in enumerate(aannames):
        data |= {
            f"aannames-{i}-id": str(aanname.pk),
            f"aannames-{i}-tekst": aanname.tekst,
            f"aannames-{i}-bron": aanname.bron,
        }
    data |= {f"aannames-{len(aannames)}-tekst": "", f"aannames-{len(aannames)}-bron": ""}
    data.update(overrides)
    return data


def test_a_beleidsmedewerker_edits_the_regeling_and_its_assumptions(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    url = reverse("dossiers:regeling_edit", args=[dossier.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        edit_post(
            dossier,
            **{
                "regeling-naam": "Nieuwe naam",
                "aannames-0-DELETE": "on",
                "aannames-2-tekst": "Een nieuwe aanname.",
                "aannames-2-bron": "voorbereiding",
            },
        ),
    )
    assert response.status_code == 302
    regeling = Regeling.objects.get(pk=dossier.regeling.pk)
    assert regeling.naam == "Nieuwe naam"
    assert sorted(a.tekst for a in regeling.aannames.all()) == ["De systemen kunnen het aan.", "Een nieuwe aanname."]


def test_the_second_of_two_editors_is_refused_and_keeps_their_text(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    url = reverse("dossiers:regeling_edit", args=[dossier.pk])
    opened_by_both = edit_post(dossier)
    client.post(url, {**opened_by_both, "regeling-naam": "Naam van de eerste"})
    response = client.post(url, {**opened_by_both, "regeling-naam": "Naam van de tweede"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "heeft dit intussen gewijzigd" in page
    assert "Naam van de tweede" in page, "the second person's text is still in the form"
    assert Regeling.objects.get().naam == "Naam van de eerste"


@pytest.mark.parametrize("actor", ["kernteamlid", "manager", "buitenstaander"])
def test_only_beleidsmedewerkers_edit_a_regeling(client, builder, request, actor):
    dossier = builder.registered()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:regeling_edit", args=[dossier.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, edit_post(dossier, **{"regeling-naam": "Gekaapt"})).status_code == 403
    assert Regeling.objects.get().naam != "Gekaapt"


def test_an_approved_regeling_cannot_be_edited(client, builder, beleidsmedewerker):
    dossier = builder.vastgesteld()
    client.force_login(beleidsmedewerker)
    response = client.get(reverse("dossiers:regeling_edit", args=[dossier.pk]), follow=True)
    assert (
        "Het wijzigen van de regeling kan alleen bij de status ‘Geregistreerd’, ‘Screening’, ‘Geen invoeringstoets’ "
        "of ‘In onderzoek’; dit dossier heeft de status ‘Vastgesteld’."
    ) in response.content.decode()

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicatoren.models import GebruikPeriode

pytestmark = pytest.mark.django_db


def gebruik_post(rows: list[tuple], initial: int = 0) -> dict:
    data = {
        "gebruik-TOTAL_FORMS": str(len(rows)),
        "gebruik-INITIAL_FORMS": str(initial),
        "gebruik-MIN_NUM_FORMS": "0",
        "gebruik-MAX_NUM_FORMS": "1000",
    }
    for i, (periode, aanvragen, toekenningen, afwijzingen) in enumerate(rows):
        data |= {
            f"gebruik-{i}-periode": periode,
            f"gebruik-{i}-aanvragen": aanvragen,
            f"gebruik-{i}-toekenningen": toekenningen,
            f"gebruik-{i}-afwijzingen": afwijzingen,
        }
    return data


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid"])
def test_usage_is_entered_by_hand_and_drawn_against_the_expectation(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("indicatoren:gebruik", args=[dossier.pk])
    response = client.post(url, gebruik_post([("2021-01", "48", "29", "19"), ("2021-02", "87", "52", "35")]))
    assert response.status_code == 302
    assert [(p.periode.isoformat(), p.aanvragen) for p in GebruikPeriode.objects.all()] == [
        ("2021-01-01", 48),
        ("2021-02-01", 87),
    ]
    page = client.get(url).content.decode()
    assert "<svg" in page
    assert "Verwachte doelgroep: 4.000" in page
    assert "135" in page  # total applications in the table


def test_a_month_twice_or_a_missing_number_is_explained(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:gebruik", args=[dossier.pk])
    page = client.post(url, gebruik_post([("2021-01", "1", "1", "0"), ("2021-01", "2", "1", "1")])).content.decode()
    assert "De maand 01-2021 staat er twee keer in." in page
    page = client.post(url, gebruik_post([("2021-03", "5", "", "1")])).content.decode()
    assert "Vul een aantal in (0 als er geen waren)." in page
    assert not GebruikPeriode.objects.exists()


@pytest.mark.parametrize("actor", ["manager", "buitenstaander", "zonder_rol"])
def test_others_read_usage_but_do_not_enter_it(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("indicatoren:gebruik", args=[dossier.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Cijfers opslaan" not in page.content.decode()
    assert client.post(url, gebruik_post([("2021-01", "1", "1", "0")])).status_code == 403
    upload = reverse("indicatoren:gebruik_importeren", args=[dossier.pk])
    assert (
        client.post(
            upload,
            {"bestand": SimpleUploadedFile("g.csv", b"periode,aanvragen,toekenningen,afwijzingen\n2021-01,1,1,0\n")},
        ).status_code
        == 403
    )
    assert not GebruikPeriode.objects.exists()


def test_usage_is_imported_from_csv(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    csv = "periode;aanvragen;toekenningen;afwijzingen\n01-2021;48;29;19\n2021-02;1.087;652;435\n"
    response = client.post(
        reverse("indicatoren:gebruik_importeren", args=[dossier.pk]),
        {"bestand": SimpleUploadedFile("gebruik.csv", csv.encode())},
        follow=True,
    )
    assert "Gebruikscijfers van 2 maanden geïmporteerd." in response.content.decode()
    assert GebruikPeriode.objects.get(periode="2021-02-01").aanvragen == 1087

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from indicatoren.models import Signaal, SignaalImport

pytestmark = pytest.mark.django_db

RECORDERS = ["beleidsmedewerker", "kernteamlid"]
READERS_ONLY = ["manager", "buitenstaander", "zonder_rol"]


def signaal_post(**overrides) -> dict:
    return {
        "soort": "klacht",
        "datum": "2021-11-02",
        "bron": "Klantcontactcentrum",
        "samenvatting": "Afwijzing niet begrepen.",
        "aantal": "1.200",
        "link": "",
        **overrides,
    }


def make_signalen(dossier, n: int, start=date(2021, 1, 1)):
    Signaal.objects.bulk_create(
        (
            Signaal(
                dossier=dossier,
                soort="klacht" if i % 3 else "media",
                datum=start + timedelta(days=i % 400),
                bron="KCC",
                samenvatting=f"Signaal {i}",
            )
            for i in range(n)
        ),
        batch_size=5000,
    )


@pytest.mark.parametrize("actor", RECORDERS)
def test_beleid_and_the_kernteam_record_a_signal(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("indicatoren:signaal_create", args=[dossier.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, signaal_post()).status_code == 302
    signaal = Signaal.objects.get()
    assert (signaal.soort, signaal.aantal, str(signaal.datum)) == ("klacht", 1200, "2021-11-02")
    page = client.get(reverse("indicatoren:signalen", args=[dossier.pk])).content.decode()
    assert "Afwijzing niet begrepen." in page


@pytest.mark.parametrize("actor", READERS_ONLY)
def test_others_read_signals_but_do_not_record_them(client, builder, request, actor):
    dossier = builder.in_onderzoek()
    make_signalen(dossier, 2)
    signaal = Signaal.objects.first()
    client.force_login(request.getfixturevalue(actor))
    page = client.get(reverse("indicatoren:signalen", args=[dossier.pk]))
    assert page.status_code == 200
    assert "Signaal toevoegen" not in page.content.decode()
    assert client.post(reverse("indicatoren:signaal_create", args=[dossier.pk]), signaal_post()).status_code == 403
    edit = reverse("indicatoren:signaal_edit", args=[dossier.pk, signaal.pk])
    assert client.post(edit, signaal_post(samenvatting="Gewijzigd")).status_code == 403
    assert client.post(reverse("indicatoren:signaal_delete", args=[dossier.pk, signaal.pk])).status_code == 403
    assert Signaal.objects.count() == 2
    assert not Signaal.objects.filter(samenvatting="Gewijzigd").exists()


def test_a_bad_signal_is_explained_next_to_the_field(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    response = client.post(
        reverse("indicatoren:signaal_create", args=[dossier.pk]),
        signaal_post(datum="31-02-2021", link="javascript:alert(1)", aantal="0"),
    )
    page = response.content.decode()
    assert "Voer een geldige datum in." in page
    assert "Voer een geldige URL in." in page
    assert "minstens 1" in page
    assert "Afwijzing niet begrepen." in page
    assert not Signaal.objects.exists()


def test_a_signal_is_edited_and_deleted(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    make_signalen(dossier, 1)
    signaal = Signaal.objects.get()
    client.force_login(beleidsmedewerker)
    client.post(reverse("indicatoren:signaal_edit", args=[dossier.pk, signaal.pk]), signaal_post(samenvatting="Nieuw"))
    signaal.refresh_from_db()
    assert signaal.samenvatting == "Nieuw"
    delete = reverse("indicatoren:signaal_delete", args=[dossier.pk, signaal.pk])
    assert "Weet u zeker" in client.get(delete).content.decode()
    client.post(delete)
    assert not Signaal.objects.exists()


def test_a_signal_of_another_dossier_is_404(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    other = builder.registered(naam="Andere")
    make_signalen(other, 1)
    client.force_login(beleidsmedewerker)
    foreign = Signaal.objects.get()
    assert client.get(reverse("indicatoren:signaal_edit", args=[dossier.pk, foreign.pk])).status_code == 404
    assert client.post(reverse("indicatoren:signaal_delete", args=[dossier.pk, foreign.pk])).status_code == 404


def test_the_list_filters_by_kind_and_period(client, builder, manager):
    dossier = builder.registered()
    make_signalen(dossier, 30)
    client.force_login(manager)
    url = reverse("indicatoren:signalen", args=[dossier.pk])
    page = client.get(url, {"soort": "media", "van": "2021-01-01", "tot": "2021-01-10"}).content.decode()
    expected = Signaal.objects.filter(soort="media", datum__range=(date(2021, 1, 1), date(2021, 1, 10))).count()
    assert f"{expected} signalen" in page
    assert "Signaal 1<" not in page  # a complaint
    assert "Signaal 0" in page


def test_the_overview_of_all_signals_filters_by_regeling(client, builder, manager):
    make_signalen(builder.registered(naam="Kinderopvang bij Wlz"), 3)
    make_signalen(builder.registered(naam="Mantelzorgboete"), 2)
    client.force_login(manager)
    page = client.get(reverse("indicatoren:signalen_overzicht"), {"regeling": "mantelzorg"}).content.decode()
    assert "2 signalen" in page
    assert "Mantelzorgboete" in page
    assert "Kinderopvang bij Wlz" not in page


def test_the_list_of_100000_signals_loads_with_a_constant_number_of_queries(client, builder, manager):
    dossier = builder.registered()
    make_signalen(dossier, 60)
    client.force_login(manager)
    url = reverse("indicatoren:signalen", args=[dossier.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    make_signalen(dossier, 100_000 - 60)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, {"pagina": "2"})
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
    assert "100.000 signalen" in response.content.decode()
    assert "Pagina 2 van 2.000" in response.content.decode()


def test_an_import_is_undone_with_its_signals(client, builder, beleidsmedewerker):
    import io

    from indicatoren import services

    dossier = builder.registered()
    csv = "datum,soort,bron,samenvatting\n2021-03-01,klacht,KCC,Eerste\n2021-03-02,media,NOS,Tweede\n"
    batch = services.signalen_import(
        actor=beleidsmedewerker, dossier=dossier, stream=io.BytesIO(csv.encode()), bestandsnaam="maart.csv"
    )
    client.force_login(beleidsmedewerker)
    page = client.get(reverse("indicatoren:signalen", args=[dossier.pk])).content.decode()
    assert "maart.csv" in page
    response = client.post(reverse("indicatoren:signaal_import_delete", args=[dossier.pk, batch.pk]), follow=True)
    assert "2 signalen verwijderd" in response.content.decode()
    assert not Signaal.objects.exists()
    assert not SignaalImport.objects.exists()


def test_uploading_a_bad_csv_shows_the_line_and_stores_nothing(client, builder, beleidsmedewerker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    csv = "datum;soort;bron;samenvatting\n01-03-2021;klacht;KCC;Goed\n31-02-2021;klacht;KCC;Fout\n"
    response = client.post(
        reverse("indicatoren:signalen_importeren", args=[dossier.pk]),
        {"bestand": SimpleUploadedFile("signalen.csv", csv.encode(), content_type="text/csv")},
    )
    page = response.content.decode()
    assert "Het bestand is niet geïmporteerd" in page
    assert "Regel 3, kolom ‘datum’" in page
    assert not Signaal.objects.exists()


def test_uploading_a_good_csv_imports_it(client, builder, kernteamlid):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    csv = "\ufeffdatum;soort;bron;samenvatting;aantal\n01-03-2021;Klacht;KCC;Goed;3\n"
    response = client.post(
        reverse("indicatoren:signalen_importeren", args=[dossier.pk]),
        {"bestand": SimpleUploadedFile("signalen.csv", csv.encode(), content_type="text/csv")},
        follow=True,
    )
    assert "1 signalen geïmporteerd uit signalen.csv" in response.content.decode()
    assert Signaal.objects.get().aantal == 3


@pytest.mark.parametrize("actor", READERS_ONLY)
def test_others_cannot_import(client, builder, request, actor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    dossier = builder.in_onderzoek()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("indicatoren:signalen_importeren", args=[dossier.pk])
    assert client.get(url).status_code == 403
    csv = b"datum,soort,bron,samenvatting\n2021-03-01,klacht,KCC,x\n"
    assert client.post(url, {"bestand": SimpleUploadedFile("s.csv", csv)}).status_code == 403
    assert not Signaal.objects.exists()


def test_a_signal_cannot_lie_in_the_future(client, builder, beleidsmedewerker):
    import io

    from indicatoren import services
    from indicatoren.csvimport import ImportFout

    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    page = client.post(
        reverse("indicatoren:signaal_create", args=[dossier.pk]), signaal_post(datum="2999-01-01")
    ).content.decode()
    assert "De datum ligt in de toekomst" in page
    csv = "datum,soort,bron,samenvatting\n01-01-2999,klacht,KCC,x\n"
    with pytest.raises(ImportFout) as refused:
        services.signalen_import(
            actor=beleidsmedewerker, dossier=dossier, stream=io.BytesIO(csv.encode()), bestandsnaam="s.csv"
        )
    assert "Regel 2, kolom ‘datum’: ‘01-01-2999’ ligt in de toekomst" in refused.value.errors[0]
    assert not Signaal.objects.exists()
    # The rule is the service's, so a caller that skips the form (a script, the API) meets it too.
    from django.core.exceptions import ValidationError

    data = {"soort": "klacht", "datum": date(2999, 1, 1), "bron": "KCC", "samenvatting": "x", "aantal": None}
    with pytest.raises(ValidationError) as refused_service:
        services.signaal_create(
            actor=beleidsmedewerker, dossier=dossier, item=services.SignaalInput.uit({**data, "link": ""})
        )
    assert refused_service.value.message_dict == {
        "datum": ["De datum ligt in de toekomst; een signaal heeft al plaatsgevonden."]
    }
    assert not Signaal.objects.exists()


def test_the_list_counts_rows_and_the_reports_they_stand_for(client, builder, manager):
    dossier = builder.registered()
    Signaal.objects.create(
        dossier=dossier, soort="klacht", datum=date(2021, 5, 1), bron="KCC", samenvatting="x", aantal=38
    )
    Signaal.objects.create(dossier=dossier, soort="media", datum=date(2021, 5, 2), bron="NOS", samenvatting="y")
    client.force_login(manager)
    assert (
        "2 signalen, samen 39 meldingen"
        in client.get(reverse("indicatoren:signalen", args=[dossier.pk])).content.decode()
    )
    assert "2 vastgelegd, samen 39 meldingen" in client.get(dossier.get_absolute_url()).content.decode()


def test_the_list_reads_its_rows_once_for_count_and_weight_and_once_for_the_page(client, builder, manager):
    """With a million signals every pass over the filtered rows is a scan: counting and weighing is one pass."""
    dossier = builder.registered()
    make_signalen(dossier, 30)
    client.force_login(manager)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("indicatoren:signalen_overzicht"), {"soort": "klacht"})
    assert response.status_code == 200
    over_signals = [q["sql"] for q in queries.captured_queries if 'FROM "indicatoren_signaal"' in q["sql"]]
    assert len(over_signals) == 2, over_signals  # the count with the weight, and the page
    assert any("COUNT" in sql and "SUM" in sql for sql in over_signals)

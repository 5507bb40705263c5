"""Every change is recorded (who, when, what, old and new) and shown on the dossier as a timeline."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dossiers import services
from dossiers.models import Bevinding

pytestmark = pytest.mark.django_db


def test_a_change_is_recorded_with_who_when_and_old_and_new_values(client, builder, kernteamlid, manager):
    dossier = builder.in_onderzoek()
    bevinding = services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1B",
        item=services.BevindingInput(titel="Afwijzingen", tekst="Veel", soort="ervaring"),
    )
    services.bevinding_update(
        actor=kernteamlid,
        bevinding=bevinding,
        expected_revision=bevinding.revision,
        item=services.BevindingInput(titel="Afwijzingen", tekst="Relatief veel", soort="knelpunt"),
    )
    records = list(Bevinding.history.filter(id=bevinding.pk).order_by("history_date"))
    assert [r.history_type for r in records] == ["+", "~"]
    assert all(r.history_user == kernteamlid for r in records)
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    assert f"{kernteamlid.get_full_name()} wijzigde bevinding ‘Afwijzingen’" in page
    assert f"{kernteamlid.get_full_name()} voegde toe: bevinding ‘Afwijzingen’" in page
    assert "Bevinding: <del>Veel</del> → <ins>Relatief veel</ins>" in page
    assert "Soort: <del>Ervaring</del> → <ins>Knelpunt</ins>" in page


def test_the_timeline_covers_every_part_of_the_dossier(client, builder, manager):
    dossier = builder.add_follow_up(builder.vastgesteld())
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    for wat in [
        "regeling",
        "aanname",
        "screening",
        "bevinding",
        "toetsing van een aanname",
        "conclusie",
        "aanbeveling",
        "onderzoeksactiviteit",
        "bewijsstuk",
        "planning",
        "deelnemer",
        "opvolging",
        "actie",
    ]:
        assert f" {wat} " in page or f" {wat}<" in page or f" {wat}\n" in page, wat
    assert "verwijderde" not in page


def test_deletions_are_recorded_too(client, builder, kernteamlid, manager):
    dossier = builder.in_onderzoek()
    bevinding = services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1A",
        item=services.BevindingInput(titel="Weg ermee", tekst="x", soort="ervaring"),
    )
    services.bevinding_delete(actor=kernteamlid, bevinding=bevinding)
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    assert "verwijderde bevinding ‘Weg ermee’" in page


def test_the_timeline_needs_a_login_but_no_role(client, builder, zonder_rol):
    dossier = builder.registered()
    url = reverse("dossiers:tijdlijn", args=[dossier.pk])
    assert client.get(url).status_code == 302
    client.force_login(zonder_rol)
    assert client.get(url).status_code == 200


def test_the_dossier_page_of_a_big_dossier_uses_a_fixed_number_of_queries(client, builder, kernteamlid):
    """200 findings, 50 activities and 100 files load in as many queries as a small dossier."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dossiers.bewijs import PDF
    from dossiers.tests.factories import PDF_BYTES

    dossier = builder.complete()
    client.force_login(kernteamlid)
    client.get(dossier.get_absolute_url())
    with CaptureQueriesContext(connection) as small:
        client.get(dossier.get_absolute_url())
    activiteiten = [
        services.activiteit_create(
            actor=kernteamlid,
            dossier=dossier,
            item=services.ActiviteitInput.uit(
                {"datum": "2022-02-01", "soort": "enquete", "bereik": 10, "samenvatting": f"Enquête {n}"}
            ),
        )
        for n in range(49)
    ]
    for n in range(195):
        services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag=["1A", "1B", "1C", "2A", "2B", "2C"][n % 6],
            item=services.BevindingInput(
                titel=f"Bevinding {n}", tekst="x", soort="knelpunt", activiteiten=[activiteiten[n % 49].pk]
            ),
        )
    bevindingen = list(dossier.bevindingen.all())
    for n in range(99):
        kwargs = {"activiteit": activiteiten[n % 49]} if n % 2 else {"bevinding": bevindingen[n]}
        services.bewijsstuk_add(
            actor=kernteamlid, upload=SimpleUploadedFile(f"stuk{n}.pdf", PDF_BYTES), soort=PDF, **kwargs
        )
    assert dossier.bevindingen.count() == 200
    assert dossier.activiteiten.count() == 50
    assert dossier.bewijsstukken.count() == 100
    for url in [dossier.get_absolute_url(), reverse("dossiers:onderzoek", args=[dossier.pk])]:
        client.get(url)
        with CaptureQueriesContext(connection) as big:
            response = client.get(url)
        assert response.status_code == 200
        if url == dossier.get_absolute_url():
            assert len(big) == len(small), [q["sql"][:120] for q in big.captured_queries]
    with CaptureQueriesContext(connection) as vraag:
        client.get(reverse("dossiers:vraag", args=[dossier.pk, "1B"]))
    assert len(vraag) < 40, [q["sql"][:120] for q in vraag.captured_queries]


def test_users_show_by_name_and_lifecycle_remarks_are_in_the_timeline(client, builder, manager):
    dossier = builder.vastgesteld()
    services.dossier_reopen(actor=manager, dossier=dossier, reden="Nieuwe cijfers van de uitvoerder.")
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    assert f"Vastgesteld door: <del>(leeg)</del> → <ins>{manager.get_full_name()}</ins>" in page
    assert "Nieuwe versie 2 van de conclusie: Nieuwe cijfers van de uitvoerder." in page
    assert f"{manager.get_full_name()} zette de status" in page


def test_kernteam_changes_show_what_changed(client, builder, manager, buitenstaander):
    dossier = builder.in_onderzoek()
    services.kernteam_set(actor=manager, dossier=dossier, members=[builder.kernteam, buitenstaander])
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    assert "Kernteam: <del>1 gekoppeld</del> → <ins>2 gekoppeld</ins>" in page

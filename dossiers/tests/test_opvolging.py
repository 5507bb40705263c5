"""Follow-up after approval: monitoring date, actions with owner and due date, reminders, escalation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from dossiers import services
from dossiers.models import Actie, Opvolging, Regeling
from dossiers.tasks import acties_herinneren

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("actor", ["manager", "beleidsmedewerker"])
def test_management_and_beleid_record_the_follow_up(client, builder, request, actor, kernteamlid):
    dossier = builder.vastgesteld()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:opvolging", args=[dossier.pk])
    assert "Monitoring in plaats van ingrijpen" in client.get(url).content.decode()
    assert client.post(url, {"monitoring_op": "2023-06-01", "escalatie_naar": "", "toelichting": ""}).status_code == 302
    assert str(Opvolging.objects.get().monitoring_op) == "2023-06-01"
    client.post(
        reverse("dossiers:actie_create", args=[dossier.pk]),
        {
            "actie-omschrijving": "Folder voor zorgkantoren",
            "actie-eigenaar": kernteamlid.pk,
            "actie-deadline": "01-02-2023",
        },
    )
    actie = Actie.objects.get()
    assert (actie.eigenaar, str(actie.deadline)) == (kernteamlid, "2023-02-01")


def test_monitoring_needs_a_date(client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    page = client.post(
        reverse("dossiers:opvolging", args=[dossier.pk]),
        {"monitoring_op": "", "escalatie_naar": "", "toelichting": "x"},
    ).content.decode()
    assert "Bij monitoring hoort een datum voor de volgende monitoring." in page
    assert not Opvolging.objects.exists()


@pytest.mark.parametrize("actor", ["kernteamlid", "buitenstaander", "zonder_rol"])
def test_others_read_but_do_not_record_the_follow_up(client, builder, request, actor):
    dossier = builder.vastgesteld()
    client.force_login(request.getfixturevalue(actor))
    url = reverse("dossiers:opvolging", args=[dossier.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"monitoring_op": "2023-06-01"}).status_code == 403
    assert client.post(reverse("dossiers:actie_create", args=[dossier.pk]), {}).status_code == 403
    assert not Opvolging.objects.exists()


def test_follow_up_waits_for_approval(client, builder, manager):
    dossier = builder.ter_vaststelling()
    client.force_login(manager)
    response = client.get(reverse("dossiers:opvolging", args=[dossier.pk]), follow=True)
    assert "Opvolging hoort bij een vastgestelde conclusie" in response.content.decode()


def test_overdue_actions_show_on_the_dossier_list(client, builder, manager):
    dossier = builder.add_follow_up(builder.vastgesteld())
    client.force_login(manager)
    assert "1 actie te laat" in client.get("/").content.decode()
    actie = Actie.objects.get()
    client.post(reverse("dossiers:actie_afronden", args=[dossier.pk, actie.pk]))
    assert Actie.objects.get().afgerond_op == timezone.localdate()
    assert "te laat" not in client.get("/").content.decode()


def test_the_dossier_page_counts_the_overdue_actions_on_its_follow_up_button(client, builder, manager):
    dossier = builder.add_follow_up(builder.vastgesteld())
    client.force_login(manager)
    assert "Opvolging (1 te laat)" in client.get(dossier.get_absolute_url()).content.decode()
    Actie.objects.update(afgerond_op=timezone.localdate())
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert "Opvolging" in page
    assert "te laat)" not in page


def test_the_owner_is_mailed_once_when_an_action_is_due(builder, beleidsmedewerker):
    beleidsmedewerker.email = "beleid@example.nl"
    beleidsmedewerker.save()
    dossier = builder.add_follow_up(builder.vastgesteld())
    services.actie_create(
        actor=builder.management,
        dossier=dossier,
        item=services.ActieInput(
            omschrijving="Nog niet aan de beurt",
            eigenaar=beleidsmedewerker,
            deadline=timezone.localdate() + timedelta(days=30),
        ),
    )
    assert acties_herinneren() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["beleid@example.nl"]
    assert "Bekendheid vergroten via zorgkantoren." in message.body
    assert "1 januari 2023" in message.subject
    assert acties_herinneren() == 0, "a second run sends nothing again"
    assert len(mail.outbox) == 1


@pytest.mark.security
def test_a_name_stored_with_a_line_break_still_gives_a_one_line_subject(builder, beleidsmedewerker):
    """Names stored before line breaks were refused must not break the reminders of their dossier."""
    beleidsmedewerker.email = "beleid@example.nl"
    beleidsmedewerker.save()
    dossier = builder.add_follow_up(builder.vastgesteld())
    Regeling.objects.filter(pk=dossier.regeling_id).update(naam="Wlz-regeling\r\nBcc: iedereen@example.nl")
    assert acties_herinneren() == 1
    assert mail.outbox[0].subject.endswith("Wlz-regeling Bcc: iedereen@example.nl")
    assert mail.outbox[0].bcc == []


def test_a_failing_mail_is_tried_again_on_the_next_run(builder, beleidsmedewerker, monkeypatch):
    beleidsmedewerker.email = "beleid@example.nl"
    beleidsmedewerker.save()
    builder.add_follow_up(builder.vastgesteld())
    from dossiers.services import conclusie as module

    def down(**kwargs):
        raise OSError("mailserver weg")

    monkeypatch.setattr(module, "send_mail", down)
    assert services.acties_herinneren() == 0
    assert Actie.objects.get().herinnerd_op is None
    monkeypatch.undo()
    assert services.acties_herinneren() == 1


def test_the_reminder_runs_daily_in_beat(settings):
    assert settings.CELERY_BEAT_SCHEDULE["acties-herinneren-dagelijks"]["task"] == acties_herinneren.name


def test_the_follow_up_asks_only_what_the_outcome_needs(client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    page = client.get(reverse("dossiers:opvolging", args=[dossier.pk])).content.decode()
    assert "Volgende monitoring op" in page
    assert "Geëscaleerd naar" not in page


def test_an_action_may_be_owned_by_an_organisation(client, builder, manager, mailoutbox):
    from datetime import date

    from dossiers.models import Organisatie

    dossier = builder.vastgesteld()
    manager.email = "management@example.nl"
    manager.save(update_fields=["email"])
    client.force_login(manager)
    url = reverse("dossiers:actie_create", args=[dossier.pk])
    svb = Organisatie.objects.get(afkorting="SVB")
    beide = client.post(
        url,
        {
            "actie-omschrijving": "Brieven herschrijven",
            "actie-eigenaar": manager.pk,
            "actie-eigenaar_organisatie": svb.pk,
            "actie-deadline": "2023-02-01",
        },
    )
    assert "Kies als eigenaar een persoon of een organisatie (één van beide)." in beide.content.decode()
    assert not Actie.objects.exists()
    client.post(
        url,
        {
            "actie-omschrijving": "Brieven herschrijven",
            "actie-eigenaar_organisatie": svb.pk,
            "actie-deadline": "2023-02-01",
        },
    )
    actie = Actie.objects.get()
    assert (actie.eigenaar, actie.eigenaar_organisatie, actie.eigenaar_naam) == (None, svb, "Sociale Verzekeringsbank")
    page = client.get(reverse("dossiers:opvolging", args=[dossier.pk])).content.decode()
    assert "<td>Sociale Verzekeringsbank</td>" in page
    # The reminder goes to the person who recorded the action, naming the organisation.
    assert services.acties_herinneren(today=date(2023, 2, 2)) == 1
    assert mailoutbox[-1].to == [manager.email]
    assert "Eigenaar: Sociale Verzekeringsbank; u legde de actie vast." in mailoutbox[-1].body

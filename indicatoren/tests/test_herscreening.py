from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dossiers.constants import DossierStatus
from indicatoren import services
from indicatoren.models import Screening, Signaal
from indicatoren.tasks import herscreening_check

pytestmark = pytest.mark.django_db


def add_signals(dossier, n: int, aantal=None):
    Signaal.objects.bulk_create(
        Signaal(dossier=dossier, soort="klacht", datum=date(2022, 1, 1), bron="KCC", samenvatting="x", aantal=aantal)
        for _ in range(n)
    )


def test_enough_new_signals_after_a_no_flag_the_dossier(builder, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 5
    dossier = builder.geen_invoeringstoets()
    add_signals(dossier, 4)
    assert services.herscreening_check() == []
    add_signals(dossier, 1)
    flagged = services.herscreening_check()
    assert [d.pk for d in flagged] == [dossier.pk]
    dossier.refresh_from_db()
    assert dossier.herscreening_sinds is not None
    assert "Sinds het besluit zijn 5 signalen vastgelegd (drempel 5)." in dossier.herscreening_reden


def test_a_signal_counts_as_many_as_its_number(builder, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 10
    dossier = builder.geen_invoeringstoets()
    add_signals(dossier, 1, aantal=12)
    assert len(services.herscreening_check()) == 1


def test_signals_recorded_before_the_decision_do_not_count(builder, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 2
    dossier = builder.screening()
    add_signals(dossier, 5)
    Signaal.objects.update(created_at=timezone.now() - timedelta(days=1))
    dossier = builder.reload(dossier)
    screening = services.current_screening(dossier)
    services.screening_decide(
        actor=dossier.regeling.created_by,
        dossier=dossier,
        expected_revision=screening.revision,
        indicatoren=[],
        fields={"besluit": "nee", "motivering": "Nog geen signalen van belang."},
    )
    assert services.herscreening_check() == []


def test_the_re_screening_date_flags_the_dossier(builder):
    dossier = builder.geen_invoeringstoets()
    Screening.objects.filter(dossier=dossier).update(herscreening_op=date(2023, 1, 1))
    assert services.herscreening_check(today=date(2022, 12, 31)) == []
    assert len(services.herscreening_check(today=date(2023, 1, 1))) == 1
    dossier.refresh_from_db()
    assert "De datum om opnieuw te screenen (01-01-2023) is bereikt." in dossier.herscreening_reden


def test_only_geen_invoeringstoets_dossiers_are_checked(builder, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 1
    add_signals(builder.in_onderzoek(), 3)
    add_signals(builder.registered(naam="Nieuw"), 3)
    assert services.herscreening_check() == []


def test_the_check_is_idempotent_and_a_new_screening_clears_the_flag(builder, beleidsmedewerker, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 1
    dossier = builder.geen_invoeringstoets()
    add_signals(dossier, 1)
    assert len(services.herscreening_check()) == 1
    assert services.herscreening_check() == []
    services.screening_start(actor=beleidsmedewerker, dossier=dossier)
    dossier.refresh_from_db()
    assert dossier.herscreening_sinds is None
    assert dossier.status == DossierStatus.SCREENING


def test_flagged_dossiers_come_first_in_the_list(client, builder, manager, settings):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 1
    flagged = builder.geen_invoeringstoets(naam="Regeling die opnieuw moet")
    builder.in_onderzoek(naam="Regeling in onderzoek")
    add_signals(flagged, 1)
    herscreening_check()
    client.force_login(manager)
    page = client.get("/").content.decode()
    assert page.index("Regeling die opnieuw moet") < page.index("Regeling in onderzoek")
    assert "Opnieuw screenen" in page
    detail = client.get(reverse("dossiers:detail", args=[flagged.pk])).content.decode()
    assert "Sinds het besluit zijn 1 signalen vastgelegd" in detail


def test_the_daily_task_and_the_command_run_the_check(builder, settings, capsys):
    settings.HERSCREENING_SIGNAAL_DREMPEL = 1
    add_signals(builder.geen_invoeringstoets(), 1)
    call_command("herscreening")
    assert capsys.readouterr().out.strip().splitlines()[-1] == "1"
    assert settings.CELERY_BEAT_SCHEDULE["herscreening-dagelijks"]["task"] == herscreening_check.name

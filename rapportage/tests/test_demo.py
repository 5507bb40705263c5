import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import log_in
from dossiers.constants import DossierStatus, Role
from dossiers.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _local_machine(settings):
    settings.DEBUG = True  # the demo is for a developer's own machine


def run_demo(capsys) -> list[str]:
    call_command("demo")
    return capsys.readouterr().out.strip().splitlines()


def test_demo_makes_one_user_per_role_and_the_approved_seed_case(capsys, client):
    lines = run_demo(capsys)
    dossier = Dossier.objects.get(pk=int(lines[-1]))
    assert dossier.regeling.naam == "Recht op kinderopvangtoeslag bij Wlz-indicatie"
    assert dossier.status == DossierStatus.VASTGESTELD
    assert dossier.regeling.verwachte_omvang == 4000
    assert dossier.bevindingen.count() == 10
    assert set(dossier.bevindingen.values_list("vraag", flat=True)) == {"1A", "1B", "1C", "2A", "2B", "2C"}
    assert not dossier.regeling.aannames.filter(toetsing__isnull=True).exists()
    assert dossier.conclusies.get().vastgesteld_by.username == "management"
    for role in Role:
        assert any(role.label in line for line in lines)
    assert log_in(client, "management", "management-demo-2026")
    assert log_in(client, "beleid", "beleid-demo-2026")


def test_demo_is_idempotent(capsys):
    first = run_demo(capsys)
    second = run_demo(capsys)
    assert first[-1] == second[-1]
    assert Dossier.objects.count() == 1


def test_demo_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="bekende wachtwoorden"):
        call_command("demo")
    call_command("demo", "--force")
    assert Dossier.objects.count() == 1

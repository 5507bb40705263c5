"""The finished report of an approved version is part of the record (see dossiers/tests/test_bewaren.py)."""

import pytest
from django.db import transaction
from django.urls import reverse

from invoeringstoets.bewaren import Bewaard
from rapportage.constants import RapportStatus
from rapportage.models import Rapport
from rapportage.services import rapport_request

pytestmark = pytest.mark.django_db


def test_the_report_of_an_approved_version_is_kept(builder, manager, django_capture_on_commit_callbacks):
    dossier = builder.vastgesteld()
    with django_capture_on_commit_callbacks(execute=True):
        rapport_request(actor=manager, dossier=dossier)
    rapport = Rapport.objects.get(dossier=dossier)
    assert rapport.status == RapportStatus.KLAAR
    with pytest.raises(Bewaard, match="verslag van een vastgestelde conclusie"), transaction.atomic():
        rapport.delete()
    failed = Rapport.objects.create(dossier=dossier, volgnummer=2, requested_by=manager, status=RapportStatus.MISLUKT)
    failed.delete()  # a failed request holds nothing and may go
    assert Rapport.objects.filter(pk=rapport.pk).exists()


def test_beheer_names_the_reason_also_when_a_report_protects_the_version(client, builder, manager, django_user_model):
    """The demo dossier has a report, which Django protects by itself; the approved version's reason shows too."""
    dossier = builder.vastgesteld()
    rapport_request(actor=manager, dossier=dossier)
    client.force_login(django_user_model.objects.create_superuser("beheerder", "b@example.nl", "een-lang-wachtwoord"))
    page = client.get(reverse("admin:dossiers_dossier_delete", args=[dossier.pk])).content.decode()
    assert "Versie 1 van de conclusie is vastgesteld op" in page
    assert 'type="submit"' not in page.split('id="content"')[1]

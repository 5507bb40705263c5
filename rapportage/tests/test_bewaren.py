"""The finished report of an approved version is part of the record (see dossiers/tests/test_bewaren.py)."""

import pytest
from django.db import transaction

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

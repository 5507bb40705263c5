"""A signal that supports a finding of an approved version is kept, typed by hand or imported (see
dossiers/tests/test_bewaren.py for the approved version itself)."""

import pytest
from django.db import transaction
from django.urls import reverse

from dossiers import rules
from dossiers import services as dossier_services
from indicatoren import services
from indicatoren.models import Signaal, SignaalImport
from invoeringstoets.bewaren import Bewaard

pytestmark = pytest.mark.django_db


@pytest.fixture
def vastgesteld(builder, manager, kernteamlid):
    """Approved; finding 1A cites one imported signal. Then opened again for a new version."""
    dossier = builder.complete()
    builder.add_practice(dossier)
    geciteerd, los = Signaal.objects.filter(dossier=dossier, import_batch__isnull=False).order_by("pk")[:2]
    bevinding = dossier.bevindingen.get(vraag="1A")
    dossier_services.bevinding_update(
        actor=kernteamlid,
        bevinding=bevinding,
        expected_revision=bevinding.revision,
        item=dossier_services.BevindingInput(
            titel=bevinding.titel, tekst=bevinding.tekst, soort=bevinding.soort, signalen=[geciteerd.pk]
        ),
    )
    dossier_services.dossier_submit(actor=kernteamlid, dossier=dossier)
    dossier_services.dossier_approve(actor=manager, dossier=dossier)
    return dossier, geciteerd, los


def test_a_cited_signal_cannot_be_deleted_and_another_can(client, vastgesteld, beleidsmedewerker):
    dossier, geciteerd, los = vastgesteld
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:signaal_delete", args=[dossier.pk, geciteerd.pk])
    page = client.get(url, follow=True).content.decode()
    assert "onderbouwt de bevinding ‘Bevinding bij 1A’ van een vastgestelde versie en blijft daarom bewaard" in page
    client.post(url)
    assert Signaal.objects.filter(pk=geciteerd.pk).exists()
    with pytest.raises(rules.WrongStatus, match="blijft daarom bewaard"):
        services.signaal_delete(actor=beleidsmedewerker, signaal=geciteerd)
    with pytest.raises(Bewaard), transaction.atomic():
        Signaal.objects.filter(pk=geciteerd.pk).delete()

    client.post(reverse("indicatoren:signaal_delete", args=[dossier.pk, los.pk]))
    assert not Signaal.objects.filter(pk=los.pk).exists()


def test_an_import_with_a_cited_signal_cannot_be_undone(client, vastgesteld, beleidsmedewerker):
    dossier, geciteerd, _ = vastgesteld
    batch = geciteerd.import_batch
    aantal = Signaal.objects.filter(import_batch=batch).count()
    client.force_login(beleidsmedewerker)
    response = client.post(reverse("indicatoren:signaal_import_delete", args=[dossier.pk, batch.pk]), follow=True)
    assert "Deze import kan niet ongedaan worden gemaakt" in response.content.decode()
    assert SignaalImport.objects.filter(pk=batch.pk).exists()
    assert Signaal.objects.filter(import_batch=batch).count() == aantal
    with pytest.raises(Bewaard), transaction.atomic():
        SignaalImport.objects.get(pk=batch.pk).delete()  # beheer's way: the cascade reaches the cited signal

"""Nothing approved can be lost: an approved version, what it cites and whoever appears in a history are kept,
whichever way a delete is tried (the page, a service, beheer, a cascade, code)."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from dossiers import rules, services
from dossiers.bewijs import PDF
from dossiers.models import Bevinding, Bewijsstuk, Conclusie, Dossier, Onderzoeksactiviteit
from dossiers.tests.factories import PDF_BYTES, regeling_data
from invoeringstoets.bewaren import Bewaard

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", "beheer@example.nl", "een-lang-wachtwoord")


@pytest.fixture
def heropend(builder, manager):
    """Approved, then opened again for a new version: the kernteam can change the research once more."""
    dossier = builder.vastgesteld()
    services.dossier_reopen(actor=manager, dossier=dossier, reden="Nieuwe cijfers.")
    return builder.reload(dossier)


def test_an_approved_version_is_refused_by_every_way_of_deleting(client, builder, beheerder):
    dossier = builder.vastgesteld()
    conclusie = Conclusie.objects.get(dossier=dossier)

    with pytest.raises(
        rules.WrongStatus, match=r"^Versie 1 van de conclusie is vastgesteld op .* blijft daarom bewaard"
    ):
        rules.check_delete(conclusie)
    with pytest.raises(Bewaard, match="vastgestelde conclusie blijft bewaard"), transaction.atomic():
        conclusie.delete()
    with pytest.raises(Bewaard), transaction.atomic():
        Conclusie.objects.filter(dossier=dossier).delete()
    with pytest.raises(Bewaard), transaction.atomic():
        Dossier.objects.get(pk=dossier.pk).delete()  # the cascade reaches the approved version

    client.force_login(beheerder)
    url = reverse("admin:dossiers_conclusie_delete", args=[conclusie.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    page = client.get(reverse("admin:dossiers_dossier_delete", args=[dossier.pk])).content.decode()
    assert "Versie 1 van de conclusie is vastgesteld op" in page
    assert 'type="submit"' not in page.split('id="content"')[1]  # no button to confirm the delete
    bulk = client.post(
        reverse("admin:dossiers_dossier_changelist"),
        {"action": "delete_selected", "_selected_action": [dossier.pk], "post": "yes"},
    )
    assert "blijft daarom bewaard" in bulk.content.decode()
    assert Conclusie.objects.filter(pk=conclusie.pk, vastgestelde_inhoud__isnull=False).exists()
    assert Dossier.objects.filter(pk=dossier.pk).exists()


def test_beheer_reads_an_approved_version_but_cannot_change_it(client, builder, beheerder):
    conclusie = Conclusie.objects.get(dossier=builder.vastgesteld())
    client.force_login(beheerder)
    url = reverse("admin:dossiers_conclusie_change", args=[conclusie.pk])
    page = client.get(url).content.decode()
    assert conclusie.toelichting in page
    assert 'name="toelichting"' not in page
    response = client.post(url, {"toelichting": "Achteraf anders", "uitkomst": "ingrijpen"})
    assert response.status_code == 403
    assert Conclusie.objects.get(pk=conclusie.pk).toelichting == conclusie.toelichting


def test_after_a_new_version_opens_the_kernteam_cannot_delete_a_cited_finding(client, heropend, kernteamlid):
    bevinding = heropend.bevindingen.get(vraag="1A")
    client.force_login(kernteamlid)
    vraag = client.get(reverse("dossiers:vraag", args=[heropend.pk, "1A"])).content.decode()
    assert reverse("dossiers:bevinding_edit", args=[heropend.pk, bevinding.pk]) in vraag
    assert reverse("dossiers:bevinding_delete", args=[heropend.pk, bevinding.pk]) not in vraag
    assert "staat in een vastgestelde versie en blijft bewaard" in vraag

    response = client.post(reverse("dossiers:bevinding_delete", args=[heropend.pk, bevinding.pk]), follow=True)
    assert "staat in de vastgestelde versie 1 van de conclusie en blijft daarom bewaard" in response.content.decode()
    assert Bevinding.objects.filter(pk=bevinding.pk).exists()
    with pytest.raises(rules.WrongStatus, match="vastgestelde versie 1"):
        services.bevinding_delete(actor=kernteamlid, bevinding=bevinding)


def test_cited_evidence_stays_on_disk_with_its_sha256(client, heropend, kernteamlid):
    activiteit = heropend.activiteiten.get()
    stuk = activiteit.bewijsstukken.get()
    client.force_login(kernteamlid)
    page = client.get(reverse("dossiers:onderzoek", args=[heropend.pk])).content.decode()
    assert reverse("dossiers:bewijsstuk_delete", args=[heropend.pk, stuk.pk]) not in page
    assert reverse("dossiers:activiteit_delete", args=[heropend.pk, activiteit.pk]) not in page

    client.post(reverse("dossiers:bewijsstuk_delete", args=[heropend.pk, stuk.pk]))
    response = client.post(reverse("dossiers:activiteit_delete", args=[heropend.pk, activiteit.pk]), follow=True)
    said = response.content.decode()
    assert "staat in de vastgestelde versie 1 van de conclusie en blijft daarom bewaard" in said
    assert "‘interviewverslag.pdf’ hoort bij de vastgestelde versie 1 van de conclusie" in said
    assert "Staat in een vastgestelde versie en blijft bewaard." in page
    assert Onderzoeksactiviteit.objects.filter(pk=activiteit.pk).exists()
    stuk = Bewijsstuk.objects.get(pk=stuk.pk)
    with stuk.bestand.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == stuk.sha256


def test_what_the_new_version_adds_can_still_be_deleted(client, heropend, kernteamlid):
    bevinding = services.bevinding_create(
        actor=kernteamlid,
        dossier=heropend,
        vraag="1A",
        item=services.BevindingInput(titel="Nieuw", tekst="Sinds de heropening.", soort="ervaring"),
    )
    stuk = services.bewijsstuk_add(
        actor=kernteamlid,
        bevinding=bevinding,
        upload=SimpleUploadedFile("nieuw.pdf", PDF_BYTES),
        soort=PDF,
        omschrijving="",
    )
    client.force_login(kernteamlid)
    vraag = client.get(reverse("dossiers:vraag", args=[heropend.pk, "1A"])).content.decode()
    assert reverse("dossiers:bevinding_delete", args=[heropend.pk, bevinding.pk]) in vraag
    assert reverse("dossiers:bewijsstuk_delete", args=[heropend.pk, stuk.pk]) in vraag
    client.post(reverse("dossiers:bevinding_delete", args=[heropend.pk, bevinding.pk]))
    assert not Bevinding.objects.filter(pk=bevinding.pk).exists()
    assert not Bewijsstuk.objects.filter(pk=stuk.pk).exists()


def test_an_assumption_whose_assessment_holds_cited_evidence_stays(builder, manager, kernteamlid, beleidsmedewerker):
    dossier = builder.complete()
    aanname, andere = dossier.regeling.aannames.all()
    services.bewijsstuk_add(
        actor=kernteamlid,
        toetsing=aanname.toetsing,
        upload=SimpleUploadedFile("toets.pdf", PDF_BYTES),
        soort=PDF,
        omschrijving="",
    )
    services.dossier_submit(actor=kernteamlid, dossier=dossier)
    services.dossier_approve(actor=manager, dossier=dossier)
    services.dossier_reopen(actor=manager, dossier=dossier, reden="Nieuwe cijfers.")
    regeling = builder.reload(dossier).regeling
    zonder_aanname = services.RegelingInput.uit(
        regeling_data(),
        uitvoeringsorganisaties=("Dienst Toeslagen",),
        aannames=(
            services.AannameInput(tekst=aanname.tekst, bron=aanname.bron, pk=aanname.pk, delete=True),
            services.AannameInput(tekst=andere.tekst, bron=andere.bron, pk=andere.pk),
        ),
    )
    with pytest.raises(rules.WrongStatus, match=r"‘toets\.pdf’ hoort bij de vastgestelde versie 1"):
        services.regeling_update(
            actor=beleidsmedewerker, dossier=dossier, expected_revision=regeling.revision, item=zonder_aanname
        )
    with pytest.raises(Bewaard), transaction.atomic():
        aanname.delete()
    assert dossier.regeling.aannames.count() == 2


def test_a_user_in_the_history_is_deactivated_not_deleted(client, builder, beheerder, kernteamlid, django_user_model):
    builder.complete()
    nieuw = django_user_model.objects.create_user("nooit-gebruikt", password="een-lang-wachtwoord")
    client.force_login(beheerder)

    page = client.get(reverse("admin:auth_user_delete", args=[kernteamlid.pk])).content.decode()
    assert "komt voor in de geschiedenis van de dossiers en kan daarom niet worden verwijderd" in page
    client.post(reverse("admin:auth_user_delete", args=[kernteamlid.pk]), {"post": "yes"})
    with pytest.raises(ProtectedError), transaction.atomic():  # Django's own protection comes first here
        django_user_model.objects.filter(pk=kernteamlid.pk).delete()
    assert django_user_model.objects.filter(pk=kernteamlid.pk).exists()

    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactiveren", "_selected_action": [kernteamlid.pk]},
        follow=True,
    )
    assert "1 gebruiker gedeactiveerd." in response.content.decode()
    kernteamlid.refresh_from_db()
    assert not kernteamlid.is_active
    assert client.get(reverse("admin:auth_user_history", args=[kernteamlid.pk])).status_code == 200

    # Someone who never worked on anything can go.
    client.post(reverse("admin:auth_user_delete", args=[nieuw.pk]), {"post": "yes"})
    assert not django_user_model.objects.filter(pk=nieuw.pk).exists()


def test_recommendations_of_an_approved_version_are_read_only_in_beheer(client, builder, beheerder):
    conclusie = Conclusie.objects.get(dossier=builder.vastgesteld())
    aanbeveling = conclusie.aanbevelingen.get()
    client.force_login(beheerder)
    change = reverse("admin:dossiers_aanbeveling_change", args=[aanbeveling.pk])
    assert 'name="tekst"' not in client.get(change).content.decode()
    assert client.post(change, {"tekst": "Anders", "adressaat": "beleid", "conclusie": conclusie.pk}).status_code == 403
    add = client.post(
        reverse("admin:dossiers_aanbeveling_add"),
        {"tekst": "Erbij", "adressaat": "beleid", "prioriteit": "midden", "volgorde": 0, "conclusie": conclusie.pk},
    )
    assert "Deze conclusie is vastgesteld; haar aanbevelingen veranderen niet meer." in add.content.decode()
    assert [a.tekst for a in conclusie.aanbevelingen.all()] == ["Vergroot de bekendheid."]
    aanbeveling.tekst = "Via de code"
    with pytest.raises(ValueError, match="vastgestelde conclusie kan niet meer veranderen"):
        aanbeveling.save()
    page = client.get(reverse("admin:dossiers_conclusie_change", args=[conclusie.pk])).content.decode()
    assert reverse("admin:dossiers_conclusie_delete", args=[conclusie.pk]) not in page


def test_the_record_of_status_changes_is_read_only_in_beheer(client, builder, beheerder):
    dossier = builder.vastgesteld()
    change = dossier.status_changes.last()
    client.force_login(beheerder)
    assert client.get(reverse("admin:dossiers_statuschange_delete", args=[change.pk])).status_code == 403
    page = client.get(reverse("admin:dossiers_statuschange_change", args=[change.pk])).content.decode()
    assert 'name="to_status"' not in page


def test_kept_evidence_cannot_be_moved_in_beheer(client, heropend, beheerder):
    stuk = Bewijsstuk.objects.get(dossier=heropend)
    client.force_login(beheerder)
    page = client.get(reverse("admin:dossiers_bewijsstuk_change", args=[stuk.pk])).content.decode()
    assert 'name="dossier"' not in page
    assert 'name="activiteit"' not in page


def test_a_beheerder_cannot_deactivate_themselves(client, beheerder, django_user_model):
    client.force_login(beheerder)
    response = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "deactiveren", "_selected_action": [beheerder.pk]},
        follow=True,
    )
    assert "U kunt uzelf niet deactiveren" in response.content.decode()
    assert django_user_model.objects.get(pk=beheerder.pk).is_active

"""Organisations as data: found from what people type, added for beheer when unknown, merged when doubled, and
the migration that turned the free text of before into organisations."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from dossiers import organisaties
from dossiers.constants import OrganisatieSoort
from dossiers.models import Organisatie, Regeling

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "getypt",
    [
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        "SZW",
        "Ministerie van SZW",
        "ministerie van sociale zaken & werkgelegenheid",
        "  Sociale   Zaken en Werkgelegenheid ",
        "Ministerie van Sociale Zaken en Werkgelegenheid (SZW)",
    ],
)
def test_a_typed_ministerie_is_found_on_the_list(getypt):
    gevonden = organisaties.ministerie(getypt)
    assert (gevonden.naam, gevonden.afkorting, gevonden.te_controleren) == (
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        "SZW",
        False,
    )


def test_what_is_not_on_the_list_is_added_for_beheer_to_check():
    szw = organisaties.ministerie("SZW")
    directie = organisaties.directie("Directie Kinderopvang", szw)
    assert (directie.soort, directie.valt_onder, directie.te_controleren) == (OrganisatieSoort.DIRECTIE, szw, True)
    assert organisaties.directie("directie kinderopvang", szw) == directie, "found the second time"
    fin = organisaties.ministerie("Fin")
    assert organisaties.directie("Directie Kinderopvang", fin) != directie, "a directie belongs to its ministerie"
    assert organisaties.uitvoeringsorganisaties(["+1", "-1"])[0] != organisaties.uitvoeringsorganisaties(["-1"])[0]


def test_the_implementing_organisations_keep_their_order_and_the_first_leads(client, builder, manager):
    dossier = builder.registered()

    builder.met_uitvoerders(dossier, "CIZ", "Dienst Toeslagen", "UWV")
    regeling = Regeling.objects.get(pk=dossier.regeling_id)
    assert [o.afkorting or o.naam for o in regeling.uitvoerders] == ["CIZ", "Dienst Toeslagen", "UWV"]
    client.force_login(manager)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert (
        "Centrum indicatiestelling zorg (leidend), Dienst Toeslagen, Uitvoeringsinstituut Werknemersverzekeringen"
        in page
    )


def test_the_form_suggests_the_list_and_keeps_its_labels(client, builder, beleidsmedewerker):
    dossier = builder.registered()
    client.force_login(beleidsmedewerker)
    page = client.get(reverse("dossiers:regeling_edit", args=[dossier.pk])).content.decode()
    assert re.search(r'<label\s+for="id_regeling-ministerie"', page)
    assert 'list="id_regeling-ministerie-keuzes"' in page
    assert (
        '<datalist id="id_regeling-ministerie-keuzes"><option value="Ministerie van Algemene Zaken" label="AZ">' in page
    ), "the abbreviation is matched too"
    assert 'value="Ministerie van Financiën"' in page, "the current ministerie filled in"


def test_beheer_merges_duplicates_and_everything_follows(client, builder, django_user_model):
    beheerder = django_user_model.objects.create_superuser("beheerder", "b@example.nl", "een-lang-wachtwoord")
    echte = Organisatie.objects.get(afkorting="SVB")
    dubbel = organisaties.uitvoeringsorganisaties(["Sociale verzekeringsbank Amstelveen"])[0]
    assert dubbel.te_controleren
    a = builder.registered(naam="A")
    b = builder.registered(naam="B")
    organisaties.zet_uitvoerders(a.regeling, [dubbel])
    organisaties.zet_uitvoerders(b.regeling, [echte, dubbel])

    client.force_login(beheerder)
    changelist = reverse("admin:dossiers_organisatie_changelist")
    keuze = client.post(changelist, {"action": "samenvoegen", "_selected_action": [echte.pk, dubbel.pk]})
    assert "Deze organisatie blijft" in keuze.content.decode()
    done = client.post(
        changelist, {"action": "samenvoegen", "_selected_action": [echte.pk, dubbel.pk], "doel": echte.pk}, follow=True
    )
    assert "1 organisatie samengevoegd in ‘Sociale Verzekeringsbank’." in done.content.decode()
    assert not Organisatie.objects.filter(pk=dubbel.pk).exists()
    assert [o.pk for o in Regeling.objects.get(pk=a.regeling.pk).uitvoerders] == [echte.pk]
    assert [o.pk for o in Regeling.objects.get(pk=b.regeling.pk).uitvoerders] == [echte.pk], "once, not twice"


def test_unknown_organisations_are_listed_for_beheer(client, builder, django_user_model):
    beheerder = django_user_model.objects.create_superuser("beheerder", "b@example.nl", "een-lang-wachtwoord")
    builder.registered()  # the builder's directie "Dienst Toeslagen" is not on the list of directies
    client.force_login(beheerder)
    page = client.get(reverse("admin:dossiers_organisatie_changelist"), {"te_controleren__exact": "1"})
    assert "Dienst Toeslagen" in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_free_text_into_organisations(django_user_model):
    executor = MigrationExecutor(connection)
    executor.migrate([("dossiers", "0008_regel_velden")])
    apps = executor.loader.project_state([("dossiers", "0008_regel_velden")]).apps
    User = apps.get_model("auth", "User")
    OudRegeling = apps.get_model("dossiers", "Regeling")
    Oud = apps.get_model("dossiers", "Uitvoeringsorganisatie")
    user = User.objects.create(username="iemand")
    fields = {
        "wettelijke_grondslag": "Wet",
        "inwerkingtreding": "2021-01-01",
        "doelgroep": "Ouders",
        "verwachte_omvang": 10,
        "created_by": user,
        "updated_by": user,
    }
    een = OudRegeling.objects.create(naam="Een", ministerie="Ministerie van SZW", directie="Directie X", **fields)
    twee = OudRegeling.objects.create(naam="Twee", ministerie="Ministerie van Onbekende Zaken", directie="Y", **fields)
    svb, eigen = Oud.objects.create(naam="SVB"), Oud.objects.create(naam="Eigen uitvoerder")
    een.uitvoeringsorganisaties.set([svb, eigen])

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    een, twee = Regeling.objects.get(naam="Een"), Regeling.objects.get(naam="Twee")
    assert (een.ministerie.afkorting, een.ministerie.te_controleren) == ("SZW", False)
    assert (een.directie.naam, een.directie.valt_onder, een.directie.te_controleren) == (
        "Directie X",
        een.ministerie,
        True,
    )
    assert (twee.ministerie.naam, twee.ministerie.te_controleren) == ("Ministerie van Onbekende Zaken", True)
    assert [(o.naam, o.te_controleren) for o in een.uitvoerders] == [
        ("Sociale Verzekeringsbank", False),
        ("Eigen uitvoerder", True),
    ]
    assert Organisatie.objects.filter(soort=OrganisatieSoort.MINISTERIE, te_controleren=False).count() == 15
    call_command("check")


def test_a_finding_under_2a_2c_names_its_uitvoeringsorganisatie(client, builder, kernteamlid):
    from dossiers import services

    dossier = builder.in_onderzoek()
    builder.met_uitvoerders(dossier, "Gemeenten", "SVB")
    client.force_login(kernteamlid)
    url = reverse("dossiers:vraag", args=[dossier.pk, "2B"])
    data = {
        "actie": "bevinding",
        "bevinding-titel": "Wachtrij",
        "bevinding-tekst": "Lang wachten.",
        "bevinding-soort": "knelpunt",
    }
    page = client.post(url, data).content.decode()
    assert "Kies de uitvoeringsorganisatie waar deze bevinding over gaat." in page
    assert 'value="Wachtrij"' in page, "what was typed stays"
    assert not dossier.bevindingen.exists()
    svb = Organisatie.objects.get(afkorting="SVB")
    client.post(url, {**data, "bevinding-organisatie": svb.pk})
    assert dossier.bevindingen.get().organisatie == svb
    page = client.get(url).content.decode()
    assert "betreft Sociale Verzekeringsbank" in page

    # Under 1A-1C the organisation is optional; another dossier's organisation is refused.
    een_a = reverse("dossiers:vraag", args=[dossier.pk, "1A"])
    client.post(een_a, {**data, "bevinding-titel": "Ouders", "bevinding-soort": "ervaring"})
    assert dossier.bevindingen.get(titel="Ouders").organisatie is None
    uwv = Organisatie.objects.get(afkorting="UWV")
    with pytest.raises(ValidationError, match="Kies een uitvoeringsorganisatie van deze regeling"):
        services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag="2A",
            item=services.BevindingInput(titel="x", tekst="x", soort="ervaring", organisatie=uwv.pk),
        )


def test_a_recommendation_owned_by_an_organisation_on_the_list_is_linked_to_it(builder, kernteamlid):
    from dossiers import services

    dossier = builder.in_onderzoek()
    services.conclusie_save(
        actor=kernteamlid,
        dossier=dossier,
        expected_revision=None,
        item=services.ConclusieInput(
            uitkomst="monitoring",
            toelichting="x",
            aanbevelingen=(
                services.AanbevelingInput(tekst="Brieven", adressaat="uitvoering", eigenaar="SVB"),
                services.AanbevelingInput(tekst="Wet", adressaat="wetgeving", eigenaar="Emma de Wit"),
            ),
        ),
    )
    svb, persoon = dossier.conclusies.get().aanbevelingen.all()
    assert (svb.eigenaar, svb.eigenaar_organisatie.naam) == ("SVB", "Sociale Verzekeringsbank")
    assert (persoon.eigenaar, persoon.eigenaar_organisatie) == ("Emma de Wit", None)


def test_merging_ministeries_merges_their_directies_of_the_same_name(builder):
    szw = organisaties.ministerie("SZW")
    dubbel = organisaties.ministerie("Ministerie van Sociale Zaken")
    assert dubbel.te_controleren
    a = organisaties.directie("Directie X1", szw)
    b = organisaties.directie("Directie X1", dubbel)
    dossier = builder.registered(ministerie="Ministerie van Sociale Zaken", directie="Directie X1")
    assert dossier.regeling.directie == b
    organisaties.samenvoegen(szw, [szw, dubbel])
    regeling = Regeling.objects.get(pk=dossier.regeling.pk)
    assert (regeling.ministerie, regeling.directie) == (szw, a)
    assert not Organisatie.objects.filter(pk__in=[dubbel.pk, b.pk]).exists()


def test_directies_of_different_ministeries_are_not_merged_and_kinds_are_not_confused(client, django_user_model):
    szw, fin = organisaties.ministerie("SZW"), organisaties.ministerie("Fin")
    x, y = organisaties.directie("Dienst Toeslagen", szw), organisaties.directie("Dienst Toeslagen", fin)
    assert "verschillende ministeries" in organisaties.waarom_niet_samen([x, y])
    with pytest.raises(ValidationError, match="‘SVB’ staat in de lijst als uitvoeringsorganisatie"):
        organisaties.ministerie("SVB")
    with pytest.raises(ValidationError, match="staat in de lijst als ministerie"):
        organisaties.uitvoeringsorganisaties(["SZW"])
    with pytest.raises(ValidationError, match="staat in de lijst als ministerie"):
        organisaties.directie("Ministerie van Financiën", szw)

    beheerder = django_user_model.objects.create_superuser("beheerder", "b@example.nl", "een-lang-wachtwoord")
    client.force_login(beheerder)
    add = reverse("admin:dossiers_organisatie_add")
    page = client.post(add, {"soort": "uitvoeringsorganisatie", "naam": "UWV"}).content.decode()
    assert "is al Uitvoeringsinstituut Werknemersverzekeringen in de lijst" in page
    page = client.post(add, {"soort": "directie", "naam": "Directie Nieuw"}).content.decode()
    assert "Een directie valt onder een ministerie" in page


def test_the_history_names_organisations_and_counts_the_list_as_it_was(client, builder, manager):

    dossier = builder.registered()
    builder.met_uitvoerders(dossier, "Dienst Toeslagen", "SVB", ministerie="SZW")
    client.force_login(manager)
    page = client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()
    assert "Ministerie van Financiën" in page
    assert "Ministerie van Sociale Zaken en Werkgelegenheid" in page
    assert "1 gekoppeld" in page
    assert "2 gekoppeld" in page


def test_an_organisation_that_findings_name_stays_on_the_regeling_and_on_the_finding(builder, kernteamlid):
    from dossiers import services

    dossier = builder.complete()
    bevinding = dossier.bevindingen.get(vraag="2B")
    assert bevinding.organisatie.naam == "Dienst Toeslagen"
    with pytest.raises(ValidationError, match="Dienst Toeslagen kan niet van de regeling af"):
        builder.met_uitvoerders(dossier, "SVB")
    services.bevinding_update(
        actor=kernteamlid,
        bevinding=bevinding,
        expected_revision=bevinding.revision,
        item=services.BevindingInput(
            titel="Nieuwe titel", tekst=bevinding.tekst, soort=bevinding.soort, organisatie=bevinding.organisatie_id
        ),
    )
    assert type(bevinding).objects.get(pk=bevinding.pk).organisatie.naam == "Dienst Toeslagen"

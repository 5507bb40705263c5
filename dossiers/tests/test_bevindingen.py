"""Findings in depth: kind, severity, evidence strength, the discriminatory aspect, and links."""

import pytest
from django.urls import reverse

from dossiers import rules, services
from dossiers.models import Bevinding
from indicatoren.models import Signaal

pytestmark = pytest.mark.django_db


def post(**overrides) -> dict:
    return {
        "actie": "bevinding",
        "bevinding-titel": "Alleenstaanden afgewezen",
        "bevinding-tekst": "Alleenstaande ouders met een Wlz-indicatie vallen buiten de regeling.",
        "bevinding-soort": "onbedoeld_effect",
        "bevinding-ernst": "hoog",
        "bevinding-bewijskracht": "sterk",
        **overrides,
    }


def test_a_finding_records_kind_severity_and_strength(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    client.post(reverse("dossiers:vraag", args=[dossier.pk, "1A"]), post())
    bevinding = Bevinding.objects.get()
    assert (bevinding.soort, bevinding.ernst, bevinding.bewijskracht) == ("onbedoeld_effect", "hoog", "sterk")
    page = client.get(reverse("dossiers:vraag", args=[dossier.pk, "1A"])).content.decode()
    assert "Onbedoeld effect" in page
    assert "ernst hoog" in page


def test_the_discriminatory_aspect_is_offered_only_for_1b_and_2b(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    assert "Discriminerend aspect" in client.get(reverse("dossiers:vraag", args=[dossier.pk, "1B"])).content.decode()
    assert "Discriminerend aspect" in client.get(reverse("dossiers:vraag", args=[dossier.pk, "2B"])).content.decode()
    assert (
        "Discriminerend aspect" not in client.get(reverse("dossiers:vraag", args=[dossier.pk, "1A"])).content.decode()
    )
    client.post(reverse("dossiers:vraag", args=[dossier.pk, "1A"]), post(**{"bevinding-discriminerend": "on"}))
    assert Bevinding.objects.get().discriminerend is False, "a tampered form cannot set it on 1A"


def test_a_discriminatory_aspect_requires_an_explanation(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    client.force_login(kernteamlid)
    url = reverse("dossiers:vraag", args=[dossier.pk, "1B"])
    page = client.post(url, post(**{"bevinding-discriminerend": "on"})).content.decode()
    assert "Licht toe welk discriminerend aspect u ziet, en bij wie." in page
    assert not Bevinding.objects.exists()
    client.post(
        url,
        post(**{"bevinding-discriminerend": "on", "bevinding-discriminatie_toelichting": "Alleenstaanden vallen af."}),
    )
    bevinding = Bevinding.objects.get()
    assert bevinding.discriminerend
    page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "1 met discriminerend aspect" in page


def test_a_finding_links_to_signals_and_activities_of_its_dossier(client, builder, kernteamlid):
    dossier = builder.add_practice(builder.add_research(builder.in_onderzoek()))
    signaal = Signaal.objects.filter(dossier=dossier).first()
    activiteit = dossier.activiteiten.get()
    client.force_login(kernteamlid)
    client.post(
        reverse("dossiers:vraag", args=[dossier.pk, "1B"]),
        post(**{"bevinding-signalen": [signaal.pk], "bevinding-activiteiten": [activiteit.pk]}),
    )
    bevinding = Bevinding.objects.get()
    assert list(bevinding.signalen.all()) == [signaal]
    assert list(bevinding.activiteiten.all()) == [activiteit]
    page = client.get(reverse("dossiers:vraag", args=[dossier.pk, "1B"])).content.decode()
    assert "interviews van 01-03-2022" in page


def test_a_signal_of_another_dossier_cannot_be_linked(builder, kernteamlid):
    dossier = builder.in_onderzoek()
    other = builder.add_practice(builder.registered(naam="Andere"))
    foreign = Signaal.objects.filter(dossier=other).first()
    with pytest.raises(rules.NotPermitted):
        services.bevinding_create(
            actor=kernteamlid,
            dossier=dossier,
            vraag="1A",
            item=services.BevindingInput(titel="x", tekst="x", soort="ervaring", signalen=[foreign.pk]),
        )
    assert not Bevinding.objects.exists()


def test_an_assessment_shows_next_to_the_finding_it_rests_on(client, builder, kernteamlid):
    dossier = builder.in_onderzoek()
    bevinding = services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1C",
        item=services.BevindingInput(titel="Doelgroep kleiner", tekst="x", soort="knelpunt"),
    )
    aanname = dossier.regeling.aannames.get(bron="voorbereiding")
    client.force_login(kernteamlid)
    client.post(
        reverse("dossiers:aanname_toetsen", args=[dossier.pk, aanname.pk]),
        {"oordeel": "klopt_niet", "toelichting": "Veel minder aanvragen.", "bevindingen": [bevinding.pk]},
    )
    page = client.get(reverse("dossiers:vraag", args=[dossier.pk, "1C"])).content.decode()
    assert "Onderbouwt de toetsing van:" in page
    assert "klopt niet" in page
    assert "Onderbouwd door: 1C ‘Doelgroep kleiner’" in page


def test_two_clients_editing_the_same_finding(client, builder, kernteamlid):
    """The second save is refused with what the first changed, and the second user's text stays in the form."""
    dossier = builder.in_onderzoek()
    bevinding = services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1A",
        item=services.BevindingInput(titel="Oud", tekst="Oude tekst", soort="ervaring"),
    )
    client.force_login(kernteamlid)
    url = reverse("dossiers:bevinding_edit", args=[dossier.pk, bevinding.pk])
    opened = {
        "bevinding-revision": bevinding.revision,
        "bevinding-soort": "ervaring",
        "bevinding-titel": "Oud",
    }
    client.post(url, {**opened, "bevinding-tekst": "Tekst van de eerste"})
    page = client.post(url, {**opened, "bevinding-tekst": "Tekst van de tweede"}).content.decode()
    assert "heeft dit intussen gewijzigd" in page
    assert "Bevinding: nu ‘Tekst van de eerste’ (was ‘Oude tekst’)" in page
    assert "Tekst van de tweede" in page
    bevinding.refresh_from_db()
    assert bevinding.tekst == "Tekst van de eerste"

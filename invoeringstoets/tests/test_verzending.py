"""A form is stored once, however often it is sent; a lost answer gives a Dutch page, and sending again is safe."""

import re
import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware
from django.urls import reverse

from dossiers.models import Deelnemer

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DEELNEMER = {"naam": "Emma de Wit", "organisatie": "Dienst Toeslagen", "rol": "werkgroep", "toelichting": ""}


def test_every_post_form_carries_a_submit_token():
    templates = [p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts]
    forms = 0
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert "{% csrf_token %}" not in text, f"{path}: gebruik {{% formulier_token %}}"
        for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", text, flags=re.S | re.I):
            forms += 1
            assert "{% formulier_token %}" in form, f"{path}: een POST-formulier zonder token"
    assert forms >= 15


@pytest.fixture
def dossier(builder):
    return builder.in_onderzoek()


def url(dossier):
    return reverse("dossiers:deelnemer_add", args=[dossier.pk])


def token_from(page: str) -> str:
    return re.search(r'name="verzending" value="([0-9a-f-]{36})"', page).group(1)


def test_the_same_form_sent_twice_is_stored_once(client, dossier, kernteamlid):
    client.force_login(kernteamlid)
    token = token_from(client.get(url(dossier)).content.decode())
    first = client.post(url(dossier), {**DEELNEMER, "verzending": token})
    assert first.status_code == 302
    again = client.post(url(dossier), {**DEELNEMER, "verzending": token}, follow=True)
    assert again.redirect_chain == [(first["Location"], 302)]
    assert "Dit formulier was al verzonden en is één keer verwerkt" in again.content.decode()
    assert Deelnemer.objects.filter(dossier=dossier).count() == 1

    # A new page is a new form: a deliberate second submit is stored.
    second_token = token_from(client.get(url(dossier)).content.decode())
    assert second_token != token
    client.post(url(dossier), {**DEELNEMER, "naam": "Sam Bakker", "verzending": second_token})
    assert Deelnemer.objects.filter(dossier=dossier).count() == 2


def test_a_lost_answer_after_the_commit_gives_a_dutch_page_and_sending_again_stores_once(
    client, dossier, kernteamlid, monkeypatch
):
    """The record commits, then the answer fails (here: the session cannot be saved, as when the database
    connection drops after the commit). The user gets the Dutch 400 page and sends the form again."""
    original = SessionMiddleware.process_response
    calls = {"n": 0}

    def drop_first_answer(self, request, response):
        calls["n"] += 1
        if calls["n"] == 1:
            raise SessionInterrupted("verbinding weg")
        return original(self, request, response)

    client.force_login(kernteamlid)
    token = str(uuid.uuid4())
    monkeypatch.setattr(SessionMiddleware, "process_response", drop_first_answer)
    lost = client.post(url(dossier), {**DEELNEMER, "verzending": token})
    page = lost.content.decode()
    assert lost.status_code == 400
    assert '<html lang="nl">' in page
    assert "Uw verzoek kon niet worden afgemaakt" in page
    assert "een formulier wordt nooit twee keer opgeslagen" in page
    assert Deelnemer.objects.filter(dossier=dossier).count() == 1, "the record was stored before the answer failed"

    retry = client.post(url(dossier), {**DEELNEMER, "verzending": token})
    assert retry.status_code == 302
    assert retry["Location"] == reverse("dossiers:onderzoek", args=[dossier.pk])
    assert Deelnemer.objects.filter(dossier=dossier).count() == 1


def test_a_form_with_errors_does_not_use_up_its_token(client, dossier, kernteamlid):
    client.force_login(kernteamlid)
    token = str(uuid.uuid4())
    refused = client.post(url(dossier), {**DEELNEMER, "naam": "", "verzending": token})
    assert refused.status_code == 200
    assert 'value="Dienst Toeslagen"' in refused.content.decode(), "what was typed stays"
    client.post(url(dossier), {**DEELNEMER, "verzending": token})
    assert Deelnemer.objects.filter(dossier=dossier).count() == 1


def test_a_token_counts_per_user(client, dossier, kernteamlid, django_user_model, builder):
    from django.contrib.auth.models import Group

    from dossiers.constants import Role
    from dossiers.services import kernteam_set

    collega = django_user_model.objects.create_user("collega", password="een-lang-wachtwoord")
    collega.groups.add(Group.objects.get(name=Role.KERNTEAM))
    kernteam_set(actor=builder.management, dossier=dossier, members=[kernteamlid, collega])
    token = str(uuid.uuid4())
    client.force_login(kernteamlid)
    client.post(url(dossier), {**DEELNEMER, "verzending": token})
    client.force_login(collega)
    client.post(url(dossier), {**DEELNEMER, "naam": "Sam Bakker", "verzending": token})
    assert Deelnemer.objects.filter(dossier=dossier).count() == 2


def test_back_and_send_again_is_recognised_by_its_content(client, dossier, kernteamlid):
    """Back fetches the form page again (no-store): a new token, with the typed values put back by the browser. The
    same content is not stored at once: a page says so, links to what was stored and offers to store it again."""
    client.force_login(kernteamlid)
    first = client.post(
        url(dossier), {**DEELNEMER, "verzending": token_from(client.get(url(dossier)).content.decode())}
    )
    again = client.post(
        url(dossier), {**DEELNEMER, "verzending": token_from(client.get(url(dossier)).content.decode())}
    )
    page = again.content.decode()
    assert again.status_code == 409
    assert "Dit formulier is al opgeslagen" in page
    assert f'href="{first["Location"]}"' in page
    assert Deelnemer.objects.filter(dossier=dossier).count() == 1

    # Two identical entries can be meant: one more click stores the second, with what was typed.
    velden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    assert velden["naam"] == "Emma de Wit"
    assert velden["dubbel_bevestigd"] == "1"
    assert client.post(url(dossier), velden).status_code == 302
    assert Deelnemer.objects.filter(dossier=dossier).count() == 2


def test_a_form_without_fields_may_be_sent_again_on_purpose(client, builder, manager):
    """ "Rapport maken" twice is two reports: asking again is a choice, not a retry."""
    from rapportage.models import Rapport

    dossier = builder.vastgesteld()
    client.force_login(manager)
    for _ in range(2):
        page = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
        create = reverse("rapportage:create", args=[dossier.pk])
        token = re.search(rf'action="{create}">.*?name="verzending" value="([0-9a-f-]{{36}})"', page, re.S).group(1)
        assert client.post(create, {"verzending": token}).status_code == 302
    assert Rapport.objects.filter(dossier=dossier).count() == 2

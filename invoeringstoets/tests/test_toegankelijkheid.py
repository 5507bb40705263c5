"""The accessibility statement: public, linked from every page, and honest about how it was tested."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_statement_is_public_and_says_what_was_tested(client, settings):
    settings.TOEGANKELIJKHEID_CONTACT = "toegankelijkheid@minfin.example"
    response = client.get(reverse("toegankelijkheid"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Toegankelijkheidsverklaring</h1>" in page
    assert "WCAG 2.1 niveau A en AA" in page
    assert "axe-core" in page
    assert "alleen met het toetsenbord" in page.lower()
    assert "Bekende beperkingen" in page
    assert "toegankelijkheid@minfin.example" in page


def test_every_page_links_to_the_statement(client, manager):
    link = f'href="{reverse("toegankelijkheid")}"'
    assert link in client.get(reverse("login")).content.decode()
    client.force_login(manager)
    assert link in client.get(reverse("dossiers:list")).content.decode()

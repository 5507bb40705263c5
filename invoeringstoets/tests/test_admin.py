"""The functional administrator (beheerder) finds every model of the application in the Dutch admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = ["dossiers", "indicatoren", "rapportage"]


def our_models():
    """Every model of the application; the history tables are read through each object's "Geschiedenis"."""
    for app_label in OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def test_every_model_is_in_the_admin():
    for model in our_models():
        assert admin.site.is_registered(model), f"{model.__name__} ontbreekt in het beheer"


@pytest.fixture
def beheerder(django_user_model):
    return django_user_model.objects.create_superuser("beheerder", "beheer@example.nl", "een-lang-wachtwoord")


def test_every_changelist_and_change_page_opens_in_dutch(
    client, builder, beheerder, manager, django_capture_on_commit_callbacks
):
    builder.add_practice(builder.registered(naam="Met toetsen, signalen en gebruik"))
    dossier = builder.vastgesteld()
    builder.add_follow_up(dossier)
    from rapportage.services import rapport_request

    with django_capture_on_commit_callbacks(execute=True):
        rapport_request(actor=manager, dossier=dossier)
    client.force_login(beheerder)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Functioneel beheer" in index
    for model in our_models():
        meta = model._meta
        changelist = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        assert changelist.status_code == 200, meta.model_name
        instance = model.objects.first()
        assert instance is not None, meta.model_name
        change = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[instance.pk]))
        assert change.status_code == 200, meta.model_name
        history = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_history", args=[instance.pk]))
        assert history.status_code == 200, meta.model_name
    assert "Toevoegen" in index or "toevoegen" in index


def test_users_without_staff_rights_do_not_get_into_the_admin(client, manager):
    client.force_login(manager)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302

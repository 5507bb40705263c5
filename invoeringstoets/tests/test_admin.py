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


# Tables that grow with the use of the application: a change page must not list all their rows as options.
GROWING = {"regeling", "dossier", "bevinding", "signaal", "signaalimport", "screening", "conclusie", "aanname"}
GROWING |= {"aannametoetsing", "onderzoeksactiviteit"}


def test_change_pages_show_rows_of_growing_tables_by_id_not_as_a_list_of_every_row():
    """With 10,000 dossiers and a million signals a select of every row made a change page take seconds."""
    for model in our_models():
        model_admin = admin.site._registry[model]
        shown_by_id = {*model_admin.raw_id_fields, *model_admin.readonly_fields}
        for field in model._meta.get_fields():
            if not (field.many_to_one or field.one_to_one or field.many_to_many) or field.auto_created:
                continue
            if field.related_model._meta.model_name in GROWING and field.editable:
                assert field.name in shown_by_id, (
                    f"{model.__name__}.{field.name} hoort in raw_id_fields of readonly_fields"
                )


def test_the_admin_offers_only_kernteam_users_for_a_kernteam(client, builder, beheerder, kernteamlid, manager):
    """Membership gives the right to record the research; the app's own form offers only the role Kernteam."""
    dossier = builder.registered()
    client.force_login(beheerder)
    page = client.get(reverse("admin:dossiers_dossier_change", args=[dossier.pk])).content.decode()
    assert f'<option value="{kernteamlid.pk}"' in page
    assert f'<option value="{manager.pk}"' not in page
    assert f'<option value="{beheerder.pk}"' not in page

"""Access control, proven for every route of the project.

The routes come from the URL resolver, so a new route without a line in `ROUTES` fails this file. For each route
the table says who may GET and who may POST; every actor is tried: anonymous (sent to log in), the three roles,
a kernteam member who is not on this dossier's kernteam (the outsider), and a user without any role. A GET never
changes anything, and an object of another dossier in the URL is never reached (no IDOR).
"""

from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Max
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from dossiers import services
from dossiers.bewijs import PDF
from dossiers.tests.factories import PDF_BYTES
from indicatoren.models import Signaal
from rapportage import services as rapport_services

pytestmark = [pytest.mark.security, pytest.mark.django_db]

ACTOREN = ["beleid", "kernteam", "management", "buitenstaander", "zonder_rol"]

LEZEN = frozenset(ACTOREN)
BELEID = frozenset({"beleid"})
KERNTEAM = frozenset({"kernteam"})
MANAGEMENT = frozenset({"management"})
BELEID_MANAGEMENT = frozenset({"beleid", "management"})
PRAKTIJK = frozenset({"beleid", "kernteam"})  # signals and usage: beleid, and this dossier's kernteam
WERKERS = frozenset({"beleid", "kernteam", "management"})  # reports and evidence
POST_ALLEEN = frozenset()  # a GET is answered with 405 (an action is a button)


@dataclass(frozen=True)
class Route:
    dossier: str | None  # which dossier of the world the route is tried on (its status allows the action)
    get: frozenset
    post: frozenset
    verwijdert: bool = False  # the POST removes the object: only the first allowed actor can do it


ROUTES = {
    "dossiers:list": Route(None, LEZEN, LEZEN),
    "dossiers:regeling_create": Route(None, BELEID, BELEID),
    "dossiers:detail": Route("onderzoek", LEZEN, LEZEN),
    "dossiers:regeling_edit": Route("onderzoek", BELEID, BELEID),
    "dossiers:kernteam": Route("onderzoek", BELEID_MANAGEMENT, BELEID_MANAGEMENT),
    "dossiers:tijdlijn": Route("onderzoek", LEZEN, LEZEN),
    "dossiers:onderzoek": Route("onderzoek", LEZEN, LEZEN),
    "dossiers:planning": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:deelnemer_add": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:deelnemer_delete": Route("onderzoek", KERNTEAM, KERNTEAM, verwijdert=True),
    "dossiers:activiteit_create": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:activiteit_edit": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:activiteit_delete": Route("onderzoek", KERNTEAM, KERNTEAM, verwijdert=True),
    "dossiers:vraag": Route("onderzoek", LEZEN, KERNTEAM),
    "dossiers:bevinding_edit": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:bevinding_delete": Route("onderzoek", KERNTEAM, KERNTEAM, verwijdert=True),
    "dossiers:aanname_toetsen": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:bewijsstuk_add": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:bewijsstuk": Route("onderzoek", WERKERS, WERKERS),
    "dossiers:bewijsstuk_delete": Route("onderzoek", KERNTEAM, KERNTEAM, verwijdert=True),
    "dossiers:conclusie": Route("onderzoek", KERNTEAM, KERNTEAM),
    "dossiers:conclusie_versie": Route("vastgesteld", LEZEN, LEZEN),
    "dossiers:submit": Route("onderzoek", POST_ALLEEN, KERNTEAM),
    "dossiers:decide": Route("ter_vaststelling", MANAGEMENT, MANAGEMENT),
    "dossiers:reopen": Route("vastgesteld", MANAGEMENT, MANAGEMENT),
    "dossiers:opvolging": Route("vastgesteld", LEZEN, BELEID_MANAGEMENT),
    "dossiers:actie_create": Route("vastgesteld", BELEID_MANAGEMENT, BELEID_MANAGEMENT),
    "dossiers:actie_afronden": Route("vastgesteld", POST_ALLEEN, BELEID_MANAGEMENT),
    "indicatoren:screening_start": Route("geregistreerd", POST_ALLEEN, BELEID),
    "indicatoren:screening": Route("screening", LEZEN, BELEID),
    "indicatoren:ex_ante": Route("onderzoek", LEZEN, LEZEN),
    "indicatoren:uitvoeringstoets": Route("onderzoek", BELEID, BELEID),
    "indicatoren:regeldruk": Route("onderzoek", BELEID, BELEID),
    "indicatoren:doenvermogen": Route("onderzoek", BELEID, BELEID),
    "indicatoren:andere_toetsen": Route("onderzoek", BELEID, BELEID),
    "indicatoren:signalen_overzicht": Route(None, LEZEN, LEZEN),
    "indicatoren:signalen": Route("onderzoek", LEZEN, LEZEN),
    "indicatoren:signaal_create": Route("onderzoek", PRAKTIJK, PRAKTIJK),
    "indicatoren:signalen_importeren": Route("onderzoek", PRAKTIJK, PRAKTIJK),
    "indicatoren:signaal_edit": Route("onderzoek", PRAKTIJK, PRAKTIJK),
    "indicatoren:signaal_delete": Route("onderzoek", PRAKTIJK, PRAKTIJK, verwijdert=True),
    "indicatoren:signaal_import_delete": Route("onderzoek", POST_ALLEEN, PRAKTIJK, verwijdert=True),
    "indicatoren:gebruik": Route("onderzoek", LEZEN, PRAKTIJK),
    "indicatoren:gebruik_importeren": Route("onderzoek", PRAKTIJK, PRAKTIJK),
    "rapportage:create": Route("onderzoek", POST_ALLEEN, WERKERS),
    "rapportage:download": Route("onderzoek", LEZEN, LEZEN),
    "rapportage:status": Route("onderzoek", LEZEN, LEZEN),
    "rapportage:word": Route("onderzoek", LEZEN, LEZEN),
    "rapportage:json": Route("onderzoek", WERKERS, WERKERS),
    "rapportage:overzicht": Route(None, LEZEN, LEZEN),
    "rapportage:overzicht_csv": Route(None, LEZEN, LEZEN),
    "rapportage:overzicht_xlsx": Route(None, LEZEN, LEZEN),
    "rapportage:overzicht_pdf": Route(None, LEZEN, LEZEN),
    "rapportage:dashboard": Route(None, LEZEN, LEZEN),
}

# Routes every visitor may use, logged in or not.
OPEN = {"login", "logout", "toegankelijkheid", "health"}


def alle_routes() -> dict[str, list[str]]:
    """Every named route of the project (admin aside: that has its own test) with its URL keyword arguments."""

    def walk(patterns, namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), list(pattern.pattern.converters)

    return {name: kwargs for name, kwargs in walk(get_resolver().url_patterns) if not name.startswith("admin:")}


def test_every_route_is_in_the_table():
    routes = set(alle_routes()) - OPEN
    assert routes - set(ROUTES) == set(), "a route without an expected answer per actor"
    assert set(ROUTES) - routes == set(), "the table names a route that no longer exists"


@dataclass
class Wereld:
    """Dossiers in the states the routes need, with one object of every kind, built on first use."""

    builder: object
    users: dict
    dossiers: dict = field(default_factory=dict)

    def dossier(self, key: str):
        if key not in self.dossiers:
            self.dossiers[key] = self._maak(key)
        return self.dossiers[key]

    def _maak(self, key: str):
        b = self.builder
        if key == "onderzoek":
            dossier = b.add_practice(b.complete(naam="Onderzoek"))
            bevinding = dossier.bevindingen.first()
            services.bewijsstuk_add(
                actor=b.kernteam, bevinding=bevinding, upload=SimpleUploadedFile("b.pdf", PDF_BYTES), soort=PDF
            )
            rapport = rapport_services.rapport_request(actor=b.management, dossier=dossier)
            rapport_services.rapport_render(rapport.pk)
            return b.reload(dossier)
        if key == "vastgesteld":
            return b.add_follow_up(b.vastgesteld(naam="Vastgesteld"))
        if key == "ander":
            # Another dossier with an object of every kind, for the tests that try to reach it through this one.
            dossier = self._maak("onderzoek")
            services.dossier_submit(actor=b.kernteam, dossier=dossier)
            services.dossier_approve(actor=b.management, dossier=dossier)
            return b.add_follow_up(b.reload(dossier))
        return b.in_status(key, naam=key.capitalize())

    def kwargs(self, route: str, names: list[str], dossier) -> dict:
        """Values for the URL's keyword arguments: objects of this dossier."""
        values = {}
        for name in names:
            if name == "dossier_id":
                values[name] = dossier.pk
            elif name == "vraag":
                values[name] = "1B"
            elif name == "soort":
                values[name] = "bevinding"
            elif name == "parent_id":
                values[name] = dossier.bevindingen.first().pk
            elif name == "volgnummer":
                values[name] = 1
            else:
                values[name] = self.object_id(name, dossier)
        return values

    @staticmethod
    def object_id(name: str, dossier) -> int:
        lookups = {
            "deelnemer_id": lambda: dossier.deelnemers.first(),
            "activiteit_id": lambda: dossier.activiteiten.first(),
            "bevinding_id": lambda: dossier.bevindingen.first(),
            "aanname_id": lambda: dossier.regeling.aannames.first(),
            "bewijsstuk_id": lambda: dossier.bewijsstukken.first(),
            "actie_id": lambda: dossier.conclusies.first().acties.first(),
            "signaal_id": lambda: Signaal.objects.filter(dossier=dossier).first(),
            "import_id": lambda: dossier.signaal_imports.first(),
            "rapport_id": lambda: dossier.rapporten.first(),
        }
        return lookups[name]().pk


@pytest.fixture(scope="module")
def _module_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _module_media):
    """One media folder for the whole module: the world's files are made once, before the tests."""
    settings.MEDIA_ROOT = _module_media


@pytest.fixture(scope="module")
def wereld(django_db_setup, django_db_blocker, _module_media):
    """Built once for the module and committed; each test runs in a transaction that is rolled back."""
    from django.test import override_settings

    from dossiers.tests.factories import DossierBuilder, UserFactory
    from invoeringstoets.celery import app

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=_module_media):
        eager, app.conf.task_always_eager = app.conf.task_always_eager, True
        users = {
            "beleid": UserFactory(username="t-beleid", role="Beleidsmedewerker"),
            "kernteam": UserFactory(username="t-kernteam", role="Kernteam"),
            "management": UserFactory(username="t-management", role="Management"),
            "buitenstaander": UserFactory(username="t-buitenstaander", role="Kernteam"),
            "zonder_rol": UserFactory(username="t-lezer", role=None),
        }
        builder = DossierBuilder(beleid=users["beleid"], kernteam=users["kernteam"], management=users["management"])
        wereld = Wereld(builder=builder, users=users)
        for key in ["onderzoek", "vastgesteld", "ander", "screening", "geregistreerd", "ter_vaststelling"]:
            wereld.dossier(key)
        app.conf.task_always_eager = eager
        yield wereld
        leeg_maken()


def leeg_maken() -> None:
    """Remove what the module committed (all tables of the application, its history, the users), so the tests
    after it start as clean as they would without it. Sequences restart, so no id of ours is ever reused."""
    from django.core.management.color import no_style
    from django.db import connection

    tabellen = [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in {"dossiers", "indicatoren", "rapportage", "axes", "sessions"}
        or model._meta.db_table in {"auth_user", "auth_user_groups"}
    ]
    sql = connection.ops.sql_flush(no_style(), tabellen, reset_sequences=True, allow_cascade=True)
    with connection.constraint_checks_disabled():
        connection.ops.execute_sql_flush(sql)


def stand_van_de_database() -> dict:
    """Counts and highest ids of every table of the application, and the states of the dossiers."""
    stand = {}
    for app in ["dossiers", "indicatoren", "rapportage"]:
        for model in apps.get_app_config(app).get_models():
            stand[model.__name__] = model._default_manager.aggregate(n=Count("pk"), laatste=Max("pk"))
    from dossiers.models import Dossier

    stand["statussen"] = sorted(Dossier.objects.values_list("pk", "status"))
    return stand


def geweigerd(response) -> bool:
    return response.status_code == 403


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_who_may_get_and_post_each_route(client, wereld, route, django_capture_on_commit_callbacks):
    spec = ROUTES[route]
    dossier = wereld.dossier(spec.dossier) if spec.dossier else None
    url = reverse(route, kwargs=wereld.kwargs(route, alle_routes()[route], dossier) if dossier else None)

    # Anonymous: always sent to log in, whatever the method, and nothing changes.
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (route, method.__name__)
        assert response["Location"].startswith(reverse("login")), route

    # GET, as each actor: the allowed ones get the page, the others a 403; and a GET changes nothing.
    for actor in ACTOREN:
        client.force_login(wereld.users[actor])
        voor = stand_van_de_database()
        response = client.get(url)
        assert stand_van_de_database() == voor, f"GET {route} as {actor} changed the database"
        if spec.get is POST_ALLEEN:
            assert response.status_code == 405, (route, actor)
        elif actor in spec.get:
            assert response.status_code == 200, (route, actor, response.status_code)
        else:
            assert geweigerd(response), (route, actor, response.status_code)

    # POST, refused actors first: they get a 403 and change nothing. Then the allowed ones are let through.
    refused = [a for a in ACTOREN if a not in spec.post]
    allowed = [a for a in ACTOREN if a in spec.post]
    for actor in refused:
        client.force_login(wereld.users[actor])
        voor = stand_van_de_database()
        response = client.post(url)
        assert geweigerd(response), (route, actor, response.status_code)
        assert stand_van_de_database() == voor, f"a refused POST to {route} by {actor} changed the database"
    for actor in allowed[:1] if spec.verwijdert else allowed:
        client.force_login(wereld.users[actor])
        # What runs after the commit (a queued report) runs here too; a file removal does not: the files of the
        # world are shared by the module and only the database changes of a test are rolled back.
        with django_capture_on_commit_callbacks(execute=not spec.verwijdert):
            response = client.post(url)
        assert response.status_code in (200, 302), (route, actor, response.status_code)


@pytest.mark.parametrize(
    "route",
    sorted(
        name
        for name, kwargs in alle_routes().items()
        if name in ROUTES and {"dossier_id"} < set(kwargs) and not set(kwargs) <= {"dossier_id", "vraag", "volgnummer"}
    ),
)
def test_an_object_of_another_dossier_is_never_reached_through_this_one(client, wereld, route):
    """The same URL with this dossier's id and another dossier's object: not found, for the people who may act."""
    spec = ROUTES[route]
    eigen = wereld.dossier(spec.dossier)
    kwargs = wereld.kwargs(route, alle_routes()[route], eigen)
    vreemd = wereld.kwargs(route, alle_routes()[route], wereld.dossier("ander"))
    kwargs.update({k: v for k, v in vreemd.items() if k not in {"dossier_id", "vraag", "soort", "volgnummer"}})
    actor = sorted(spec.post or spec.get)[0]
    client.force_login(wereld.users[actor])
    voor = stand_van_de_database()
    for method in (client.get, client.post):
        response = method(reverse(route, kwargs=kwargs))
        assert response.status_code in (404, 405), (route, method.__name__, response.status_code)
    assert stand_van_de_database() == voor


@pytest.mark.parametrize("actor", ACTOREN)
def test_the_admin_is_only_for_the_functional_administrator(client, wereld, actor):
    client.force_login(wereld.users[actor])
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/beheer/login/" in response["Location"]


def test_the_log_in_page_is_open_and_log_out_needs_a_post(client, wereld):
    assert client.get(reverse("login")).status_code == 200
    client.force_login(wereld.users["beleid"])
    assert client.get(reverse("logout")).status_code == 405
    assert client.get("/").status_code == 200
    assert client.post(reverse("logout")).status_code == 200
    assert client.get("/").status_code == 302

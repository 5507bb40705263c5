"""Bad input never breaks it: property-based tests post random, huge, control-character, HTML, SQL, date and number
input into every form of the project.

The forms are found from the route table of test_toegang (every route a role may POST to and whose page holds a
form), and their fields are read from the page as a browser would. The answer is a form with Dutch errors or a
saved record, never a server error; and for the forms that hold the product's text, what is stored is exactly what
was typed (without the spaces around it, which forms drop by design).

More examples: `HYPOTHESIS_PROFILE=grondig .venv/bin/pytest -m security invoeringstoets/tests/test_invoer.py`.
"""

import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossiers.models import Bevinding, Conclusie, Regeling
from dossiers.tests.test_bevindingen import post as bevinding_post
from dossiers.tests.test_views_regeling import regeling_post
from indicatoren.models import Signaal
from invoeringstoets.validators import bevat_regeleinde

from .test_toegang import (  # noqa: F401 - the world and its media folder are fixtures
    POST_ALLEEN,
    ROUTES,
    _media_in_tmp,
    _module_media,
    alle_routes,
    wereld,
)

pytestmark = [pytest.mark.security, pytest.mark.django_db]

settings.register_profile(
    "standaard",
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "grondig",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "standaard"))

# What people (and attackers) paste: markup, SQL, template syntax, format strings, paths, direction marks,
# emoji, numbers and dates in every wrong shape, and one very large text.
NASTY = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a rel="attachment" href="file:///etc/passwd">bijlage</a>',
    "'; DROP TABLE dossiers_regeling; --",
    "\" OR '1'='1",
    "{{ settings.SECRET_KEY }}{% debug %}",
    "%(naam)s %s %d %n",
    "../../../../etc/passwd",
    "javascript:alert(1)",
    "\x00",
    "a\x00b",
    "\x1b[31mrood\x1b[0m",
    "\u202egnp.exe",
    "\ufeff",
    "👩‍👩‍👧 ß ﬀ İ",
    "\r\n\r\n",
    "   ",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "9" * 40,
    "12,5",
    "1.000.000,00",
    "٣٤",
    "2021-02-30",
    "31-12-2021",
    "0000-00-00",
    "10000-01-01",
    "2021-13-01",
    "x" * 50_000,
]
TEKST = st.one_of(st.text(max_size=80), st.sampled_from(NASTY))
ENGELS = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Select a valid choice|Null characters are not allowed"
)


@dataclass
class Veld:
    name: str
    kind: str  # text, textarea, number, date, select, checkbox, hidden, file
    value: str = ""
    options: list[str] = field(default_factory=list)
    multiple: bool = False


class FormulierLezer(HTMLParser):
    """The fields of each POST form on a page, read from the HTML as a browser would submit them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[tuple[str, list[Veld]]] = []
        self._form: list[Veld] | None = None
        self._select: Veld | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = []
            self.forms.append((a.get("action") or "", self._form))
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in {"submit", "button", "reset", "image"}:
                return
            if kind in {"radio"} and any(v.name == a["name"] for v in self._form):
                next(v for v in self._form if v.name == a["name"]).options.append(a.get("value") or "")
                return
            kinds = {"email": "text", "url": "text", "search": "text", "tel": "text", "radio": "select"}
            veld = Veld(a["name"], kinds.get(kind, kind), a.get("value") or "")
            if kind == "radio":
                veld.options.append(a.get("value") or "")
            self._form.append(veld)
        elif tag == "textarea" and a.get("name"):
            self._form.append(Veld(a["name"], "textarea"))
        elif tag == "select" and a.get("name"):
            self._select = Veld(a["name"], "select", multiple="multiple" in a)
            self._form.append(self._select)
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def formulier(html: str, url: str) -> list[Veld] | None:
    """The form of this page that posts to this page (not the log-out button in the menu), if it has fields."""
    lezer = FormulierLezer()
    lezer.feed(html)
    eigen = [velden for action, velden in lezer.forms if action in {"", url}]
    velden = max(eigen, key=len, default=None)
    if velden is None or not [v for v in velden if v.kind not in {"hidden", "file"}]:
        return None
    return velden


def verstuur(client, url: str, post: dict):
    """Send a form as a person does. The same content sent again within minutes (an earlier example of the same
    text) is answered with "Dit formulier is al opgeslagen" and stored on the confirmation that page offers."""
    response = client.post(url, post)
    if response.status_code == 409:
        lezer = FormulierLezer()
        lezer.feed(response.content.decode())
        velden = max((velden for action, velden in lezer.forms if action in {"", url}), key=len)
        response = client.post(url, {v.name: v.value for v in velden if v.name})
    return response


def waarde(veld: Veld) -> st.SearchStrategy:
    if veld.kind == "hidden":
        # Revisions and formset counts: mostly as the page gave them, sometimes tampered with.
        return st.one_of(st.just(veld.value), st.just(veld.value), TEKST)
    if veld.kind == "checkbox":
        return st.sampled_from([None, veld.value or "on"])
    if veld.kind == "select":
        keuze = st.sampled_from(veld.options) if veld.options else TEKST
        if veld.multiple:
            return st.lists(st.one_of(keuze, TEKST), max_size=3)
        return st.one_of(keuze, keuze, TEKST)
    if veld.kind == "number":
        return st.one_of(st.integers(-(10**20), 10**20).map(str), st.floats().map(str), TEKST)
    if veld.kind == "date":
        return st.one_of(st.dates().map(lambda d: d.isoformat()), TEKST)
    return TEKST


FORM_ROUTES = sorted(
    name for name, spec in ROUTES.items() if spec.post and spec.get is not POST_ALLEEN and not spec.verwijdert
)


@pytest.mark.parametrize("route", FORM_ROUTES)
def test_no_input_in_any_form_gives_a_server_error(client, wereld, route):  # noqa: F811 - the fixture
    spec = ROUTES[route]
    dossier = wereld.dossier(spec.dossier) if spec.dossier else None
    url = reverse(route, kwargs=wereld.kwargs(route, alle_routes()[route], dossier) if dossier else None)
    client.force_login(wereld.users[sorted(spec.post)[0]])
    response = client.get(url)
    html = response["Content-Type"].startswith("text/html") and not response.streaming
    velden = formulier(response.content.decode(), url) if html else None
    if velden is None:
        # A download, a list or a page of buttons: nothing to type into. Its POST (if any) is in test_toegang.
        assert not html or "<textarea" not in response.content.decode(), route
        return

    @given(data=st.data())
    def probeer(data):
        # Read the form again each time: an earlier example may have saved, and the revision moved on.
        actueel = formulier(client.get(url).content.decode(), url) or velden
        post = {}
        for veld in actueel:
            if veld.kind == "file":
                continue
            gekozen = data.draw(waarde(veld), label=veld.name)
            if gekozen is not None:
                post[veld.name] = gekozen
        # The test client raises any exception of the view; a 500 page would fail the status check.
        response = client.post(url, post)
        assert response.status_code in {200, 302, 403, 409}, (route, response.status_code)
        if response.status_code == 200 and "text/html" in response["Content-Type"]:
            page = response.content.decode()
            assert not ENGELS.search(page), f"{route}: an English message: {ENGELS.search(page).group(0)}"

    probeer()


# ---------------------------------------------------------------------------------------------------------------
# What is stored is exactly what was typed, in the forms that hold the product's text.

# Text a person types: any character but NUL (refused with a Dutch message, tested below), surrogates and the
# controls a browser cannot send in a text field; markup, SQL and template syntax included on purpose.
GETYPT = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
        min_size=1,
        max_size=200,
    ),
    st.sampled_from([n for n in NASTY if "\x00" not in n and len(n) < 300]),
).filter(lambda s: s.strip())
# A single-line field (an <input>) cannot send a line break from a browser; one sent anyway is refused (tested in
# dossiers/tests/test_views_regeling.py).
EEN_REGEL = GETYPT.filter(lambda s: not bevat_regeleinde(s))


@given(naam=EEN_REGEL, doelgroep=GETYPT, aanname=GETYPT)
def test_a_regeling_stores_exactly_what_was_typed(client, beleidsmedewerker, naam, doelgroep, aanname):
    client.force_login(beleidsmedewerker)
    response = client.post(
        reverse("dossiers:regeling_create"),
        regeling_post(**{"regeling-naam": naam, "regeling-doelgroep": doelgroep, "aannames-0-tekst": aanname}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    regeling = Regeling.objects.latest("pk")
    assert regeling.naam == naam.strip()
    assert regeling.doelgroep == doelgroep.strip()
    assert regeling.aannames.order_by("volgorde").first().tekst == aanname.strip()
    # Shown back as text, never as markup.
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page


@given(titel=EEN_REGEL, tekst=GETYPT)
def test_a_bevinding_stores_exactly_what_was_typed(client, builder, kernteamlid, titel, tekst):
    dossier = Regeling.objects.filter(naam="Invoer").first()
    dossier = dossier.dossier if dossier else builder.in_onderzoek(naam="Invoer")
    client.force_login(kernteamlid)
    response = client.post(
        reverse("dossiers:vraag", args=[dossier.pk, "2A"]),
        bevinding_post(**{"bevinding-titel": titel, "bevinding-tekst": tekst}),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    bevinding = Bevinding.objects.latest("pk")
    assert (bevinding.titel, bevinding.tekst) == (titel.strip(), tekst.strip())


@given(toelichting=GETYPT)
def test_a_conclusie_stores_exactly_what_was_typed(client, builder, kernteamlid, toelichting):
    regeling = Regeling.objects.filter(naam="Conclusie").first()
    dossier = regeling.dossier if regeling else builder.complete(naam="Conclusie")
    client.force_login(kernteamlid)
    url = reverse("dossiers:conclusie", args=[dossier.pk])
    velden = formulier(client.get(url).content.decode(), url)
    post = {v.name: v.value for v in velden if v.kind == "hidden"}
    post.update({"conclusie-uitkomst": "monitoring", "conclusie-toelichting": toelichting})
    for veld in velden:
        if veld.name.endswith("-tekst") and veld.name.startswith("aanbevelingen-0"):
            post[veld.name] = "Vergroot de bekendheid."
        elif veld.name.startswith("aanbevelingen-0-") and veld.kind == "select" and veld.options:
            post[veld.name] = veld.options[-1]
    response = verstuur(client, url, post)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Conclusie.objects.filter(dossier=dossier).latest("pk").toelichting == toelichting.strip()


@given(samenvatting=GETYPT, bron=EEN_REGEL)
def test_a_signaal_stores_exactly_what_was_typed(client, builder, beleidsmedewerker, samenvatting, bron):
    regeling = Regeling.objects.filter(naam="Signalen").first()
    dossier = regeling.dossier if regeling else builder.in_onderzoek(naam="Signalen")
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:signaal_create", args=[dossier.pk])
    velden = {v.name.rsplit("-", 1)[-1]: v for v in formulier(client.get(url).content.decode(), url)}
    post = {v.name: v.value for v in velden.values() if v.kind == "hidden"}
    post[velden["soort"].name] = "klacht"
    post[velden["datum"].name] = "2022-03-01"
    post[velden["bron"].name] = bron[:200]
    post[velden["samenvatting"].name] = samenvatting
    response = verstuur(client, url, post)
    assert response.status_code == 302, response.content.decode()[:3000]
    signaal = Signaal.objects.filter(dossier=dossier).latest("pk")
    assert (signaal.samenvatting, signaal.bron) == (samenvatting.strip(), bron[:200].strip())


def test_a_nul_character_is_refused_with_a_dutch_message_and_the_rest_stays(client, beleidsmedewerker):
    client.force_login(beleidsmedewerker)
    voor = Regeling.objects.count()
    response = client.post(reverse("dossiers:regeling_create"), regeling_post(**{"regeling-naam": "Regeling\x00"}))
    page = response.content.decode()
    assert response.status_code == 200
    assert Regeling.objects.count() == voor
    assert "Null-tekens zijn niet toegestaan." in page
    assert "Mantelzorgers van mensen met een Wlz-indicatie" in page


@pytest.mark.parametrize("datum", ["0001-01-01", "1899-12-31", "9999-12-31"])
def test_a_date_outside_any_sensible_range_is_a_dutch_error(client, builder, beleidsmedewerker, datum):
    """Found by the property test: twelve months back from a peildatum in year 1 failed with a server error."""
    dossier = builder.screening()
    client.force_login(beleidsmedewerker)
    url = reverse("indicatoren:screening", args=[dossier.pk])
    velden = formulier(client.get(url).content.decode(), url)
    post = {v.name: v.value for v in velden if v.kind in {"hidden", "text", "textarea"}}
    post.update({"peildatum": datum, "besluit": "ja", "motivering": "Veel klachten."})
    response = client.post(url, post)
    assert response.status_code == 200
    assert "Vul een datum in tussen 1900 en 2100." in response.content.decode()

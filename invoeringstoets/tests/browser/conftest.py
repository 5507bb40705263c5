"""A real browser against the running application: Debian's Chromium, driven by Playwright, and axe-core.

Playwright's own browser download needs the internet; Debian's package is what these machines have. Every test
in this folder is marked `browser`; without Chromium it skips with the reason, and under CI=true it fails."""

import os
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from dossiers.tests.factories import PASSWORD
from invoeringstoets.testing import service_missing

# Playwright's sync API runs an event loop in the test thread; Django's ORM in that thread is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling home, which this closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.1 level A and AA, nothing else: best-practice rules are advice, not the law.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        service_missing(f"Chromium ontbreekt ({CHROMIUM}); installeer het met scripts/system-deps.sh")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-NL", "timezone_id": "Europe/Amsterdam", "accept_downloads": True}


@pytest.fixture
def page(page):
    page.set_default_timeout(15_000)
    return page


class Toegankelijkheid:
    """Runs axe-core on the page as it is now and remembers which pages it saw, for the test to report."""

    axe = Axe()

    def __init__(self):
        self.gezien: list[str] = []

    def controleer(self, page, waar: str = "") -> None:
        results = self.axe.run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
        )
        self.gezien.append(waar or page.url)
        assert results.violations_count == 0, f"{waar or page.url}:\n{results.generate_report()}"


@pytest.fixture
def axe():
    return Toegankelijkheid()


def inloggen(page, live_server, username: str, password: str = PASSWORD) -> None:
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "/inloggen/" not in url)


def tab_naar(page, locator, max_tabs: int = 300) -> None:
    """Press Tab until the element has the focus, as a keyboard user does; fails if Tab never reaches it."""
    doel = locator.element_handle()
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("el => document.activeElement === el", doel):
            zichtbaar = page.evaluate(
                """el => { const s = getComputedStyle(el);
                   return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }""",
                doel,
            )
            assert zichtbaar, f"{locator} heeft de focus maar dat is niet te zien"
            return
    raise AssertionError(f"{locator} is met Tab niet te bereiken")

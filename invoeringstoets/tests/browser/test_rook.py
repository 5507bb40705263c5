"""The smallest proof the browser set-up works: the log-in page in Chromium, without violations."""

from .conftest import inloggen


def test_the_log_in_page_works_in_a_real_browser(page, live_server, axe, manager):
    page.goto(f"{live_server.url}/")
    assert "/inloggen/" in page.url
    axe.controleer(page, "inlogpagina")
    inloggen(page, live_server, "management")
    assert page.get_by_role("heading", level=1).count() == 1
    axe.controleer(page, "dossiers")

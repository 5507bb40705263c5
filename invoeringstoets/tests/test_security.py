"""Sessions, log-in protection, security headers, the security log, and the production settings."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from dossiers.tests.factories import PASSWORD

pytestmark = [pytest.mark.security, pytest.mark.django_db]

BASE_DIR = Path(__file__).resolve().parents[2]


def log_in(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_every_page_carries_the_security_headers(client, manager):
    client.force_login(manager)
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_under_https_there_is_hsts_and_secure_httponly_cookies(client, manager, settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    response = client.post(reverse("login"), {"username": manager.username, "password": PASSWORD}, secure=True)
    session = response.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"


def test_production_settings_pass_the_deployment_check():
    env = {
        # DJANGO_ALLOW_ASYNC_UNSAFE is set for the browser tests of this run, never in production.
        **{k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}},
        "DEBUG": "0",
        "SECRET_KEY": "k" * 20 + "-productie-sleutel-met-genoeg-lengte-en-variatie-9f2a",
        "ALLOWED_HOSTS": "invoeringstoets.example.nl",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_login_starts_a_new_session(client, manager):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    log_in(client, manager.username, PASSWORD)
    assert client.session.session_key != before


def test_a_session_ends_after_thirty_minutes_without_a_request(client, manager, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST
    log_in(client, manager.username, PASSWORD)
    assert client.get("/").status_code == 200
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    Session.objects.update(expire_date=timezone.now())
    assert client.get("/").status_code == 302


def test_a_password_change_ends_the_other_sessions(client, manager):
    from django.test import Client

    other = Client()
    log_in(other, manager.username, PASSWORD)
    assert other.get("/").status_code == 200
    manager.set_password("een-ander-lang-wachtwoord")
    manager.save()
    assert other.get("/").status_code == 302


def test_too_many_failed_logins_lock_that_username_from_that_address(client, manager, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert "onjuist" in log_in(client, manager.username, "fout").content.decode()
    response = log_in(client, manager.username, "fout")
    assert response.status_code == 429
    assert "Inloggen tijdelijk geblokkeerd" in response.content.decode()
    locked = log_in(client, manager.username, PASSWORD)
    assert locked.status_code == 429, "even the right password waits"
    assert client.get("/").status_code == 302


def test_a_lock_is_per_username(client, manager, beleidsmedewerker, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, manager.username, "fout")
    assert log_in(client, beleidsmedewerker.username, PASSWORD).status_code == 302


def test_password_spraying_from_one_address_locks_that_address(client, manager, settings):
    """Many usernames, a wrong password each: no single username reaches its limit, the address does."""
    settings.AXES_ADRES_LIMIET = 8
    for i in range(settings.AXES_ADRES_LIMIET - 1):
        assert log_in(client, f"geraden-{i}", "Welkom2024!").status_code == 200
    assert log_in(client, "nog-een", "Welkom2024!").status_code == 429
    response = log_in(client, manager.username, PASSWORD)
    assert response.status_code == 429, "even a right password waits at that address"
    assert "vanaf dit adres" in response.content.decode()
    elders = Client(REMOTE_ADDR="192.0.2.7")
    assert log_in(elders, manager.username, PASSWORD).status_code == 302, "another address is not locked"


def test_without_a_proxy_a_forwarded_header_is_not_believed(client, manager, settings):
    settings.BEHIND_PROXY = False
    for i in range(settings.AXES_FAILURE_LIMIT):
        log_in(Client(HTTP_X_FORWARDED_FOR=f"198.51.100.{i}"), manager.username, "fout")
    assert log_in(client, manager.username, PASSWORD).status_code == 429, "all came from one address"


def test_behind_a_proxy_the_client_address_comes_from_the_proxy_header(manager, settings):
    settings.BEHIND_PROXY = True
    settings.PROXY_AANTAL = 1
    # The proxy appends the address it saw; whatever the client wrote before it is ignored.
    aanvaller = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    for i in range(settings.AXES_FAILURE_LIMIT):
        aanvaller.defaults["HTTP_X_FORWARDED_FOR"] = f"1.2.3.{i}, 203.0.113.9"
        log_in(aanvaller, manager.username, "fout")
    assert log_in(aanvaller, manager.username, PASSWORD).status_code == 429
    collega = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.20")
    assert log_in(collega, manager.username, PASSWORD).status_code == 302, "same proxy, another client"


def test_the_client_address_ignores_a_header_that_is_not_an_address(rf, settings):
    from invoeringstoets.security import client_address

    settings.BEHIND_PROXY = True
    settings.PROXY_AANTAL = 1
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="geen-adres")) == "10.0.0.1"
    assert client_address(rf.get("/", REMOTE_ADDR="10.0.0.1")) == "10.0.0.1"
    settings.PROXY_AANTAL = 2
    verzoek = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5, 10.0.0.2")
    assert client_address(verzoek) == "203.0.113.5"


def test_pages_for_a_logged_in_user_are_never_cached(client, manager, builder):
    dossier = builder.complete()
    client.force_login(manager)
    for url in ["/", reverse("dossiers:detail", args=[dossier.pk]), reverse("rapportage:overzicht")]:
        cache_control = {d.strip() for d in client.get(url)["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= cache_control, url
        assert "public" not in cache_control


def test_public_pages_may_be_cached(client):
    assert "no-store" not in client.get(reverse("toegankelijkheid")).get("Cache-Control", "")


def test_a_session_ends_after_its_absolute_lifetime_however_busy(client, manager, settings, monkeypatch, caplog):
    import time

    caplog.set_level(logging.INFO, logger="invoeringstoets.security")
    settings.SESSIE_MAX_UREN = 10
    start = time.time()
    log_in(client, manager.username, PASSWORD)
    for uren in [1, 5, 9.9]:
        monkeypatch.setattr(time, "time", lambda uren=uren: start + uren * 3600)
        assert client.get("/").status_code == 200, f"still logged in after {uren} hours of work"
    monkeypatch.setattr(time, "time", lambda: start + 10.1 * 3600)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "Uw sessie is verlopen" in response.content.decode()
    assert "sessie verlopen" in [e["gebeurtenis"] for e in security_events(caplog)]
    assert client.get("/").status_code == 302, "and stays ended"


def test_weak_passwords_are_refused():
    for zwak in ["kort", "123456789012", "password"]:
        with pytest.raises(ValidationError):
            validate_password(zwak)
    validate_password("een lang en eigen wachtwoord voor de toets")


def security_events(caplog) -> list[dict]:
    from invoeringstoets.logs import JsonFormatter

    formatter = JsonFormatter()
    return [json.loads(formatter.format(r)) for r in caplog.records if r.name == "invoeringstoets.security"]


def test_logins_failures_and_refusals_are_logged_in_utc_without_the_address(client, manager, kernteamlid, caplog):
    caplog.set_level(logging.INFO, logger="invoeringstoets.security")
    log_in(client, manager.username, "fout")
    log_in(client, manager.username, PASSWORD)
    log_in(client, kernteamlid.username, PASSWORD)
    client.get(reverse("dossiers:regeling_create"))
    events = security_events(caplog)
    assert [e["gebeurtenis"] for e in events] == ["inloggen mislukt", "inloggen", "inloggen", "toegang geweigerd"]
    gebruikers = [manager.username, manager.username, kernteamlid.username, kernteamlid.username]
    assert [e["gebruiker"] for e in events] == gebruikers
    assert all(e["tijd"].endswith("+00:00") for e in events)
    assert events[3]["pad"] == "/regelingen/nieuw/"
    assert "127.0.0.1" not in json.dumps(events)
    assert all(len(e["adres"]) == 12 for e in events)


def test_passwords_are_argon2id_with_owasp_parameters_and_older_hashes_upgrade_at_log_in(
    client, settings, django_user_model
):
    """19 MiB, 2 passes, 1 lane (not Django's 100 MiB and 8 lanes); a PBKDF2 hash from before is replaced by an
    Argon2id hash at the next log-in, and the password keeps working."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    from conftest import log_in
    from invoeringstoets import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    owasp = "argon2$argon2id$v=19$m=19456,t=2,p=1$"
    nieuw = django_user_model.objects.create_user("nieuw", password=PASSWORD)
    assert nieuw.password.startswith(owasp)

    pbkdf2 = PBKDF2PasswordHasher()
    oud = django_user_model.objects.create(username="oud", password=pbkdf2.encode(PASSWORD, pbkdf2.salt()))
    assert not log_in(client, "oud", "een-verkeerd-wachtwoord")
    oud.refresh_from_db()
    assert oud.password.startswith("pbkdf2_sha256$"), "a wrong password changes nothing"
    assert log_in(client, "oud", PASSWORD)
    oud.refresh_from_db()
    assert oud.password.startswith(owasp)
    client.logout()
    assert log_in(client, "oud", PASSWORD)

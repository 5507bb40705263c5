"""The load run: simulated users walk the journeys of the three roles against gunicorn, logged in as the demo users.

`bench/run.py` starts it headless (50 users, 60 seconds) and passes the dossiers to visit in BENCH_DOSSIERS, a JSON
file it wrote from the generated data. Each user logs in once, then reads and writes as people do, with a pause
between steps in which a person reads the page. Any answer other than the expected one counts as an error.
"""

import json
import os
import random
import re
import time
from datetime import date, timedelta
from pathlib import Path

from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser

DOSSIERS = json.loads(Path(os.environ["BENCH_DOSSIERS"]).read_text(encoding="utf-8"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Every request (name, milliseconds, error or null, when) and every error outside a request, for exact percentiles
# with and without the log-ins, written to BENCH_LOCUST_OUT when the run ends.
SAMPLES: list = []
USER_ERRORS: list[str] = []


@events.request.add_listener
def _record(name, response_time, exception, **kwargs):
    SAMPLES.append([name, response_time, str(exception)[:300] if exception else None, time.monotonic()])


@events.user_error.add_listener
def _record_user_error(user_instance, exception, tb, **kwargs):
    USER_ERRORS.append(f"{type(user_instance).__name__}: {exception}"[:300])


@events.quitting.add_listener
def _write(environment, **kwargs):
    Path(os.environ["BENCH_LOCUST_OUT"]).write_text(json.dumps({"samples": SAMPLES, "user_errors": USER_ERRORS}))


class Journey(FastHttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = password = ""

    def on_start(self):
        page = self.client.get("/inloggen/", name="inloggen")
        response = self.client.post(
            "/inloggen/",
            data={"username": self.username, "password": self.password, "csrfmiddlewaretoken": self.token(page)},
            name="inloggen (POST)",
            allow_redirects=False,
        )
        if response.status_code != 302:
            raise RuntimeError(f"Inloggen als {self.username} mislukte: {response.status_code}")

    @staticmethod
    def token(response) -> str:
        match = CSRF.search(response.text or "")
        if not match:
            raise RuntimeError(f"Geen CSRF-token op {response.url}")
        return match.group(1)

    def post_form(self, url: str, data: dict, name: str):
        """Open the form, then submit it as the browser does; a saved form redirects (303/302), an invalid one
        shows the form again (200), which here is an error."""
        form = self.client.get(url, name=f"{name} (formulier)")
        with self.client.post(
            url,
            data={**data, "csrfmiddlewaretoken": self.token(form)},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code not in (302, 303):
                response.failure(f"{name}: {response.status_code}, verwacht een doorverwijzing")

    @task(4)
    def dossier_list(self):
        self.client.get("/", name="dossierlijst")

    @task(1)
    def dossier_list_filtered(self):
        status = random.choice(["in_onderzoek", "vastgesteld", "geen_invoeringstoets"])
        self.client.get(f"/?status={status}", name="dossierlijst (filter)")

    @task(4)
    def dossier_page(self):
        self.client.get(f"/dossiers/{random.choice(DOSSIERS['alle'])}/", name="dossierpagina")


class Beleidsmedewerker(Journey):
    weight = 2
    username, password = "beleid", "beleid-demo-2026"

    @task(2)
    def signalen(self):
        self.client.get(f"/dossiers/{random.choice(DOSSIERS['alle'])}/signalen/", name="signalen van een dossier")

    @task(1)
    def alle_signalen(self):
        self.client.get("/signalen/?soort=klacht", name="alle signalen (filter)")

    @task(1)
    def signaal_vastleggen(self):
        dossier = random.choice(DOSSIERS["alle"])
        self.post_form(
            f"/dossiers/{dossier}/signalen/nieuw/",
            {
                "soort": "klacht",
                "datum": (date.today() - timedelta(days=1)).strftime("%d-%m-%Y"),
                "bron": "Klantcontactcentrum",
                "samenvatting": "Aanvrager begrijpt de afwijzing niet.",
                "aantal": "3",
                "link": "",
            },
            name="signaal vastleggen",
        )


class Kernteamlid(Journey):
    weight = 2
    username, password = "kernteam", "kernteam-demo-2026"

    @task(3)
    def vraag(self):
        dossier = random.choice(DOSSIERS["kernteam"])
        self.client.get(f"/dossiers/{dossier}/vragen/{random.choice(['1A', '1B', '2B'])}/", name="centrale vraag")

    @task(1)
    def onderzoek(self):
        self.client.get(f"/dossiers/{random.choice(DOSSIERS['kernteam'])}/onderzoek/", name="het onderzoek")

    @task(1)
    def bevinding_vastleggen(self):
        dossier = random.choice(DOSSIERS["kernteam"])
        self.post_form(
            f"/dossiers/{dossier}/vragen/1B/",
            {
                "actie": "bevinding",
                "bevinding-titel": "Aanvragers haken af bij het formulier",
                "bevinding-tekst": "In de interviews noemen ouders het formulier te ingewikkeld.",
                "bevinding-soort": "knelpunt",
                "bevinding-ernst": "midden",
                "bevinding-bewijskracht": "redelijk",
            },
            name="bevinding vastleggen",
        )


class Manager(Journey):
    weight = 1
    username, password = "management", "management-demo-2026"

    @task(2)
    def vastgesteld_dossier(self):
        self.client.get(f"/dossiers/{random.choice(DOSSIERS['vastgesteld'])}/", name="dossierpagina (vastgesteld)")

    @task(1)
    def dashboard(self):
        self.client.get("/dashboard/", name="dashboard")

    @task(1)
    def overzicht(self):
        self.client.get("/overzicht/?status=vastgesteld", name="overzicht (filter)")

    @task(1)
    def rapport_downloaden(self):
        self.client.get(DOSSIERS["rapport"], name="rapport downloaden (PDF)")

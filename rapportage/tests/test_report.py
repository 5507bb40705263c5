import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from dossiers.constants import CentraleVraag
from rapportage import services
from rapportage.constants import RapportStatus
from rapportage.models import Rapport
from rapportage.pdf import StaticFilesOnlyFetcher, render_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def post_rapport(client, django_capture_on_commit_callbacks):
    """Ask for a report as the logged-in user; the queued task runs when the request's transaction commits."""

    def post(dossier, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("rapportage:create", args=[dossier.pk]), **kwargs)

    return post


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def normalized(text: str) -> str:
    return " ".join(text.split())


def test_rapport_maken_renders_the_pdf_and_offers_it_for_download(post_rapport, client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    post_rapport(dossier)
    rapport = Rapport.objects.get()
    assert "PDF downloaden" in client.get(dossier.get_absolute_url()).content.decode()
    assert rapport.status == RapportStatus.KLAAR
    assert rapport.concept is False
    assert len(rapport.sha256) == 64
    download = client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert 'attachment; filename="invoeringstoets-recht-op-kinderopvangtoeslag' in download["Content-Disposition"]
    text = normalized(pdf_text(b"".join(download.streaming_content)))
    assert "Recht op kinderopvangtoeslag bij Wlz-indicatie" in text
    for vraag in CentraleVraag:
        assert normalized(f"{vraag.value}. {vraag.label}") in text
    assert "Monitoring in plaats van ingrijpen" in text
    assert "Effectieve ondersteuning, maar te weinig bekend." in text
    assert "Vergroot de bekendheid." in text
    assert "Ja, een invoeringstoets is nodig" in text
    assert "De doelgroep vraagt de toeslag aan." in text
    assert "Klopt deels" in text
    assert "pagina 2 van" in text
    assert "CONCEPT" not in text


def test_a_report_of_a_dossier_not_yet_approved_says_concept_on_every_page(post_rapport, client, builder, kernteamlid):
    dossier = builder.complete()
    client.force_login(kernteamlid)
    post_rapport(dossier)
    rapport = Rapport.objects.get()
    assert rapport.concept is True
    reader = PdfReader(rapport.file.open("rb"))
    assert all("CONCEPT" in page.extract_text() for page in reader.pages)
    assert rapport.file.name.rsplit("/", 1)[-1].startswith("concept-")


def test_earlier_reports_stay_downloadable(post_rapport, client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    post_rapport(dossier)
    post_rapport(dossier)
    rapporten = list(Rapport.objects.all())
    assert len(rapporten) == 2
    page = client.get(dossier.get_absolute_url()).content.decode()
    for rapport in rapporten:
        assert reverse("rapportage:download", args=[dossier.pk, rapport.pk]) in page
        assert client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk])).status_code == 200


@pytest.mark.parametrize("actor", ["beleidsmedewerker", "kernteamlid", "buitenstaander", "zonder_rol"])
def test_everyone_logged_in_may_read_and_so_download(post_rapport, client, builder, manager, request, actor):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    post_rapport(dossier)
    rapport = Rapport.objects.get()
    client.force_login(request.getfixturevalue(actor))
    assert client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk])).status_code == 200


@pytest.mark.parametrize("actor", ["manager", "beleidsmedewerker", "kernteamlid"])
def test_management_beleid_and_the_kernteam_make_reports(post_rapport, client, builder, request, actor):
    dossier = builder.complete()
    client.force_login(request.getfixturevalue(actor))
    assert "Rapport maken" in client.get(dossier.get_absolute_url()).content.decode()
    assert post_rapport(dossier).status_code == 302
    assert Rapport.objects.get().status == RapportStatus.KLAAR


@pytest.mark.parametrize("actor", ["buitenstaander", "zonder_rol"])
def test_who_does_not_work_on_the_dossier_does_not_make_reports(post_rapport, client, builder, request, actor):
    dossier = builder.complete()
    client.force_login(request.getfixturevalue(actor))
    assert "Rapport maken" not in client.get(dossier.get_absolute_url()).content.decode()
    assert post_rapport(dossier).status_code == 403
    assert not Rapport.objects.exists()


def test_anonymous_users_cannot_download_or_request(post_rapport, client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    post_rapport(dossier)
    rapport = Rapport.objects.get()
    client.logout()
    assert client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk])).status_code == 302
    assert post_rapport(dossier).status_code == 302
    assert Rapport.objects.count() == 1


def test_a_report_of_another_dossier_is_not_reachable_through_this_one(post_rapport, client, builder, manager):
    dossier = builder.vastgesteld()
    other = builder.registered(naam="Andere")
    client.force_login(manager)
    post_rapport(dossier)
    rapport = Rapport.objects.get()
    assert client.get(reverse("rapportage:download", args=[other.pk, rapport.pk])).status_code == 404


def test_requesting_a_report_needs_post(client, builder, manager):
    dossier = builder.vastgesteld()
    client.force_login(manager)
    assert client.get(reverse("rapportage:create", args=[dossier.pk])).status_code == 405
    assert not Rapport.objects.exists()


def test_running_the_task_twice_yields_one_report(builder, manager):
    dossier = builder.vastgesteld()
    rapport = Rapport.objects.create(dossier=dossier, requested_by=manager)
    first = services.rapport_render(rapport.pk)
    second = services.rapport_render(rapport.pk)
    assert first.file.name == second.file.name
    assert second.attempts == 1
    assert Rapport.objects.get().status == RapportStatus.KLAAR


def test_a_render_that_keeps_failing_is_retried_then_recorded_in_dutch(builder, manager, monkeypatch, settings):
    settings.RAPPORT_MAX_POGINGEN = 3
    dossier = builder.vastgesteld()
    rapport = Rapport.objects.create(dossier=dossier, requested_by=manager)

    def broken(dossier_id, **kwargs):
        raise OSError("schijf vol")

    monkeypatch.setattr(services, "render_dossier_pdf", broken)
    for poging in (1, 2):
        with pytest.raises(services.OpnieuwProberen):
            services.rapport_render(rapport.pk)
        rapport.refresh_from_db()
        assert rapport.status == RapportStatus.IN_WACHTRIJ
        assert rapport.error.startswith(f"Poging {poging} mislukte: Het rapport kon niet worden gemaakt")
    services.rapport_render(rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.MISLUKT
    assert rapport.attempts == 3
    assert "Na 3 pogingen gestopt" in rapport.error
    assert not rapport.file


def test_a_broker_that_is_down_leaves_the_request_waiting(post_rapport, client, builder, manager, monkeypatch):
    dossier = builder.vastgesteld()
    from rapportage import tasks

    def no_broker(*args, **kwargs):
        raise ConnectionRefusedError("Redis is weg")

    monkeypatch.setattr(tasks.render_rapport, "delay", no_broker)
    client.force_login(manager)
    response = post_rapport(dossier, follow=True)
    assert response.status_code == 200
    assert "wordt gemaakt" in response.content.decode()
    assert Rapport.objects.get().status == RapportStatus.IN_WACHTRIJ


MALICIOUS = (
    '<img src="file:///etc/passwd"> <a rel="attachment" href="file:///etc/passwd">x</a> '
    '<link rel="stylesheet" href="http://127.0.0.1:9/"> <script>alert(1)</script>'
)


def test_user_text_is_shown_as_text_and_nothing_is_fetched(builder, monkeypatch):
    fetched = []
    original = StaticFilesOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesOnlyFetcher, "fetch", spy)
    dossier = builder.vastgesteld(naam="Regeling " + MALICIOUS)
    pdf = services.render_dossier_pdf(dossier.pk)
    assert "<script>alert(1)</script>" in normalized(pdf_text(pdf))
    assert all("/static/" in url for url in fetched), fetched
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"root:" not in pdf


def test_the_renderer_itself_refuses_files_and_urls(tmp_path):
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIM-123")
    html = (
        f'<p>tekst</p><img src="file://{secret}"><a rel="attachment" href="file://{secret}">bijlage</a>'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><img src="/static/../../../etc/passwd">'
    )
    pdf = render_pdf(html)
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    assert b"GEHEIM-123" not in pdf


def test_the_renderer_serves_the_apps_static_files():
    fetcher = StaticFilesOnlyFetcher()
    response = fetcher.fetch("https://rapport.invoeringstoets.invalid/static/rapportage/rapport.css")
    assert b"@page" in response.read()
    with pytest.raises(ValueError, match="geen externe bronnen"):
        fetcher.fetch("https://rapport.invoeringstoets.invalid/static/../settings.py")
    with pytest.raises(ValueError, match="geen externe bronnen"):
        fetcher.fetch("http://127.0.0.1:9/")


def test_the_rapport_command_writes_the_same_report(builder, tmp_path):
    dossier = builder.vastgesteld()
    output = tmp_path / "rapport.pdf"
    call_command("rapport", str(dossier.pk), "--output", str(output))
    text = normalized(pdf_text(output.read_bytes()))
    assert "Recht op kinderopvangtoeslag bij Wlz-indicatie" in text
    assert "Monitoring in plaats van ingrijpen" in text


def test_the_rapport_command_refuses_an_unknown_dossier(db, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("rapport", "999", "--output", str(tmp_path / "x.pdf"))


def test_the_report_holds_the_uitvoeringstoets_the_usage_chart_and_the_signals(builder):
    dossier = builder.add_practice(builder.registered())
    text = normalized(pdf_text(services.render_dossier_pdf(dossier.pk)))
    assert "Maakbaarheid systemen" in text
    assert "€ 350.000" in text
    assert "Verwachte doelgroep: 4.000" in text
    assert "Signalen uit de praktijk" in text
    assert "Klacht 4" in text

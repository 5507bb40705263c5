"""The report through the real pipeline: a request in the web process, Redis, and a separate worker process."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from invoeringstoets.testing import wait_for
from rapportage.constants import RapportStatus
from rapportage.models import Rapport


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_renders_the_requested_report(client, builder, manager, start_worker, tmp_path):
    dossier = builder.vastgesteld()
    worker = start_worker()
    client.force_login(manager)
    response = client.post(reverse("rapportage:create", args=[dossier.pk]), follow=True)
    assert response.status_code == 200
    assert "wordt gemaakt" in response.content.decode(), "the web process only queues the work"

    rapport = wait_for(lambda: Rapport.objects.filter(status=RapportStatus.KLAAR).first())
    log = (tmp_path / "worker.log").read_text()
    assert rapport is not None, f"no report after 60 s; worker exit code {worker.poll()}; log:\n{log[-3000:]}"
    assert "rapportage.render_rapport" in log, "the worker process, not the test process, rendered it"

    download = client.get(reverse("rapportage:download", args=[dossier.pk, rapport.pk]))
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Recht op kinderopvangtoeslag bij Wlz-indicatie" in text
    assert "Monitoring in plaats van ingrijpen" in text


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_on_one_redis_make_exactly_one_report_per_request(
    builder, manager, start_worker, settings, tmp_path
):
    """Scale-out: two worker processes share the `rapporten` queue; twenty requests give twenty reports, each
    made once (no request lost, none made twice), and both workers take a share."""
    from rapportage import services

    dossier = builder.vastgesteld()
    workers = [start_worker("worker1"), start_worker("worker2")]
    aanvragen = [services.rapport_request(actor=manager, dossier=dossier) for _ in range(20)]

    def alle_klaar():
        return Rapport.objects.filter(status=RapportStatus.KLAAR).count() == len(aanvragen)

    assert wait_for(alle_klaar, timeout=180), {
        "standen": list(Rapport.objects.values_list("status", flat=True)),
        "exit": [w.poll() for w in workers],
    }
    rapporten = list(Rapport.objects.order_by("volgnummer"))
    assert [r.volgnummer for r in rapporten] == list(range(1, 21))
    assert all(r.attempts == 1 for r in rapporten), [r.attempts for r in rapporten]
    assert len({r.file.name for r in rapporten}) == 20
    opgeslagen = list((settings.MEDIA_ROOT / "rapporten").rglob("*.pdf"))
    assert len(opgeslagen) == 20, "one file per request, nothing rendered twice"

    logs = [(tmp_path / f"worker{n}.log").read_text() for n in (1, 2)]
    gedaan = [len(re.findall(r"Task rapportage\.render_rapport\[[^\]]+\] succeeded", log)) for log in logs]
    assert sum(gedaan) == 20, gedaan
    assert all(n > 0 for n in gedaan), f"both workers take a share: {gedaan}"

"""The report through the real pipeline: a request in the web process, Redis, and a separate worker process."""

import io
import time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from rapportage.constants import RapportStatus
from rapportage.models import Rapport


def wait_for(predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.2)
    return None


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

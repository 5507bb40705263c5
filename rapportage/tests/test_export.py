"""Other formats: the report as Word, and the dossier as JSON that another installation reads back."""

import io
import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from docx import Document

from dossiers.models import Bevinding, Bewijsstuk, Dossier
from indicatoren.models import Signaal
from rapportage import export

pytestmark = pytest.mark.django_db


@pytest.mark.security
def test_a_regeling_name_longer_than_a_word_title_may_be_still_gives_a_document(client, builder, manager):
    naam = "Regeling " + "met een zeer lange naam " * 12
    dossier = builder.vastgesteld(naam=naam[:300])
    client.force_login(manager)
    response = client.get(reverse("rapportage:word", args=[dossier.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert len(document.core_properties.title) <= 255
    assert document.core_properties.title.endswith("…")
    assert naam[:300].strip() in "\n".join(p.text for p in document.paragraphs), "the whole name stays in the text"


def test_the_word_document_holds_the_report(client, builder, manager):
    dossier = builder.add_follow_up(builder.vastgesteld())
    client.force_login(manager)
    response = client.get(reverse("rapportage:word", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    tekst = "\n".join(p.text for p in document.paragraphs)
    tabellen = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    for kop in ["Samenvatting", "Aanleiding en screening", "Bevindingen per centrale vraag", "Opvolging"]:
        assert kop in tekst
    assert "Monitoring in plaats van ingrijpen" in tekst
    assert "Vergroot de bekendheid." in tekst
    assert "Bekendheid vergroten via zorgkantoren." in tabellen
    assert document.core_properties.title == "Invoeringstoets Recht op kinderopvangtoeslag bij Wlz-indicatie"
    assert "CONCEPT" not in tekst
    # the action of the follow-up is past its deadline, as the PDF says too
    assert "te laat" in tabellen
    assert abs(document.core_properties.created - timezone.now()) < timedelta(minutes=5)
    assert document.core_properties.comments == "Vastgesteld"


def dump(dossier) -> dict:
    return json.loads(json.dumps(export.exporteer(dossier)))


def zonder_ids(data):
    if isinstance(data, dict):
        skip = {
            "id",
            "geexporteerd_op",
            "import",
            "bevinding",
            "activiteit",
            "toetsing",
            "aanname",
            "signalen",
            "activiteiten",
            "bevindingen",
        }
        return {k: zonder_ids(v) for k, v in data.items() if k not in skip}
    if isinstance(data, list):
        return [zonder_ids(v) for v in data]
    return data


def test_an_export_read_back_is_the_same_dossier(builder, tmp_path, capsys):
    dossier = builder.add_follow_up(builder.vastgesteld())
    builder.add_practice(builder.registered(naam="Nog een"))  # another dossier must not leak in
    bestand = tmp_path / "dossier.json"
    call_command("rapport", str(dossier.pk), "--output", str(bestand))
    capsys.readouterr()
    call_command("importeer_dossier", str(bestand))
    nieuw = Dossier.objects.get(pk=int(capsys.readouterr().out.strip().splitlines()[-1]))
    assert nieuw.pk != dossier.pk
    assert zonder_ids(dump(nieuw)) == zonder_ids(json.loads(bestand.read_text()))
    assert nieuw.bewijsstukken.get().bestand.read() == dossier.bewijsstukken.get().bestand.read()
    assert nieuw.conclusies.get().is_vastgesteld


def test_links_between_parts_survive_the_round_trip(builder, kernteamlid):
    from dossiers import services

    dossier = builder.add_practice(builder.add_research(builder.in_onderzoek()))
    signaal = Signaal.objects.filter(dossier=dossier).first()
    services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1B",
        item=services.BevindingInput(
            titel="Gekoppeld",
            tekst="x",
            soort="knelpunt",
            signalen=[signaal.pk],
            activiteiten=[dossier.activiteiten.get().pk],
        ),
    )
    nieuw = export.importeer(dump(dossier))
    bevinding = Bevinding.objects.get(dossier=nieuw, titel="Gekoppeld")
    assert bevinding.signalen.get().samenvatting == signaal.samenvatting
    assert bevinding.signalen.get().dossier == nieuw
    assert bevinding.activiteiten.get().dossier == nieuw


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("dit is geen json", "Dit is geen geldig JSON-bestand"),
        ('{"formaat": "iets anders"}', "Dit is geen export van een invoeringstoets-dossier"),
        ('{"formaat": "invoeringstoets-dossier", "versie": 99}', "deze installatie leest versie 1"),
        ('{"formaat": "invoeringstoets-dossier", "versie": 1, "regeling": {}}', "onvolledig"),
    ],
)
def test_a_file_that_is_not_a_valid_export_is_refused_and_nothing_is_stored(tmp_path, db, inhoud, melding):
    bestand = tmp_path / "fout.json"
    bestand.write_text(inhoud)
    with pytest.raises(CommandError, match=melding):
        call_command("importeer_dossier", str(bestand))
    assert not Dossier.objects.exists()


def test_a_damaged_export_stores_nothing(builder):
    dossier = builder.add_follow_up(builder.vastgesteld())
    data = dump(dossier)
    data["bewijsstukken"][0]["sha256"] = "0" * 64
    aantal = (Dossier.objects.count(), Bevinding.objects.count(), Bewijsstuk.objects.count())
    with pytest.raises(export.ExportFout, match="beschadigd: de SHA-256 klopt niet"):
        export.importeer(data)
    assert (Dossier.objects.count(), Bevinding.objects.count(), Bewijsstuk.objects.count()) == aantal
    data = dump(dossier)
    del data["bevindingen"][0]["vraag"]
    data["bevindingen"][0]["titel"] = None
    with pytest.raises(export.ExportFout):
        export.importeer(data)
    assert Dossier.objects.count() == aantal[0]


@pytest.mark.parametrize(
    ("actor", "status"), [("kernteamlid", 200), ("manager", 200), ("buitenstaander", 403), ("zonder_rol", 403)]
)
def test_the_json_export_holds_evidence_so_only_its_readers_get_it(client, builder, request, actor, status):
    dossier = builder.complete()
    client.force_login(request.getfixturevalue(actor))
    response = client.get(reverse("rapportage:json", args=[dossier.pk]))
    assert response.status_code == status
    if status == 200:
        assert json.loads(response.content)["formaat"] == "invoeringstoets-dossier"


def test_the_rapport_command_picks_the_format_from_the_extension(builder, tmp_path):
    dossier = builder.vastgesteld()
    for extensie, begin in [(".pdf", b"%PDF"), (".docx", b"PK"), (".json", b"{")]:
        bestand = tmp_path / f"rapport{extensie}"
        call_command("rapport", str(dossier.pk), "--output", str(bestand))
        assert bestand.read_bytes().startswith(begin)
    with pytest.raises(CommandError, match=r"\.pdf, \.docx of \.json"):
        call_command("rapport", str(dossier.pk), "--output", str(tmp_path / "rapport.txt"))

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


def opgeslagen() -> tuple[int, ...]:
    """Counts of what an import stores, to compare before and after."""
    return (Dossier.objects.count(), Bevinding.objects.count(), Bewijsstuk.objects.count(), Signaal.objects.count())


@pytest.mark.security
@pytest.mark.parametrize(
    ("bederf", "melding"),
    [
        (lambda d: d["dossier"].update(status="gehackt"), "Ongeldige dossier in de export, veld ‘status’"),
        (lambda d: d["regeling"].update(naam="Wlz\r\nBcc: x@example.nl"), "veld ‘naam van de regeling’: Dit veld is"),
        (lambda d: d["regeling"].update(naam="x" * 301), "veld ‘naam van de regeling’: Zorg dat deze waarde"),
        (lambda d: d["regeling"].update(inwerkingtreding="0001-01-01"), "Vul een datum in tussen 1900 en 2100"),
        (lambda d: d["bevindingen"][0].update(vraag="9Z"), "Ongeldige bevinding in de export, veld ‘centrale vraag’"),
        (lambda d: d["signalen"][0].update(soort="virus"), "Ongeldige signaal in de export, veld ‘soort’"),
        (lambda d: d["conclusies"][0].update(uitkomst="alles"), "Ongeldige conclusie in de export, veld ‘uitkomst’"),
    ],
)
def test_an_import_checks_every_value_as_the_forms_do_and_stores_nothing_when_one_fails(builder, bederf, melding):
    dossier = builder.add_follow_up(builder.vastgesteld())
    data = dump(dossier)
    data["signalen"] = dump(builder.add_practice(builder.in_onderzoek(naam="Met signalen")))["signalen"][:3]
    bederf(data)
    voor = opgeslagen()
    with pytest.raises(export.ExportFout, match=melding):
        export.importeer(data)
    assert opgeslagen() == voor


@pytest.mark.security
@pytest.mark.parametrize("actor", ["zonder_rol", "manager", "onbekend"])
def test_an_import_puts_only_users_with_the_role_kernteam_in_the_kernteam(builder, request, actor):
    dossier = builder.vastgesteld()
    data = dump(dossier)
    username = "niemand-hier" if actor == "onbekend" else request.getfixturevalue(actor).username
    data["dossier"]["kernteam"].append(username)
    with pytest.raises(export.ExportFout, match=f"alleen actieve gebruikers met de rol Kernteam .*{username}"):
        export.importeer(data)
    assert Dossier.objects.count() == 1


@pytest.mark.security
def test_imported_evidence_is_checked_as_an_upload_and_leaves_no_file_when_refused(builder, settings):
    import base64
    import hashlib
    from pathlib import Path

    dossier = builder.add_follow_up(builder.vastgesteld())
    data = dump(dossier)
    programma = b"MZ\x90\x00\x03" + b"\x00" * 200
    data["bewijsstukken"][0].update(
        inhoud=base64.b64encode(programma).decode(), sha256=hashlib.sha256(programma).hexdigest()
    )
    bestanden = sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    with pytest.raises(export.ExportFout, match="wordt geweigerd: Dit soort bestand wordt niet geaccepteerd"):
        export.importeer(data)
    assert Bewijsstuk.objects.count() == 1
    assert sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == bestanden


@pytest.mark.security
def test_imported_evidence_gets_its_kind_from_its_content_not_from_the_export(builder):
    dossier = builder.add_follow_up(builder.vastgesteld())
    data = dump(dossier)
    data["bewijsstukken"][0].update(soort="Uitvoerbaar programma", mime_type="application/x-msdownload")
    stuk = export.importeer(data).bewijsstukken.get()
    assert (stuk.soort, stuk.mime_type) == ("PDF", "application/pdf")


@pytest.mark.security
def test_a_deeply_nested_file_is_refused_with_a_dutch_message(tmp_path, db):
    bestand = tmp_path / "diep.json"
    bestand.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CommandError, match=r"Niet ingelezen, er is niets opgeslagen\. .*te diep genest"):
        call_command("importeer_dossier", str(bestand))
    assert not Dossier.objects.exists()

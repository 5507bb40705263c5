"""CSV import of signals and monthly use: what a user sees after uploading a file, and that a bad file stores
nothing."""

import io
import time
import tracemalloc
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from indicatoren.constants import SignaalSoort
from indicatoren.csvimport import ImportFout, import_gebruik, import_signalen, read_rows
from indicatoren.models import GebruikPeriode, Signaal, SignaalImport

pytestmark = pytest.mark.django_db

HEADER = "datum,soort,bron,samenvatting,aantal,link"


def csv_bytes(*lines: str, encoding: str = "utf-8", newline: str = "\n") -> io.BytesIO:
    return io.BytesIO(newline.join(lines).encode(encoding) + newline.encode())


def importeer(dossier, actor, *lines: str, **kwargs):
    return import_signalen(
        dossier=dossier, stream=csv_bytes(*lines, **kwargs), bestandsnaam="signalen.csv", actor=actor
    )


def fouten(dossier, actor, *lines: str, **kwargs) -> list[str]:
    with pytest.raises(ImportFout) as exc:
        importeer(dossier, actor, *lines, **kwargs)
    return exc.value.errors


def assert_nothing_stored() -> None:
    assert Signaal.objects.count() == 0
    assert SignaalImport.objects.count() == 0


# Signals: good files


def test_a_good_file_with_commas_imports_every_signal_with_its_import(builder, beleidsmedewerker):
    dossier = builder.registered()
    result = importeer(
        dossier,
        beleidsmedewerker,
        HEADER,
        "2021-03-01,klacht,Dienst Toeslagen,Ouder begrijpt de aanvraag niet,12,https://www.toeslagen.nl/signaal",
        '2021-04-15,media,NOS,"Artikel: ouders missen toeslag, zegt de ombudsman",,',
    )

    assert result.aantal_rijen == 2
    assert result.bestandsnaam == "signalen.csv"
    assert result.created_by == beleidsmedewerker
    klacht, media = Signaal.objects.filter(dossier=dossier).order_by("datum")
    assert (klacht.soort, klacht.datum, klacht.bron, klacht.aantal) == (
        "klacht",
        date(2021, 3, 1),
        "Dienst Toeslagen",
        12,
    )
    assert klacht.samenvatting == "Ouder begrijpt de aanvraag niet"
    assert klacht.link == "https://www.toeslagen.nl/signaal"
    assert media.samenvatting == "Artikel: ouders missen toeslag, zegt de ombudsman"
    assert (media.aantal, media.link) == (None, "")
    for signaal in (klacht, media):
        assert signaal.import_batch == result
        assert signaal.created_by == beleidsmedewerker
        assert signaal.created_at is not None


def test_semicolons_a_bom_and_dutch_dates_are_read_as_dutch_excel_writes_them(builder, beleidsmedewerker):
    dossier = builder.registered()
    stream = io.BytesIO(
        "\ufeffDatum ; Soort;BRON;Samenvatting;Aantal\r\n"
        "01-03-2021;Klachten;Dienst Toeslagen;Ouder mist de toeslag; 1.200\r\n"
        "\r\n"
        "1-4-2021;Kamervragen;Tweede Kamer;Vragen van het lid Van Dijk;\r\n"
        ";;;;\r\n".encode()
    )
    result = import_signalen(dossier=dossier, stream=stream, bestandsnaam="export.csv", actor=beleidsmedewerker)

    assert result.aantal_rijen == 2
    rows = list(Signaal.objects.order_by("datum").values_list("datum", "soort", "aantal"))
    assert rows == [(date(2021, 3, 1), "klacht", 1200), (date(2021, 4, 1), "kamervragen", None)]


@pytest.mark.parametrize(
    ("geschreven", "soort"),
    [
        ("klacht", SignaalSoort.KLACHT),
        ("KLACHTEN", SignaalSoort.KLACHT),
        ("Burgerbrieven", SignaalSoort.BURGERBRIEF),
        ("burger brief", SignaalSoort.BURGERBRIEF),
        ("Kamervraag", SignaalSoort.KAMERVRAGEN),
        ("bezwaren", SignaalSoort.BEZWAAR),
        ("Uitvoeringssignalen", SignaalSoort.UITVOERINGSSIGNAAL),
        ("mediaberichten", SignaalSoort.MEDIA),
        ("Overig", SignaalSoort.ANDERS),
    ],
)
def test_soort_is_recognised_by_value_label_plural_and_case(builder, beleidsmedewerker, geschreven, soort):
    importeer(builder.registered(), beleidsmedewerker, HEADER, f"2021-03-01,{geschreven},Bron,Tekst,,")
    assert Signaal.objects.get().soort == soort


def test_the_sep_line_excel_may_write_first_is_understood_and_line_numbers_still_count_it(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        "sep=;",
        "datum;soort;bron;samenvatting",
        "2021-03-01;klacht;Bron, met komma;Tekst",
        "2021-03-01;klacht;;Tekst",
    )
    assert errors == ["Regel 4, kolom ‘bron’: is leeg; deze kolom is verplicht."]


def test_the_caller_keeps_its_stream_open(builder, beleidsmedewerker):
    stream = csv_bytes(HEADER, "2021-03-01,klacht,Bron,Tekst,,")
    import_signalen(dossier=builder.registered(), stream=stream, bestandsnaam="a.csv", actor=beleidsmedewerker)
    assert not stream.closed


# Signals: bad files store nothing and say where the problem is


def test_a_bad_date_names_line_and_column_and_stores_nothing_not_even_the_import(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        HEADER,
        "2021-03-01,klacht,Bron,Goede regel,,",
        "2021-03-02,klacht,Bron,Goede regel,,",
        "2021-03-03,klacht,Bron,Goede regel,,",
        "31-02-2021,klacht,Bron,Foute datum,,",
    )

    assert errors == ["Regel 5, kolom ‘datum’: ‘31-02-2021’ is geen geldige datum; gebruik 2021-03-01 of 01-03-2021."]
    assert_nothing_stored()


def test_several_bad_rows_are_reported_together_in_file_order(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        HEADER,
        "2021-03-01,klacht,,Geen bron,,",
        "2021-13-01,klacht,Bron,Maand 13,0,",
        "2021-03-01,klacht,Bron,Te veel,waarden,,",
        "2021-03-01,klacht,Bron,Goed,,",
    )

    assert errors == [
        "Regel 2, kolom ‘bron’: is leeg; deze kolom is verplicht.",
        "Regel 3, kolom ‘datum’: ‘2021-13-01’ is geen geldige datum; gebruik 2021-03-01 of 01-03-2021.",
        "Regel 3, kolom ‘aantal’: ‘0’ moet een positief geheel getal zijn.",
        "Regel 4: 7 waarden, maar de eerste regel heeft 6 kolommen. Staat er een ‘,’ in een tekst zonder "
        "aanhalingstekens eromheen?",
    ]
    assert_nothing_stored()


def test_a_value_over_several_lines_is_reported_at_the_line_where_its_row_starts(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        HEADER,
        '2021-03-01,klacht,Bron,"Een samenvatting\nover twee regels",,',
        "2021-03-01,tweet,Bron,Tekst,,",
    )
    assert errors == [
        "Regel 4, kolom ‘soort’: ‘tweet’ is geen bekende soort; kies uit media, burgerbrief, klacht, bezwaar, "
        "uitvoeringssignaal, kamervragen of anders."
    ]


def test_after_25_errors_the_rest_is_counted_not_listed(builder, beleidsmedewerker):
    bad_rows = [f"2021-03-01,klacht,Bron,Tekst,{-i}," for i in range(1, 31)]
    errors = fouten(builder.registered(), beleidsmedewerker, HEADER, *bad_rows)

    assert len(errors) == 26
    assert errors[0].startswith("Regel 2, kolom ‘aantal’:")
    assert errors[24].startswith("Regel 26, ")
    assert errors[25] == "En nog 5 fouten die hier niet staan."
    assert_nothing_stored()


def test_a_file_in_windows_1252_gets_a_dutch_message_how_to_save_it_as_utf8(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        HEADER,
        "2021-03-01,klacht,Bron,Gewoon,,",
        "2021-03-01,klacht,Café De Zon,Signaal van de eigenaar,,",
        encoding="cp1252",
    )

    assert errors == [
        "Regel 3: het bestand is geen UTF-8 (het teken ‘é’ staat er in een andere codering, waarschijnlijk "
        "Windows-1252 of Latin-1). Sla het bestand in Excel op als ‘CSV UTF-8 (door komma's gescheiden)’ en "
        "importeer het opnieuw."
    ]
    assert_nothing_stored()


def test_an_empty_file_is_refused(builder, beleidsmedewerker):
    stream = io.BytesIO(b"")
    with pytest.raises(ImportFout) as exc:
        import_signalen(dossier=builder.registered(), stream=stream, bestandsnaam="leeg.csv", actor=beleidsmedewerker)
    assert exc.value.errors == ["Het bestand is leeg. De eerste regel moet de namen van de kolommen bevatten."]
    assert_nothing_stored()


def test_a_file_with_only_the_header_is_refused(builder, beleidsmedewerker):
    errors = fouten(builder.registered(), beleidsmedewerker, HEADER, "")
    assert errors == ["Het bestand bevat alleen de namen van de kolommen (regel 1) en verder geen gegevens."]
    assert_nothing_stored()


def test_a_missing_required_column_is_named(builder, beleidsmedewerker):
    errors = fouten(builder.registered(), beleidsmedewerker, "datum,soort,samenvatting", "2021-03-01,klacht,Tekst")
    assert errors == ["Regel 1: de verplichte kolom ‘bron’ ontbreekt."]
    assert_nothing_stored()


def test_unknown_and_duplicate_columns_are_named_with_the_columns_that_can_be_used(builder, beleidsmedewerker):
    errors = fouten(
        builder.registered(), beleidsmedewerker, "datum,soort,bron,samenvatting,opmerking,datum", "a,b,c,d,e,f"
    )
    assert errors == [
        "Regel 1: de kolom ‘opmerking’ is onbekend; bruikbare kolommen zijn ‘datum’, ‘soort’, ‘bron’, "
        "‘samenvatting’, ‘aantal’ en ‘link’.",
        "Regel 1: de kolom ‘datum’ staat meer dan één keer in de eerste regel.",
    ]


def test_a_file_separated_by_tabs_is_told_to_use_commas_or_semicolons(builder, beleidsmedewerker):
    errors = fouten(builder.registered(), beleidsmedewerker, "datum\tsoort\tbron\tsamenvatting", "x\ty\tz\tw")
    assert errors == [
        "Regel 1: de namen van de kolommen moeten gescheiden zijn door een komma of een puntkomma, zoals "
        "‘datum;soort;bron;samenvatting’."
    ]


def test_an_unknown_soort_lists_the_choices(builder, beleidsmedewerker):
    errors = fouten(builder.registered(), beleidsmedewerker, HEADER, "2021-03-01,tweet,Bron,Tekst,,")
    assert errors == [
        "Regel 2, kolom ‘soort’: ‘tweet’ is geen bekende soort; kies uit media, burgerbrief, klacht, bezwaar, "
        "uitvoeringssignaal, kamervragen of anders."
    ]
    assert_nothing_stored()


@pytest.mark.parametrize("link", ["www.toeslagen.nl", "ftp://toeslagen.nl/a", "javascript:alert(1)", "https://"])
def test_a_link_that_is_not_a_web_address_is_refused(builder, beleidsmedewerker, link):
    errors = fouten(builder.registered(), beleidsmedewerker, HEADER, f"2021-03-01,klacht,Bron,Tekst,,{link}")
    assert errors == [
        f"Regel 2, kolom ‘link’: ‘{link}’ is geen geldige link; een link begint met https:// of http://, zoals "
        "https://www.rijksoverheid.nl."
    ]
    assert_nothing_stored()


def test_too_long_bron_and_link_and_an_aantal_too_big_for_the_database_are_refused(builder, beleidsmedewerker):
    long_link = "https://www.toeslagen.nl/" + "a" * 480
    errors = fouten(
        builder.registered(),
        beleidsmedewerker,
        HEADER,
        f"2021-03-01,klacht,{'b' * 301},Tekst,3.000.000.000,{long_link}",
    )
    assert errors == [
        "Regel 2, kolom ‘bron’: is 301 tekens lang; het mag hoogstens 300 tekens zijn.",
        "Regel 2, kolom ‘aantal’: ‘3.000.000.000’ is te groot; het grootste getal is 2.147.483.647.",
        "Regel 2, kolom ‘link’: is 505 tekens lang; een link mag hoogstens 500 tekens zijn.",
    ]


@pytest.mark.parametrize("aantal", ["1,5", "12.0", "1.20", "twaalf"])
def test_an_aantal_that_is_not_a_whole_number_is_refused(builder, beleidsmedewerker, aantal):
    errors = fouten(builder.registered(), beleidsmedewerker, HEADER, f'2021-03-01,klacht,Bron,Tekst,"{aantal}",')
    assert errors == [f"Regel 2, kolom ‘aantal’: ‘{aantal}’ is geen geheel getal; schrijf bijvoorbeeld 1200 of 1.200."]


def test_read_rows_yields_line_numbers_and_every_known_column(builder):
    stream = csv_bytes("periode;aanvragen", "2021-01;10", "", "2021-02;20")
    rows = list(read_rows(stream, required=["periode"], optional=["aanvragen", "toelichting"]))
    assert rows == [
        (2, {"periode": "2021-01", "aanvragen": "10", "toelichting": ""}),
        (4, {"periode": "2021-02", "aanvragen": "20", "toelichting": ""}),
    ]


# Signals: a large file streams


def write_signalen(path, rows: int, last_row: str = "") -> int:
    """A file as an export of complaints looks: semicolons, a BOM, Dutch dates, a comma inside the bron, an aantal
    on every third row and a link on every tenth. Returns the size in bytes."""
    soorten = ["klacht", "Klachten", "burgerbrief", "media", "bezwaar"]
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeffdatum;soort;bron;samenvatting;aantal;link\r\n")
        for i in range(rows):
            aantal = f"{1 + i % 40}" if i % 3 == 0 else ""
            link = f"https://www.toeslagen.nl/signalen/{i}" if i % 10 == 0 else ""
            out.write(
                f"{1 + i % 28:02d}-{1 + i % 12:02d}-2021;{soorten[i % 5]};Dienst Toeslagen, klantcontact;"
                f"Ouder meldt dat de aanvraag voor kinderopvangtoeslag niet lukt (melding {i});{aantal};{link}\r\n"
            )
        out.write(last_row)
    return path.stat().st_size


def test_100000_rows_stream_into_the_database_with_flat_memory(builder, beleidsmedewerker, tmp_path):
    path = tmp_path / "signalen.csv"
    rows = 100_000
    size = write_signalen(path, rows)
    dossier = builder.registered()

    tracemalloc.start()
    started = time.perf_counter()
    try:
        with path.open("rb") as stream:
            result = import_signalen(dossier=dossier, stream=stream, bestandsnaam=path.name, actor=beleidsmedewerker)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - started

    assert result.aantal_rijen == rows
    assert Signaal.objects.filter(dossier=dossier, import_batch=result).count() == rows
    assert Signaal.objects.filter(soort=SignaalSoort.KLACHT).count() == rows * 2 // 5
    assert Signaal.objects.get(samenvatting__endswith=f"(melding {rows - 1})").datum == date(2021, 4, 12)
    print(f"\n100.000 signalen op {connection.vendor}: {seconds:.1f} s, {size / 1e6:.1f} MB, piek {peak / 1e6:.1f} MB")
    # Reading the file at once takes its size in bytes, and as text at least as much again. Streaming keeps one batch
    # of rows (5.000, about 2.5 MB on SQLite; psycopg's COPY buffer on PostgreSQL), whatever the length of the file.
    assert peak < size / 3


def test_a_bad_last_row_after_batches_were_written_still_stores_nothing(builder, beleidsmedewerker, tmp_path):
    path = tmp_path / "signalen.csv"
    write_signalen(path, 12_000, last_row="01-01-2022;klacht;Bron;Tekst;nul;\r\n")

    with pytest.raises(ImportFout) as exc, path.open("rb") as stream:
        import_signalen(dossier=builder.registered(), stream=stream, bestandsnaam=path.name, actor=beleidsmedewerker)

    assert exc.value.errors == [
        "Regel 12002, kolom ‘aantal’: ‘nul’ is geen geheel getal; schrijf bijvoorbeeld 1200 of 1.200."
    ]
    assert_nothing_stored()


# The command


def test_the_command_prints_the_number_of_imported_signals_on_its_last_line(builder, tmp_path):
    dossier = builder.registered()
    path = tmp_path / "signalen.csv"
    path.write_text(f"{HEADER}\n2021-03-01,klacht,Bron,Tekst,,\n2021-03-02,media,NOS,Artikel,,\n", encoding="utf-8")
    out = io.StringIO()

    call_command("importeer_signalen", str(path), "--dossier", str(dossier.pk), stdout=out)

    assert out.getvalue().splitlines()[-1] == "2"
    signaal_import = SignaalImport.objects.get()
    assert (signaal_import.bestandsnaam, signaal_import.created_by) == ("signalen.csv", None)
    assert Signaal.objects.filter(dossier=dossier, created_by=None).count() == 2


def test_the_command_prints_the_errors_and_fails_on_a_bad_file(builder, tmp_path):
    dossier = builder.registered()
    path = tmp_path / "fout.csv"
    path.write_text(f"{HEADER}\n2021-03-01,tweet,Bron,Tekst,,\n2021-03-01,klacht,,Tekst,,\n", encoding="utf-8")
    err = io.StringIO()

    with pytest.raises(CommandError) as exc:
        call_command("importeer_signalen", str(path), "--dossier", str(dossier.pk), stderr=err)

    assert exc.value.returncode != 0
    assert str(exc.value) == "fout.csv is niet geïmporteerd; er is niets opgeslagen."
    assert "Regel 2, kolom ‘soort’: ‘tweet’ is geen bekende soort" in err.getvalue()
    assert "Regel 3, kolom ‘bron’: is leeg" in err.getvalue()
    assert_nothing_stored()


def test_the_command_refuses_an_unknown_dossier_and_a_missing_file(builder, tmp_path):
    dossier = builder.registered()
    path = tmp_path / "signalen.csv"
    path.write_text(f"{HEADER}\n2021-03-01,klacht,Bron,Tekst,,\n", encoding="utf-8")

    with pytest.raises(CommandError, match=f"Dossier {dossier.pk + 1000} bestaat niet."):
        call_command("importeer_signalen", str(path), "--dossier", str(dossier.pk + 1000))
    with pytest.raises(CommandError, match=r"Het bestand .*bestaat-niet\.csv bestaat niet\."):
        call_command("importeer_signalen", str(tmp_path / "bestaat-niet.csv"), "--dossier", str(dossier.pk))
    assert_nothing_stored()


# Monthly use


def importeer_gebruik(dossier, actor, *lines: str) -> int:
    return import_gebruik(dossier=dossier, stream=csv_bytes(*lines), actor=actor)


def gebruik(dossier) -> list[tuple]:
    return list(
        GebruikPeriode.objects.filter(dossier=dossier)
        .order_by("periode")
        .values_list("periode", "aanvragen", "toekenningen", "afwijzingen")
    )


def test_monthly_use_is_imported_from_months_written_in_every_usual_way(builder, beleidsmedewerker):
    dossier = builder.registered()
    written = importeer_gebruik(
        dossier,
        beleidsmedewerker,
        "Periode;Aanvragen;Toekenningen;Afwijzingen",
        "2021-01;1.200;900;0",
        "02-2021;1300;1.000;12",
        "15-03-2021;800;700;100",
    )

    assert written == 3
    assert gebruik(dossier) == [
        (date(2021, 1, 1), 1200, 900, 0),
        (date(2021, 2, 1), 1300, 1000, 12),
        (date(2021, 3, 1), 800, 700, 100),
    ]


def test_a_month_the_dossier_already_has_is_updated_and_other_months_stay(builder, beleidsmedewerker):
    dossier = builder.registered()
    GebruikPeriode.objects.create(dossier=dossier, periode=date(2021, 1, 1), aanvragen=1, toekenningen=1, afwijzingen=0)
    GebruikPeriode.objects.create(
        dossier=dossier, periode=date(2020, 12, 1), aanvragen=5, toekenningen=4, afwijzingen=1
    )

    written = importeer_gebruik(
        dossier, beleidsmedewerker, "periode,aanvragen,toekenningen,afwijzingen", "2021-01,100,80,20", "2021-02,90,70,5"
    )

    assert written == 2
    assert gebruik(dossier) == [
        (date(2020, 12, 1), 5, 4, 1),
        (date(2021, 1, 1), 100, 80, 20),
        (date(2021, 2, 1), 90, 70, 5),
    ]


def test_a_month_twice_in_one_file_is_an_error_and_nothing_is_written(builder, beleidsmedewerker):
    dossier = builder.registered()
    with pytest.raises(ImportFout) as exc:
        importeer_gebruik(
            dossier,
            beleidsmedewerker,
            "periode,aanvragen,toekenningen,afwijzingen",
            "2021-01,100,80,20",
            "2021-02,90,70,5",
            "01-01-2021,110,80,20",
        )
    assert exc.value.errors == [
        "Regel 4, kolom ‘periode’: de maand 01-2021 staat ook al op regel 2; elke maand mag maar één keer in het "
        "bestand staan."
    ]
    assert gebruik(dossier) == []


def test_a_bad_number_or_month_in_monthly_use_is_named_and_nothing_is_written(builder, beleidsmedewerker):
    dossier = builder.registered()
    GebruikPeriode.objects.create(dossier=dossier, periode=date(2021, 1, 1), aanvragen=1, toekenningen=1, afwijzingen=0)
    with pytest.raises(ImportFout) as exc:
        importeer_gebruik(
            dossier,
            beleidsmedewerker,
            "periode,aanvragen,toekenningen,afwijzingen",
            "2021-01,100,80,20",
            "2021-02,-3,70,5",
            '2021-03,"1,5",70,',
            "13-2021,1,1,1",
        )
    assert exc.value.errors == [
        "Regel 3, kolom ‘aanvragen’: ‘-3’ moet een geheel getal van 0 of meer zijn.",
        "Regel 4, kolom ‘aanvragen’: ‘1,5’ is geen geheel getal; schrijf bijvoorbeeld 1200 of 1.200.",
        "Regel 4, kolom ‘afwijzingen’: is leeg; vul een geheel getal in, ook als het 0 is.",
        "Regel 5, kolom ‘periode’: ‘13-2021’ is geen geldige maand; gebruik 2021-03 of 03-2021.",
    ]
    assert gebruik(dossier) == [(date(2021, 1, 1), 1, 1, 0)]


# Every import is audited like a typed change: history rows with the actor, shown in the timeline.


def tijdlijn(client, dossier, actor) -> str:
    from django.urls import reverse

    client.force_login(actor)
    return client.get(reverse("dossiers:tijdlijn", args=[dossier.pk])).content.decode()


def test_an_imported_month_shows_in_the_timeline_like_a_typed_one(client, builder, beleidsmedewerker):
    from indicatoren import services

    dossier = builder.registered()
    services.gebruik_save(
        actor=beleidsmedewerker,
        dossier=dossier,
        maanden=[services.GebruikInput(date(2021, 1, 1), aanvragen=10, toekenningen=5, afwijzingen=5)],
    )
    stream = csv_bytes("periode;aanvragen;toekenningen;afwijzingen", "01-2021;12;6;6", "02-2021;20;10;10")
    assert services.gebruik_import(actor=beleidsmedewerker, dossier=dossier, stream=stream) == 2
    records = GebruikPeriode.history.filter(dossier=dossier)
    assert sorted((r.periode, r.history_type) for r in records) == [
        (date(2021, 1, 1), "+"),
        (date(2021, 1, 1), "~"),
        (date(2021, 2, 1), "+"),
    ]
    assert all(r.history_user == beleidsmedewerker for r in records)
    page = tijdlijn(client, dossier, beleidsmedewerker)
    naam = beleidsmedewerker.get_full_name()
    assert f"{naam} voegde toe: gebruik per maand ‘01-02-2021’" in page
    assert f"{naam} wijzigde gebruik per maand ‘01-01-2021’" in page
    assert "Aanvragen: <del>10</del> → <ins>12</ins>" in page


def test_a_signal_import_shows_in_the_timeline_with_who_did_it(client, builder, beleidsmedewerker):
    from indicatoren import services

    dossier = builder.registered()
    stream = csv_bytes("datum;soort;bron;samenvatting", "01-03-2022;klacht;Loket;Te ingewikkeld")
    batch = services.signalen_import(actor=beleidsmedewerker, dossier=dossier, stream=stream, bestandsnaam="mei.csv")
    records = list(SignaalImport.history.filter(id=batch.pk))
    assert [(r.history_type, r.aantal_rijen, r.history_user) for r in records] == [("+", 1, beleidsmedewerker)]
    assert f"{beleidsmedewerker.get_full_name()} voegde toe: import van signalen ‘mei.csv’" in tijdlijn(
        client, dossier, beleidsmedewerker
    )
    services.signaal_import_delete(actor=beleidsmedewerker, batch=batch)
    assert "verwijderde import van signalen ‘mei.csv’" in tijdlijn(client, dossier, beleidsmedewerker)


def test_an_import_is_refused_for_someone_who_may_not_record_practice(builder, kernteamlid):
    from indicatoren import services
    from invoeringstoets.refusals import NotPermitted

    dossier = builder.registered()
    stream = csv_bytes("periode;aanvragen;toekenningen;afwijzingen", "01-2021;12;6;6")
    with pytest.raises(NotPermitted):
        services.gebruik_import(actor=kernteamlid, dossier=dossier, stream=stream)
    assert not GebruikPeriode.objects.exists()
    assert not GebruikPeriode.history.exists()


def test_a_signal_typed_changed_and_deleted_by_hand_shows_in_the_timeline(client, builder, beleidsmedewerker):
    from indicatoren import services

    dossier = builder.registered()
    item = services.SignaalInput(soort="klacht", datum=date(2022, 3, 1), bron="Loket", samenvatting="Te lang wachten")
    signaal = services.signaal_create(actor=beleidsmedewerker, dossier=dossier, item=item)
    services.signaal_update(
        actor=beleidsmedewerker, signaal=signaal, item=services.SignaalInput.uit({**item.waarden(), "aantal": 12})
    )
    services.signaal_delete(actor=beleidsmedewerker, signaal=signaal)
    page = tijdlijn(client, dossier, beleidsmedewerker)
    naam = beleidsmedewerker.get_full_name()
    assert f"{naam} voegde toe: signaal ‘Te lang wachten’" in page
    assert f"{naam} wijzigde signaal ‘Te lang wachten’" in page
    assert "Aantal: <del>(leeg)</del> → <ins>12</ins>" in page
    assert f"{naam} verwijderde signaal ‘Te lang wachten’" in page


def test_undoing_an_import_removes_its_signals_and_their_links_without_a_history_row_each(builder, kernteamlid):
    from dossiers import services as dossier_services
    from indicatoren import services

    dossier = builder.in_onderzoek()
    stream = csv_bytes("datum;soort;bron;samenvatting", *[f"01-03-2022;klacht;Loket;Signaal {i}" for i in range(50)])
    batch = services.signalen_import(actor=builder.beleid, dossier=dossier, stream=stream, bestandsnaam="b.csv")
    gekoppeld = Signaal.objects.filter(import_batch=batch).first()
    dossier_services.bevinding_create(
        actor=kernteamlid,
        dossier=dossier,
        vraag="1B",
        item=dossier_services.BevindingInput(titel="Wachttijd", tekst="x", soort="knelpunt", signalen=[gekoppeld.pk]),
    )
    assert services.signaal_import_delete(actor=builder.beleid, batch=batch) == 50
    assert not Signaal.objects.filter(dossier=dossier).exists()
    assert not Signaal.history.filter(dossier_id=dossier.pk).exists()
    assert dossier.bevindingen.get().signalen.count() == 0

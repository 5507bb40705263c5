"""The usage chart as a reader sees it: in the page, to a screen reader, and in the PDF report."""

import io
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date

import pypdf
import pytest
import weasyprint

from indicatoren.charts import gebruik_svg

SVG = "{http://www.w3.org/2000/svg}"
MAANDLABEL = re.compile(r"^(jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec) \d{4}$")


@dataclass
class Gebruik:
    """Stands in for a GebruikPeriode row, so these tests need no database."""

    periode: date
    aanvragen: int
    toekenningen: int
    afwijzingen: int = 0


def maanden(aantal: int, aanvragen: int = 100, toekenningen: int = 60, start: date = date(2021, 1, 1)) -> list:
    rows = []
    for i in range(aantal):
        jaar, maand = divmod(start.month - 1 + i, 12)
        rows.append(Gebruik(date(start.year + jaar, maand + 1, 1), aanvragen, toekenningen))
    return rows


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to check it is well-formed


def teksten(root: ET.Element) -> list[str]:
    return ["".join(el.itertext()) for el in root.iter(f"{SVG}text")]


def test_the_chart_is_well_formed_svg_announced_as_an_image_with_title_and_description():
    root = parse(gebruik_svg(maanden(14), 4000, titel="Gebruik van de regeling", id_prefix="g1"))

    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title.text == "Gebruik van de regeling"
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


def test_the_description_sums_up_the_data_in_dutch_number_format():
    rows = maanden(14, aanvragen=88, toekenningen=44)  # 1.232 applications, 616 grants

    desc = parse(gebruik_svg(rows, 4000, titel="Gebruik")).find(f"{SVG}desc").text

    assert desc == (
        "Na 14 maanden (januari 2021 tot en met februari 2022): 1.232 aanvragen en 616 toekenningen, "
        "15% van de verwachte 4.000."
    )


def test_one_month_is_described_in_the_singular():
    desc = parse(gebruik_svg([Gebruik(date(2024, 3, 1), 1, 1)], 4000, titel="G")).find(f"{SVG}desc").text

    assert desc.startswith("Na 1 maand (maart 2024): 1 aanvraag en 1 toekenning, ")
    assert desc.endswith("minder dan 1% van de verwachte 4.000.")


def test_there_is_one_bar_per_month():
    root = parse(gebruik_svg(maanden(14), 4000, titel="Gebruik"))

    bars = root.find(f".//{SVG}g[@class='balken']")
    assert len(bars.findall(f"{SVG}rect")) == 14


def test_a_month_without_data_gets_no_bar_but_keeps_its_place_on_the_time_axis():
    rows = [Gebruik(date(2023, 1, 1), 50, 30), Gebruik(date(2023, 4, 1), 60, 30)]

    root = parse(gebruik_svg(rows, 4000, titel="Gebruik"))

    assert len(root.find(f".//{SVG}g[@class='balken']").findall(f"{SVG}rect")) == 2
    assert [t for t in teksten(root) if MAANDLABEL.match(t)] == ["jan 2023", "feb 2023", "mrt 2023", "apr 2023"]
    assert root.find(f"{SVG}desc").text.startswith("Na 4 maanden (januari 2023 tot en met april 2023): 110 aanvragen")


def test_the_expected_target_group_is_a_labelled_dashed_line():
    root = parse(gebruik_svg(maanden(14), 4000, titel="Gebruik"))

    assert "Verwachte doelgroep: 4.000" in teksten(root)
    line = root.find(f".//{SVG}g[@class='verwachting']/{SVG}line")
    assert line.get("stroke-dasharray")


def test_the_y_axis_has_round_dutch_ticks_that_reach_above_the_expectation():
    root = parse(gebruik_svg(maanden(14), 4000, titel="Gebruik"))

    ticks = teksten(root.find(f".//{SVG}g[@class='y-as']"))
    assert 4 <= len(ticks) <= 6
    assert ticks[0] == "0"
    assert int(ticks[-1].replace(".", "")) >= 4000
    assert all(re.fullmatch(r"\d{1,3}(\.\d{3})*", t) for t in ticks)


def test_the_totals_at_the_end_of_the_lines_match_the_description():
    root = parse(gebruik_svg(maanden(14, aanvragen=88, toekenningen=44), 4000, titel="Gebruik"))

    assert teksten(root.find(f".//{SVG}g[@class='eindwaarden']")) == ["1.232", "616"]
    assert "1.232 aanvragen en 616 toekenningen" in root.find(f"{SVG}desc").text


@pytest.mark.parametrize("verwacht", [None, 0])
def test_without_an_expected_size_there_is_no_expectation_line_and_the_description_says_so(verwacht):
    root = parse(gebruik_svg(maanden(6), verwacht, titel="Gebruik"))

    assert root.find(f".//{SVG}g[@class='verwachting']") is None
    assert not any("Verwachte doelgroep" in t for t in teksten(root))
    assert root.find(f"{SVG}desc").text.endswith("; de verwachte omvang van de doelgroep is niet bekend.")


def test_a_malicious_title_is_escaped_not_executed():
    svg = gebruik_svg(maanden(3), 4000, titel='<script>alert(1)</script> & "x"')

    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == '<script>alert(1)</script> & "x"'
    assert root.find(f".//{SVG}script") is None


def test_no_data_gives_a_small_placeholder():
    root = parse(gebruik_svg([], 4000, titel="Gebruik"))

    assert teksten(root) == ["Nog geen gegevens over het gebruik."]
    assert root.get("role") == "img"
    assert root.find(f"{SVG}desc").text == "Nog geen gegevens over het gebruik."
    assert int(root.get("height")) < 100


@pytest.mark.parametrize("aantal", [1, 2, 7, 14, 24, 36, 60])
def test_month_labels_never_overlap(aantal):
    root = parse(gebruik_svg(maanden(aantal), 4000, titel="Gebruik"))

    labels = [el for el in root.iter(f"{SVG}text") if MAANDLABEL.match(el.text or "")]
    assert 1 <= len(labels) <= 12
    xs = [float(el.get("x")) for el in labels]
    # A label is under 50 units wide at 11 px DejaVu Sans; centres 56 apart leave room between them.
    assert all(b - a >= 56 for a, b in itertools.pairwise(xs))


def test_two_charts_on_one_page_have_different_ids():
    first = parse(gebruik_svg(maanden(3), 4000, titel="A"))
    second = parse(gebruik_svg(maanden(3), 4000, titel="B"))

    def ids(root: ET.Element) -> set[str]:
        return {el.get("id") for el in root.iter() if el.get("id")}

    assert ids(first).isdisjoint(ids(second))
    assert parse(gebruik_svg(maanden(3), 4000, titel="C", id_prefix="gebruik-7")).get("id") == "gebruik-7"


def test_an_id_prefix_that_would_break_the_markup_is_refused():
    with pytest.raises(ValueError, match="id_prefix"):
        gebruik_svg(maanden(3), 4000, titel="Gebruik", id_prefix='x" onload="alert(1)')


def test_weasyprint_puts_the_chart_in_the_pdf():
    svg = gebruik_svg(maanden(14, aanvragen=88, toekenningen=44), 4000, titel="Gebruik")
    html = f'<!doctype html><html lang="nl"><body><h1>Rapport</h1><figure>{svg}</figure></body></html>'

    pdf = weasyprint.HTML(string=html).write_pdf()

    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Verwachte doelgroep" in text
    assert "1.232" in text

"""The document tree's own rule: text a user typed becomes paragraphs and lists."""

from invoeringstoets.document import Alinea, Lijst, Tekst, getypt

TOELICHTING = (
    "Effectief, maar:\r\n- te weinig bekend\r\n- moeilijk uit te leggen\r\nDaarom monitoring.\r\nEen tweede regel."
)


def test_typed_lines_starting_with_a_dash_become_a_list_and_line_breaks_stay_single():
    blokken = getypt(TOELICHTING)
    assert isinstance(blokken[0], Alinea)
    assert blokken[0].delen == [Tekst("Effectief, maar:", getypt=True)]
    assert isinstance(blokken[1], Lijst)
    assert [item[0].tekst for item in blokken[1].items] == ["te weinig bekend", "moeilijk uit te leggen"]
    assert blokken[2].delen[0].tekst == "Daarom monitoring.\nEen tweede regel."

"""Dutch numbers, read in one place for the forms and the CSV import."""

import pytest

from invoeringstoets.parsing import decimaal_getal, geheel_getal


@pytest.mark.parametrize(
    ("typed", "number"),
    [("4000", 4000), ("4.000", 4000), ("4 000", 4000), ("4\u00a0000", 4000), ("-350.000", -350000), ("", None)],
)
def test_a_whole_number_is_read_as_dutch_people_write_it(typed, number):
    assert geheel_getal(typed) == number


@pytest.mark.parametrize("typed", ["12,5", "12.0", "4.00", "veel", "1.2.3"])
def test_anything_else_is_not_a_whole_number(typed):
    with pytest.raises(ValueError, match="geen geheel getal"):
        geheel_getal(typed)


@pytest.mark.parametrize(
    ("typed", "decimal"), [("2,5", "2.5"), ("1.250,5", "1250.5"), ("2.5", "2.5"), ("2.500", "2500"), (" 3 ", "3")]
)
def test_a_decimal_is_read_with_a_comma_or_a_lone_point(typed, decimal):
    assert decimaal_getal(typed) == decimal

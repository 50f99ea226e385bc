import pytest

from digest.dates import parse_date


@pytest.mark.parametrize("text,iso", [
    ("02 - 07 - 2025", "2025-07-02"),
    ("2025-07-02", "2025-07-02"),
    ("le 1er juillet 2025", "2025-07-01"),
    ("14 de marzo de 2024", "2024-03-14"),
    ("March 3, 2024", "2024-03-03"),
    ("3 March 2024", "2024-03-03"),
    ("12 août 2023", "2023-08-12"),
    ("5 يوليوز 2025", "2025-07-05"),
    ("٥ يوليو ٢٠٢٥", "2025-07-05"),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["31 - 02 - 2025", "hier", "", None, "2025", "13/13/2020"])
def test_no_date_is_better_than_a_wrong_one(text):
    assert parse_date(text) is None

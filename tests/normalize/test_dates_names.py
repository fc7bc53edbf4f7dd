"""Dates (German first, DMY; ISO out) and person names."""
import pytest

from scraper.normalize.dates import parse_date
from scraper.normalize.names import parse_names


@pytest.mark.parametrize("raw, expected", [
    ("06.10.2023", "2023-10-06"), ("6.10.2023 / Netflix", "2023-10-06"), ("6. Oktober 2023 (Netflix)", "2023-10-06"),
    ("29. Februar 2024", "2024-02-29"), ("1. März 2024", "2024-03-01"), ("5. Juni 2025", "2025-06-05"),
    ("October 6, 2023", "2023-10-06"), ("June 6th, 2025", "2025-06-06"), ("6 Oct 2023", "2023-10-06"),
    ("2023-10-06", "2023-10-06"), ("2023-10-06T07:00:00+02:00", "2023-10-06"), ("Okt. 6, 2023", "2023-10-06"),
    ("21/07/2023 (in cinemas)", "2023-07-21"), ("07/21/2023", "2023-07-21"), ("31.02.2023", None), ("2023", None), ("", None), (None, None), ("demnächst", None),
    ("Freitag, 6. Oktober 2023", "2023-10-06"), ("6th of October 2023", "2023-10-06"),
])
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Chris Hemsworth, Golshifteh Farahani u. a.", ["Chris Hemsworth", "Golshifteh Farahani"]),
    ("Robert Downey Jr., Emily Blunt.", ["Robert Downey Jr.", "Emily Blunt"]),
    ("P. J. Soles", ["P. J. Soles"]),
    ("Keanu Reeves (John Wick) und Ian McShane", ["Keanu Reeves", "Ian McShane"]),
    ("Ana de Armas, Anjelica Huston", ["Ana de Armas", "Anjelica Huston"]),
    ("Felix Kammerer as Paul Bäumer; Daniel Brühl", ["Felix Kammerer", "Daniel Brühl"]),
    ("Greta Gerwig & Noah Baumbach", ["Greta Gerwig", "Noah Baumbach"]),
    ("Zendaya", ["Zendaya"]),
    (["Lee Chung-hyun", "Lee Chung-hyun"], ["Lee Chung-hyun"]),
    ("Cillian Murphy, Emily Blunt, Matt Damon und andere", ["Cillian Murphy", "Emily Blunt", "Matt Damon"]),
    ("Anna Berg, Tom Koch, Ines Wald u.a", ["Anna Berg", "Tom Koch", "Ines Wald"]),
    ("Kim Do\u2011yun, Lee Ha\u2011na", ["Kim Do\u2011yun", "Lee Ha\u2011na"]),
    ("", []),
])
def test_parse_names(raw, expected):
    assert parse_names(raw) == expected


def test_us_slashed_dates_are_month_first_only_when_asked() -> None:
    from scraper.normalize.dates import parse_date
    assert parse_date("07/04/2023") == "2023-04-07"
    assert parse_date("07/04/2023", month_first=True) == "2023-07-04"
    assert parse_date("25/12/2023", month_first=True) == "2023-12-25"  # no 25th month: day first anyway
    assert parse_date("12/25/2023") == "2023-12-25"


def test_nearest_year_of_a_year_less_start() -> None:
    from scraper.normalize.dates import nearest_year
    assert nearest_year(10, 6, (2023, 9, 20)) == "2023-10-06"
    assert nearest_year(12, 28, (2024, 1, 10)) == "2023-12-28"   # a review in January of a December start
    assert nearest_year(1, 5, (2023, 12, 20)) == "2024-01-05"    # a preview of a January start
    assert nearest_year(2, 29, (2023, 5, 1)) == "2024-02-29"


def test_two_digit_years_in_dotted_dates() -> None:
    from scraper.normalize.dates import parse_date
    assert parse_date("Kinostart: 06.10.23") == "2023-10-06"
    assert parse_date("12.5.99") == "1999-05-12"
    assert parse_date("Version 1.2.23.4") is None
    assert parse_date("1/2/23") is None


def test_weekday_starts() -> None:
    from scraper.normalize.dates import on_or_after, weekday_start
    assert weekday_start("Ab Donnerstag im Kino") == 3
    assert weekday_start("In theaters Friday") == 4
    assert weekday_start("ab heute im Kino") == -1
    assert weekday_start("im Kino") is None
    assert on_or_after(3, (2024, 7, 3)) == "2024-07-04"   # a Wednesday review of a Thursday start
    assert on_or_after(3, (2024, 7, 4)) == "2024-07-04"
    assert on_or_after(-1, (2024, 7, 3)) == "2024-07-03"

"""Ratings -> value, scale, normalized 0-100."""
import pytest

from scraper.normalize.rating import from_numbers, parse_rating


@pytest.mark.parametrize("raw, value, scale, normalized", [
    ("Bewertung: 3.5 von 5.", 3.5, 5, 70), ("3,5/5", 3.5, 5, 70), ("7/10", 7, 10, 70),
    ("Punkte: 8 von 10", 8, 10, 80), ("85 %", 85, 100, 85), ("85%", 85, 100, 85), ("★★★½", 3.5, 5, 70),
    ("★★★½☆", 3.5, 5, 70), ("★★☆☆☆", 2, 5, 40), ("★★★★★★★☆☆☆", 7, 10, 70), ("7 von 10", 7, 10, 70),
    ("Rating: 3.5 out of 5 stars", 3.5, 5, 70), ("4 of 5", 4, 5, 80), ("8.5/10", 8.5, 10, 85),
    ("2 von 3", 2, 3, 66.7), ("72/100", 72, 100, 72), ("4 stars out of 5", 4, 5, 80),
    ("3,5 von 5 Sternen", 3.5, 5, 70), ("8 Punkte von 10", 8, 10, 80), ("4 Sterne", 4, 5, 80),
    ("3.5 stars", 3.5, 5, 70),
])
def test_parse_rating(raw, value, scale, normalized):
    got = parse_rating(raw)
    assert got is not None and (got.value, got.scale, got.normalized) == (value, scale, normalized)


@pytest.mark.parametrize("raw", ["", None, "12/7", "6/9 Jahre", "Kapitel 3", "2023/24", "11 von 10"])
def test_no_rating(raw):
    assert parse_rating(raw) is None


@pytest.mark.parametrize("raw, normalized", [("B+", 83), ("A-", 91), ("C", 50), ("F", 0)])
def test_letter_grades_only_when_allowed(raw, normalized):
    got = parse_rating(f"Grade: {raw}", letters=True)
    assert got is not None and got.normalized == normalized and got.value == raw
    assert parse_rating(f"Grade: {raw}") is None


def test_bare_number_needs_a_stated_scale():
    assert parse_rating("8", bare=True, scale_hint=10).normalized == 80
    assert parse_rating("8", bare=True) is None


@pytest.mark.parametrize("value, best, normalized", [("3.5", "5", 70), ("8", "10", 80), ("4", None, 80),
                                                      ("7", "5", None), ("x", "5", None)])
def test_from_numbers(value, best, normalized):
    got = from_numbers("raw", value, best)
    assert (got.normalized if got else None) == normalized


def test_letter_grade_raw_is_the_grade_not_the_glued_text() -> None:
    got = parse_rating("B+“Nebelhorn” is a quiet film", letters=True)
    assert got is not None and (got.raw, got.value, got.normalized) == ("B+", "B+", 83)


@pytest.mark.parametrize("raw, value, normalized", [("****", 4, 80), ("***", 3, 60), ("*****", 5, 100)])
def test_asterisks_after_a_label(raw, value, normalized):
    got = parse_rating(raw, letters=True)
    assert got is not None and (got.raw, got.value, got.scale, got.normalized) == (raw, value, 5, normalized)
    assert parse_rating(raw) is None  # only where a label says the text is a rating


def test_a_sentence_opening_with_a_is_no_letter_grade() -> None:
    from scraper.normalize.rating import parse_rating
    assert parse_rating("A cold, slow and beautiful descent.", letters=True) is None
    assert parse_rating("A Masterpiece", letters=True) is None
    assert parse_rating("Grade: A", letters=True).normalized == 100.0
    assert parse_rating("B+ Killers of the Flower Moon", letters=True).value == "B+"

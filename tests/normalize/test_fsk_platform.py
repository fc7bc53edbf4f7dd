"""FSK and platform normalization."""
import pytest

from scraper.normalize.fsk import parse_fsk
from scraper.normalize.platform import parse_platform


@pytest.mark.parametrize("raw, expected", [
    ("FSK 16", 16), ("16", 16), ("FSK ab 16 freigegeben", 16), ("ab 12 Jahren", 12),
    ("freigegeben ab 6 Jahren", 6), ("keine Jugendfreigabe", 18), ("ohne Altersbeschränkung", 0),
    ("FSK 0", 0), ("FSK: 18 (ungeschnitten)", 18), ("PG-13", None), ("Rated R", None), ("R", None),
    ("TV-MA", None), ("FSK 14", None), ("", None), (None, None), (12, 12), (13, None),
    ("Rated PG-13 (USA), FSK 12", 12),
])
def test_parse_fsk(raw, expected):
    assert parse_fsk(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Netflix", "Netflix"), ("06.10.2023 / Netflix", "Netflix"), ("In theaters", "Kino"), ("Kino", "Kino"),
    ("im Kino", "Kino"), ("Amazon Prime Video", "Prime Video"), ("Prime Video", "Prime Video"),
    ("Disney+", "Disney+"), ("Disney Plus", "Disney+"), ("Apple TV+", "Apple TV+"), ("Sky Cinema", "Sky/WOW"),
    ("WOW", "Sky/WOW"), ("ARD Mediathek", "ARD Mediathek"), ("Blu-ray", "DVD/Blu-ray"), ("MUBI", "MUBI"),
    ("Paramount+", "Paramount+"), ("Streaming-Start (Netflix)", "Netflix"), ("Skyfall", None), ("", None),
    (None, None), ("im Fernsehen", "TV"), ("Apple TV", "Apple TV+"), ("jetzt auf Prime", "Prime Video"),
])
def test_parse_platform(raw, expected):
    assert parse_platform(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("ab 12 Jahren (DK)", None), ("ab 16 Jahren (SE)", None), ("16 (AU)", None), ("ab 12 (I)", None),
    ("ab 12 Jahren (D)", 12), ("ab 16 (DE)", 16), ("FSK 16 (DK)", 16),  # Germany's own, or named FSK
])
def test_an_age_rating_qualified_by_another_country_is_no_fsk(raw: str, expected: int | None) -> None:
    assert parse_fsk(raw) == expected

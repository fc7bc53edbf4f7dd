"""Key elements that carry their own colon (<strong>Label:</strong> value) give clean values."""
from __future__ import annotations

from pathlib import Path

from scraper.extract import extract

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "strong_label_list.html"


def test_values_after_a_label_with_its_own_colon_are_exact() -> None:
    record = extract(PAGE.read_bytes(), "https://zelluloid-notizen.example/kritik/die-unterwasserstadt/")
    assert record.original_title == "Sunken City"  # not ": Sunken City"
    assert record.directors == ["Marta Oyelaran"]
    assert record.cast == ["Theo Brandt", "Ines Carvalho"]
    assert record.year == 1994

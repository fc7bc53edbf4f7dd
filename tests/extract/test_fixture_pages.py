"""Unit fixture pages (tests/fixtures/pages/NAME.html beside NAME.json): verdict and every stated field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.extract import extract
from scraper.record import FIELDS
from tests.extract.gate import load_field_ok

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
CASES = sorted(p.stem for p in PAGES.glob("*.html"))


@pytest.fixture(scope="module")
def field_ok(shared_dir: Path):
    return load_field_ok(shared_dir)


@pytest.mark.parametrize("name", CASES)
def test_fixture_page(name: str, field_ok) -> None:
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    record = extract((PAGES / f"{name}.html").read_bytes(), expected["url"])
    assert record.is_review is expected["is_review"], record.verdict
    if not expected["is_review"]:
        return
    got = record.to_dict()
    wrong = {f: (expected[f], got[f]) for f in FIELDS if f in expected and not field_ok(f, expected, got)}
    assert not wrong, wrong

"""An upgraded resolver (other keys or scores) re-resolves a catalogue fully once, then attaches incrementally again."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import delete, select, update

from catalog import Catalog, titles
from catalog.models import Setting
from catalog.resolve import scheme
from catalog.resolve.keys import forget_profiles


def rec(n: int, title: str, year: int) -> dict[str, object]:
    return {"url": f"http://site{n % 2}.test/r/{n}/", "site": f"site{n % 2}.test", "title": title, "year": year,
            "directors": ["Lee Chung-hyun"]}


FIRST = [rec(1, "Ballerina", 2023), rec(2, "Ballerina – Kritik", 2023), rec(3, "Oldboy", 2003)]


@pytest.fixture
def fresh_scheme() -> Iterator[None]:
    scheme.current.cache_clear()
    yield
    titles.norm.cache_clear()
    forget_profiles()
    scheme.current.cache_clear()


def _stamp(cat: Catalog) -> str | None:
    with cat.engine.connect() as conn:
        return conn.execute(select(Setting.value).where(Setting.name == scheme.SETTING)).scalar()


def test_a_full_run_stamps_and_later_runs_attach(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(FIRST)
        assert cat.resolve().mode == "full"
        assert _stamp(cat) == scheme.current()
        cat.upsert_review(rec(4, "Oldboy", 2003))
        assert cat.resolve().mode == "incremental"
        assert _stamp(cat) == scheme.current()


@pytest.mark.parametrize("stored", [None, "0:0000000000000000"])
def test_links_of_an_unknown_or_other_scheme_are_re_resolved_fully(any_db_url: str, stored: str | None) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(FIRST)
        cat.resolve()
        with cat.engine.begin() as conn:  # a catalogue resolved by an older filmcat (no stamp) or another scheme
            if stored is None:
                conn.execute(delete(Setting))
            else:
                conn.execute(update(Setting).values(value=stored))
        cat.upsert_review(rec(4, "Oldboy", 2003))
        assert cat.resolve().mode == "full"
        assert _stamp(cat) == scheme.current()
        cat.upsert_review(rec(5, "Oldboy", 2003))
        assert cat.resolve().mode == "incremental"
        films = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
        assert films[FIRST[0]["url"]] == films[FIRST[1]["url"]] != films[FIRST[2]["url"]]


def test_the_stamp_follows_the_title_rules(monkeypatch: pytest.MonkeyPatch, fresh_scheme: None) -> None:
    before = scheme.current()
    monkeypatch.setattr(titles, "WORD_NUMBERS", {})  # a resolver without number words ("Ocean's Eleven")
    titles.norm.cache_clear()
    forget_profiles()
    scheme.current.cache_clear()
    assert scheme.current() != before


def test_the_stamp_follows_the_scores(monkeypatch: pytest.MonkeyPatch, fresh_scheme: None) -> None:
    before = scheme.current()
    monkeypatch.setattr(scheme, "DEFAULT_OPTIONS", scheme.DEFAULT_OPTIONS.__class__(title_exact=2.5))
    scheme.current.cache_clear()
    assert scheme.current() != before


def test_the_stamp_is_stable_within_a_resolver(fresh_scheme: None) -> None:
    first = scheme.current()
    forget_profiles()
    titles.norm.cache_clear()
    scheme.current.cache_clear()
    assert scheme.current() == first and first.startswith(f"{scheme.RULES}:")

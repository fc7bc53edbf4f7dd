"""Links written into an empty table by persist's first-write path store exactly what the general path stores."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bench.synth import generate
from catalog import Catalog
from catalog.models import Review
from catalog.resolve import persist, resolve, twin

RAW = "SELECT review_id, film_id, score, typeof(score), reasons, method, typeof(resolved_at) FROM film_links ORDER BY rowid"


def stored_links(cat: Catalog) -> list[tuple[Any, ...]]:
    """The film_links rows as SQLite holds them (texts and storage classes), in rowid order."""
    with cat.engine.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(RAW)]


def resolved_links(url: str, records: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        resolve(cat.engine, full=True)
        return stored_links(cat)


def test_first_links_are_stored_as_the_general_path_stores_them(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(twin.WORKERS_ENV, "1")
    records = list(generate(800, seed=5))
    calls: list[bool] = []
    first = persist._first_links

    def counted(*args: Any) -> bool:
        calls.append(first(*args))
        return calls[-1]

    monkeypatch.setattr(persist, "_first_links", counted)
    fast = resolved_links(f"sqlite:///{tmp_path / 'fast.db'}", records)
    assert calls == [True]
    monkeypatch.setattr(persist, "_first_links", lambda *_: False)  # the general path (_insert_rows)
    general = resolved_links(f"sqlite:///{tmp_path / 'general.db'}", records)
    assert len(fast) == len(records) and fast == general


def test_reasons_of_equal_but_different_values_keep_their_own_text(db_url: str) -> None:
    records = [{"url": f"http://a.test/{n}/", "site": "a.test", "title": f"Film {n}"} for n in range(5)]
    reasons: list[list[Any]] = [["title"], [1], [1.0], [True], [{"x": 1}]]
    with Catalog(db_url) as cat:
        cat.upsert_reviews(records)
        with cat.engine.begin() as conn:
            ids = sorted(conn.execute(select(Review.id)).scalars())
            rows = [(rid, f"f{n}", 4 + n, why, "auto") for n, (rid, why) in enumerate(zip(ids, reasons))]
            persist.write_links(conn, rows, replace_all=True)
        got = [(r[2], r[3], r[4]) for r in stored_links(cat)]
    assert got == [(4.0, "real", '["title"]'), (5.0, "real", "[1]"), (6.0, "real", "[1.0]"), (7.0, "real", "[true]"),
                   (8.0, "real", '[{"x": 1}]')]

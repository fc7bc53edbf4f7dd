"""The speed paths of full resolution give exactly what the plain paths give: driver load, memoized
bind processors, cached name and title keys, the stored text of a full resolution."""
from __future__ import annotations

import json
from dataclasses import astuple
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import select

from bench.synth import generate
from catalog import Catalog, names, titles
from catalog.models import Review
from catalog.resolve import persist, resolve, twin
from catalog.resolve.consensus import consensus, film_row
from catalog.resolve.keys import profile, row_profiles

NAME_LISTS = [["Lee Chung-hyun"], ["Rodr?guez", "Rodríguez"], ["Éric Warin", "Eric Warin", "Søren Kragh"],
              ["", "Anna"], [], ["Jean-Pierre Jeunet", "Marc Caro", "Zoë Bell", "A. B. Cee Dee"],
              ["Kim Ji-hoon", "Ji-hoon Kim", "Kim Ji Hoon", "Björn Andersson"]]


FILM_SELECT = ", ".join(f'"{c}"' for c in persist.FILM_COLUMNS[:-2])  # timestamps left out


def reference_keys(items: list[str]) -> frozenset[str]:
    """names.keys as it was built before its cache: all keys, then the lossy ones, '' dropped."""
    out = {names.key(n) for n in items}
    for n in items:
        if titles.lossy(n) != n:
            out.add(names.key(titles.lossy(n)))
    out.discard("")
    return frozenset(out)


@pytest.mark.parametrize("items", NAME_LISTS)
def test_name_keys_equal_the_uncached_build_in_value_and_order(items: list[str]) -> None:
    got, want = names.keys(items), reference_keys(items)
    assert got == want
    assert list(got) == list(want)  # iteration order orders block keys, so candidate pairs
    assert names.keys(items) == got  # a cache hit gives the same set


def test_cached_title_helpers_stay_pure() -> None:
    for title in ("Acci?n mutante", "Acción mutante", "Dune: Part Two – Die Rückkehr", "Blade Runner 2049", ""):
        first = (titles.lossy(title), titles.masked(title), titles.sequel_of(title), titles.forms(title))
        assert (titles.lossy(title), titles.masked(title), titles.sequel_of(title), titles.forms(title)) == first
    assert titles.sequel_of("Dune: Part Two – Die Rückkehr") == 2
    assert titles.masked("Acci?n mutante") == titles.masked("Acción mutante") != ""


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    recs = list(generate(1200, seed=11))
    recs[0] = {**recs[0], "genres": [], "cast": ["Ana Ñúñez", "Ana Ñúñez"], "writers": ["W One"]}
    return recs


def test_driver_load_equals_core_rows(records: list[dict[str, Any]], tmp_path) -> None:
    with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as cat:
        cat.upsert_reviews(records)
        with cat.engine.connect() as conn:
            fast = persist.load_rows(conn)
            core = [tuple(r) for r in conn.execute(select(*persist.COLUMNS).order_by(Review.id))]
    assert fast == core
    assert [[type(v) for v in r] for r in fast] == [[type(v) for v in r] for r in core]


def test_memoized_processors_write_what_the_processors_write() -> None:
    calls: list[Any] = []

    def proc(value: Any) -> str:
        calls.append(value)
        return json.dumps(value) if not isinstance(value, datetime) else value.isoformat()

    memo = persist._memoized(proc)
    utc = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    same_instant = utc.astimezone(timezone(timedelta(hours=2)))
    values = [["title =", "year ="], ["title =", "year ="], ("title =", "year ="), "title =", utc, same_instant,
              utc, {"a": [1]}, [1, 2], 1, True, 1.0, None, None]
    assert [memo(v) for v in values] == [proc(v) for v in values]
    assert same_instant == utc and memo(same_instant) != memo(utc)  # equal instants, other text


def test_film_rows_hold_the_consensus_facts(records: list[dict[str, Any]]) -> None:
    row = film_row("film-1", records[:3])
    assert row[0] == "film-1" and row[-2] == 3 and row[-1] == consensus(records[:3])["facts"]
    assert row[1:-2] == tuple(consensus(records[:3])[f] for f in persist.FILM_FIELDS[:-2])


def test_full_resolution_with_any_workers_setting_equals_serial(records: list[dict[str, Any]], tmp_path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    stored = []
    for workers in ("1", "2"):
        monkeypatch.setenv(twin.WORKERS_ENV, workers)
        with Catalog(f"sqlite:///{tmp_path / f'w{workers}.db'}") as cat:
            cat.upsert_reviews(records)
            stats = resolve(cat.engine, full=True)
            assert stats.timings["store_links_keys"] > 0 and stats.timings["consensus"] >= 0
            with cat.engine.connect() as conn:  # the stored text itself, ids and JSON included
                stored.append([conn.exec_driver_sql(sql).fetchall() for sql in (
                    "SELECT review_id, film_id, score, reasons, method FROM film_links ORDER BY review_id",
                    "SELECT key, review_id FROM review_keys ORDER BY key, review_id",
                    f"SELECT {FILM_SELECT} FROM films ORDER BY id")])
    assert stored[0] == stored[1]
    assert len(stored[0][0]) == len(records)


def test_row_profiles_equal_the_record_profiles(records: list[dict[str, Any]], tmp_path) -> None:
    odd = [{**records[1], "year": None, "release_date": "2019-05-01", "writers": ["W Two", 3]},
           {**records[2], "title": "", "original_title": None, "directors": [], "platform": ""}]
    with Catalog(f"sqlite:///{tmp_path / 'p.db'}") as cat:
        cat.upsert_reviews(records[3:200] + odd)
        with cat.engine.connect() as conn:
            rows = persist.load_rows(conn)
    fast = row_profiles(rows, persist.NAMES)
    plain = [profile(r[0], persist.record_of(r)) for r in rows]
    assert [astuple(p) for p in fast] == [astuple(p) for p in plain]
    assert {2019} <= {p.year for p in fast} and any(not p.title_key for p in fast)  # the odd rows are in


def test_a_bulk_write_failing_after_its_index_drop_keeps_the_index(tmp_path) -> None:
    """The indexes dropped for a bulk write are dropped within the caller's transaction: the driver
    opens one only before DML, so a DROP INDEX first would have committed at once."""
    with Catalog(f"sqlite:///{tmp_path / 'i.db'}") as cat:
        with pytest.raises(RuntimeError), cat.engine.begin() as conn, \
                persist._bulk(conn, persist.LINKS, 2 * persist.CHUNK, 0):
            conn.exec_driver_sql("DELETE FROM review_pending")  # some work, then a failure
            raise RuntimeError("disk gone")
        with cat.engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert "ix_film_links_film_id" in names

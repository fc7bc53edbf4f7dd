"""Speed-at-scale paths give the serial, Core-written result: forked scoring, packed edges, driver writes."""
from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import select

from bench.synth import generate
from catalog import Catalog
from catalog.models import Film, FilmLink, Review
from catalog.resolve import parallel, resolve
from catalog.resolve.cluster import Edge, pack_edges, unpack_edges


def outcome(cat: Catalog) -> tuple[dict[str, Any], dict[str, Any]]:
    """Links by review URL and films by id, as stored (timestamps left out)."""
    with cat.engine.connect() as conn:
        links = {r[0]: tuple(r[1:]) for r in conn.execute(
            select(Review.url, FilmLink.film_id, FilmLink.score, FilmLink.reasons, FilmLink.method)
            .join(FilmLink, FilmLink.review_id == Review.id))}
        films = {r[0]: tuple(r[1:]) for r in conn.execute(
            select(Film.id, Film.title, Film.year, Film.directors, Film.cast, Film.genres, Film.n_reviews, Film.facts))}
    return links, films


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(generate(2500, seed=7))


def resolved(url: str, records: list[dict[str, Any]], workers: str, monkeypatch: pytest.MonkeyPatch) -> Catalog:
    monkeypatch.setenv(parallel.WORKERS_ENV, workers)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 10)  # fork even for this small catalogue
    cat = Catalog(url)
    cat.upsert_reviews(records)
    resolve(cat.engine, full=True)
    return cat


def test_forked_scoring_equals_serial(records: list[dict[str, Any]], tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = parallel.map_slices

    def counting(func: Any, items: Any, **kw: Any) -> Any:
        calls.append(len(items))
        return real(func, items, **kw)

    monkeypatch.setattr(parallel, "map_slices", counting)
    with resolved(f"sqlite:///{tmp_path / 'one.db'}", records, "1", monkeypatch) as one, \
            resolved(f"sqlite:///{tmp_path / 'two.db'}", records, "2", monkeypatch) as two:
        assert calls and calls[0] > 1000  # the pairs really went through map_slices
        assert outcome(one) == outcome(two)
        assert len(outcome(two)[0]) == len(records)


def test_map_slices_keeps_order_and_survives_a_dead_child(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    if not parallel.can_fork():
        pytest.skip("no fork here")
    parent = os.getpid()
    items = list(range(1000))
    assert parallel.map_slices(lambda xs: [x * x for x in xs], items, min_items=10) == [x * x for x in items]

    def dies_in_child(xs: Any) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)  # a killed worker (out of memory): its slice is recomputed in the parent
        return [x + 1 for x in xs]

    assert parallel.map_slices(dies_in_child, items, min_items=10) == [x + 1 for x in items]


def test_small_inputs_and_one_worker_stay_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    monkeypatch.setenv(parallel.WORKERS_ENV, "2")
    assert parallel.map_slices(lambda xs: [os.getpid() for _ in xs], [1, 2, 3]) == [parent] * 3
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    assert set(parallel.map_slices(lambda xs: [os.getpid() for _ in xs], list(range(100)), min_items=1)) == {parent}


def test_workers_follow_idle_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.WORKERS_ENV, raising=False)
    assert parallel.workers() == 1  # serial unless asked for
    monkeypatch.setenv(parallel.WORKERS_ENV, "auto")
    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: {0, 1}, raising=False)
    monkeypatch.setattr(parallel, "_load", lambda: 1.0)  # only this process runs
    assert parallel.workers() == 2
    monkeypatch.setattr(parallel, "_load", lambda: 3.5)  # the other core is taken
    assert parallel.workers() == 1


def test_packed_edges_round_trip() -> None:
    edges = [Edge(3, 9, 11.3, ("title =", "year =")), Edge(1, 2, 4.0, ("unique name",)),
             Edge(5, 7, 13.6, ("title =", "year ="))]
    back = unpack_edges(pack_edges(edges))
    assert back == edges
    assert back[0].reasons is back[2].reasons  # one tuple per distinct reasons list
    assert unpack_edges(pack_edges([])) == []


def test_driver_writes_read_back_like_core(records: list[dict[str, Any]], any_db_url: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    with resolved(any_db_url, records[:600], "1", monkeypatch) as cat:
        links, films = outcome(cat)
        assert all(isinstance(r[2], list) and r[2] for r in links.values())
        assert all(isinstance(f[6], dict) and "title" in f[6] for f in films.values())
        assert sum(f[5] for f in films.values()) == 600
        with cat.engine.connect() as conn:
            stamps = conn.execute(select(Film.created_at, FilmLink.resolved_at)
                                  .join(FilmLink, FilmLink.film_id == Film.id).limit(1)).one()
        assert all(s is not None and s.year >= 2024 for s in stamps)
        first = outcome(cat)
        resolve(cat.engine, full=True)  # an unchanged catalogue: same rows
        assert outcome(cat) == first

"""Speed-at-scale paths give the serial, Core-written result: packed edges, driver writes, the workers knob."""
from __future__ import annotations

import os
from typing import Any

import pytest
from sqlalchemy import select

from bench.synth import generate
from catalog import Catalog
from catalog.models import Film, FilmLink, Review
from catalog.resolve import resolve, twin
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
    monkeypatch.setenv(twin.WORKERS_ENV, workers)
    cat = Catalog(url)
    cat.upsert_reviews(records)
    resolve(cat.engine, full=True)
    return cat


def test_no_process_is_forked_without_a_twin(records: list[dict[str, Any]], tmp_path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Any number of workers below the twin's size (or with FILMCAT_RESOLVE_WORKERS=1) is the serial run."""
    def no_fork(*_: Any) -> None:
        raise AssertionError("forked")

    monkeypatch.setattr(os, "fork", no_fork)
    with resolved(f"sqlite:///{tmp_path / 'one.db'}", records, "1", monkeypatch) as one, \
            resolved(f"sqlite:///{tmp_path / 'four.db'}", records, "4", monkeypatch) as four:
        assert outcome(one) == outcome(four) and len(outcome(four)[0]) == len(records)
    monkeypatch.setattr(twin, "MIN_REVIEWS", 10)
    monkeypatch.setattr(twin, "_cores", lambda: 2)
    with Catalog(f"sqlite:///{tmp_path / 'w.db'}") as cat, cat.engine.connect() as conn:
        for workers, wanted in (("1", False), ("auto", twin.can_fork()), ("4", twin.can_fork())):
            monkeypatch.setenv(twin.WORKERS_ENV, workers)
            assert twin.wanted(conn, len(records)) == wanted


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

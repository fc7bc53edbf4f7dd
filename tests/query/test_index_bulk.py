"""The bulk re-index: same index as the batched path, taken when most films are dirty, atomic, readers unblocked."""
from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import text

from catalog import Catalog
from catalog.query import bulk, index, refresh_index, search
from tests.query.catalogue import build, record

QUERIES = ("sternfall", "maedchen fluss", "silence mountains", "rueckkehr 2", "amelie", "schindlers")


def snapshot(cat: Catalog) -> dict[str, Any]:
    """Every row of the index tables (title row ids aside), comparable across refresh paths."""
    with cat.engine.connect() as conn:
        out: dict[str, Any] = {"films": sorted((tuple(r) for r in conn.execute(text("SELECT * FROM search_films"))),
                               key=lambda r: r[0])}
        for table, cols in (("titles", "film_id, title, norm"), ("facets", "kind, value, film_id"),
                            ("words", "word"), ("word_variants", "variant, word"), ("dirty", "film_id")):
            out[table] = sorted(tuple(r) for r in conn.execute(text(f"SELECT {cols} FROM search_{table}")))
        if conn.dialect.name == "sqlite":  # the full-text rows are the title rows
            out["fts_unmatched"] = conn.execute(text(
                "SELECT count(*) FROM search_titles t LEFT JOIN search_fts f ON f.rowid = t.id "
                "WHERE f.norm IS NOT t.norm")).scalar()
            out["fts_rows"] = conn.execute(text("SELECT count(*) FROM search_fts")).scalar()
    out["hits"] = [[(h.film_id, h.title, h.relevance, h.review_count, h.score) for h in search(cat, q)]
                   for q in QUERIES]
    return out


def mark_all(cat: Catalog) -> int:
    """Mark every film dirty (marks already there stay), as a full resolution that rewrote them all would."""
    with cat.engine.begin() as conn:
        conn.execute(text("INSERT INTO search_dirty (film_id) SELECT id FROM films "
                          "WHERE id NOT IN (SELECT film_id FROM search_dirty)"))
        return int(conn.execute(text("SELECT count(*) FROM films")).scalar() or 0)


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the bulk passes (the real one still runs)."""
    calls: list[int] = []
    real = bulk.reindex_all

    def spy(conn: Any) -> int:
        calls.append(1)
        return real(conn)

    monkeypatch.setattr(bulk, "reindex_all", spy)
    return calls


def test_bulk_pass_builds_the_same_index_as_batches(any_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build(any_db_url)
    calls = counting(monkeypatch)
    with Catalog(any_db_url) as cat:
        a, b = (h.film_id for h in search(cat, "sternfall"))
        cat.merge_films(a, b)  # a film gone, another changed: stale rows to remove
        films = mark_all(cat)
        monkeypatch.setattr(index, "BULK_MIN_FILMS", 10**9)
        assert refresh_index(cat) == films + 1 and not calls  # and the merged film's old id
        batched = snapshot(cat)
        mark_all(cat)
        monkeypatch.setattr(index, "BULK_MIN_FILMS", 0)
        assert refresh_index(cat) == films and calls == [1]
        assert snapshot(cat) == batched
        assert batched["dirty"] == [] and batched["hits"][0][0][3] == 3


def test_a_resolution_that_makes_every_film_takes_the_bulk_pass(any_db_url: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.query.catalogue import RECORDS

    monkeypatch.setattr(index, "BULK_MIN_FILMS", 0)
    calls = counting(monkeypatch)
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(RECORDS)
        cat.resolve(full=True)
        assert calls == [1]
        assert [h.title for h in search(cat, "stille berge")] == ["Die Stille der Berge"]
        cat.upsert_review(record("kino-c.example", "neu", "Neuland", year=2021))
        cat.resolve()  # one new film of eight: batches
        assert calls == [1] and [h.title for h in search(cat, "neuland")] == ["Neuland"]
        cat.resolve(full=True)  # nothing changed: nothing dirty, nothing re-indexed
        assert calls == [1] and refresh_index(cat) == 0


def test_an_interrupted_bulk_pass_loses_no_dirty_mark(any_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    build(any_db_url)
    monkeypatch.setattr(index, "BULK_MIN_FILMS", 0)
    with Catalog(any_db_url) as cat:
        before = snapshot(cat)
        with cat.engine.begin() as conn:
            conn.execute(text("UPDATE films SET title = title || ' Neu'"))  # the triggers mark every film
        real = bulk._finish

        def power_cut(conn: Any, indexes: list[str]) -> None:
            real(conn, indexes)
            raise RuntimeError("power cut")

        monkeypatch.setattr(bulk, "_finish", power_cut)
        with pytest.raises(RuntimeError):
            refresh_index(cat)
        with cat.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM search_dirty")).scalar() == len(before["films"])
            rows = conn.execute(text("SELECT film_id, title FROM search_films")).all()
        assert sorted(tuple(r) for r in rows) == sorted(r[:2] for r in before["films"])  # the old index stands
        monkeypatch.setattr(bulk, "_finish", real)
        assert refresh_index(cat) == len(before["films"])
        after = snapshot(cat)
        assert all(h[1].endswith(" Neu") for hits in after["hits"] for h in hits) and after["dirty"] == []
        assert after.get("fts_unmatched", 0) == 0 and after.get("fts_rows", 15) == len(after["titles"]) == 15


def test_searches_read_the_old_index_while_a_bulk_pass_runs(any_db_url: str,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    build(any_db_url)
    monkeypatch.setattr(index, "BULK_MIN_FILMS", 0)
    monkeypatch.setattr(index, "BULK_SHARE", 0.0)  # one changed film of seven is enough here
    started, release = threading.Event(), threading.Event()
    real = bulk._finish

    def held(conn: Any, indexes: list[str]) -> None:
        started.set()
        release.wait(30)
        real(conn, indexes)

    monkeypatch.setattr(bulk, "_finish", held)
    with Catalog(any_db_url) as writer, Catalog(any_db_url) as reader:
        with writer.engine.begin() as conn:
            conn.execute(text("UPDATE films SET title = title || ' Neu' WHERE year = 2001"))
        done: list[int] = []
        worker = threading.Thread(target=lambda: done.append(refresh_index(writer)))
        worker.start()
        try:
            assert started.wait(30)
            old = search(reader, "sternfall")  # does not wait for the bulk pass, reads what was committed
            assert sorted(h.title for h in old) == ["Sternfall", "Sternfall"] and worker.is_alive()
        finally:
            release.set()
            worker.join(60)
        assert done == [7]
        assert sorted(h.title for h in search(reader, "sternfall")) == ["Sternfall", "Sternfall Neu"]


def test_bulk_pass_only_when_enough_films_are_dirty(db_url: str) -> None:
    build(db_url)
    with Catalog(db_url) as cat, cat.engine.begin() as conn:
        conn.execute(text("INSERT INTO search_dirty (film_id) SELECT id FROM films ORDER BY id LIMIT 2"))
        assert not bulk.worthwhile(conn, 0.4, 0)  # 2 of 7 films
        conn.execute(text("INSERT OR IGNORE INTO search_dirty (film_id) SELECT id FROM films ORDER BY id LIMIT 3"))
        assert bulk.worthwhile(conn, 0.4, 0)  # 3 of 7
        assert not bulk.worthwhile(conn, 0.4, 4)  # fewer than the minimum


def _watching_resolve(monkeypatch: pytest.MonkeyPatch, seen: list[bool], fail: bool = False) -> None:
    """Record whether the change triggers are missing while the resolver runs (optionally fail then)."""
    import catalog.resolve
    from catalog.query import ddl

    real = catalog.resolve.resolve

    def watched(engine: Any, **kwargs: Any) -> Any:
        with engine.connect() as conn:
            seen.append(ddl.triggers_missing(conn))
        if fail:
            raise RuntimeError("resolver crashed")
        return real(engine, **kwargs)

    monkeypatch.setattr(catalog.resolve, "resolve", watched)


def test_a_first_full_resolution_runs_without_triggers(any_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.query import ddl
    from tests.query.catalogue import RECORDS

    seen: list[bool] = []
    _watching_resolve(monkeypatch, seen)
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(RECORDS)
        cat.resolve(full=True)  # nothing indexed yet: the triggers are off while it writes
        with cat.engine.connect() as conn:
            assert not ddl.triggers_missing(conn) and not index.is_stale(conn)
        assert len(search(cat, "sternfall")) == 2 and [h.title for h in search(cat, "neuland")] == []
        cat.upsert_review(record("kino-c.example", "neu", "Neuland", year=2021))
        cat.resolve(full=True)  # an index exists: the triggers record what changes
        assert [h.title for h in search(cat, "neuland")] == ["Neuland"]
        assert seen == [True, False]


def test_a_failed_first_full_resolution_marks_every_film(any_db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from catalog.query import ddl
    from tests.query.catalogue import RECORDS

    seen: list[bool] = []
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(RECORDS)
        cat.resolve(index=False)  # films, no index yet
        _watching_resolve(monkeypatch, seen, fail=True)
        with pytest.raises(RuntimeError):
            cat.resolve(full=True)
        with cat.engine.connect() as conn:
            assert not ddl.triggers_missing(conn)
            dirty = conn.execute(text("SELECT count(*) FROM search_dirty")).scalar()
            films = conn.execute(text("SELECT count(*) FROM films")).scalar()
        assert seen == [True] and dirty == films == 7

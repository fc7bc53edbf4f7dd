"""Keeps the search index in step with the catalogue: re-indexes the films triggers marked dirty."""
from __future__ import annotations

import time
import weakref
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, exc, text
from sqlalchemy.sql.elements import BindParameter

from catalog.db import is_read_only
from catalog.query import bulk, ddl, locks
from catalog.query.bulk import insert_rows, word_variants
from catalog.query.document import (
    FILM_COLUMNS,
    FILM_SELECT,
    REVIEW_SELECT,
    FilmDoc,
    add_review,
    facet_rows,
    film_doc,
    film_row,
    normalized_rating,
    title_rows,
)

# Films re-indexed per transaction: bounds memory and lock time (a batch takes ≈ 0.3 s).
BATCH = 2000
# Re-index everything in one bulk pass (catalog.query.bulk) instead of batches when at least this
# share of the films is dirty (a first full resolution, lost triggers). The pass re-indexes the
# clean films too; it costs as much as batches of ≈ 70 % of the films at 1M reviews and ≈ 80 % at
# 100k (`bench/bench_query.py --reuse --queries 0 --refresh-paths 0.3,0.6,1`).
BULK_SHARE = 0.75
BULK_MIN_FILMS = BATCH  # below one batch the batched path is one transaction anyway
TRIGGER_CHECK_S = 60.0                     # seconds a found set of triggers is trusted
# engine -> when its triggers were last seen. Keyed by the engine object itself, held weakly: an
# id() key outlives its engine, and the next engine CPython allocates at the same address would
# inherit a "seen" it never checked (a catalogue re-opened after a migration dropped the triggers).
_TRIGGERS_SEEN: weakref.WeakKeyDictionary[Engine, float] = weakref.WeakKeyDictionary()
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)

__all__ = ["BATCH", "FilmDoc", "is_stale", "needs_refresh", "normalized_rating", "rebuild", "refresh", "stats",
           "triggers_suspended"]


def needs_refresh(engine: Engine, conn: Connection) -> bool:
    """Whether `refresh` has work (checked on the caller's connection: no extra checkout)."""
    return _triggers_missing(engine, conn) or is_stale(conn)


def refresh(engine: Engine, *, wait: bool = True) -> int:
    """Re-index every dirty film; returns how many films were processed.

    With `wait=False` (a search about to read) a refresh that another process is running is not
    waited for: the index is used as it stands (it lags by what that refresh is indexing). A
    catalogue opened read-only is never refreshed: its index is read as it stands.
    """
    if is_read_only(engine):
        return 0
    with engine.connect() as conn:  # read first: a fresh index costs no write lock
        broken = _triggers_missing(engine, conn)
        if not broken and not is_stale(conn):
            return 0
        whole = not broken and bulk.worthwhile(conn, BULK_SHARE, BULK_MIN_FILMS)
    try:
        return _refresh(engine, broken, whole, wait)
    except exc.OperationalError as err:
        if wait or not locks.is_busy(err):
            raise
        return 0  # another connection is writing: read the index as it stands


def _refresh(engine: Engine, broken: bool, whole: bool, wait: bool) -> int:
    if broken:
        with locks.refresh_transaction(engine, wait) as conn:
            if conn is None:
                return 0
            _reinstall(conn)
            whole = bulk.worthwhile(conn, BULK_SHARE, BULK_MIN_FILMS)  # every film is dirty now
    done = 0
    if whole:  # most films are dirty: one pass over all of them costs less than batches
        with locks.refresh_transaction(engine, wait) as conn:
            if conn is None:
                return 0
            done = bulk.reindex_all(conn)
        bulk.tidy(engine)
    while True:  # batches: what is left, or what changed meanwhile
        with locks.refresh_transaction(engine, wait) as conn:
            if conn is None:
                return done
            ids = _claim(conn)
            if not ids:
                return done
            _reindex(conn, ids)
            done += len(ids)


def rebuild(engine: Engine) -> int:
    """Drop and re-create the whole index with the current DDL and normalization; returns films indexed."""
    with locks.refresh_transaction(engine, True) as conn:
        assert conn is not None  # a waiting refresh always gets its transaction
        _reinstall(conn)
        done = bulk.reindex_all(conn)
    bulk.tidy(engine)
    return done


@contextmanager
def triggers_suspended(engine: Engine) -> Iterator[bool]:
    """Around a bulk write that will dirty every film anyway: drop the change triggers if the index
    holds no film yet (yields whether it did), then reinstall them and mark every film dirty once.

    Row triggers cost 10–18 % of a first full resolution on PostgreSQL (≈ 1–2 % on SQLite). Nothing
    goes unrecorded: the marks afterwards cover every film, whoever wrote meanwhile, and if the
    process dies in between, the next refresh finds the triggers missing and does the same.
    """
    with engine.begin() as conn:
        empty = conn.execute(text("SELECT 1 FROM search_films LIMIT 1")).first() is None
        if empty:
            ddl.drop_triggers(conn)
    try:
        yield empty
    finally:
        if empty:
            with engine.begin() as conn:
                _reinstall(conn)


def _triggers_missing(engine: Engine, conn: Connection) -> bool:
    # Looked up once per engine and TRIGGER_CHECK_S: only a schema migration can drop them.
    now = time.monotonic()
    if now - _TRIGGERS_SEEN.get(engine, -TRIGGER_CHECK_S) < TRIGGER_CHECK_S:
        return False
    missing = ddl.triggers_missing(conn)
    if not missing:
        _TRIGGERS_SEEN[engine] = now
    return missing


def is_stale(conn: Connection) -> bool:
    """Whether some film waits to be re-indexed (one indexed look-up)."""
    return conn.execute(text("SELECT 1 FROM search_dirty LIMIT 1")).first() is not None


def _reinstall(conn: Connection) -> None:
    # Triggers vanish when SQLite rebuilds a table (batch migrations): put them back and
    # re-index everything, since changes made meanwhile went unrecorded.
    ddl.install_triggers(conn)
    insert = "INSERT INTO search_dirty (film_id) SELECT id FROM films"
    stale = "INSERT INTO search_dirty (film_id) SELECT film_id FROM search_films"
    if conn.dialect.name == "postgresql":
        conn.execute(text(insert + " ON CONFLICT DO NOTHING"))
        conn.execute(text(stale + " ON CONFLICT DO NOTHING"))
    else:
        conn.execute(text(insert.replace("INSERT", "INSERT OR IGNORE")))
        conn.execute(text(stale.replace("INSERT", "INSERT OR IGNORE")))


def _claim(conn: Connection) -> list[str]:
    # One statement takes the write lock at once, so a trigger firing meanwhile re-marks
    # the film for the next round instead of being lost.
    rows = conn.execute(text(
        "DELETE FROM search_dirty WHERE film_id IN (SELECT film_id FROM search_dirty LIMIT :n) "
        "RETURNING film_id"), {"n": BATCH}).all()
    return [r[0] for r in rows]


def _reindex(conn: Connection, ids: list[str]) -> None:
    _unindex(conn, ids)
    docs = _load(conn, ids)
    if docs:
        write(conn, list(docs.values()))


def _unindex(conn: Connection, ids: list[str]) -> None:
    params = {"ids": ids}
    if conn.dialect.name != "postgresql":
        conn.execute(text("DELETE FROM search_fts WHERE rowid IN "
                          "(SELECT id FROM search_titles WHERE film_id IN :ids)").bindparams(_IDS), params)
    for table in ("search_titles", "search_facets", "search_films"):
        conn.execute(text(f"DELETE FROM {table} WHERE film_id IN :ids").bindparams(_IDS), params)


def _load(conn: Connection, ids: list[str]) -> dict[str, FilmDoc]:
    films = conn.execute(text(f"SELECT {FILM_SELECT} FROM films WHERE id IN :ids ORDER BY id")
                         .bindparams(_IDS), {"ids": ids})
    docs = {f[0]: film_doc(f) for f in films}
    # review order decides which spelling of a shared title key is displayed: the same in every path
    reviews = conn.execute(text(
        f"SELECT {REVIEW_SELECT} FROM film_links l JOIN reviews r ON r.id = l.review_id "
        "WHERE l.film_id IN :ids ORDER BY l.film_id, l.review_id").bindparams(_IDS), {"ids": ids})
    for review in reviews:
        doc = docs.get(review[0])
        if doc is not None:
            add_review(doc, review)
    return docs


def write(conn: Connection, docs: list[FilmDoc]) -> None:
    """Insert the index rows of `docs` (their old rows must be gone) and any new title words."""
    insert_rows(conn, "search_films", FILM_COLUMNS, [film_row(d) for d in docs])
    titles = title_rows(docs)
    if titles:
        _write_titles(conn, titles)
    insert_rows(conn, "search_facets", ("kind", "value", "film_id"), facet_rows(docs))
    _write_words(conn, {w for t in titles for w in t[2].split()})


def _write_titles(conn: Connection, titles: list[tuple[str, str, str]]) -> None:
    insert_rows(conn, "search_titles", ("film_id", "title", "norm"), titles)
    if conn.dialect.name != "postgresql":  # the FTS row shares the title row's id
        conn.execute(text("INSERT INTO search_fts (rowid, norm) SELECT id, norm FROM search_titles "
                          "WHERE film_id IN :ids").bindparams(_IDS), {"ids": sorted({t[0] for t in titles})})


def _write_words(conn: Connection, vocabulary: set[str]) -> None:
    if not vocabulary:
        return
    known = {r[0] for r in conn.execute(text("SELECT word FROM search_words WHERE word IN :ids")
                                        .bindparams(_IDS), {"ids": sorted(vocabulary)})}
    new = sorted(vocabulary - known)
    # A concurrent refresh may add the same word: ignore duplicates rather than fail.
    insert_rows(conn, "search_words", ("word",), [(w,) for w in new], ignore=True)
    insert_rows(conn, "search_word_variants", ("variant", "word"), word_variants(new), ignore=True)


def stats(conn: Connection) -> dict[str, int]:
    """Row counts of the index tables (for benchmarks and `--explain`-style output)."""
    out: dict[str, int] = defaultdict(int)
    for table in ("search_films", "search_titles", "search_facets", "search_words", "search_dirty"):
        out[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
    return dict(out)

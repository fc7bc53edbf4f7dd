"""A full resolution's stored keys written by a thread while the main thread clusters (SQLite, twin process)."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any

from sqlalchemy import Connection, select

from catalog.models import ReviewKey
from catalog.resolve import persist
from catalog.resolve.twin import Twin

KEYS_TAG = "keys"  # the twin's message holding keys_text of every review
# keys_text's rows into review_keys (SQLite's JSON functions: built in since 3.38, an extension before)
KEYS_FROM_JSON = ('INSERT INTO review_keys ("key", review_id) '
                  "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?)")


def keys_text(rows: Sequence[tuple[int, str]]) -> str:
    """(review id, key) rows as the JSON text write_keys_text reads: [[key, id], …] in primary-key order."""
    return json.dumps(list(persist.key_order(rows)), ensure_ascii=False, separators=(",", ":"))


def keys_empty(conn: Connection) -> bool:
    """Whether no review has stored keys (a first resolution)."""
    return conn.execute(select(ReviewKey.review_id).limit(1)).first() is None


def write_keys_text(dbapi_conn: Any, text: str) -> None:
    """Fill the empty review_keys table of an SQLite connection from keys_text, in one statement.

    SQLite parses the text and inserts every row within one call, during which Python's sqlite3
    module releases the GIL: a thread of this process runs it while the main thread computes (in
    the caller's transaction; nothing else uses the connection meanwhile). The secondary index is
    built once afterwards, in the transaction too: the DELETE of no row opens it first (DDL alone
    would run in autocommit).
    """
    cur = dbapi_conn.cursor()
    try:
        cache = int(cur.execute("PRAGMA cache_size").fetchone()[0])
        cur.execute(f"PRAGMA cache_size=-{persist.SQLITE_BULK_CACHE_KIB}")
        cur.execute(f"DELETE FROM {persist.KEYS.name}")
        indexes = persist.SECONDARY_INDEXES[persist.KEYS.name]
        try:
            for name, _ in indexes:
                cur.execute(f"DROP INDEX IF EXISTS {name}")
            cur.execute(KEYS_FROM_JSON, (text,))
        finally:  # a failed insert (its rows undone by SQLite) leaves the index as it was
            for name, column in indexes:
                cur.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {persist.KEYS.name} ({column})")
            cur.execute(f"PRAGMA cache_size={cache}")
    finally:
        cur.close()


@contextmanager
def keys_meanwhile(conn: Connection, tw: Twin | None, timings: dict[str, float],
                   own: Callable[[], Sequence[tuple[int, str]]]) -> Iterator[list[bool]]:
    """Around work that uses neither the connection nor the twin's messages (clustering): in a
    first resolution on an SQLite file with a twin, a thread writes the stored keys meanwhile.

    They are the twin's (ahead.KEYS_TAG) while it is alive (even a twin starved of CPU while both
    processes scored mostly gets them done while this one clusters: measured at 300k under load);
    else this process's own `own()` (review id, key) rows, encoded here first: the insert itself
    still overlaps the work. Yields [stored, by the twin];
    not stored (the twin late, the database refusing them, another database, stored keys already):
    the caller writes the keys itself, as in a serial run.
    """
    done = [False, False]
    if tw is None or conn.dialect.name != "sqlite" or not keys_empty(conn):
        yield done
        return
    dbapi = conn.connection.dbapi_connection

    def write(text: str, by_twin: bool) -> None:
        t = time.perf_counter()
        write_keys_text(dbapi, text)
        timings["keys_ahead"] = round(time.perf_counter() - t, 3)
        done[:] = [True, by_twin]

    if tw.alive:
        with tw.taking(KEYS_TAG, lambda text: write(text, True)):
            yield done
        return
    text = keys_text(own())
    writer = threading.Thread(target=_quietly, args=(write, text, False), name="filmcat-keys-writer", daemon=True)
    writer.start()
    try:
        yield done
    finally:
        writer.join()


def _quietly(write: Callable[[str, bool], None], text: str, by_twin: bool) -> None:
    # a failing write (the database refused the rows) is no error here: the caller sees that the keys
    # are not stored and writes them itself
    with suppress(Exception):
        write(text, by_twin)

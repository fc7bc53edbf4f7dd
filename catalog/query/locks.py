"""One refresher of the search index at a time, and searches that never queue behind one."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, exc, text

# PostgreSQL: the transaction-level advisory lock every index refresh holds (an arbitrary 63-bit key).
PG_LOCK_KEY = 0x66696C6D636174  # "filmcat"
# SQLite: how long (ms) a search waits for the write lock before it reads the index as it stands;
# a crawler's writes hold it for milliseconds, a bulk re-index for a minute at 1M reviews.
READER_WAIT_MS = 250
SQLITE_BUSY = 5  # sqlite3.SQLITE_BUSY: another connection holds the write lock


@contextmanager
def refresh_transaction(engine: Engine, wait: bool) -> Iterator[Connection | None]:
    """A transaction for one refresh step; None when `wait` is off and another refresh holds the index.

    On SQLite the write lock is the refresh lock (the caller's first statement must write); without
    `wait` it is waited for only READER_WAIT_MS, and a busy error then surfaces (see `is_busy`).
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            if wait:
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            elif not conn.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY}).scalar():
                yield None
                return
            yield conn
            return
        if wait:
            yield conn
            return
        before = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
        conn.exec_driver_sql(f"PRAGMA busy_timeout={READER_WAIT_MS}")
        try:
            yield conn
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(before or 0)}")


def is_busy(err: exc.OperationalError) -> bool:
    """Whether a driver error means only that another connection holds the write lock."""
    orig = getattr(err, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == SQLITE_BUSY) or "database is locked" in str(orig)

"""Open the catalogue once, serialized across processes, before a scheduled crawl starts."""
from __future__ import annotations

import fcntl
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

# pg_advisory_lock key of "filmcat schema migration" (any constant shared by all filmcat processes)
PG_MIGRATE_LOCK = 0x66696C6D636174


def open_catalogue_once(db_url: str) -> None:
    """Bring the schema to head while holding a lock every scheduled run takes.

    Scheduled runs of several sites (cron at 03:00, scrapyd nodes) start together; on a fresh
    catalogue they would all run the first migration at once and all but one fail.
    PostgreSQL: a session advisory lock; SQLite: an flock beside the database file.
    """
    from catalog import Catalog
    from catalog.db import parse_url

    url = parse_url(db_url)  # DatabaseError (one line, password masked) when malformed
    if url.get_backend_name() == "postgresql":
        _with_pg_lock(db_url)
        return
    path = url.database if url.get_backend_name() == "sqlite" else None
    if not path or path == ":memory:":
        Catalog(db_url).close()
        return
    lock = Path(f"{path}.migrate.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # waits: the holder only migrates, in seconds
        Catalog(db_url).close()


def _with_pg_lock(db_url: str) -> None:
    from catalog import Catalog
    from catalog.db import make_engine

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATE_LOCK})
            try:
                Catalog(db_url).close()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATE_LOCK})
    except SQLAlchemyError:
        Catalog(db_url).close()  # cannot connect: Catalog says why in one line, password masked
    finally:
        engine.dispose()

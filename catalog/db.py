"""Engine creation, SQLite tuning, schema migration on open, and safe URL rendering."""
from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from catalog.errors import DatabaseError

DEFAULT_URL = "sqlite:///filmcat.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000  # writers wait this long for a lock instead of failing at once
# a process waiting for another's migration waits this long (ms) for the SQLite write lock
SQLITE_MIGRATE_TIMEOUT_MS = 600_000
# pg_advisory_xact_lock key of "filmcat schema upgrade" (any constant all filmcat processes share)
PG_MIGRATE_XACT_LOCK = 0x66636D6967726174
# pg_advisory_lock key of "filmcat film resolution": one resolver at a time per catalogue
PG_RESOLVE_LOCK = 0x6663726573766C
RESOLVE_LOCK_SUFFIX = "-resolve.lock"  # SQLite: the lock file beside the database (as -wal, -shm)
HERE = Path(__file__).resolve().parent
# The newest revision in migrations/versions; tests/catalog/test_migrate.py asks Alembic and fails
# when a new revision is added without updating this.
HEAD_REVISION = "0007"
# libpq `options` of a catalogue opened read-only on PostgreSQL: every transaction is READ ONLY,
# so a write by mistake fails (SQLSTATE 25006) instead of trying
PG_READ_ONLY_OPTION = "-c default_transaction_read_only=on"
# One query: whether this role may not write the catalogue (its tables in the current schema) or
# the server takes no writes (a hot standby); NULL when there is no catalogue yet (migrate decides).
PG_CANNOT_WRITE = text(
    "SELECT CASE WHEN to_regclass('alembic_version') IS NULL THEN NULL"
    " ELSE current_setting('transaction_read_only') = 'on' OR EXISTS ("
    " SELECT 1 FROM pg_catalog.pg_tables t WHERE t.schemaname = current_schema() AND NOT ("
    " has_table_privilege(format('%I.%I', t.schemaname, t.tablename), 'INSERT')"
    " AND has_table_privilege(format('%I.%I', t.schemaname, t.tablename), 'UPDATE'))) END")


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL, with psycopg (v3) as the default PostgreSQL driver."""
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError, TypeError) as err:
        raise DatabaseError(f"not a database URL: {url!r} ({err})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL as text with any password masked (for messages and logs)."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
        return parsed.render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError, TypeError):  # unparsable, may still hold a password: scheme only
        return str(url).split(":", 1)[0] + "://…"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")  # first: switching to WAL may wait
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the crawler's writer
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_read_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only=ON")  # a write by mistake fails (SQLITE_READONLY) instead of trying
    cur.close()


def is_read_only(engine: Engine) -> bool:
    """Whether `engine` opens its SQLite file read-only (`mode=ro` or `immutable=1`), or its
    PostgreSQL sessions read-only (PG_READ_ONLY_OPTION, see read_only_url): nothing may write."""
    if engine.dialect.name == "postgresql":
        return PG_READ_ONLY_OPTION in _pg_options(engine.url)
    return engine.dialect.name == "sqlite" and _read_only_flags(engine.url)


def _pg_options(url: URL) -> str:
    value = url.query.get("options", "")
    return " ".join(value) if isinstance(value, tuple) else value


def _read_only_flags(url: URL) -> bool:
    database = url.database or ""
    query = database.split("?", 1)[1] if database.startswith("file:") and "?" in database else ""
    flags = set(query.split("&")) | {f"{k}={v}" for k, v in url.query.items()}
    return bool(flags & {"mode=ro", "immutable=1"})


def read_only_url(url: str) -> str | None:
    """For a SQLite catalogue file this process may not write (the file, or its directory where the
    -wal and -shm files live), the URL opening it read-only; None when it is writable or not such a
    file. `mode=ro` reads the newest commits (the -wal beside it); without a -wal, `immutable=1`:
    SQLite then takes no locks and needs no -shm, so the file must not change while it is read."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _pg_read_only_url(parsed)
    if parsed.get_backend_name() != "sqlite":
        return None
    path = _sqlite_path(parsed)
    if path is None or not os.path.isfile(path) or _read_only_flags(parsed):
        return None
    folder = os.path.dirname(os.path.abspath(path))
    if os.access(path, os.W_OK) and os.access(folder, os.W_OK):
        return None
    flag = "mode=ro" if os.path.exists(path + "-wal") else "immutable=1"
    return f"sqlite:///file:{quote(os.path.abspath(path))}?{flag}&uri=true"


def _pg_read_only_url(parsed: URL) -> str | None:
    """For a PostgreSQL catalogue this role may not write (only SELECT granted: an analyst's or a
    reporting account) or on a server that takes no writes (a standby), the URL opening it with
    read-only sessions; None when it may write, holds no catalogue yet, or cannot be asked (the
    ordinary open then reports why)."""
    if PG_READ_ONLY_OPTION in _pg_options(parsed):
        return None
    try:
        probe = create_engine(parsed, poolclass=NullPool)
    except (ImportError, exc.SQLAlchemyError, ValueError, TypeError):
        return None
    try:
        with probe.connect() as conn:
            cannot = conn.execute(PG_CANNOT_WRITE).scalar()
    except exc.SQLAlchemyError:
        return None
    finally:
        probe.dispose()
    if not cannot:
        return None
    options = " ".join(filter(None, (_pg_options(parsed), PG_READ_ONLY_OPTION)))
    return parsed.update_query_dict({"options": options}).render_as_string(hide_password=False)


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout (a read-only file: neither, no writes)."""
    parsed = parse_url(url)
    try:
        engine = create_engine(parsed, future=True, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ImportError, exc.SQLAlchemyError, ValueError, TypeError) as err:  # missing driver, bad option
        raise DatabaseError(f"cannot use database {safe_url(parsed)}: {_one_line(err)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_read_pragmas if is_read_only(engine) else _sqlite_pragmas)
    return engine


def check_schema(engine: Engine) -> None:
    """For a catalogue opened read-only: fail unless its schema is at `HEAD_REVISION` (it cannot be migrated)."""
    try:
        with engine.connect() as conn:
            heads = _current_heads(conn)
    except exc.SQLAlchemyError as err:
        raise DatabaseError(f"cannot read database {safe_url(engine.url)}: {_one_line(err)}") from None
    if heads == {HEAD_REVISION}:
        return
    if not heads:
        raise DatabaseError(f"{safe_url(engine.url)} is not a filmcat catalogue (or not readable)")
    raise DatabaseError(f"{safe_url(engine.url)} is read-only and its schema is at revision "
                        f"{','.join(sorted(heads))}, not {HEAD_REVISION}: open it once where it can be written "
                        "(any filmcat command upgrades it)")


def _alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    return cfg


def _current_heads(conn: Connection) -> set[str] | None:
    """The revisions stamped in `alembic_version`, read with plain SQL (None: no such table yet).

    Alembic itself is not imported for this: its import and reading the revision scripts cost
    ≈ 0.2–1 s, paid by every command when the schema is already at head.
    """
    try:
        with conn.begin_nested() if conn.in_transaction() else conn.begin():
            return {row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))}
    except exc.SQLAlchemyError:  # fresh database (no table) or not a catalogue: Alembic decides
        return None


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (no-op when already there).

    The usual case, a schema at `HEAD_REVISION`, costs one plain query and no Alembic import.
    Processes opening a fresh catalogue at once (crawls started together) are serialized: the
    upgrade runs under a database lock and the revision is read again once the lock is held, so
    the first process migrates and the others find the schema at head.
    """
    try:
        with engine.connect() as conn:  # the usual case, without taking any lock
            if _current_heads(conn) == {HEAD_REVISION}:
                return
        from alembic import command

        cfg = _alembic_config()
        with _migration_lock(engine) as conn:
            if _current_heads(conn) == {HEAD_REVISION}:  # another process migrated while we waited
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
    except exc.SQLAlchemyError as err:
        raise DatabaseError(f"cannot open database {safe_url(engine.url)}: {_one_line(err)}") from None


@contextmanager
def resolution_lock(engine: Engine) -> Iterator[None]:
    """Hold the catalogue's resolution lock: film resolutions of several processes (two crawls
    into one catalogue) run one after the other, so none places reviews by a stale view of the
    films another is creating. Other writers are not held up: PostgreSQL takes a session advisory
    lock, SQLite an flock() on a file beside the database (none for an in-memory database, or
    where that file cannot be created: Catalog.resolve's retry is then the guard)."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PG_RESOLVE_LOCK})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PG_RESOLVE_LOCK})
                conn.commit()
        return
    path = _sqlite_file(engine)
    fd = None
    if path is not None:
        try:
            fd = os.open(path + RESOLVE_LOCK_SUFFIX, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:
            fd = None
    try:
        if fd is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)  # blocks while another process resolves this catalogue
        yield
    finally:
        if fd is not None:
            os.close(fd)  # releases the lock


def _sqlite_file(engine: Engine) -> str | None:
    """The database file of a SQLite engine (None: not SQLite, or in memory)."""
    return _sqlite_path(engine.url) if engine.dialect.name == "sqlite" else None


def _sqlite_path(url: URL) -> str | None:
    """The database file a SQLite URL names (None: in memory)."""
    database = url.database or ""
    if url.query.get("mode") == "memory" or database in ("", ":memory:"):
        return None
    if database.startswith("file:"):  # a URI filename (uri=true)
        database = unquote(database[len("file:"):].split("?", 1)[0])
        if "mode=memory" in (url.database or "").partition("?")[2].split("&"):
            return None
    return database or None


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction that no other process's migration can run beside."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:  # the lock ends with the transaction, commit or rollback
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATE_XACT_LOCK})
            yield conn
        return
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if not database or database == ":memory:" or engine.url.query.get("mode") == "memory":
        with engine.begin() as conn:  # private to this process: nothing to serialize against
            yield conn
        return
    locking = _sqlite_immediate_engine(engine.url)
    try:
        with locking.begin() as conn:
            yield conn
    finally:
        locking.dispose()


def _sqlite_immediate_engine(url: URL) -> Engine:
    """An engine whose transactions start with BEGIN IMMEDIATE (the database's write lock at once).

    The driver's own transaction handling is switched off so the BEGIN is ours and the DDL of
    the migration runs inside it.
    """
    engine = create_engine(url, poolclass=NullPool)

    def on_connect(dbapi_conn: Any, record: Any) -> None:
        _sqlite_pragmas(dbapi_conn, record)
        dbapi_conn.isolation_level = None
        dbapi_conn.execute(f"PRAGMA busy_timeout={SQLITE_MIGRATE_TIMEOUT_MS}")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _one_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return " ".join(text.split("\n")[0].split()) or type(err).__name__

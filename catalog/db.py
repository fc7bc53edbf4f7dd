"""Engine creation, SQLite tuning, schema migration on open, and safe URL rendering."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url

from catalog.errors import DatabaseError

DEFAULT_URL = "sqlite:///filmcat.db"
SQLITE_BUSY_TIMEOUT_MS = 30_000  # writers wait this long for a lock instead of failing at once
HERE = Path(__file__).resolve().parent


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
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the crawler's writer
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for `url`; SQLite gets WAL and a busy timeout."""
    parsed = parse_url(url)
    try:
        engine = create_engine(parsed, future=True, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ImportError, exc.SQLAlchemyError, ValueError, TypeError) as err:  # missing driver, bad option
        raise DatabaseError(f"cannot use database {safe_url(parsed)}: {_one_line(err)}") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (no-op when already there)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config(str(HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(HERE / "migrations"))
    heads = set(ScriptDirectory.from_config(cfg).get_heads())
    try:
        with engine.begin() as conn:
            if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "heads")
    except exc.SQLAlchemyError as err:
        raise DatabaseError(f"cannot open database {safe_url(engine.url)}: {_one_line(err)}") from None


def _one_line(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err)
    return " ".join(text.split("\n")[0].split()) or type(err).__name__

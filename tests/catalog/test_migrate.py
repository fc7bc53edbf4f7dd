"""Schema migration on open: serialized between processes, waits for a migration in progress."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import sqlalchemy as sa

from catalog import Catalog

OPEN = "import sys; from catalog import Catalog; Catalog(sys.argv[1]).close()"


def _versions(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()


def test_many_first_opens_of_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    procs = [subprocess.Popen([sys.executable, "-c", OPEN, url], stderr=subprocess.PIPE, text=True)
             for _ in range(6)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, [e[-300:] for e in errors if e]
    assert len(_versions(url)) == 1  # one head row: no process stamped a second one


def test_open_waits_for_a_writer_holding_the_lock(tmp_path: Path) -> None:
    """A migration in progress elsewhere (held write lock) makes the opener wait, not fail."""
    path = tmp_path / "held.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("CREATE TABLE elsewhere (x INTEGER)")
    errors: list[Exception] = []
    opener = threading.Thread(target=_open_catching, args=(f"sqlite:///{path}", errors))
    opener.start()
    opener.join(timeout=1.5)
    assert opener.is_alive(), "the open did not wait for the held write lock"
    holder.execute("COMMIT")
    holder.close()
    opener.join(timeout=60)
    assert not opener.is_alive() and errors == []
    with Catalog(f"sqlite:///{path}") as catalog:
        assert list(catalog.iter_reviews()) == []


def _open_catching(url: str, errors: list[Exception]) -> None:
    try:
        Catalog(url).close()
    except Exception as err:  # noqa: BLE001 -- reported to the test thread, which asserts on it
        errors.append(err)


def test_reopen_at_head_takes_no_write_lock(tmp_path: Path) -> None:
    """Opening a migrated catalogue while a crawler writes does not wait for the crawler."""
    path = tmp_path / "busy.db"
    Catalog(f"sqlite:///{path}").close()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        done = threading.Event()
        opener = threading.Thread(target=lambda: (Catalog(f"sqlite:///{path}").close(), done.set()))
        opener.start()
        assert done.wait(timeout=10)
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_in_memory_catalogue_still_migrates() -> None:
    with Catalog("sqlite://") as catalog:
        assert list(catalog.iter_reviews()) == []


def test_head_revision_constant_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from catalog.db import HEAD_REVISION, _alembic_config

    assert ScriptDirectory.from_config(_alembic_config()).get_heads() == [HEAD_REVISION]


CHECK_IMPORT = ("import sys; from catalog import Catalog; Catalog(sys.argv[1]).close(); "
                "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))")


def test_open_at_head_never_imports_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'head.db'}"
    first = _alembic_modules_after_open(url)
    assert "alembic.command" in first  # a fresh file: Alembic migrates it
    assert _alembic_modules_after_open(url) == "[]"


def _alembic_modules_after_open(url: str) -> str:
    done = subprocess.run([sys.executable, "-c", CHECK_IMPORT, url], check=True, capture_output=True,
                          text=True, timeout=120)
    return done.stdout.strip()


def test_open_upgrades_an_older_revision(any_db_url: str) -> None:
    from alembic import command

    from catalog.db import HEAD_REVISION, _alembic_config

    Catalog(any_db_url).close()
    engine = sa.create_engine(any_db_url)
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0002")
        assert _versions(any_db_url) == ["0002"]
        with Catalog(any_db_url) as cat:
            cat.heartbeat(cat.start_run("crawl", ["a.test"]))  # 0003 and 0004 are back
        assert _versions(any_db_url) == [HEAD_REVISION]
    finally:
        engine.dispose()

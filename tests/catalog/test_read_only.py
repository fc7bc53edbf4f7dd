"""A catalogue on a read-only directory (a copy mounted for analysts): the read commands work and write nothing."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from catalog import Catalog
from tests.query.catalogue import RECORDS, build

FILMCAT = [sys.executable, "-c", "from scraper.cli import main; main()"]
READ_COMMANDS = (["export", "reviews"], ["export", "films"], ["search", "sternfall", "--format", "json"],
                 ["show", "Die Stille der Berge", "--format", "json"], ["report", "disambiguation", "--format", "json"],
                 ["runs", "--json"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(FILMCAT + list(args), capture_output=True, text=True, timeout=120, check=False)


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make `paths` unwritable, for root too (CI runs the tests as root, and root ignores modes):
    root gets the immutable attribute (chattr +i), others a mode without write bits. Skips the test
    when neither makes a file creation fail here (a filesystem without attributes, no chattr)."""
    modes = {p: p.stat().st_mode for p in paths}
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", *map(str, paths)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True, check=False)
            pytest.skip(f"running as root and chattr +i is unavailable here: {done.stderr.strip()[:200]}")
    else:
        for p in paths:
            p.chmod(modes[p] & ~0o222)
    try:
        folder = next(p for p in paths if p.is_dir())
        try:
            (folder / ".probe").touch()
        except OSError:
            pass
        else:
            (folder / ".probe").unlink()
            pytest.skip(f"{folder} stays writable for this user")
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", *map(str, paths)], capture_output=True, check=False)
        for p, mode in modes.items():
            p.chmod(mode)


def _outputs(db: str) -> dict[str, str]:
    out = {}
    for args in READ_COMMANDS:
        done = run(*args, "--db", db)
        assert done.returncode == 0, (args, done.stderr)
        assert "Traceback" not in done.stderr
        out[" ".join(args)] = "\n".join(line for line in done.stdout.splitlines() if '"generated_at"' not in line)
    return out


@pytest.fixture()
def catalogue(tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "ro"
    folder.mkdir()
    db = f"sqlite:///{folder / 'catalog.db'}"
    build(db)
    return folder, db


def test_read_commands_on_a_read_only_directory(catalogue: tuple[Path, str]) -> None:
    folder, db = catalogue
    before = _outputs(db)
    assert not (folder / "catalog.db-wal").exists()  # closed cleanly: opened with immutable=1
    files = sorted(os.listdir(folder))
    with read_only(folder):
        after = _outputs(db)
        assert sorted(os.listdir(folder)) == files
    assert after == before
    assert len(after["export reviews"].splitlines()) == len(RECORDS)
    assert json.loads(after["search sternfall --format json"])


def test_read_only_file_in_a_writable_directory(catalogue: tuple[Path, str]) -> None:
    folder, db = catalogue
    before = _outputs(db)
    with read_only(folder / "catalog.db", folder):
        assert _outputs(db) == before


def test_read_only_sees_commits_still_in_the_wal(catalogue: tuple[Path, str]) -> None:
    """A writer keeps the -wal (its commits not yet checkpointed): the read-only open reads them too."""
    folder, db = catalogue
    writer = sqlite3.connect(folder / "catalog.db")
    try:
        writer.execute("PRAGMA wal_autocheckpoint=0")
        writer.execute("UPDATE reviews SET title = 'Sternfall Neu' WHERE url LIKE '%sternfall-2022%'")
        writer.commit()
        assert (folder / "catalog.db-wal").stat().st_size > 0
        with read_only(folder):
            done = run("export", "reviews", "--db", db)
    finally:
        writer.close()
    assert done.returncode == 0, done.stderr
    titles = {json.loads(line)["title"] for line in done.stdout.splitlines()}
    assert "Sternfall Neu" in titles


def test_read_only_catalogue_is_never_written(catalogue: tuple[Path, str]) -> None:
    folder, db = catalogue
    with read_only(folder):
        with Catalog(db, reading=True) as cat:
            assert cat.read_only
            assert len(list(cat.iter_reviews())) == len(RECORDS)
        with Catalog(db, reading=True) as cat, pytest.raises(Exception, match="readonly|read-only"):
            cat.record_rejection("http://kino-a.example/x/", "test")
        writing = run("resolve", "--db", db)  # a writing command: one line, non-zero
    assert writing.returncode != 0
    assert len(writing.stderr.strip().splitlines()) == 1 and "open it read-only" in writing.stderr, writing.stderr


def test_read_only_catalogue_of_an_older_schema_is_a_one_line_error(catalogue: tuple[Path, str]) -> None:
    folder, db = catalogue
    with sqlite3.connect(folder / "catalog.db") as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0003'")
    with read_only(folder):
        done = run("export", "reviews", "--db", db)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1 and "0003" in done.stderr, done.stderr


def test_a_writable_catalogue_is_opened_as_before(catalogue: tuple[Path, str]) -> None:
    _, db = catalogue
    with Catalog(db, reading=True) as cat:
        assert not cat.read_only


@contextmanager
def select_only_role(url: str) -> Iterator[str]:
    """A login role that may only read the catalogue at `url` (SELECT on its tables); its URL."""
    import psycopg
    from sqlalchemy.engine import make_url

    owner = make_url(url)
    role, secret = f"reader_{uuid.uuid4().hex[:10]}", uuid.uuid4().hex
    conninfo = {"host": owner.host, "port": owner.port, "user": owner.username, "password": owner.password}

    def admin(database: str, *statements: str) -> None:
        with psycopg.connect(**conninfo, dbname=database, autocommit=True) as conn:  # type: ignore[arg-type]
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    admin(str(owner.database), f"CREATE ROLE {role} LOGIN PASSWORD '{secret}'",
          f'GRANT CONNECT ON DATABASE "{owner.database}" TO {role}', f"GRANT USAGE ON SCHEMA public TO {role}",
          f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    try:
        yield owner.set(username=role, password=secret).render_as_string(hide_password=False)
    finally:
        admin(str(owner.database), f"DROP OWNED BY {role}")
        admin("postgres", f"DROP ROLE {role}")


@pytest.mark.postgres
def test_a_select_only_postgres_role_reads_and_writes_nothing(pg_url: str) -> None:
    """A PostgreSQL role granted only SELECT (analysts, a reporting account): the read commands give
    what the owner's give, nothing is migrated or re-indexed; a writing command is one line."""
    from sqlalchemy import text

    build(pg_url)
    with Catalog(pg_url, reading=True) as owner:
        assert not owner.read_only
        films = len(list(owner.iter_films()))
        with owner.engine.begin() as conn:   # a film waits to be re-indexed: the reader must not try
            conn.execute(text("UPDATE reviews SET title = 'Sternfall Neu' WHERE url LIKE '%sternfall-2022%'"))
    with select_only_role(pg_url) as reader:
        with Catalog(reader, reading=True) as cat:
            assert cat.read_only
            assert len(list(cat.iter_reviews())) == len(RECORDS)
        out = _outputs(reader)   # each exits 0 without a traceback
        writing = run("resolve", "--db", reader)
    assert len(out["export reviews"].splitlines()) == len(RECORDS)
    assert "Sternfall Neu" in {json.loads(line)["title"] for line in out["export reviews"].splitlines()}
    assert len(out["export films"].splitlines()) == films
    assert json.loads(out["search sternfall --format json"])
    assert writing.returncode != 0
    assert len(writing.stderr.strip().splitlines()) == 1 and "permission denied" in writing.stderr, writing.stderr

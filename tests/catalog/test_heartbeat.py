"""Run heartbeats and stale runs (revision 0004), and the revision's upgrade and downgrade."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from alembic import command

from catalog import Catalog, QueryError
from catalog.db import _alembic_config
from catalog.models import Run, utcnow

HOUR = timedelta(hours=1)


def _age(cat: Catalog, run_id: int, *, started: timedelta, beat: timedelta | None = None) -> None:
    """Move a run's start (and heartbeat) into the past."""
    values = {"started_at": utcnow() - started, "heartbeat_at": None if beat is None else utcnow() - beat}
    with cat.engine.begin() as conn:
        conn.execute(sa.update(Run).where(Run.id == run_id).values(**values))


def test_heartbeat_stamps_time_and_counts(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["a.test"])
        before = utcnow()
        assert cat.heartbeat(run) is True
        (row,) = list(cat.iter_runs())
        assert row["counts"] == {} and row["heartbeat_at"] is not None
        assert cat.heartbeat(run, {"fetched": 12, "new": 3}) is True
        (row,) = list(cat.iter_runs())
        assert row["counts"] == {"fetched": 12, "new": 3} and row["status"] == "running"
        assert row["heartbeat_at"].replace(tzinfo=before.tzinfo) >= before - timedelta(seconds=1)


def test_heartbeat_of_a_closed_or_unknown_run_is_refused(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["a.test"])
        cat.finish_run(run, {"fetched": 5}, status="interrupted")
        assert cat.heartbeat(run, {"fetched": 9}) is False
        assert cat.heartbeat(run + 100) is False
        (row,) = list(cat.iter_runs())
        assert row["counts"] == {"fetched": 5} and row["heartbeat_at"] is None


def test_stale_runs_by_kind_site_and_last_sign_of_life(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        silent = cat.start_run("crawl", ["a.test", "b.test"])
        beating = cat.start_run("crawl", ["a.test"])
        late_beat = cat.start_run("crawl", ["b.test"])
        other_site = cat.start_run("crawl", ["c.test"])
        other_kind = cat.start_run("reparse", ["a.test"])
        done = cat.start_run("crawl", ["a.test"])
        cat.start_run("crawl", ["a.test"])  # just started: not stale
        for run in (silent, other_site, other_kind, done):
            _age(cat, run, started=2 * HOUR)
        _age(cat, beating, started=3 * HOUR, beat=timedelta(minutes=5))
        _age(cat, late_beat, started=3 * HOUR, beat=timedelta(minutes=90))
        cat.finish_run(done, {})
        ids = [r["id"] for r in cat.stale_runs("crawl", ["a.test", "b.test"], HOUR)]
        assert ids == [silent, late_beat]
        assert [r["id"] for r in cat.stale_runs("crawl", "b.test", HOUR)] == [silent, late_beat]
        assert [r["id"] for r in cat.stale_runs("crawl", None, HOUR)] == [silent, late_beat, other_site]
        assert [r["id"] for r in cat.stale_runs("crawl", ["a.test"], 4 * HOUR)] == []
        with pytest.raises(QueryError):
            cat.stale_runs("crawl", None, 3600)  # type: ignore[arg-type]


def _columns(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return {c["name"] for c in sa.inspect(engine).get_columns("runs")}
    finally:
        engine.dispose()


def _alembic(url: str, action: str, revision: str) -> None:
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, revision)
    finally:
        engine.dispose()


def test_revision_0004_up_and_down_keeps_runs(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["a.test"])
        cat.heartbeat(run, {"fetched": 1})
    url = any_db_url.replace("postgresql://", "postgresql+psycopg://")
    assert "heartbeat_at" in _columns(url)
    _alembic(url, "downgrade", "0003")
    assert "heartbeat_at" not in _columns(url)
    _alembic(url, "upgrade", "0004")
    assert "heartbeat_at" in _columns(url)
    with Catalog(any_db_url) as cat:
        (row,) = list(cat.iter_runs())
        assert row["id"] == run and row["counts"] == {"fetched": 1} and row["heartbeat_at"] is None
        assert cat.heartbeat(run) is True

"""The twin process of a full resolution gives the serial result, and its failures lose nothing."""
from __future__ import annotations

import os
import signal
import time
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from bench.synth import generate
from catalog import Catalog
from catalog.models import Film, FilmLink, Review, ReviewKey
from catalog.resolve import ahead, persist, pipeline, resolve, twin, twin_job
from tests.resolve.test_scale_parallel import outcome

PARENT = os.getpid()


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return list(generate(1500, seed=11))


@pytest.fixture(scope="module")
def serial(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Any]:
    """Links and films of the serial run (SQLite file)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'serial.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(twin.WORKERS_ENV, "1")
        with Catalog(url) as cat:
            cat.upsert_reviews(records)
            stats = resolve(cat.engine, full=True)
            assert not any(k.startswith("twin_") for k in stats.timings)
            return outcome(cat), stored_keys(cat)


@pytest.fixture
def forced(monkeypatch: pytest.MonkeyPatch) -> None:
    """The twin starts for this small catalogue, at its parent's priority."""
    if not twin.can_fork():
        pytest.skip("no fork here")
    monkeypatch.delenv(twin.WORKERS_ENV, raising=False)
    monkeypatch.setattr(twin, "MIN_REVIEWS", 10)
    monkeypatch.setattr(twin, "TWIN_NICE", 0)
    monkeypatch.setattr(twin, "_cores", lambda: 2)
    fork = twin._fork

    def recorded(*args: Any) -> Any:
        tw = fork(*args)
        STARTED.append(tw.pid)
        return tw

    monkeypatch.setattr(twin, "_fork", recorded)


def slow_parent(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent scores and builds film facts slowly, so the twin takes most chunks."""
    scored, films = pipeline._Scoring.scored, pipeline._film_chunk

    def scored_slowly(self: Any, *args: Any) -> Any:
        if os.getpid() == PARENT:
            time.sleep(0.2)
        return scored(self, *args)

    def films_slowly(*args: Any) -> Any:
        if os.getpid() == PARENT:
            time.sleep(0.2)
        return films(*args)

    monkeypatch.setattr(pipeline._Scoring, "scored", scored_slowly)
    monkeypatch.setattr(pipeline, "_film_chunk", films_slowly)
    monkeypatch.setattr(pipeline, "MIN_CHUNK", 50)
    monkeypatch.setattr(pipeline, "CHUNKS", 8)


def twin_run(url: str, records: list[dict[str, Any]], again: bool = False) -> tuple[dict[str, float], Any]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        stats = resolve(cat.engine, full=True)
        if again:  # an unchanged catalogue: the twin's pre-encoded films equal the stored ones, none rewritten
            before = stamps(cat)
            resolve(cat.engine, full=True)
            assert stamps(cat) == before
        return stats.timings, (outcome(cat), stored_keys(cat))


def stored_keys(cat: Catalog) -> list[tuple[str, str]]:
    """The blocking keys stored for incremental attach, by review URL."""
    with cat.engine.connect() as conn:
        return sorted(conn.execute(select(Review.url, ReviewKey.key).join(Review, Review.id == ReviewKey.review_id)).all())


def stamps(cat: Catalog) -> dict[str, Any]:
    with cat.engine.connect() as conn:
        return dict(conn.execute(select(Film.id, Film.updated_at)).all())


STARTED: list[int] = []  # pids of the twins the tests started


def no_children_left() -> bool:
    """Every twin started so far has been reaped (no zombie, none still running)."""
    for pid in STARTED:
        try:
            os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            continue
        return False
    return bool(STARTED)


def test_twin_result_is_the_serial_one(records: list[dict[str, Any]], serial: Any, any_db_url: str, forced: None,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    slow_parent(monkeypatch)
    timings, result = twin_run(any_db_url, records, again=True)
    assert timings["twin_edges"] > 0.3 and timings["twin_films"] > 0.3  # the twin really did its share
    assert len(result[1]) > len(records)
    assert result == serial
    assert no_children_left()


@pytest.mark.parametrize("where", ["scoring", "films"])
def test_a_twin_killed_midway_loses_nothing(records: list[dict[str, Any]], serial: Any, db_url: str, forced: None,
                                            monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    slow_parent(monkeypatch)
    scored, films = pipeline._Scoring.scored, pipeline._film_chunk
    calls = [0]

    def dies(func: Any) -> Any:
        def run(*args: Any) -> Any:
            calls[0] += 1
            if os.getpid() != PARENT and calls[0] > 2:
                os.kill(os.getpid(), signal.SIGKILL)  # as the out-of-memory killer would
            return func(*args)
        return run

    if where == "scoring":
        monkeypatch.setattr(pipeline._Scoring, "scored", dies(scored))
    else:
        monkeypatch.setattr(pipeline, "_film_chunk", dies(films))
    assert twin_run(db_url, records)[1] == serial
    assert no_children_left()


def test_a_failing_twin_or_one_reading_other_rows_is_given_up(records: list[dict[str, Any]], serial: Any,
                                                             db_url: str, tmp_path: Any, forced: None,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    slow_parent(monkeypatch)
    checked = persist.load_rows_checked

    def other_rows(conn: Any) -> Any:  # as if a crawler had written between the two reads
        rows, fingerprint = checked(conn)
        return rows, fingerprint + (os.getpid() != PARENT)

    monkeypatch.setattr(persist, "load_rows_checked", other_rows)
    timings, result = twin_run(db_url, records)
    assert result == serial and timings["twin_edges"] == 0 and timings["twin_films"] == 0
    assert timings["twin_keys"] == 0 and "keys_ahead" in timings  # its own keys, written while it clustered
    monkeypatch.setattr(persist, "load_rows_checked", checked)

    def fails(*_: Any) -> Any:
        raise RuntimeError("broken twin")

    monkeypatch.setattr(twin_job, "unpack_groups", fails)  # only the twin unpacks the groups
    timings, result = twin_run(f"sqlite:///{tmp_path / 'failing.db'}", records)
    assert result == serial and timings["twin_films"] == 0
    assert no_children_left()


def test_serial_when_asked_in_memory_or_small(monkeypatch: pytest.MonkeyPatch, db_url: str) -> None:
    monkeypatch.setattr(twin, "_cores", lambda: 2)
    monkeypatch.delenv(twin.WORKERS_ENV, raising=False)
    with Catalog(db_url) as cat, cat.engine.connect() as conn:
        assert twin.wanted(conn, twin.MIN_REVIEWS) == twin.can_fork()
        assert not twin.wanted(conn, twin.MIN_REVIEWS - 1)
        monkeypatch.setenv(twin.WORKERS_ENV, "1")
        assert not twin.wanted(conn, twin.MIN_REVIEWS)
    monkeypatch.delenv(twin.WORKERS_ENV)
    with Catalog("sqlite://") as cat, cat.engine.connect() as conn:
        assert not twin.wanted(conn, twin.MIN_REVIEWS)  # private to its connection: the twin could not read it
    for url in ("sqlite:///:memory:", "sqlite:///file::memory:?cache=shared&uri=true",
                "sqlite:///file:mem1?mode=memory&cache=shared&uri=true"):
        assert not twin._sqlite_file(make_url(url))
    monkeypatch.setattr(twin, "_cores", lambda: 1)
    with Catalog(db_url) as cat, cat.engine.connect() as conn:
        assert not twin.wanted(conn, twin.MIN_REVIEWS)


def test_the_twin_dies_with_its_parent(db_url: str) -> None:
    if not twin.can_fork():
        pytest.skip("no fork here")
    Catalog(db_url).close()
    read, write = os.pipe()
    middle = os.fork()
    if middle == 0:  # a parent that starts a twin and dies without closing it
        try:
            with Catalog(db_url) as cat, cat.engine.connect() as conn:
                tw = twin._fork(conn.engine.url, lambda child: time.sleep(60))
                os.write(write, str(tw.pid).encode())
        finally:
            os._exit(0)
    os.close(write)
    pid = int(os.read(read, 64))
    os.close(read)
    os.waitpid(middle, 0)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _running(pid):
        time.sleep(0.05)
    assert not _running(pid)


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] not in ("Z", "X")
    except FileNotFoundError:
        return False


def test_closing_a_twin_that_never_reads_is_quick_and_quiet(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if not twin.can_fork():
        pytest.skip("no fork here")
    errors: list[Any] = []
    monkeypatch.setattr("threading.excepthook", errors.append)
    Catalog(db_url).close()
    with Catalog(db_url) as cat, cat.engine.connect() as conn:
        tw = twin._fork(conn.engine.url, lambda child: time.sleep(60))  # busy: never reads its pipe
        tw.send("groups", b"x" * 20_000_000)  # far more than a socket buffer: the writer blocks
        t = time.monotonic()
        tw.close()
        assert time.monotonic() - t < 5
    assert errors == [] and not _running(tw.pid)


def slow_cluster(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parent's clustering takes a while, so the twin's keys arrive while it runs."""
    real = pipeline.cluster

    def slowly(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.8)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "cluster", slowly)


def keys_index(cat: Catalog) -> bool:
    """Whether review_keys has its secondary index (SQLite)."""
    with cat.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'ix_review_keys_review'").first() is not None


def test_keys_written_while_the_parent_clusters_are_the_serial_ones(records: list[dict[str, Any]], serial: Any,
                                                                    any_db_url: str, forced: None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    slow_parent(monkeypatch)
    slow_cluster(monkeypatch)
    timings, result = twin_run(any_db_url, records, again=True)
    assert result == serial
    sqlite = any_db_url.startswith("sqlite")
    assert timings["twin_keys"] == float(sqlite) and ("keys_ahead" in timings) == sqlite  # PostgreSQL: the parent writes them
    if sqlite:
        with Catalog(any_db_url) as cat:
            assert keys_index(cat)
    assert no_children_left()


@pytest.mark.parametrize("how", ["killed", "hung", "refused"])
def test_keys_the_twin_loses_or_the_database_refuses_are_written_by_the_parent(
        records: list[dict[str, Any]], serial: Any, db_url: str, forced: None, monkeypatch: pytest.MonkeyPatch,
        how: str) -> None:
    slow_cluster(monkeypatch)
    text = ahead.keys_text

    def lost(rows: Any) -> str:
        if os.getpid() != PARENT:
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            time.sleep(120)  # hung: the parent never waits for it
        return text(rows)

    if how == "refused":  # a statement the database rejects at run time (NOT NULL)
        monkeypatch.setattr(ahead, "KEYS_FROM_JSON", 'INSERT INTO review_keys ("key", review_id) '
                                                     "SELECT NULL, 1 FROM json_each(?)")
    else:
        monkeypatch.setattr(ahead, "keys_text", lost)
    t = time.monotonic()
    timings, result = twin_run(db_url, records)
    assert time.monotonic() - t < 60
    assert result == serial and timings["twin_keys"] == 0
    with Catalog(db_url) as cat:
        assert keys_index(cat)
    assert no_children_left()


def test_a_run_failing_after_the_keys_were_written_leaves_the_catalogue_as_it_was(
        records: list[dict[str, Any]], db_url: str, forced: None, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_cluster(monkeypatch)

    def broken(*_: Any) -> None:
        raise RuntimeError("disk gone")

    monkeypatch.setattr(persist, "drop_redirects_of_live_ids", broken)  # after every write of the run
    with Catalog(db_url) as cat:
        cat.upsert_reviews(records)
        with pytest.raises(RuntimeError):
            resolve(cat.engine, full=True)
        with cat.engine.connect() as conn:  # one transaction: what the threads wrote is rolled back too
            for table in (ReviewKey, Film, FilmLink):
                assert conn.execute(select(table).limit(1)).first() is None
        assert keys_index(cat)
    assert no_children_left()

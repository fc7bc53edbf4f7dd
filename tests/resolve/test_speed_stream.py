"""Films inserted by a thread while their facts are built (ahead.films_meanwhile) are the serial ones, and a failure loses or leaves nothing."""
from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from sqlalchemy import literal_column, select

from catalog import Catalog
from catalog.models import Film, FilmLink, ReviewKey
from catalog.resolve import ahead, persist, resolve, twin
from tests.resolve import test_speed_twin as twin_tests
from tests.resolve.test_scale_parallel import outcome

# the twin tests' fixtures (their 1,500 synthetic records, the serial result, a twin forced to start)
records, serial, forced = twin_tests.records, twin_tests.serial, twin_tests.forced
PARENT, no_children_left, slow_parent, stored_keys = (twin_tests.PARENT, twin_tests.no_children_left,
                                                      twin_tests.slow_parent, twin_tests.stored_keys)


def films_as_stored(cat: Catalog) -> list[tuple[Any, ...]]:
    """Every film column but the timestamps, in the table's physical (rowid) order on SQLite."""
    cols = [getattr(Film, c) for c in ("id", *persist.FILM_FIELDS)]
    order = literal_column("rowid") if cat.engine.dialect.name == "sqlite" else Film.id
    with cat.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(select(*cols).order_by(order))]


@pytest.fixture(scope="module")
def serial_films(records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    """Every film of the serial run (SQLite file), in rowid order."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial_films') / 'serial.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(twin.WORKERS_ENV, "1")
        with Catalog(url) as cat:
            cat.upsert_reviews(records)
            resolve(cat.engine, full=True)
            return films_as_stored(cat)


def run(url: str, records: list[dict[str, Any]]) -> tuple[dict[str, float], Any, list[tuple[Any, ...]], bool]:
    """(timings, (links and films, keys), films in rowid order, whether every film has one timestamp) of a twin run."""
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        timings = resolve(cat.engine, full=True).timings
        with cat.engine.connect() as conn:
            stamps = set(conn.execute(select(Film.created_at, Film.updated_at)).all())
        return timings, (outcome(cat), stored_keys(cat)), films_as_stored(cat), len(stamps) == 1


def test_streamed_films_are_the_serial_ones(records: list[dict[str, Any]], serial: Any, serial_films: Any,
                                            any_db_url: str, forced: None, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_parent(monkeypatch)  # the twin builds many of the chunks: both kinds go through the stream
    monkeypatch.setattr(ahead, "FILMS_PER_INSERT", 7)  # chunks of several statements, the last one shorter
    timings, result, films, one_stamp = run(any_db_url, records)
    assert result == serial and timings["twin_films"] > 0.3
    sqlite = any_db_url.startswith("sqlite")
    assert ("films_ahead" in timings) == sqlite  # PostgreSQL: the films are written as before
    if sqlite:
        assert films == serial_films  # values and rowids: those of the sorted serial insert
        assert one_stamp
    else:
        assert films == sorted(serial_films)
    assert no_children_left()


@pytest.mark.parametrize("how", ["refused", "unbindable"])
def test_a_chunk_the_stream_cannot_write_leaves_the_rest_to_the_serial_write(
        records: list[dict[str, Any]], serial: Any, serial_films: Any, db_url: str, forced: None,
        monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    slow_parent(monkeypatch)
    write, calls = ahead.FilmStream._write, [0]

    def third_fails(self: Any, cur: Any, rows: list[tuple[Any, ...]]) -> None:
        calls[0] += 1
        if calls[0] == 3:
            if how == "refused":  # mid-chunk: its first statement went in, the next one is rejected (NOT NULL)
                write(self, cur, rows[:1])
                cur.execute(ahead.films_insert(1), [None] * len(persist.FILM_COLUMNS))
            rows = [(*rows[0][:-1], {"not": "encoded"}), *rows[1:]]  # the driver cannot bind a dict
        write(self, cur, rows)

    monkeypatch.setattr(ahead.FilmStream, "_write", third_fails)
    _, result, films, _ = run(db_url, records)
    assert calls[0] >= 3 and result == serial
    assert films == serial_films  # the films stored before the failure are kept, the others follow in order
    assert no_children_left()


def test_a_run_failing_while_films_are_streamed_writes_nothing(records: list[dict[str, Any]], db_url: str,
                                                               forced: None, monkeypatch: pytest.MonkeyPatch) -> None:
    slow_parent(monkeypatch)
    put, write, written = ahead.FilmStream.put, ahead.FilmStream._write, [0]

    def counted(self: Any, *args: Any) -> None:
        write(self, *args)
        written[0] += 1

    def fails_later(self: Any, rows: Any) -> None:  # the main thread fails while the stream is at work
        if self.put_n == 3:
            deadline = time.monotonic() + 10
            while not written[0] and time.monotonic() < deadline:
                time.sleep(0.01)
            raise RuntimeError("consensus failed")
        put(self, rows)

    monkeypatch.setattr(ahead.FilmStream, "_write", counted)
    monkeypatch.setattr(ahead.FilmStream, "put", fails_later)
    with Catalog(db_url) as cat:
        cat.upsert_reviews(records)
        with pytest.raises(RuntimeError, match="consensus failed"):
            resolve(cat.engine, full=True)
        with cat.engine.connect() as conn:
            for table in (Film, FilmLink, ReviewKey):
                assert conn.execute(select(table).limit(1)).first() is None
    assert written[0] >= 1
    assert not any(t.name == "filmcat-films-writer" for t in threading.enumerate())
    assert no_children_left()


"""Two crawls writing one catalogue: a write that loses a race to the other runs again, nothing is lost.

The race is made to happen, not hoped for: just before this catalogue's INSERT reaches the
database, a second Catalog (its own engine and connection) writes the same row and commits.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, func, select

from catalog import Catalog, DatabaseError
from catalog.models import Page, Review

URL = "http://site.test/r/1/"
REC = {"url": URL, "site": "site.test", "title": "Film", "year": 2001}
OTHER = {"url": "http://site.test/r/2/", "site": "site.test", "title": "Other Film", "year": 2002}


def _before_insert(cat: Catalog, table: str, action: Callable[[], Any], times: int = 1,
                   statement_start: str = "INSERT INTO {table} ") -> list[int]:
    """Run `action` (on another connection) just before the next `times` INSERTs into `table`."""
    fired: list[int] = []
    start = statement_start.format(table=table).upper()

    def hook(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if len(fired) < times and " ".join(statement.split()).upper().startswith(start):
            fired.append(1)
            action()

    event.listen(cat.engine, "before_cursor_execute", hook)
    return fired


def _count(cat: Catalog, model: Any) -> int:
    with cat.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())


def test_review_inserted_meanwhile_is_updated_not_lost(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat, Catalog(any_db_url) as rival:
        fired = _before_insert(cat, "reviews", lambda: rival.upsert_reviews([REC]))
        results = cat.upsert_reviews([OTHER, REC])  # the whole batch, not just the row that lost
        assert fired == [1]
        assert [r.status for r in results] == ["new", "unchanged"]
        assert _count(cat, Review) == 2


def test_changed_review_inserted_meanwhile_becomes_a_change(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat, Catalog(any_db_url) as rival:
        _before_insert(cat, "reviews", lambda: rival.upsert_reviews([{**REC, "year": 1999}]))
        assert cat.upsert_review(REC).status == "changed"
        assert [r["year"] for r in cat.iter_reviews()] == [2001]


def test_page_stored_meanwhile_is_replaced(any_db_url: str) -> None:
    def store(cat: Catalog, body: bytes) -> Any:
        return cat.store_page(url=URL, status=200, headers={}, body=body)

    with Catalog(any_db_url) as cat, Catalog(any_db_url) as rival:
        _before_insert(cat, "pages", lambda: store(rival, b"<html>rival</html>"))
        stored = store(cat, b"<html>mine</html>")
        assert stored.changed
        assert _count(cat, Page) == 1
        assert [p.body for p in cat.iter_pages()] == [b"<html>mine</html>"]


def test_a_real_integrity_error_still_fails_in_one_line(any_db_url: str) -> None:
    """A violation that no retry can mend (here: the rival wins every time) ends as one DatabaseError."""
    with Catalog(any_db_url) as cat, Catalog(any_db_url) as rival:
        def delete() -> None:
            with rival.engine.begin() as conn:
                conn.execute(Review.__table__.delete())

        _before_insert(cat, "reviews", delete, times=100, statement_start="SELECT {table}.")  # each read finds none
        fired = _before_insert(cat, "reviews", lambda: rival.upsert_reviews([REC]), times=100)  # each insert loses
        with pytest.raises(DatabaseError) as info:
            cat.upsert_reviews([REC])
        assert len(fired) == 4  # catalog.api.WRITE_ATTEMPTS
        assert "\n" not in str(info.value) and "upsert_reviews" in str(info.value)


def test_resolution_that_loses_the_race_runs_again(any_db_url: str) -> None:
    """Another resolver (not under the resolution lock) links the same reviews first: a unique
    violation on film_links, and the resolution runs again instead of failing (probe 4, F2)."""
    from catalog.models import FilmLink
    from catalog.resolve import resolve

    with Catalog(any_db_url) as cat, Catalog(any_db_url) as rival:
        cat.upsert_reviews([REC, OTHER])
        fired = _before_insert(cat, "film_links", lambda: resolve(rival.engine))
        cat.resolve()
        assert fired == [1]
        assert _count(cat, FilmLink) == 2
        assert all(r["film_id"] for r in cat.iter_reviews())


def test_resolutions_of_one_catalogue_run_one_after_the_other(any_db_url: str) -> None:
    """Two crawls into one catalogue resolve at the end: the second waits for the first's lock."""
    import threading
    import time

    from catalog.db import resolution_lock

    with Catalog(any_db_url) as holder, Catalog(any_db_url) as cat:
        cat.upsert_reviews([REC])
        held, release, done = threading.Event(), threading.Event(), []

        def hold() -> None:
            with resolution_lock(holder.engine):
                held.set()
                release.wait(10)

        thread = threading.Thread(target=hold)
        thread.start()
        held.wait(5)
        worker = threading.Thread(target=lambda: done.append(cat.resolve()))
        worker.start()
        time.sleep(0.5)
        assert not done  # waiting for the lock
        release.set()
        worker.join(10)
        thread.join(5)
        assert done and all(r["film_id"] for r in cat.iter_reviews())

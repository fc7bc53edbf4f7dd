"""Catalog.trusted_page_state: a stored copy is trusted when its run completed or recorded its outcome."""
from __future__ import annotations

from catalog import Catalog

URL = "http://site.test/review/a/"
HEADERS = {"ETag": '"v1"', "Content-Type": "text/html"}
REC = {"url": URL, "site": "site.test", "title": "A Film", "year": 2020}


def _store(cat: Catalog, run_id: int | None, url: str = URL) -> None:
    cat.store_page(url=url, status=200, headers=HEADERS, body=b"<html>a</html>", run_id=run_id)


def test_never_fetched_is_untrusted(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        assert cat.trusted_page_state(URL) is None


def test_completed_runs_are_trusted_without_outcomes(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        for status in ("finished", "stopped"):
            run = cat.start_run("crawl", ["site.test"])
            url = f"{URL}{status}"
            _store(cat, run, url)
            cat.finish_run(run, {}, status=status)
            state = cat.trusted_page_state(url)
            assert state is not None and state.etag == '"v1"'


def test_unfinished_run_needs_its_own_outcome(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        older = cat.start_run("crawl", ["site.test"])
        cat.record_rejection(URL, "not a review", run_id=older)  # an outcome of another run counts for nothing
        cat.finish_run(older, {})
        run = cat.start_run("crawl", ["site.test"])
        _store(cat, run)
        assert cat.trusted_page_state(URL) is None  # still running, nothing recorded yet
        cat.finish_run(run, {}, status="interrupted")
        assert cat.trusted_page_state(URL) is None  # killed before the outcome was flushed
        cat.upsert_review(REC, run_id=run)
        assert cat.trusted_page_state(URL) is not None


def test_rejection_of_the_storing_run_counts(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["site.test"])
        _store(cat, run)
        cat.record_rejection(URL, "not a review: no film facts", run_id=run)
        assert cat.trusted_page_state(URL) is not None  # trusted while the run is still running


def test_page_of_no_run_needs_any_outcome(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        _store(cat, None)
        assert cat.trusted_page_state(URL) is None
        cat.upsert_review(REC)
        assert cat.trusted_page_state(URL) is not None


def test_confirming_run_decides(any_db_url: str) -> None:
    """A 304 from a newer run makes that run the copy's owner; its fate decides the trust."""
    with Catalog(any_db_url) as cat:
        first = cat.start_run("crawl", ["site.test"])
        _store(cat, first)
        cat.finish_run(first, {})
        assert cat.trusted_page_state(URL) is not None
        second = cat.start_run("crawl", ["site.test"])
        cat.mark_not_modified(URL, run_id=second)
        assert cat.trusted_page_state(URL) is None  # second run still running, recorded nothing
        cat.finish_run(second, {})
        assert cat.trusted_page_state(URL) is not None


def test_failure_since_the_fetch_distrusts_even_a_completed_run(any_db_url: str) -> None:
    """A review that failed to be written is not skipped by the next crawl as 'unchanged'."""
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["site.test"])
        _store(cat, run)
        cat.record_rejection(URL, "storing failed: could not serialize access", run_id=run)
        cat.finish_run(run, {})
        assert cat.trusted_page_state(URL) is None
        again = cat.start_run("crawl", ["site.test"])
        _store(cat, again)                      # fetched anew: this copy's outcome is this run's
        cat.upsert_review(REC, run_id=again)
        cat.finish_run(again, {})
        assert cat.trusted_page_state(URL) is not None


def test_failure_recorded_by_another_run_distrusts_the_copy(any_db_url: str) -> None:
    """Two crawls at once: one stored the page, then lost writing its review; the other must extract it."""
    with Catalog(any_db_url) as cat:
        first, second = cat.start_run("crawl", ["site.test"]), cat.start_run("crawl", ["site.test"])
        _store(cat, first)
        cat.record_rejection(URL, "extraction failed: storing failed: duplicate key", run_id=first)
        assert cat.trusted_page_state(URL) is None
        _store(cat, second)
        cat.record_rejection(URL, "not a review: no film facts", run_id=second)
        assert cat.trusted_page_state(URL) is not None  # a verdict for the copy fetched after the failure


def test_a_verdict_rejection_keeps_the_copy_trusted(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["site.test"])
        _store(cat, run)
        cat.record_rejection(URL, "not a review: storing failed is only quoted here", run_id=run)
        cat.finish_run(run, {})
        assert cat.trusted_page_state(URL) is not None

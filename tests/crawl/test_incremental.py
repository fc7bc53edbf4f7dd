"""Re-crawls: sitemap lastmod, ETag 304s, unchanged bytes, and a changed review updated with history."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert, select

from catalog import Catalog
from catalog.models import Page, Rejection, ReviewHistory
from scraper.middlewares.incremental import parse_lastmod, plausible_lastmod, unchanged_since
from tests.httpserver import Handler, SiteServer, assert_no_traceback, conditional, page, raw, run_cli, serve

REVIEW = "2023/10/06/ballerina-kritik-netflix/index.html"   # a family-A review of the dev corpus


@pytest.mark.parametrize("new, old, same", [
    ("2024-01-01", "2024-01-01", True),
    ("2024-01-01T10:00:00+02:00", "2024-01-01T09:00:00+01:00", True),
    ("2024-01-02", "2024-01-01", False),
    ("garbage", "2024-01-01", False),
    ("2024-01-01", None, False),
    (None, "2024-01-01", False),
    ("2024-01-01", "9999-12-31T23:59:59+00:00", False),   # a stored future lastmod does not freeze the page
    ("9999-12-31", "9999-12-31", False),
    ("2023-13-45", "2024-01-01", False),
])
def test_unchanged_since(new: str | None, old: str | None, same: bool) -> None:
    assert unchanged_since(new, old) is same


def test_parse_lastmod_forms() -> None:
    assert parse_lastmod("2023-10-06T10:00:00Z") == parse_lastmod("2023-10-06T12:00:00+02:00")
    assert parse_lastmod("") is None and parse_lastmod("06.10.2023") is None


def test_plausible_lastmod_ignores_future_and_unreadable() -> None:
    now = parse_lastmod("2024-06-01T12:00:00Z")
    assert plausible_lastmod("2024-06-02T11:00:00Z", now) is not None       # within a day of clock skew
    assert plausible_lastmod("2024-06-03", now) is None
    assert plausible_lastmod("-1", now) is None and plausible_lastmod(None, now) is None


def _site(srv: SiteServer, review: bytes, lastmod: str, other: bytes) -> None:
    links = '<a href="/a/">a</a> <a href="/b/">b</a> <a href="/c/">c</a>'
    srv.routes.update({
        "/": page(f"<html><body><h1>Start</h1>{links}</body></html>"),
        "/robots.txt": page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n", ctype="text/plain"),
        "/sitemap.xml": page('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             f"<url><loc>{srv.origin}/a/</loc><lastmod>{lastmod}</lastmod></url></urlset>",
                             ctype="application/xml"),
        "/a/": raw(review),                                      # in the sitemap, with lastmod
        "/b/": conditional("<html><body><p>etag page</p></body></html>", '"v1"'),   # answers 304
        "/c/": raw(other),                                       # same bytes every time, no validators
    })


def _crawl(srv: SiteServer, db: str) -> dict:  # type: ignore[type-arg]
    proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    with Catalog(db) as catalog:
        return list(catalog.iter_runs())[-1]["counts"]


def test_recrawl_skips_unchanged_and_updates_changed(shared_dir: Path, tmp_path: Path) -> None:
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.90") as srv:
        _site(srv, review, "2024-01-01", review)
        first = _crawl(srv, db)
        assert first.get("reviews_new") == 2 and first["fetched"] == 4, first

        before = len(srv.requests)
        second = _crawl(srv, db)
        again = [p for _, p, _ in srv.requests[before:]]
        # a failure here names its cause: the counters of both runs and the paths asked for
        diagnosis = (first, second, again)
        assert "/a/" not in again, diagnosis             # sitemap lastmod not newer: not even requested
        assert second["not_modified_by_sitemap"] == 1, diagnosis
        assert second["not_modified"] == 2, diagnosis    # /a/ by lastmod, /b/ by its ETag (304)
        assert second["pages_unchanged"] >= 1, diagnosis  # /c/ and / fetched, same bytes: not re-extracted
        assert not second.get("reviews_new") and not second.get("reviews_changed"), diagnosis

        changed = review.replace(b"Bewertung: 3.5 von 5.", b"Bewertung: 4.5 von 5.", 1)
        _site(srv, changed, "2024-02-01", review)
        third = _crawl(srv, db)
        assert third["reviews_changed"] == 1 and not third.get("reviews_new"), third
    with Catalog(db) as catalog, catalog.session() as session:
        reviews = {r["url"].split("/", 3)[3]: r for r in catalog.iter_reviews()}
        history = list(session.scalars(select(ReviewHistory)))
    assert reviews["a/"]["rating"]["normalized"] == 90 and reviews["c/"]["rating"]["normalized"] == 70
    assert len(history) == 1 and history[0].record["rating"]["normalized"] == 70   # the old version kept


def _pages_without_outcomes(source: str, target: str, status: str) -> None:
    """Copy the pages of `source` into `target` as stored by a run that ended with `status` and
    recorded no review or rejection: what a crawl killed right after storing leaves behind."""
    with Catalog(source) as src, src.session() as session:
        rows = [{c.name: getattr(p, c.name) for c in Page.__table__.columns if c.name != "id"}
                for p in session.scalars(select(Page))]
    with Catalog(target) as catalog:
        run_id = catalog.start_run("crawl", ["x"], {"host": "elsewhere", "pid": 1})
        catalog.finish_run(run_id, {}, status=status)
        with catalog.engine.begin() as conn:
            conn.execute(insert(Page), [{**r, "run_id": run_id} for r in rows])


def test_pages_stored_without_outcome_are_extracted_again(shared_dir: Path, tmp_path: Path) -> None:
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    first_db, db = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    with serve(None, "127.0.0.91") as srv:
        _site(srv, review, "2024-01-01", review)
        assert _crawl(srv, first_db)["reviews_new"] == 2
        _pages_without_outcomes(first_db, db, "interrupted")

        before = len(srv.requests)
        again = _crawl(srv, db)   # same bytes, same lastmod, same ETag: yet no outcome was ever recorded
        paths = [p for _, p, _ in srv.requests[before:]]
        assert "/a/" in paths and again["reviews_new"] == 2 and not again.get("not_modified")
        assert again["rejected"] >= 2 and not again.get("pages_unchanged")

        third = _crawl(srv, db)   # now every outcome is recorded: the stored state is trusted again
        assert third["not_modified"] == 2 and third["pages_unchanged"] >= 1 and not third.get("reviews_new")
    with Catalog(db) as catalog:
        assert sorted(r["url"].split("/", 3)[3] for r in catalog.iter_reviews()) == ["a/", "c/"]


def test_a_304_page_still_leads_to_changed_pages(shared_dir: Path, tmp_path: Path) -> None:
    """Every page sends an ETag: the re-crawl's start page answers 304, yet the changed review behind
    an unchanged list page is found (the links of the stored copy are followed)."""
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"

    def site(srv: SiteServer, body: bytes, tag: str) -> None:
        srv.routes.update({
            "/": conditional('<html><body><h1>Start</h1><a href="/list/">Kritiken</a></body></html>', '"home"'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/list/": conditional('<html><body><a href="/review/">Ballerina</a></body></html>', '"list"'),
            "/review/": lambda h: (h.reply(304, b"", None, {"ETag": tag}) if h.headers.get("If-None-Match") == tag
                                   else h.reply(200, body, "text/html", {"ETag": tag})),
        })

    with serve(None, "127.0.0.91") as srv:
        site(srv, review, '"r1"')
        first = _crawl(srv, db)
        assert first.get("reviews_new") == 1, first
        changed = review.replace(b"Bewertung: 3.5 von 5.", b"Bewertung: 4.5 von 5.", 1)
        site(srv, changed, '"r2"')
        before = len(srv.requests)
        second = _crawl(srv, db)
        again = [p for _, p, _ in srv.requests[before:]]
        assert second.get("not_modified") == 2, (second, again)       # / and /list/ answered 304
        assert "/review/" in again and second.get("reviews_changed") == 1, (second, again)
    with Catalog(db) as catalog:
        assert [r["rating"]["normalized"] for r in catalog.iter_reviews()] == [90]


def test_a_304_nobody_asked_for_is_a_failure_not_a_confirmation(shared_dir: Path, tmp_path: Path) -> None:
    """A server answering 304 to requests that sent no validators (a broken cache in front of it):
    a page never stored is recorded as failed (before: counted not_modified and lost without a
    trace), and a stored copy that had no validators keeps its review but is not confirmed."""
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    lying = [False]

    def answer(h: Handler) -> None:   # no ETag, no Last-Modified: nothing to be conditional on
        h.reply(304, b"", None) if lying[0] else h.reply(200, review, "text/html")

    with serve(None, "127.0.0.95") as srv:
        srv.routes.update({
            "/": page('<html><body><a href="/review/">Ballerina</a> <a href="/never/">neu</a></body></html>'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/review/": answer,
            "/never/": raw(b"", status=304, ctype=None),
        })
        first = _crawl(srv, db)
        lying[0] = True
        second = _crawl(srv, db)
    assert first.get("reviews_new") == 1 and not first.get("not_modified"), first
    assert not second.get("not_modified") and second.get("failed", 0) >= 2, second
    with Catalog(db) as catalog, catalog.session() as session:
        reasons = {(r.url.split("/", 3)[3], r.reason) for r in session.scalars(select(Rejection))}
        assert [r["url"].split("/", 3)[3] for r in catalog.iter_reviews()] == ["review/"]
    unasked = "HTTP 304 (Not Modified) to a request that sent no validators"
    assert {("never/", unasked), ("review/", unasked)} <= reasons, reasons


@pytest.mark.parametrize("value, sent", [
    ("Mon, 02 Oct 2023 10:00:00 GMT", True),
    ("Fri, 01 Jan 2100 00:00:00 GMT", False),   # later than the fetch: a server answering 304 to it hides changes
    ("not a date", False),
])
def test_only_a_plausible_last_modified_is_sent_back(value: str, sent: bool) -> None:
    from datetime import UTC, datetime

    from scraper.middlewares.incremental import plausible_last_modified

    assert plausible_last_modified(value, datetime(2024, 1, 1, tzinfo=UTC)) is sent


def test_a_future_last_modified_does_not_hide_a_change(shared_dir: Path, tmp_path: Path) -> None:
    """A server stamping Last-Modified: 2100 and answering 304 to any If-Modified-Since: the re-crawl
    must not send that date back, so the changed rating is seen."""
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    future = {"Last-Modified": "Fri, 01 Jan 2100 00:00:00 GMT"}

    def site(srv: SiteServer, body: bytes) -> None:
        srv.routes.update({
            "/": page('<html><body><h1>Start</h1><a href="/review/">Ballerina</a></body></html>'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/review/": lambda h: (h.reply(304, b"", None, future) if h.headers.get("If-Modified-Since")
                                   else h.reply(200, body, "text/html", future)),
        })

    with serve(None, "127.0.0.92") as srv:
        site(srv, review)
        assert _crawl(srv, db).get("reviews_new") == 1
        site(srv, review.replace(b"Bewertung: 3.5 von 5.", b"Bewertung: 4.5 von 5.", 1))
        before = len(srv.requests)
        second = _crawl(srv, db)
        sent = [h for _, p, h in srv.requests[before:] if p == "/review/"]
        assert sent and not any("If-Modified-Since" in h for h in sent), sent
        assert second.get("reviews_changed") == 1, second
    with Catalog(db) as catalog:
        assert [r["rating"]["normalized"] for r in catalog.iter_reviews()] == [90]


def test_an_edit_without_a_new_lastmod_is_found_once_the_copy_is_old(shared_dir: Path, tmp_path: Path) -> None:
    """Sites edit a review (its rating) and keep its sitemap lastmod: a copy older than
    FILMCAT_LASTMOD_TRUST_DAYS is asked for again, so the catalogue follows the edit."""
    from sqlalchemy import update

    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.90") as srv:
        _site(srv, review, "2024-01-01", review)
        _crawl(srv, db)
        changed = review.replace(b"Bewertung: 3.5 von 5.", b"Bewertung: 4.5 von 5.", 1)
        _site(srv, changed, "2024-01-01", review)          # edited, the same lastmod
        fresh = _crawl(srv, db)
        assert fresh["not_modified_by_sitemap"] == 1 and not fresh.get("reviews_changed"), fresh  # fetched lately: trusted
        with Catalog(db) as catalog, catalog.engine.begin() as conn:
            old = parse_lastmod("2024-01-02T00:00:00Z")
            conn.execute(update(Page).values(fetched_at=old, checked_at=old))
        stale = _crawl(srv, db)
        assert not stale.get("not_modified_by_sitemap") and stale["reviews_changed"] == 1, stale
    with Catalog(db) as catalog:
        reviews = {r["url"].split("/", 3)[3]: r for r in catalog.iter_reviews()}
    assert reviews["a/"]["rating"]["normalized"] == 90

"""Re-crawls of pages that are gone (404/410) or moved permanently (301/308): their reviews retire."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Rejection, ReviewHistory
from tests.crawl.test_incremental import _crawl
from tests.httpserver import SiteServer, page, raw, redirect, run_cli, serve

SITE = "filmwaechter.de"
PAGES = {"/k/gone410": "2022/10/28/im-westen-nichts-neues-kritik-netflix/index.html",
         "/k/gone404": "2023/07/20/oppenheimer-kritik-kino/index.html",
         "/k/moved": "2023/06/16/tyler-rake-extraction-2-kritik-netflix/index.html",
         "/k/live": "2023/10/06/ballerina-kritik-netflix/index.html"}


def _bodies(shared_dir: Path) -> dict[str, bytes]:
    return {path: (shared_dir / "corpus" / "dev" / "sites" / SITE / rel).read_bytes() for path, rel in PAGES.items()}


def _start(srv: SiteServer) -> None:
    links = " ".join(f'<a href="{p}">{p}</a>' for p in PAGES)
    srv.routes.update({"/": page(f"<html><body><h1>Start</h1>{links}</body></html>"),
                       "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain")})


def _state(db: str) -> tuple[dict[str, dict], list[dict], dict[str, list[str]], list[dict]]:  # type: ignore[type-arg]
    with Catalog(db) as catalog, catalog.session() as session:
        reviews = {r["url"].split("/", 3)[3]: r for r in catalog.iter_reviews()}
        films = list(catalog.iter_films())
        rejections: dict[str, list[str]] = {}
        for url, reason in session.execute(select(Rejection.url, Rejection.reason).order_by(Rejection.id)):
            rejections.setdefault(url.split("/", 3)[3], []).append(reason)
        history = [h.record for h in session.scalars(select(ReviewHistory).order_by(ReviewHistory.id))]
    return reviews, films, rejections, history


@pytest.mark.parametrize("moved_status", [301, 308])
def test_gone_and_moved_reviews_retire_and_come_back(shared_dir: Path, tmp_path: Path, moved_status: int) -> None:
    bodies, db = _bodies(shared_dir), f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.93") as srv:
        _start(srv)
        srv.routes.update({p: raw(b) for p, b in bodies.items()})
        first = _crawl(srv, db)
        assert first.get("reviews_new") == 4, first
        old_films = {u: r["film_id"] for u, r in _state(db)[0].items()}

        srv.routes.update({"/k/gone410": page("<html><body>gone</body></html>", status=410),
                           "/k/gone404": page("<html><body>not here</body></html>", status=404),
                           "/k/moved": redirect("/k/neu", moved_status),
                           "/k/neu": raw(bodies["/k/moved"].replace(b"</body>", b"<!-- neu --></body>", 1))})
        second = _crawl(srv, db)
        assert second.get("reviews_retired") == 3, second
        reviews, films, rejections, history = _state(db)
        assert sorted(reviews) == ["k/live", "k/neu"], (second, sorted(reviews))
        neu = next(f for f in films if f["film_id"] == reviews["k/neu"]["film_id"])
        assert neu["n_reviews"] == 1 and neu["review_urls"] == [srv.origin + "/k/neu"]
        assert reviews["k/neu"]["film_id"] == old_films["k/moved"]   # the moved review's film keeps its id
        assert len(films) == 2 and sum(f["n_reviews"] for f in films) == 2
        assert "gone: HTTP 410" in rejections["k/gone410"] and "gone: HTTP 404" in rejections["k/gone404"]
        assert f"moved permanently to {srv.origin}/k/neu" in rejections["k/moved"]
        retired = {h["url"].split("/", 3)[3]: h for h in history if "retired" in h}
        assert sorted(retired) == ["k/gone404", "k/gone410", "k/moved"]
        assert retired["k/gone410"]["retired"] == "gone: HTTP 410" and retired["k/gone410"]["title"]
        with Catalog(db) as catalog:   # an emptied film's id is gone, not pointing at another film
            assert catalog.film_id_for(old_films["k/gone410"]) is None
        proc = run_cli("reparse", "--db", db)   # the stored copies of retired pages bring nothing back
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert sorted(_state(db)[0]) == ["k/live", "k/neu"]

        srv.routes.update({"/k/gone410": raw(bodies["/k/gone410"])})   # the same bytes as crawl 1
        third = _crawl(srv, db)
        assert third.get("reviews_new") == 1 and not third.get("reviews_retired"), third
    reviews = _state(db)[0]
    assert sorted(reviews) == ["k/gone410", "k/live", "k/neu"] and reviews["k/gone410"]["film_id"]


def test_temporary_answers_retire_nothing(shared_dir: Path, tmp_path: Path) -> None:
    bodies, db = _bodies(shared_dir), f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.94") as srv:
        _start(srv)
        srv.routes.update({p: raw(b) for p, b in bodies.items()})
        assert _crawl(srv, db).get("reviews_new") == 4
        srv.routes.update({"/k/gone410": page("<html><body>busy</body></html>", status=503),
                           "/k/gone404": redirect("/k/elsewhere", 302),
                           "/k/moved": redirect("/k/neu", 307),
                           "/k/live": redirect("http://127.0.0.95:9/k/live", 301),   # off the site
                           "/k/elsewhere": raw(bodies["/k/gone404"]), "/k/neu": raw(bodies["/k/moved"])})
        second = _crawl(srv, db)
    reviews, _, rejections, history = _state(db)
    assert not second.get("reviews_retired"), second
    assert {"k/gone410", "k/gone404", "k/moved", "k/live"} <= set(reviews)
    assert not [r for rs in rejections.values() for r in rs if r.startswith(("gone", "moved"))]
    assert not [h for h in history if "retired" in h]


def test_a_page_moved_permanently_to_a_gone_page_retires(shared_dir: Path, tmp_path: Path) -> None:
    bodies, db = _bodies(shared_dir), f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.97") as srv:
        _start(srv)
        srv.routes.update({p: raw(b) for p, b in bodies.items()})
        assert _crawl(srv, db).get("reviews_new") == 4
        srv.routes.update({"/k/gone410": redirect("/k/weg", 301), "/k/weg": page("<p>weg</p>", status=410),
                           "/k/gone404": redirect("/k/fehlt", 308), "/k/fehlt": page("<p>fehlt</p>", status=404),
                           "/k/moved": redirect("/k/vielleicht", 302),    # temporary: the review stays
                           "/k/vielleicht": page("<p>gleich wieder da</p>", status=404)})
        second = _crawl(srv, db)
    reviews, _, rejections, history = _state(db)
    assert second.get("reviews_retired") == 2, second
    assert sorted(reviews) == ["k/live", "k/moved"]
    assert f"gone: HTTP 410 (moved permanently to {srv.origin}/k/weg)" in rejections["k/gone410"], rejections
    assert f"gone: HTTP 404 (moved permanently to {srv.origin}/k/fehlt)" in rejections["k/gone404"], rejections
    assert sorted(h["url"].split("/", 3)[3] for h in history if "retired" in h) == ["k/gone404", "k/gone410"]


def test_an_http_to_https_move_of_the_host_is_the_same_site() -> None:
    # no TLS server on loopback (and no default ports): the comparison and the spider's use of it directly
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from scraper.spiders.review import moved_pages
    from scraper.urls import same_site

    assert same_site("http://kino.example/k/a", "https://kino.example/k/a")
    assert same_site("http://kino.example:80/k/a", "https://kino.example:443/k/b")
    assert not same_site("https://kino.example/k/a", "http://kino.example/k/a")       # a downgrade
    assert not same_site("http://kino.example:8080/", "https://kino.example:8080/")   # other ports: other servers
    assert not same_site("http://kino.example/", "https://www.kino.example/")
    request = Request("https://kino.example/k/a", meta={"redirect_urls": ["http://kino.example/k/a"],
                                                        "redirect_reasons": [301]})
    response = HtmlResponse("https://kino.example/k/a", body=b"<html></html>", request=request)
    assert [(m.url, m.successor) for m in moved_pages(response, "https://kino.example/k/a")] == \
        [("http://kino.example/k/a", "https://kino.example/k/a")]


def test_gone_and_moved_pages_no_longer_linked_still_retire(shared_dir: Path, tmp_path: Path) -> None:
    """A site that deletes or moves a review usually stops linking the old URL too: the crawl asks
    for the stored reviews nothing led to, so they retire instead of staying current for ever."""
    bodies, db = _bodies(shared_dir), f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.96") as srv:
        _start(srv)
        srv.routes.update({p: raw(b) for p, b in bodies.items()})
        first = _crawl(srv, db)
        assert first.get("reviews_new") == 4, first
        old_films = {u: r["film_id"] for u, r in _state(db)[0].items()}
        links = '<a href="/k/live">live</a> <a href="/k/neu">neu</a>'   # the old URLs are linked no more
        srv.routes.update({"/": page(f"<html><body><h1>Start</h1>{links}</body></html>"),
                           "/k/gone410": page("<html><body>gone</body></html>", status=410),
                           "/k/gone404": page("<html><body>not here</body></html>", status=404),
                           "/k/moved": redirect("/k/neu", 301),
                           "/k/neu": raw(bodies["/k/moved"].replace(b"</body>", b"<!-- neu --></body>", 1))})
        second = _crawl(srv, db)
        assert second.get("reviews_retired") == 3 and second.get("stored_revisited") == 3, second
        reviews, films, rejections, _ = _state(db)
        assert sorted(reviews) == ["k/live", "k/neu"], (second, sorted(reviews))
        assert reviews["k/neu"]["film_id"] == old_films["k/moved"]
        assert sum(f["n_reviews"] for f in films) == 2
        assert f"moved permanently to {srv.origin}/k/neu" in rejections["k/moved"]
        before = len(srv.requests)
        third = _crawl(srv, db)   # the retired URLs are not asked for again
        assert not third.get("stored_revisited") and not third.get("reviews_retired"), third
        assert not {p for _, p, _ in srv.requests[before:]} & {"/k/gone410", "/k/gone404", "/k/moved"}

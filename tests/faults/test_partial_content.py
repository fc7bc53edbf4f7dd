"""A server answering 206 Partial Content to a plain GET (no Range sent): the piece is no page."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from catalog import Catalog
from catalog.models import Page
from tests.crawl.test_incremental import _crawl
from tests.crawl.test_retire import _bodies, _start, _state
from tests.httpserver import Handler, Route, raw, serve


def _partial(body: bytes, status: int = 206) -> Route:
    """The first third of `body` as a 206 with a Content-Range, whatever the request asked for."""
    piece = body[:len(body) // 3]

    def route(h: Handler) -> None:
        h.reply(status, piece, "text/html; charset=utf-8",
                {"Content-Range": f"bytes 0-{len(piece) - 1}/{len(body)}"})
    return route


def test_partial_content_to_a_full_request_is_rejected_and_keeps_the_stored_review(
        shared_dir: Path, tmp_path: Path) -> None:
    bodies, db = _bodies(shared_dir), f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.96") as srv:
        _start(srv)
        srv.routes.update({p: raw(b) for p, b in bodies.items()})
        assert _crawl(srv, db).get("reviews_new") == 4
        before = _state(db)[0]["k/live"]
        srv.routes["/k/live"] = _partial(bodies["/k/live"])
        second = _crawl(srv, db)
        assert not any("Range" in headers for _, _, headers in srv.requests)
    reviews, _, rejections, _ = _state(db)
    assert rejections["k/live"][-1] == "partial content (206) to a full request", rejections.get("k/live")
    assert second.get("rejected", 0) >= 1 and not second.get("reviews_changed"), second
    assert reviews["k/live"] == before
    with Catalog(db) as catalog, catalog.session() as session:   # the stored copy is the whole page still
        stored = session.scalars(select(Page).where(Page.url == srv.origin + "/k/live")).one()
        assert catalog.stored_page(stored.url).body == bodies["/k/live"]

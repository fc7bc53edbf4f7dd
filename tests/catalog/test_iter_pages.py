"""Catalog.iter_pages streams: id-ordered chunks by keyset, right pages across chunk boundaries."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event

from catalog import Catalog, QueryError


def _body(i: int) -> bytes:
    return f"<html><h1>Seite {i}</h1>{'Ä' * (50 + i)}</html>".encode()


def _fill(cat: Catalog, n: int) -> dict[str, bytes]:
    """n pages, alternating between two sites (and one look-alike host), as url -> body."""
    stored = {}
    for i in range(n):
        host = ("a.test", "b.test", "a.test.evil")[i % 3]
        url = f"http://{host}/review/{i}/"
        cat.store_page(url=url, status=200, headers={"X-N": str(i)}, body=_body(i))
        stored[url] = _body(i)
    return stored


class PageQueries:
    """Counts the statements that read `pages` (a cursor-level event: every round trip)."""

    def __init__(self, cat: Catalog) -> None:
        self.count = 0
        event.listen(cat.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if "FROM pages" in statement:
            self.count += 1


def test_chunks_give_every_page_once_in_id_order(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        stored = _fill(cat, 31)
        for size in (1, 7, 10, 31, 200):
            pages = list(cat.iter_pages(chunk_size=size))
            assert [p.url for p in pages] == list(stored)
            assert all(p.body == stored[p.url] and p.headers["X-N"] in p.url for p in pages)
            assert [p.page_id for p in pages] == sorted(p.page_id for p in pages)


def test_site_filter_across_chunks(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        stored = _fill(cat, 31)
        wanted = [u for u in stored if u.startswith("http://a.test/")]
        assert [p.url for p in cat.iter_pages("a.test", chunk_size=4)] == wanted
        assert list(cat.iter_pages("a_test", chunk_size=4)) == []  # '_' is no LIKE wildcard


def test_reads_one_chunk_at_a_time(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        _fill(cat, 25)
        queries = PageQueries(cat)
        pages = cat.iter_pages(chunk_size=10)
        assert queries.count == 0  # nothing read before the first page is asked for
        next(pages)
        assert queries.count == 1
        for _ in range(9):
            next(pages)
        assert queries.count == 1  # the first chunk serves ten pages
        next(pages)
        assert queries.count == 2
        assert len(list(pages)) == 14 and queries.count == 3  # the short third chunk ends it


def test_bad_chunk_size_is_a_typed_error(db_url: str) -> None:
    with Catalog(db_url) as cat, pytest.raises(QueryError):
        list(cat.iter_pages(chunk_size=0))

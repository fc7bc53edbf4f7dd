"""upsert_reviews with one page id per record (page_ids=), and the old single-page callers."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from catalog import Catalog, QueryError
from catalog.models import Review


def _rec(i: int, **extra: object) -> dict:
    return {"url": f"http://site.test/r/{i}/", "site": "site.test", "title": f"Film {i}", "year": 2000 + i, **extra}


def _page(cat: Catalog, i: int) -> int:
    return cat.store_page(url=f"http://site.test/r/{i}/", status=200, headers={}, body=b"<html/>").page_id


def _page_ids(cat: Catalog) -> dict[str, int | None]:
    with cat.engine.connect() as conn:
        return dict(conn.execute(select(Review.url, Review.page_id)).all())


def test_each_record_gets_its_own_page(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        pages = [_page(cat, i) for i in range(3)]
        results = cat.upsert_reviews([_rec(i) for i in range(3)], page_ids=pages)
        assert [r.status for r in results] == ["new"] * 3
        assert _page_ids(cat) == {f"http://site.test/r/{i}/": pages[i] for i in range(3)}
        # a changed record moves to its new page; None keeps the page it has; an unchanged one is re-pointed
        other = _page(cat, 9)
        results = cat.upsert_reviews([_rec(0, year=1999), _rec(1, year=1999), _rec(2)], page_ids=[other, None, other])
        assert [r.status for r in results] == ["changed", "changed", "unchanged"]
        assert list(_page_ids(cat).values()) == [other, pages[1], other]


def test_duplicate_url_in_a_batch_keeps_the_last_page(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        first, second = _page(cat, 0), _page(cat, 1)
        cat.upsert_reviews([_rec(0), _rec(0, title="Film 0 again")], page_ids=[first, second])
        assert _page_ids(cat) == {"http://site.test/r/0/": second}


def test_old_callers_still_work(db_url: str) -> None:
    with Catalog(db_url) as cat:
        page = _page(cat, 0)
        cat.upsert_review(_rec(0), page_id=page)
        cat.upsert_reviews([_rec(0, year=1990), _rec(1)])  # no page ids: kept / none
        assert list(_page_ids(cat).values()) == [page, None]


def test_page_ids_must_match_records(db_url: str) -> None:
    with Catalog(db_url) as cat, pytest.raises(QueryError, match="2 entries for 3 records"):
        cat.upsert_reviews([_rec(i) for i in range(3)], page_ids=[1, 2])
    with Catalog(db_url) as cat:
        assert list(cat.iter_reviews()) == []  # nothing half-written


def test_a_review_supersedes_the_urls_earlier_rejections(db_url: str) -> None:
    from catalog.models import Rejection

    def reasons(cat: Catalog, i: int) -> list[str]:
        with cat.engine.connect() as conn:
            return list(conn.execute(select(Rejection.reason).where(Rejection.url == _rec(i)["url"])).scalars())

    with Catalog(db_url) as cat:
        for i in (0, 1, 2):
            cat.record_rejection(_rec(i)["url"], "duplicate of http://site.test/elsewhere/")
            cat.record_rejection(_rec(i)["url"], "not a review: no film title")
        page = _page(cat, 0)                       # stored: no copy any more, the verdict on the page stays
        assert reasons(cat, 0) == ["not a review: no film title"]
        cat.upsert_reviews([_rec(0), _rec(1)], page_ids=[page, None])   # a review now: nothing rejected
        assert reasons(cat, 0) == [] and reasons(cat, 1) == []
        assert len(reasons(cat, 2)) == 2                                 # other URLs keep theirs
        cat.record_rejection(_rec(0)["url"], "HTTP 503")                 # a later one is kept
        assert reasons(cat, 0) == ["HTTP 503"]

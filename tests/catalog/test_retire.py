"""Catalog.retire_reviews: a gone or moved page's review leaves the catalogue, its record stays in history."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.errors import QueryError
from catalog.models import Rejection, ReviewHistory, ReviewPending

FILM = {"title": "Some Film", "year": 2020, "directors": ["Ann Director"], "cast": ["Bo Actor"], "genres": ["drama"]}
A = {**FILM, "url": "http://a.test/r/1", "site": "a.test", "fsk": 12}
B = {**FILM, "url": "http://b.test/r/1", "site": "b.test", "fsk": 16}


def _history(cat: Catalog) -> list[dict]:  # type: ignore[type-arg]
    with cat.session() as s:
        return [r for r in s.scalars(select(ReviewHistory.record)) if "retired" in r]


def _reasons(cat: Catalog, url: str) -> list[str]:
    with cat.session() as s:
        return list(s.scalars(select(Rejection.reason).where(Rejection.url == url)))


def test_retiring_a_review_recomputes_its_film_and_an_emptied_film_goes(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews([A, B])
        cat.resolve()
        (film,) = cat.iter_films()
        assert film["n_reviews"] == 2
        assert cat.retire_reviews([(A["url"], "gone: HTTP 410")], run_id=None) == [A["url"]]
        assert [r["url"] for r in cat.iter_reviews()] == [B["url"]]
        cat.resolve()
        (after,) = cat.iter_films()
        assert after["film_id"] == film["film_id"] and after["n_reviews"] == 1 and after["fsk"] == 16
        assert after["review_urls"] == [B["url"]]
        assert _reasons(cat, A["url"]) == ["gone: HTTP 410"]
        (record,) = _history(cat)
        assert record["url"] == A["url"] and record["retired"] == "gone: HTTP 410" and record["fsk"] == 12

        assert cat.retire_reviews({B["url"]: "gone: HTTP 404", "http://a.test/never": "gone: HTTP 404"}) == [B["url"]]
        cat.resolve()
        assert list(cat.iter_films()) == [] and list(cat.iter_reviews()) == []
        assert cat.film_id_for(film["film_id"]) is None
        assert _reasons(cat, "http://a.test/never") == []   # no stored review: nothing to retire
        assert len(_history(cat)) == 2

        cat.upsert_review(A)   # the page answers again: stored anew
        cat.resolve()
        assert [f["review_urls"] for f in cat.iter_films()] == [[A["url"]]]


def test_a_moved_review_passes_its_film_to_the_successor(any_db_url: str) -> None:
    new = {**A, "url": "http://a.test/r/neu"}
    with Catalog(any_db_url) as cat:
        cat.upsert_review(A)
        cat.resolve()
        (film,) = cat.iter_films()
        cat.upsert_review(new)   # the moved page's new URL, stored by the crawl that found the move
        retired = cat.retire_reviews([(A["url"], f"moved permanently to {new['url']}", new["url"])])
        assert retired == [A["url"]]
        with cat.session() as s:
            assert len(s.scalars(select(ReviewPending)).all()) == 1
        cat.resolve()
        (after,) = cat.iter_films()
        assert after["film_id"] == film["film_id"] and after["review_urls"] == [new["url"]]
        assert _reasons(cat, A["url"]) == [f"moved permanently to {new['url']}"]


@pytest.mark.parametrize("bad", [[("http://a.test/x",)], [("", "gone")], [("http://a.test/x", None)], [42]])
def test_a_malformed_retirement_is_a_query_error(tmp_path, bad) -> None:  # type: ignore[no-untyped-def]
    with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as cat, pytest.raises(QueryError, match="retirement"):
        cat.retire_reviews(bad)

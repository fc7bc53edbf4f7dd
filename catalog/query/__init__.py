"""Queries over the catalogue: film search, filtered listings, film details, aggregate scores."""
from __future__ import annotations

from typing import Any

from catalog.query.film import candidates_of, film_details, find_film
from catalog.query.filters import FSK_VALUES, SORTS, Filters
from catalog.query.results import Fact, FilmDetails, FilmHit, ReviewLine
from catalog.query.search import search


def refresh_index(handle: Any) -> int:
    """Bring the search index up to date now (searches also do it on demand); returns films re-indexed."""
    from catalog.query.access import engine_of
    from catalog.query.index import refresh

    return refresh(engine_of(handle))


def index_is_stale(handle: Any) -> bool:
    """Whether some film waits to be re-indexed (a read-only catalogue's search results lag behind it)."""
    from catalog.query.access import engine_of
    from catalog.query.index import is_stale

    with engine_of(handle).connect() as conn:
        return is_stale(conn)


__all__ = ["FSK_VALUES", "SORTS", "Fact", "FilmDetails", "FilmHit", "Filters", "ReviewLine", "candidates_of",
           "film_details", "find_film", "index_is_stale", "refresh_index", "search"]

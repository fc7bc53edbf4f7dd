"""Queries over the catalogue: film search, filtered listings, film details, aggregate scores."""
from __future__ import annotations

from catalog.query.filters import FSK_VALUES, SORTS, Filters
from catalog.query.results import Fact, FilmDetails, FilmHit, ReviewLine
from catalog.query.search import search

__all__ = ["FSK_VALUES", "SORTS", "Fact", "FilmDetails", "FilmHit", "Filters", "ReviewLine", "search"]

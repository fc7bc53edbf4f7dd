"""Extraction strategies, one module each, all with `candidates(page) -> list[Candidate]`; STRATEGIES is the registry."""
from __future__ import annotations

from collections.abc import Callable

from scraper.extract.page import Page
from scraper.extract.strategies import (
    factbox,
    headline,
    jsonld,
    meta,
    microdata,
    offers,
    phrases,
    prose,
    prose_cast,
    prose_directors,
    prose_facts,
    prose_rating,
)
from scraper.record import Candidate

Strategy = Callable[[Page], list[Candidate]]

# order = document order of --explain; trust lives in each candidate's weight
STRATEGIES: tuple[tuple[str, Strategy], ...] = (
    ("jsonld", jsonld.candidates),
    ("microdata", microdata.candidates),
    ("meta", meta.candidates),
    ("factbox", factbox.candidates),
    ("offers", offers.candidates),
    ("phrase", phrases.candidates),
    ("headline", headline.candidates),
)
# fallback strategies: field -> strategy, run only when no strategy above proposed a value for the field
FALLBACKS: tuple[tuple[str, Strategy], ...] = (
    ("title", prose.title),
    ("year", prose.year),
    ("cast", prose_cast.cast),
    ("directors", prose_directors.directors),
    ("rating", prose_rating.rating_or_closing),
    ("fsk", prose_facts.fsk),
    ("genres", prose_facts.genres),
)

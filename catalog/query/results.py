"""What queries return: plain, JSON-ready data objects."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class FilmHit:
    """One film in a search result or listing."""

    film_id: str
    title: str
    original_title: str | None
    year: int | None
    directors: list[str]
    genres: list[str]
    fsk: int | None
    platform: str | None
    score: float | None          # mean normalized rating of its reviews, 0–100
    rated_count: int             # reviews with a rating (the score's basis)
    review_count: int
    relevance: float | None = None   # 0–100ish; None for listings without a query
    matched_title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)


@dataclass(frozen=True)
class ReviewLine:
    """One review of a film as `filmcat show` lists it."""

    url: str
    site: str
    title: str
    date: str | None             # when the catalogue first stored the review, ISO date
    release_date: str | None     # the film's release date as this page states it
    rating_raw: str | None
    rating: float | None         # normalized 0–100
    link_score: float | None
    link_reasons: list[str] = field(default_factory=list)
    withdrawn: str | None = None       # why the site no longer lets the page be fetched (robots.txt), if so
    withdrawn_since: str | None = None  # ISO date it was found so


@dataclass(frozen=True)
class Fact:
    """One consensus fact with where it came from and what disagreed."""

    name: str
    value: Any
    sources: list[str] = field(default_factory=list)     # sites or URLs that state it
    conflicts: list[str] = field(default_factory=list)   # other values stated, as text


@dataclass(frozen=True)
class FilmDetails:
    """Everything `filmcat show` prints about one film."""

    film_id: str
    title: str
    titles: list[str]
    facts: list[Fact]
    score: float | None
    rated_count: int
    review_count: int
    reviews: list[ReviewLine]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields."""
        return asdict(self)

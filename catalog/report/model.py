"""The disambiguation report as plain data: shared titles, weak links, likely duplicates."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class FilmFacts:
    """One catalogue film with what tells it apart from its namesakes."""

    film_id: str
    title: str
    original_title: str | None
    year: int | None
    directors: tuple[str, ...]
    platform: str | None
    cast: tuple[str, ...]
    titles: tuple[str, ...]                       # every title its reviews use
    reviews_per_site: tuple[tuple[str, int], ...]  # (site, review count), sorted by site

    @property
    def review_count(self) -> int:
        """Reviews of this film over all sites."""
        return sum(n for _, n in self.reviews_per_site)


@dataclass(frozen=True)
class SharedTitle:
    """A title used by more than one film, with the facts that separate them."""

    title: str
    key: str
    films: tuple[FilmFacts, ...]
    differences: tuple[str, ...]      # e.g. "year: 2023 / 2025"
    merge_command: str                # what would merge them if they were one film


@dataclass(frozen=True)
class WeakLink:
    """A review linked to its film with low confidence."""

    review_url: str
    site: str
    review_title: str
    film_id: str
    film_title: str
    score: float | None
    reasons: tuple[str, ...]
    split_command: str


@dataclass(frozen=True)
class DuplicatePair:
    """Two separate films that look like one (a likely missed merge)."""

    first: FilmFacts
    second: FilmFacts
    similarity: float                  # title similarity 0–100
    reasons: tuple[str, ...]
    merge_command: str


@dataclass(frozen=True)
class Report:
    """Everything `filmcat report disambiguation` shows."""

    generated_at: str                  # ISO 8601, UTC
    title_filter: str | None
    film_count: int
    review_count: int
    shared_titles: tuple[SharedTitle, ...] = ()
    weak_links: tuple[WeakLink, ...] = ()
    duplicates: tuple[DuplicatePair, ...] = ()
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (tuples become lists; film review totals included)."""
        data = asdict(self)
        for group, shared in zip(data["shared_titles"], self.shared_titles):
            for film_data, film in zip(group["films"], shared.films):
                _film_extras(film_data, film)
        for pair_data, pair in zip(data["duplicates"], self.duplicates):
            _film_extras(pair_data["first"], pair.first)
            _film_extras(pair_data["second"], pair.second)
        return data


def _film_extras(data: dict[str, Any], film: FilmFacts) -> None:
    data["review_count"] = film.review_count
    data["reviews_per_site"] = {site: n for site, n in film.reviews_per_site}

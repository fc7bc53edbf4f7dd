"""Search filters: parsed and checked from user text, turned into bound SQL conditions."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from catalog.errors import QueryError
from catalog.query.text import normalize, words

FSK_VALUES = (0, 6, 12, 16, 18)
SORTS = ("relevance", "score", "reviews", "year")
YEAR_MIN, YEAR_MAX = 1888, 2100   # the contract's bounds of a film year
_YEAR = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|\.\.)\s*(\d{4})\s*)?$")
# A facet condition on the film row aliased `f`; values are always bound, never spliced.
# IN (subquery) rather than EXISTS: the planner then starts from the facet's films instead of
# testing every film (≈ 5× faster on 225k films in SQLite).
_FACET = "f.film_id IN (SELECT x{n}.film_id FROM search_facets x{n} WHERE x{n}.kind = :k{n} AND x{n}.value = :v{n})"


@dataclass(frozen=True)
class Filters:
    """Restrictions on the films a search or listing returns (None = no restriction)."""

    year: tuple[int, int] | None = None      # inclusive range
    genres: tuple[str, ...] = ()             # genre slugs; a film must have every one
    fsk: int | None = None
    director: str | None = None
    platform: str | None = None
    min_score: float | None = None           # 0–100
    site: str | None = None

    @classmethod
    def parse(cls, *, year: str | int | None = None, genre: str | Iterable[str] | None = None,
              fsk: str | int | None = None, director: str | None = None, platform: str | None = None,
              min_score: str | float | None = None, site: str | None = None) -> Filters:
        """Filters from user text; a malformed value raises QueryError.

        `genre` is one genre or several (a compound like "Actionthriller" split by the caller):
        films must have all of them.
        """
        return cls(year=_year(year), genres=_genres(genre), fsk=_fsk(fsk),
                   director=_word_value("director", director), platform=_word_value("platform", platform),
                   min_score=_score(min_score), site=_site(site))

    @property
    def genre(self) -> str | None:
        """The first genre restricted to (callers that know a single one)."""
        return self.genres[0] if self.genres else None

    def is_empty(self) -> bool:
        """Whether nothing is restricted."""
        return all(v is None or v == () for v in vars(self).values())

    def sql(self) -> tuple[list[str], dict[str, Any]]:
        """WHERE conditions on `search_films f` and their bound parameters."""
        conds: list[str] = []
        params: dict[str, Any] = {}
        if self.year is not None:
            conds.append("f.year BETWEEN :year_lo AND :year_hi")
            params.update(year_lo=self.year[0], year_hi=self.year[1])
        if self.fsk is not None:
            conds.append("f.fsk = :fsk")
            params["fsk"] = self.fsk
        if self.min_score is not None:
            conds.append("f.score >= :min_score")
            params["min_score"] = self.min_score
        facets: list[tuple[str, str | None]] = [("genre", g) for g in self.genres]
        facets += [("platform", self.platform), ("site", self.site)]
        facets += [("director", w) for w in words(self.director)]
        for n, (kind, value) in enumerate((k, v) for k, v in facets if v is not None):
            conds.append(_FACET.format(n=n))
            params.update({f"k{n}": kind, f"v{n}": value})
        return conds, params


def check_sort(sort: str) -> str:
    """The sort key, or QueryError."""
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r} (choose from {', '.join(SORTS)})")
    return sort


def _year(value: str | int | None) -> tuple[int, int] | None:
    if value is None or value == "":
        return None
    match = _YEAR.match(str(value))
    if not match:
        raise QueryError(f"--year must be a year or a range like 2019-2021, not {str(value)[:40]!r}")
    lo, hi = int(match.group(1)), int(match.group(2) or match.group(1))
    if not (YEAR_MIN <= lo <= hi <= YEAR_MAX):
        raise QueryError(f"--year must lie between {YEAR_MIN} and {YEAR_MAX} (low to high), not {value}")
    return lo, hi


def _fsk(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    text = re.sub(r"(?i)^\s*fsk\s*", "", str(value)).strip()
    if not text.isdigit() or int(text) not in FSK_VALUES:
        raise QueryError(f"--fsk must be one of {', '.join(map(str, FSK_VALUES))}, not {str(value)[:40]!r}")
    return int(text)


def _score(value: str | float | None) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise QueryError(f"--min-score must be a number from 0 to 100, not {str(value)[:40]!r}") from None
    if not math.isfinite(number) or not 0 <= number <= 100:
        raise QueryError(f"--min-score must be a number from 0 to 100, not {value}")
    return number


def _word_value(name: str, value: str | None) -> str | None:
    if value is None:
        return None
    key = normalize(value)
    if not key:
        raise QueryError(f"--{name} needs letters or digits, not {value[:40]!r}")
    return key


def _genres(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    given = [value] if isinstance(value, str) else list(value)
    keys = [_word_value("genre", str(v)) for v in given]
    return tuple(dict.fromkeys(k for k in keys if k))  # once each, in the order given


def _site(value: str | None) -> str | None:
    if value is None:
        return None
    site = value.strip().lower()
    site = re.sub(r"^[a-z][a-z0-9+.-]*://", "", site).split("/", 1)[0]  # a pasted URL names its host
    if not site:
        raise QueryError(f"--site needs a host name, not {value[:40]!r}")
    return site

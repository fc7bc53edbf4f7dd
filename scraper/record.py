"""The review record: what extraction returns for one page (see shared/contract)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The evaluation contract's record fields: to_dict() always emits every one.
FIELDS = ("title", "original_title", "year", "genres", "fsk", "directors", "cast",
          "platform", "release_date", "rating")
# Optional list fields beyond the contract (the catalogue stores them): emitted only when non-empty.
EXTRA_FIELDS = ("writers",)


@dataclass(frozen=True)
class Rating:
    """The reviewer's own score: raw text, value on its scale, and 0–100."""

    raw: str
    value: float | str | None
    scale: float | None
    normalized: float


@dataclass(frozen=True)
class Candidate:
    """One value a strategy proposes for a field, with where it came from."""

    field: str
    value: Any
    strategy: str          # e.g. "jsonld", "factbox", "phrase"
    snippet: str = ""      # the text it was read from (for --explain)
    weight: float = 1.0    # trust within the strategy (higher wins)


@dataclass
class ReviewRecord:
    """One review page, extracted and normalized (the contract's review record)."""

    url: str
    site: str
    title: str | None = None
    original_title: str | None = None
    year: int | None = None
    genres: list[str] = field(default_factory=list)
    fsk: int | None = None
    directors: list[str] = field(default_factory=list)
    cast: list[str] = field(default_factory=list)
    platform: str | None = None
    release_date: str | None = None
    rating: Rating | None = None
    writers: list[str] = field(default_factory=list)  # an extra field (EXTRA_FIELDS)
    # not part of the contract record:
    is_review: bool = False                      # the page is a review of one film
    verdict: str = ""                            # why (or why not) it counts as a review
    winners: dict[str, Candidate] = field(default_factory=dict)        # field -> winning candidate
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)  # field -> all candidates

    def to_dict(self) -> dict[str, Any]:
        """The contract record as plain JSON-ready data, plus the extra fields that hold something."""
        out: dict[str, Any] = {"url": self.url, "site": self.site}
        for name in FIELDS:
            value = getattr(self, name)
            out[name] = asdict(value) if isinstance(value, Rating) else value
        out |= {name: list(value) for name in EXTRA_FIELDS if (value := getattr(self, name))}
        return out

"""Strategy: JSON-LD Movie (nested or in @graph), its editorial Review, or a Review of a Movie."""
from __future__ import annotations

from typing import Any

from scraper.extract.page import Page
from scraper.extract.strategies.schema_org import (
    FILM_TYPES,
    REVIEW_TYPES,
    film_candidates,
    rating_candidate,
    text_of,
    types,
)
from scraper.record import Candidate

NAME = "jsonld"


def films(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Film objects: top-level Movies, the itemReviewed of Reviews and the Movie an article is `about`
    (duplicates by name merged)."""
    found: dict[str, dict[str, Any]] = {}
    for obj in objects:
        kinds = types(obj)
        candidates = [obj] if kinds & FILM_TYPES else []
        item = obj.get("itemReviewed")
        if kinds & REVIEW_TYPES and isinstance(item, dict) and types(item) & FILM_TYPES:
            candidates.append({**item, "review": obj})
        about = obj.get("about")
        if not kinds & FILM_TYPES and isinstance(about, dict) and types(about) & FILM_TYPES:
            candidates.append(about)  # an Article/NewsArticle/BlogPosting about one Movie names its film
        for film in candidates:
            key = text_of(film.get("name")).casefold()
            found[key] = {**found.get(key, {}), **film}
    return list(found.values())


def candidates(page: Page) -> list[Candidate]:
    """Candidates from the page's one film object; none when it describes several films."""
    found = films(page.jsonld)
    if len(found) != 1:
        return []
    out = film_candidates(found[0], NAME)
    if not any(c.field == "rating" for c in out):
        for obj in page.jsonld:  # a standalone Review whose itemReviewed is given by @id or name only
            if types(obj) & REVIEW_TYPES and (cand := rating_candidate(obj, NAME)):
                out.append(cand)
                break
    return out

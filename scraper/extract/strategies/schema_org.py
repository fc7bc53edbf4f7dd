"""schema.org Movie/Review objects (from JSON-LD or microdata) -> candidates; shared by both strategies."""
from __future__ import annotations

import re
from typing import Any

from scraper.normalize import parse_date, parse_fsk, parse_genres, parse_names
from scraper.normalize.names import CAST, CREW
from scraper.normalize.rating import from_numbers
from scraper.normalize.title import strip_quotes
from scraper.record import Candidate

FILM_TYPES = {"movie", "film", "tvmovie"}
REVIEW_TYPES = {"review", "criticreview"}
# trust of structured data per field (factbox lines are 90, headlines 70)
WEIGHTS = {"title": 85, "original_title": 0, "year": 60, "genres": 80, "fsk": 80, "directors": 80,
           "cast": 80, "release_date": 55, "rating": 95, "writers": 80}
# a creator's role naming the writer ("Screenplay", "Drehbuch"); a creator without a role may be a producer
WRITER_ROLE = re.compile(r"screenplay|writ|drehbuch|\bbuch\b|autor|author|story", re.IGNORECASE)


def types(obj: dict[str, Any]) -> set[str]:
    """The object's @type values, lower case, without vocabulary prefix."""
    raw = obj.get("@type", [])
    items = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].rsplit(":", 1)[-1].lower() for t in items}


def text_of(value: Any) -> str:
    """Plain text of a schema.org value (string, number, Thing with name, list)."""
    if isinstance(value, list):
        return ", ".join(t for t in (text_of(v) for v in value) if t)
    if isinstance(value, dict):
        return text_of(value.get("name") or value.get("@value") or "")
    return "" if value is None else str(value).strip()


def names_of(value: Any, role: str = CREW) -> list[str]:
    """Person names of a schema.org value (`role` CAST: an actor list)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        for name in parse_names(text_of(item), role):
            if name not in out:
                out.append(name)
    return out


def _by_organization(review: dict[str, Any]) -> bool:
    return any(isinstance(review.get(k), dict) and "organization" in " ".join(types(review[k]))
               for k in ("author", "publisher"))


def editorial_review(film: dict[str, Any]) -> dict[str, Any] | None:
    """The film's own review (Movie.review), never its aggregateRating. Several rated reviews (portals list
    their users' there too): the one published by an organization, else none rather than a guess."""
    reviews = film.get("review")
    rated = [r for r in (reviews if isinstance(reviews, list) else [reviews])
             if isinstance(r, dict) and r.get("reviewRating")]
    if len(rated) <= 1:
        return rated[0] if rated else None
    editorial = [r for r in rated if _by_organization(r)]
    return editorial[0] if len(editorial) == 1 else None


def rating_candidate(review: dict[str, Any], strategy: str) -> Candidate | None:
    """The reviewRating of a Review object."""
    rating = review.get("reviewRating")
    if not isinstance(rating, dict):
        return None
    value, best = rating.get("ratingValue"), rating.get("bestRating")
    raw = f"{text_of(value)}/{text_of(best) or 5}"
    found = from_numbers(raw, text_of(value), text_of(best) or None, rating.get("worstRating"))
    return Candidate("rating", found, strategy, f"reviewRating {raw}", WEIGHTS["rating"]) if found else None


def _people(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


def writers_of(film: dict[str, Any]) -> list[str]:
    """The film's writers: the Movie's own author (a person: the review's author is the Review's, and an
    Organization is the publisher), and creators whose role (schema.org Role, roleName) names writing."""
    authors = [a for a in _people(film.get("author")) if not (isinstance(a, dict) and "organization" in types(a))]
    out = names_of(authors)
    for item in _people(film.get("creator")):
        if isinstance(item, dict) and WRITER_ROLE.search(text_of(item.get("roleName") or item.get("jobTitle"))):
            person = item.get("creator") or item.get("author") or item  # a Role wraps the person
            out.extend(n for n in names_of(person) if n not in out)
    return out


def film_candidates(film: dict[str, Any], strategy: str) -> list[Candidate]:
    """Candidates of one Movie object."""
    out: list[Candidate] = []

    def add(field: str, value: Any, snippet: str, weight: float | None = None) -> None:
        if value not in (None, "", []):
            out.append(Candidate(field, value, strategy, snippet[:160], weight or WEIGHTS[field]))

    name = strip_quotes(text_of(film.get("name")))
    add("title", name, f"name: {name}")
    add("genres", parse_genres(text_of(film.get("genre"))), f"genre: {text_of(film.get('genre'))}")
    add("fsk", parse_fsk(text_of(film.get("contentRating"))), f"contentRating: {text_of(film.get('contentRating'))}")
    add("directors", names_of(film.get("director")), f"director: {text_of(film.get('director'))}")
    add("cast", names_of(film.get("actor") or film.get("actors"), CAST), f"actor: {text_of(film.get('actor'))}")
    add("writers", writers_of(film), f"author/creator: {text_of(film.get('author') or film.get('creator'))}")
    for key in ("datePublished", "dateCreated", "releaseDate"):
        date = parse_date(text_of(film.get(key)))
        add("release_date", date, f"{key}: {text_of(film.get(key))}")
    for key in ("copyrightYear", "dateCreated", "datePublished"):
        year = text_of(film.get(key))
        if len(year) == 4 and year.isdigit():  # a bare year is the film's year, not a release date
            add("year", int(year), f"{key}: {year}", 85)
            break
    review = editorial_review(film)
    found = rating_candidate(review, strategy) if review else None
    if found:
        out.append(found)
    return out

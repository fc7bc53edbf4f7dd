"""What the search index keeps of one film, built from its film row and its reviews' rows."""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from typing import Any

from catalog.jsoncols import json_list
from catalog.query.text import normalize, words

CAST_KEPT = 4  # cast names kept per film (reports show that many)
# Columns read per film and per linked review, in this order (the rows given to film_doc / add_review).
FILM_SELECT = 'id, title, original_title, year, fsk, platform, directors, genres, "cast"'
REVIEW_SELECT = "l.film_id, r.site, r.title, r.original_title, r.directors, r.rating"
# search_films columns, in the order of film_row's values.
FILM_COLUMNS = ("film_id", "title", "original_title", "year", "fsk", "platform", "directors", "genres", '"cast"',
                "sites", "score", "rated_count", "review_count")
RAW_CACHE = 1 << 16  # distinct raw JSON texts (directors, ratings) whose decoding is remembered


@dataclass
class FilmDoc:
    """What the index keeps of one film."""

    film_id: str
    row: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)        # norm -> display title
    facets: set[tuple[str, str]] = field(default_factory=set)   # (kind, normalized value)
    ratings: list[float] = field(default_factory=list)
    review_count: int = 0
    sites: dict[str, int] = field(default_factory=dict)        # site -> reviews


def film_doc(values: Any) -> FilmDoc:
    """The document of a film row (FILM_SELECT's columns, in order) before its reviews are added."""
    film_id, title, original, year, fsk, platform, directors, genres, cast = values
    row = {"id": film_id, "title": title, "original_title": original, "year": year, "fsk": fsk,
           "platform": platform, "directors": json_list(directors), "genres": json_list(genres),
           "cast": json_list(cast)[:CAST_KEPT]}
    doc = FilmDoc(film_id=film_id, row=row)
    add_titles(doc, title, original)
    for name in row["directors"]:
        doc.facets.update(("director", w) for w in words(str(name)))
    doc.facets.update(("genre", g) for g in map(normalize, row["genres"]) if g)
    if platform and normalize(platform):
        doc.facets.add(("platform", normalize(platform)))
    return doc


def add_review(doc: FilmDoc, values: Any) -> None:
    """Count one linked review (REVIEW_SELECT's columns, in order) into its film's document."""
    _, site, title, original, directors, rating = values
    doc.review_count += 1
    add_titles(doc, title, original)
    doc.facets.update(("director", w) for w in _director_words(directors))
    if site:
        site = str(site).strip().lower()
        doc.facets.add(("site", site))
        doc.sites[site] = doc.sites.get(site, 0) + 1
    value = _rating_of(rating)
    if value is not None:
        doc.ratings.append(value)


def add_titles(doc: FilmDoc, title: Any, original: Any) -> None:
    """Add a title and an original title (their search keys) to a document; a key's first display form is kept."""
    for text in (title, original):
        if isinstance(text, str):
            norm = normalize(text)
            if norm and norm not in doc.titles:
                doc.titles[norm] = text.strip()


def _director_words(raw: Any) -> tuple[str, ...]:
    # Directors are matched word by word, so name order and hyphens do not matter.
    return _director_words_of_text(raw) if isinstance(raw, str) else _name_words(json_list(raw))


@functools.lru_cache(maxsize=RAW_CACHE)  # SQLite hands JSON columns over as text, and names repeat
def _director_words_of_text(raw: str) -> tuple[str, ...]:
    return _name_words(json_list(raw))


def _name_words(names: list[str]) -> tuple[str, ...]:
    return tuple(w for name in names for w in words(str(name)))


def _rating_of(raw: Any) -> float | None:
    return _rating_of_text(raw) if isinstance(raw, str) else normalized_rating(raw)


@functools.lru_cache(maxsize=RAW_CACHE)
def _rating_of_text(raw: str) -> float | None:
    return normalized_rating(raw)


def normalized_rating(rating: Any) -> float | None:
    """The 0–100 value of a stored rating (dict or JSON text), or None when absent or absurd."""
    if isinstance(rating, str):
        try:
            rating = json.loads(rating)
        except ValueError:
            return None
    value = rating.get("normalized") if isinstance(rating, dict) else None
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and 0 <= number <= 100 else None


def film_row(doc: FilmDoc) -> tuple[Any, ...]:
    """The search_films values (FILM_COLUMNS) of a finished document."""
    row = doc.row
    score = round(sum(doc.ratings) / len(doc.ratings), 1) if doc.ratings else None
    return (doc.film_id, row.get("title") or "", row.get("original_title"), row.get("year"), row.get("fsk"),
            row.get("platform"), json.dumps(row["directors"], ensure_ascii=False),
            json.dumps(row["genres"], ensure_ascii=False), json.dumps(row["cast"], ensure_ascii=False),
            json.dumps(dict(sorted(doc.sites.items())), ensure_ascii=False), score, len(doc.ratings),
            doc.review_count)


def title_rows(docs: list[FilmDoc]) -> list[tuple[str, str, str]]:
    """search_titles values (film_id, title, norm) of documents, in their order."""
    return [(d.film_id, title, norm) for d in docs for norm, title in d.titles.items()]


def facet_rows(docs: list[FilmDoc]) -> list[tuple[str, str, str]]:
    """search_facets values (kind, value, film_id) of documents."""
    return [(k, v, d.film_id) for d in docs for k, v in d.facets]

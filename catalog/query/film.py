"""One film in full: finding it by id or title, its facts with sources and conflicts, its reviews."""
from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from catalog.errors import AmbiguousError, NotFoundError, QueryError
from catalog.jsoncols import json_list, json_value
from catalog.query import index
from catalog.query.access import engine_of
from catalog.query.results import Fact, FilmDetails, FilmHit, ReviewLine
from catalog.query.search import search
from catalog.query.text import MAX_QUERY_CHARS, normalize

FACT_FIELDS = ("title", "original_title", "year", "directors", "cast", "genres", "fsk", "platform",
               "release_date")
LIST_FIELDS = {"directors", "cast", "genres"}
MAX_REDIRECTS = 20        # hops followed through film_redirects (merges of merges)
SURE_MATCH = 85.0         # relevance above which a single fuzzy hit is taken as the film meant
CANDIDATE_LIMIT = 10


def find_film(handle: Any, ref: str) -> str:
    """The film id meant by `ref` (an id, an old id, or a title); NotFound/AmbiguousError otherwise."""
    ref = (ref or "").strip()
    if not ref or len(ref) > MAX_QUERY_CHARS:
        raise QueryError("give a film id or title (at most 200 characters)")
    engine = engine_of(handle)
    with engine.connect() as conn:
        film_id = _by_id(conn, ref)
    if film_id:
        return film_id
    index.refresh(engine, wait=False)
    with engine.connect() as conn:
        exact = _by_exact_title(conn, normalize(ref))
    if len(exact) == 1:
        return exact[0]
    hits = search(engine, ref, limit=CANDIDATE_LIMIT) if normalize(ref) else []
    if exact:
        hits = [h for h in hits if h.film_id in exact] or hits
        raise AmbiguousError(f"{len(exact)} films are titled {ref!r}", candidates=hits)
    if len(hits) == 1 and (hits[0].relevance or 0) >= SURE_MATCH:
        return hits[0].film_id
    if hits:
        raise AmbiguousError(f"no film is titled exactly {ref!r}; close matches follow", candidates=hits)
    raise NotFoundError(f"no film matches {ref!r}")


def _by_id(conn: Connection, ref: str) -> str | None:
    current = ref
    for _ in range(MAX_REDIRECTS):
        if conn.execute(text("SELECT 1 FROM films WHERE id = :id"), {"id": current}).first():
            return current
        row = conn.execute(text("SELECT new_id FROM film_redirects WHERE old_id = :id"), {"id": current}).first()
        if row is None or row[0] == current:
            return None
        current = row[0]
    return None


def _by_exact_title(conn: Connection, key: str) -> list[str]:
    if not key:
        return []
    rows = conn.execute(text("SELECT DISTINCT t.film_id FROM search_titles t JOIN films f ON f.id = t.film_id "
                             "WHERE t.norm = :key ORDER BY t.film_id"), {"key": key})
    return [r[0] for r in rows]


def film_details(handle: Any, ref: str) -> FilmDetails:
    """The film meant by `ref` with consensus facts, sources, conflicts, reviews and score."""
    engine = engine_of(handle)
    film_id = find_film(engine, ref)
    with engine.connect() as conn:
        film = conn.execute(text("SELECT * FROM films WHERE id = :id"), {"id": film_id}).mappings().one()
        reviews = conn.execute(text(
            "SELECT r.*, l.score AS link_score, l.reasons AS link_reasons FROM film_links l "
            "JOIN reviews r ON r.id = l.review_id WHERE l.film_id = :id ORDER BY r.site, r.url"),
            {"id": film_id}).mappings().all()
    return _details(dict(film), [dict(r) for r in reviews])


def _details(film: dict[str, Any], reviews: list[dict[str, Any]]) -> FilmDetails:
    lines = [_review_line(r) for r in reviews]
    rated = [line.rating for line in lines if line.rating is not None]
    titles: dict[str, str] = {}
    for value in [film.get("title"), film.get("original_title")] + [r.get("title") for r in reviews]:
        if isinstance(value, str) and normalize(value):
            titles.setdefault(normalize(value), value)
    return FilmDetails(
        film_id=film["id"], title=film.get("title") or "", titles=list(titles.values()),
        facts=[_fact(name, film, reviews) for name in FACT_FIELDS],
        score=round(sum(rated) / len(rated), 1) if rated else None, rated_count=len(rated),
        review_count=len(lines), reviews=lines)


def _fact(name: str, film: dict[str, Any], reviews: list[dict[str, Any]]) -> Fact:
    value = _value(name, film.get(name))
    agree: list[str] = []
    others: dict[str, list[str]] = defaultdict(list)
    for review in reviews:
        stated = _value(name, review.get(name))
        if stated in (None, []):
            continue
        if name == "title" or _agrees(stated, value):  # differing titles are listed as titles, not conflicts
            if name != "title" or _key(stated) == _key(value):
                agree.append(review["site"])
            continue
        others[_text(_extra(stated, value))].append(review["site"])
    conflicts = [f"{v} ({', '.join(sorted(set(s)))})" for v, s in sorted(others.items())]
    return Fact(name=name, value=value, sources=sorted(set(agree)), conflicts=conflicts)


def _agrees(stated: Any, value: Any) -> bool:
    # A list agrees when it names nothing the consensus lacks (a shorter cast list is no conflict).
    if isinstance(stated, list):
        return set(_key(stated)) <= set(_key(value if isinstance(value, list) else []))
    return _key(stated) == _key(value)


def _extra(stated: Any, value: Any) -> Any:
    if not isinstance(stated, list):
        return stated
    known = set(_key(value if isinstance(value, list) else []))
    return [v for v in stated if _key([v])[0] not in known]


def _value(name: str, raw: Any) -> Any:
    if name in LIST_FIELDS:
        return json_list(raw)
    return raw


def _key(value: Any) -> Any:
    # Names compare order- and spelling-insensitively: "Chung-hyun Lee" = "Lee Chung Hyun".
    if isinstance(value, list):
        return sorted(" ".join(sorted(normalize(v).split())) for v in value)
    return normalize(str(value)) if value is not None else None


def _text(value: Any) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)




def _review_line(review: dict[str, Any]) -> ReviewLine:
    rating = json_value(review.get("rating"), None)
    rating = rating if isinstance(rating, dict) else {}
    return ReviewLine(
        url=review["url"], site=review["site"], title=review.get("title") or "",
        date=_iso_date(review.get("created_at")), release_date=review.get("release_date"),
        rating_raw=rating.get("raw"), rating=index.normalized_rating(rating) if rating else None,
        link_score=review.get("link_score"), link_reasons=[str(r) for r in json_value(review.get("link_reasons"), [])],
        withdrawn=review.get("withdrawn"), withdrawn_since=_iso_date(review.get("withdrawn_at")))


def _iso_date(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    return str(value)[:10] if value else None


def candidates_of(error: AmbiguousError) -> list[FilmHit]:
    """The films an AmbiguousError offers (typed for callers)."""
    return [c for c in error.candidates if isinstance(c, FilmHit)]

"""Film search: full-text candidates from the index, typo corrections, rapidfuzz ranking, filters."""
from __future__ import annotations

import math
from typing import Any

from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, text

from catalog.errors import QueryError
from catalog.jsoncols import json_list
from catalog.query import fulltext, index, typos
from catalog.query.access import engine_of
from catalog.query.filters import Filters, check_sort
from catalog.query.results import FilmHit
from catalog.query.text import MAX_QUERY_CHARS, MAX_QUERY_WORDS, normalize

# Title rows fetched from the full-text index per query (the ranking's candidate set).
CANDIDATES = 400
PREFIX_CANDIDATES = 300   # title rows read from the prefix range (each is scored in Python)
MAX_LIMIT = 1000
# Relevance: title similarity 0–100 plus at most this much for being much reviewed.
POPULARITY_WEIGHT = 6.0
CONTAINED_FLOOR = 90.0  # a title that holds every query word ranks at least this high
PREFIX_FLOOR = 90.0     # so does a title that starts with the whole query
MIN_PREFIX_CHARS = 2   # a shorter unknown last word is not looked up (it only ranks)
MAX_RELAXED = 6        # words tried one at a time as "the missing one" when no title has them all
_ORDER = {
    "score": "f.score IS NULL, f.score DESC, f.review_count DESC, f.film_id",
    "reviews": "f.review_count DESC, f.score IS NULL, f.score DESC, f.film_id",
    "year": "f.year IS NULL, f.year DESC, f.review_count DESC, f.film_id",
}
_FILM_COLUMNS = ("f.film_id, f.title, f.original_title, f.year, f.directors, f.genres, f.fsk, f.platform, "
                 "f.score, f.rated_count, f.review_count")


def search(handle: Any, query: str | None = None, filters: Filters | None = None, *,
           sort: str = "relevance", limit: int = 20) -> list[FilmHit]:
    """Films matching `query` (any of their titles) and `filters`, best first."""
    filters = filters or Filters()
    check_sort(sort)
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}")
    key = _query_key(query)
    if not key and filters.is_empty():
        raise QueryError("give a search text or at least one filter")
    engine = engine_of(handle)
    with engine.connect() as conn:
        if index.needs_refresh(engine, conn):
            conn.rollback()  # end the read before the writes of the refresh
            index.refresh(engine, wait=False)  # behind another refresh: read the index as it stands
        if not key:
            return _listing(conn, filters, "reviews" if sort == "relevance" else sort, limit)
        return _search(conn, key, filters, sort, limit)


def _query_key(query: str | None) -> str:
    if query is None:
        return ""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the search text is longer than {MAX_QUERY_CHARS} characters")
    key = normalize(query)
    if query.strip() and not key:
        raise QueryError(f"the search text {query.strip()[:40]!r} has no letters or digits")
    return key


def _listing(conn: Connection, filters: Filters, sort: str, limit: int) -> list[FilmHit]:
    conds, params = filters.sql()
    where = " WHERE " + " AND ".join(conds) if conds else ""
    sql = f"SELECT {_FILM_COLUMNS} FROM search_films f{where} ORDER BY {_ORDER[sort]} LIMIT :limit"
    return [_hit(r) for r in conn.execute(text(sql), {**params, "limit": limit}).mappings()]


def _search(conn: Connection, key: str, filters: Filters, sort: str, limit: int) -> list[FilmHit]:
    groups = _word_groups(conn, key.split()[:MAX_QUERY_WORDS])
    conds, params = filters.sql()
    engine = fulltext.for_dialect(conn.dialect.name)
    # Titles that start with the whole query come from a B-tree range; when they fill the
    # page, the full-text look-up (costly for common words) is skipped.
    found = engine.starting_with(conn, key, conds, params, PREFIX_CANDIDATES)
    if len({film_id for film_id, _, _ in found}) < limit and groups:
        found += engine.candidates(conn, groups, conds, params, CANDIDATES)
    if not found and len(groups) > 1:
        found = _relaxed(conn, engine, groups, conds, params)
    best: dict[str, tuple[float, str]] = {}
    for film_id, norm, title in found:
        sim = similarity(key, norm)
        if sim > best.get(film_id, (-1.0, ""))[0]:
            best[film_id] = (sim, title)
    return _ranked(conn, best, sort, limit)


def _relaxed(conn: Connection, engine: fulltext.FullText, groups: list[list[str]], conds: list[str],
             params: dict[str, Any]) -> list[tuple[str, str, str]]:
    # No title has every word: first allow one word to be missing (a few cheap AND
    # queries), and only then any word at all (an OR query, costly on common words).
    found: list[tuple[str, str, str]] = []
    for skip in range(min(len(groups), MAX_RELAXED)):
        found += engine.candidates(conn, groups[:skip] + groups[skip + 1:], conds, params, CANDIDATES // 2)
    return found or engine.candidates(conn, groups, conds, params, CANDIDATES, any_group=True)


def _word_groups(conn: Connection, words: list[str]) -> list[list[str]]:
    # A word of the index matches as is; an unknown word also matches its close
    # spellings (a typo) and, if it is the last one, as a prefix (typing in progress).
    known, corrections = typos.look_up(conn, words)
    groups = []
    for n, word in enumerate(words):
        last = n == len(words) - 1
        if word in known:
            groups.append([word])
        elif last and len(word) < MIN_PREFIX_CHARS:
            continue  # one stray letter: too short to look up, still counts in the ranking
        else:
            groups.append([word, *corrections.get(word, []), *([word + "*"] if last else [])])
    return groups


def similarity(query: str, title: str) -> float:
    """How well a normalized title answers a normalized query, 0–100."""
    if query == title:
        return 100.0
    query_words, title_words = set(query.split()), set(title.split())
    if query_words <= title_words:  # the title has every word: the fewer others, the better
        score = CONTAINED_FLOOR + 9.0 * len(query_words) / len(title_words)
    else:  # a typo or a partial match: plain string similarity, order-insensitive
        score = max(fuzz.ratio(query, title), fuzz.token_sort_ratio(query, title))
    if title.startswith(query):
        score = max(score, PREFIX_FLOOR + 5.0 * len(query) / len(title))
    return min(float(score), 99.0)


def _ranked(conn: Connection, best: dict[str, tuple[float, str]], sort: str, limit: int) -> list[FilmHit]:
    if not best:
        return []
    ids = list(best)
    if sort == "relevance":  # popularity adds at most POPULARITY_WEIGHT: the rest cannot make the cut
        ids.sort(key=lambda i: -best[i][0])
        floor = best[ids[min(limit, len(ids)) - 1]][0] - POPULARITY_WEIGHT
        ids = [i for i in ids if best[i][0] >= floor]
    rows = conn.execute(text(f"SELECT {_FILM_COLUMNS} FROM search_films f WHERE f.film_id IN :ids")
                        .bindparams(bindparam("ids", expanding=True)), {"ids": ids}).mappings().all()
    hits = []
    for row in rows:
        sim, title = best[row["film_id"]]
        relevance = round(sim + POPULARITY_WEIGHT * (1 - 1 / math.sqrt(1 + row["review_count"])), 2)
        hits.append(_hit(row, relevance, title))
    hits.sort(key=_sort_key(sort))
    return hits[:limit]


def _sort_key(sort: str) -> Any:
    def key(hit: FilmHit) -> tuple[Any, ...]:
        relevance = -(hit.relevance or 0.0)
        if sort == "score":
            return (hit.score is None, -(hit.score or 0.0), relevance, hit.film_id)
        if sort == "reviews":
            return (-hit.review_count, relevance, hit.film_id)
        if sort == "year":
            return (hit.year is None, -(hit.year or 0), relevance, hit.film_id)
        return (relevance, -hit.review_count, hit.film_id)
    return key


def _hit(row: Any, relevance: float | None = None, matched: str | None = None) -> FilmHit:
    return FilmHit(film_id=row["film_id"], title=row["title"], original_title=row["original_title"],
                   year=row["year"], directors=json_list(row["directors"]), genres=json_list(row["genres"]),
                   fsk=row["fsk"], platform=row["platform"], score=row["score"],
                   rated_count=row["rated_count"], review_count=row["review_count"],
                   relevance=relevance, matched_title=matched)



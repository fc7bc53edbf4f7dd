"""Builds the disambiguation report from the catalogue: `disambiguation(handle, title=None) -> Report`."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, text

from catalog.errors import QueryError
from catalog.query import fulltext, index
from catalog.query.access import engine_of
from catalog.query.text import MAX_QUERY_CHARS, MAX_QUERY_WORDS, normalize
from catalog.report import duplicates as dup
from catalog.report.load import chunks, load_films
from catalog.report.model import DuplicatePair, Report
from catalog.report.shared import shared_norms, shared_titles
from catalog.report.weak import weak_links

# Titles matched by a --title filter (all titles holding every word of it).
TITLE_FILTER_LIMIT = 10_000


def disambiguation(handle: Any, title: str | None = None) -> Report:
    """The report over the whole catalogue, or over the films one title matches."""
    key = _title_key(title)
    engine = engine_of(handle)
    index.refresh(engine, wait=False)  # a refresh another process runs is not waited for: the report reads the index as it stands
    with engine.connect() as conn:
        only_norms, only_films = _scope(conn, key) if key else (None, None)
        groups = shared_norms(conn, only_norms)
        similar = dup.similar_title_candidates(conn, only_films)
        wanted = {i for ids in groups.values() for i in ids} | {i for pair in similar for i in pair}
        films = load_films(conn, wanted)
        pairs = _duplicates(conn, groups, similar, films)
        return Report(
            generated_at=datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            title_filter=title.strip() if key and title else None,
            film_count=_count(conn, "films", only_films), review_count=_count(conn, "film_links", only_films),
            shared_titles=tuple(shared_titles(groups, films)),
            weak_links=tuple(weak_links(conn, only_films)), duplicates=tuple(pairs))


def _title_key(title: str | None) -> str:
    if title is None:
        return ""
    if len(title) > MAX_QUERY_CHARS or not normalize(title):
        raise QueryError(f"--title needs letters or digits (at most {MAX_QUERY_CHARS} characters)")
    return normalize(title)


def _scope(conn: Connection, key: str) -> tuple[set[str], set[str]]:
    groups = [[w] for w in key.split()[:MAX_QUERY_WORDS]]
    rows = fulltext.for_dialect(conn.dialect.name).candidates(conn, groups, [], {}, TITLE_FILTER_LIMIT)
    return {norm for _, norm, _ in rows}, {film_id for film_id, _, _ in rows}


def _duplicates(conn: Connection, groups: dict[str, list[str]], similar: set[tuple[str, str]],
                films: dict[str, Any]) -> list[DuplicatePair]:
    pairs = [*dup.same_title_pairs(groups, films), *dup.similar_title_pairs(similar, films)]
    separated = dup.split_apart(conn, pairs)
    seen: set[frozenset[str]] = set()
    out = []
    for pair in pairs:
        ids = frozenset((pair.first.film_id, pair.second.film_id))
        if ids not in seen and ids not in separated:
            seen.add(ids)
            out.append(pair)
    out.sort(key=lambda p: (-p.similarity, p.first.title.casefold(), p.first.film_id))
    return out


def _count(conn: Connection, table: str, only: set[str] | None) -> int:
    if only is None:
        column = "film_id" if table == "film_links" else "id"
        return int(conn.execute(text(f"SELECT count(*) FROM {table} WHERE {column} IS NOT NULL")).scalar() or 0)
    if table == "films":
        return len(only)
    total = 0
    for part in chunks(sorted(only)):
        total += int(conn.execute(text("SELECT count(*) FROM film_links WHERE film_id IN :ids")
                                  .bindparams(bindparam("ids", expanding=True)), {"ids": part}).scalar() or 0)
    return total

"""Loads what the report needs about films, in batches: facts, every title, reviews per site."""
from __future__ import annotations

import shlex
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection

from catalog.jsoncols import json_dict, json_list
from catalog.report.model import FilmFacts

# Films per IN (...) query: well under SQLite's bound-parameter limit.
CHUNK = 5000
CAST_SHOWN = 4            # cast members listed per film (the rest only clutter)


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    """`items` in slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_films(conn: Connection, ids: Iterable[str]) -> dict[str, FilmFacts]:
    """FilmFacts of the given film ids from the search index (unknown ids are left out)."""
    wanted = sorted(set(ids))
    out: dict[str, FilmFacts] = {}
    for part in chunks(wanted):
        titles = _titles(conn, part)
        rows = raw_rows(conn, 'SELECT film_id, title, original_title, year, directors, "cast", platform, sites '
                        "FROM search_films WHERE film_id IN ({ids})", part)
        for row in rows:
            out[row[0]] = _facts(row, titles.get(row[0], []))
    return out


def raw_rows(conn: Connection, sql: str, ids: list[str]) -> list[tuple[Any, ...]]:
    """Rows of `sql` with `{ids}` bound to `ids`, straight from the driver (the report reads
    hundreds of thousands of rows; SQLAlchemy's row objects cost more than the query)."""
    params: tuple[Any, ...]
    if conn.dialect.name == "postgresql":  # one array parameter: no 5,000-placeholder statement to parse
        statement, params = sql.replace("IN ({ids})", "= ANY(%s)"), (list(ids),)
    else:
        statement, params = sql.format(ids=", ".join(["?"] * len(ids))), tuple(ids)
    cursor = conn.connection.cursor()  # the DBAPI cursor inside this connection's transaction
    try:
        cursor.execute(statement, params)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _facts(row: tuple[Any, ...], titles: list[str]) -> FilmFacts:
    film_id, title, original_title, year, directors, cast, platform, sites = row
    per_site = json_dict(sites)
    return FilmFacts(
        film_id=film_id, title=title or "", original_title=original_title, year=year,
        directors=tuple(json_list(directors)), platform=platform, cast=tuple(json_list(cast)[:CAST_SHOWN]),
        titles=tuple(titles) or (title or "",),
        reviews_per_site=tuple(sorted((str(k), int(v)) for k, v in per_site.items())))


def _titles(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for film_id, title in raw_rows(conn, "SELECT film_id, title FROM search_titles WHERE film_id IN ({ids}) "
                                   "ORDER BY id", ids):
        out[film_id].append(title)
    return out




def merge_command(film_ids: list[str]) -> str:
    """The command that merges the first film with each other one."""
    first, *rest = film_ids
    return " && ".join(f"filmcat films merge {shlex.quote(first)} {shlex.quote(other)}" for other in rest)


def split_command(film_id: str, urls: list[str]) -> str:
    """The command that moves reviews off a film into a film of their own."""
    reviews = " ".join(f"--review {shlex.quote(u)}" for u in urls)
    return f"filmcat films split {shlex.quote(film_id)} {reviews}"

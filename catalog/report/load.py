"""Loads what the report needs about films, in batches: facts, every title, reviews per site."""
from __future__ import annotations

import json
import shlex
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.sql.elements import BindParameter

from catalog.report.model import FilmFacts

# Films per IN (...) query: well under SQLite's bound-parameter limit.
CHUNK = 5000
CAST_SHOWN = 4            # cast members listed per film (the rest only clutter)
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def chunks(items: list[str], size: int = CHUNK) -> Iterator[list[str]]:
    """`items` in slices of at most `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def load_films(conn: Connection, ids: Iterable[str]) -> dict[str, FilmFacts]:
    """FilmFacts of the given film ids (unknown ids are left out)."""
    wanted = sorted(set(ids))
    out: dict[str, FilmFacts] = {}
    for part in chunks(wanted):
        titles = _titles(conn, part)
        sites = _sites(conn, part)
        rows = conn.execute(text("SELECT id, title, original_title, year, directors, \"cast\", platform FROM films "
                                 "WHERE id IN :ids").bindparams(_IDS), {"ids": part}).mappings()
        for row in rows:
            out[row["id"]] = _facts(dict(row), titles.get(row["id"], []), sites.get(row["id"], {}))
    return out


def _facts(row: dict[str, Any], titles: list[str], sites: dict[str, int]) -> FilmFacts:
    return FilmFacts(
        film_id=row["id"], title=row["title"] or "", original_title=row["original_title"], year=row["year"],
        directors=tuple(json_list(row["directors"])), platform=row["platform"],
        cast=tuple(json_list(row["cast"])[:CAST_SHOWN]),
        titles=tuple(titles) or (row["title"] or "",), reviews_per_site=tuple(sorted(sites.items())))


def _titles(conn: Connection, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for film_id, title in conn.execute(text("SELECT film_id, title FROM search_titles WHERE film_id IN :ids "
                                            "ORDER BY id").bindparams(_IDS), {"ids": ids}):
        out[film_id].append(title)
    return out


def _sites(conn: Connection, ids: list[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    rows = conn.execute(text("SELECT l.film_id, r.site, count(*) FROM film_links l JOIN reviews r "
                             "ON r.id = l.review_id WHERE l.film_id IN :ids GROUP BY l.film_id, r.site")
                        .bindparams(_IDS), {"ids": ids})
    for film_id, site, n in rows:
        out[film_id][site] = int(n)
    return out


def json_list(value: Any) -> list[str]:
    """A JSON list column as a list of strings (tolerates text and garbage)."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def merge_command(film_ids: list[str]) -> str:
    """The command that merges the first film with each other one."""
    first, *rest = film_ids
    return " && ".join(f"filmcat films merge {shlex.quote(first)} {shlex.quote(other)}" for other in rest)


def split_command(film_id: str, urls: list[str]) -> str:
    """The command that moves reviews off a film into a film of their own."""
    reviews = " ".join(f"--review {shlex.quote(u)}" for u in urls)
    return f"filmcat films split {shlex.quote(film_id)} {reviews}"

"""Titles shared by several films, and the facts that tell those films apart."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.sql.elements import BindParameter

from catalog.query.text import normalize
from catalog.report.load import merge_command
from catalog.report.model import FilmFacts, SharedTitle

_NORMS: BindParameter[Any] = bindparam("norms", expanding=True)


def shared_norms(conn: Connection, only: set[str] | None = None) -> dict[str, list[str]]:
    """Normalized title -> film ids, for titles held by more than one film."""
    if only is not None:
        if not only:
            return {}
        rows = conn.execute(text("SELECT norm, film_id FROM search_titles WHERE norm IN :norms")
                            .bindparams(_NORMS), {"norms": sorted(only)})
    else:
        rows = conn.execute(text(
            "SELECT t.norm, t.film_id FROM search_titles t JOIN (SELECT norm FROM search_titles GROUP BY norm "
            "HAVING count(DISTINCT film_id) > 1) s ON s.norm = t.norm"))
    groups: dict[str, set[str]] = defaultdict(set)
    for norm, film_id in rows:
        groups[norm].add(film_id)
    return {norm: sorted(ids) for norm, ids in groups.items() if len(ids) > 1}


def shared_titles(groups: dict[str, list[str]], films: dict[str, FilmFacts]) -> list[SharedTitle]:
    """One SharedTitle per group, namesakes ordered by year, the largest groups first."""
    out = []
    for norm, ids in groups.items():
        members = sorted((films[i] for i in ids if i in films), key=lambda f: (f.year or 0, f.film_id))
        if len(members) < 2:
            continue
        shown = next((t for f in members for t in f.titles if normalize(t) == norm), members[0].title)
        out.append(SharedTitle(title=shown, key=norm, films=tuple(members), differences=differences(members),
                               merge_command=merge_command([f.film_id for f in members])))
    out.sort(key=lambda g: (-len(g.films), g.key))
    return out


def _names(film: FilmFacts) -> set[str]:
    return {" ".join(sorted(normalize(n).split())) for n in film.directors if normalize(n)}


ASPECTS: list[tuple[str, Callable[[FilmFacts], object]]] = [
    ("year", lambda f: f.year),
    ("directors", lambda f: ", ".join(f.directors) or None),
    ("original title", lambda f: f.original_title),
    ("platform", lambda f: f.platform),
    ("cast", lambda f: ", ".join(f.cast) or None),
]


def differences(films: Sequence[FilmFacts]) -> tuple[str, ...]:
    """'year: 2023 / 2025'-style lines for every aspect on which the films differ."""
    out = []
    for label, get in ASPECTS:
        values = [get(f) for f in films]
        # casefold, not the full search key: this only decides what to show, for many groups
        known = {" ".join(str(v).casefold().split()) for v in values if v is not None}
        if len(known) > 1:
            out.append(f"{label}: " + " / ".join("?" if v is None else str(v) for v in values))
    return tuple(out)  # empty: nothing recorded tells them apart


def compatible(a: FilmFacts, b: FilmFacts, year_gap: int = 1) -> bool:
    """Whether two films could be one: years within `year_gap`, directors not disjoint (missing is fine)."""
    if a.year is not None and b.year is not None and abs(a.year - b.year) > year_gap:
        return False
    names_a, names_b = _names(a), _names(b)
    return not (names_a and names_b and not names_a & names_b)


def director_keys(film: FilmFacts) -> set[str]:
    """Order-insensitive director name keys ("chung hyun lee")."""
    return _names(film)

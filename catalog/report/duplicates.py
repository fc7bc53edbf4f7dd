"""Likely missed merges: separate films with one title, or near-identical titles, and compatible facts."""
from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations

from rapidfuzz import fuzz
from sqlalchemy import Connection, bindparam, text

from catalog.query.text import normalize
from catalog.report.load import chunks, json_list, merge_command
from catalog.report.model import DuplicatePair, FilmFacts
from catalog.report.shared import compatible, director_keys

SIMILAR_TITLE = 88.0   # token-sort ratio from which two titles count as "very similar"
MAX_BLOCK = 200        # films per (director, year) block compared pairwise (bounds the n² part)


def same_title_pairs(groups: dict[str, list[str]], films: dict[str, FilmFacts]) -> Iterator[DuplicatePair]:
    """Films sharing a title whose year and directors do not rule out one film."""
    for ids in groups.values():
        for a, b in combinations([films[i] for i in ids if i in films], 2):
            if compatible(a, b):
                yield _pair(a, b, 100.0, _reasons(a, b, "the same title"))


def similar_title_candidates(conn: Connection, only: set[str] | None = None) -> set[tuple[str, str]]:
    """Film id pairs with the same director and year and very similar (not equal) titles."""
    blocks: dict[tuple[str, int], list[tuple[str, str]]] = defaultdict(list)
    cursor = conn.connection.cursor()  # plain tuples: every film passes through here
    cursor.execute("SELECT id, title, year, directors FROM films WHERE year IS NOT NULL")
    rows = cursor.fetchall()
    cursor.close()
    for film_id, title, year, directors in rows:
        title_key = normalize(title)
        for name in json_list(directors):
            key = _name_key(name)
            if key:
                blocks[(key, int(year))].append((film_id, title_key))
    pairs: set[tuple[str, str]] = set()
    for members in blocks.values():
        for (id_a, t_a), (id_b, t_b) in combinations(members[:MAX_BLOCK], 2):
            wanted = only is None or id_a in only or id_b in only
            if wanted and t_a != t_b and fuzz.token_sort_ratio(t_a, t_b, score_cutoff=SIMILAR_TITLE):
                pairs.add((min(id_a, id_b), max(id_a, id_b)))
    return pairs


@functools.lru_cache(maxsize=1 << 16)  # directors direct many films
def _name_key(name: str) -> str:
    return " ".join(sorted(normalize(name).split()))


def similar_title_pairs(pairs: set[tuple[str, str]], films: dict[str, FilmFacts]) -> Iterator[DuplicatePair]:
    """DuplicatePairs of candidate id pairs."""
    for id_a, id_b in sorted(pairs):
        a, b = films.get(id_a), films.get(id_b)
        if a and b:
            ratio = fuzz.token_sort_ratio(normalize(a.title), normalize(b.title))
            yield _pair(a, b, float(ratio), _reasons(a, b, f"very similar titles ({ratio:.0f}/100)"))


def _reasons(a: FilmFacts, b: FilmFacts, title_reason: str) -> tuple[str, ...]:
    out = [title_reason]
    if a.year is not None and a.year == b.year:
        out.append(f"the same year ({a.year})")
    elif a.year is None or b.year is None:
        out.append("a year is missing on one side")
    else:
        out.append(f"close years ({a.year} / {b.year})")
    shared = director_keys(a) & director_keys(b)
    out.append("the same director" if shared else "a director is missing on one side")
    if a.original_title and b.original_title and normalize(a.original_title) == normalize(b.original_title):
        out.append("the same original title")
    return tuple(out)


def _pair(a: FilmFacts, b: FilmFacts, similarity: float, reasons: tuple[str, ...]) -> DuplicatePair:
    first, second = sorted((a, b), key=lambda f: f.film_id)
    return DuplicatePair(first=first, second=second, similarity=similarity, reasons=reasons,
                         merge_command=merge_command([first.film_id, second.film_id]))


def split_apart(conn: Connection, pairs: list[DuplicatePair]) -> set[frozenset[str]]:
    """The pairs a manual split separated on purpose: one film holds reviews of its one side,
    the other film reviews of its other side (decisions are stored by review URL)."""
    splits = [(set(json_list(a)), set(json_list(b))) for a, b in
              conn.execute(text("SELECT urls_a, urls_b FROM decisions WHERE kind = 'split'"))]
    if not splits or not pairs:
        return set()
    ids = sorted({f for p in pairs for f in (p.first.film_id, p.second.film_id)})
    urls = _urls(conn, ids)
    out: set[frozenset[str]] = set()
    for pair in pairs:
        one, other = urls.get(pair.first.film_id, set()), urls.get(pair.second.film_id, set())
        if any((one & a and other & b) or (one & b and other & a) for a, b in splits):
            out.add(frozenset((pair.first.film_id, pair.second.film_id)))
    return out


def _urls(conn: Connection, ids: list[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for part in chunks(ids):
        rows = conn.execute(text("SELECT l.film_id, r.url FROM film_links l JOIN reviews r ON r.id = l.review_id "
                                 "WHERE l.film_id IN :ids").bindparams(bindparam("ids", expanding=True)),
                            {"ids": part})
        for film_id, url in rows:
            out[film_id].add(url)
    return out

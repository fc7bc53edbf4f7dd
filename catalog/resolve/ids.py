"""Stage 4: stable film ids (greatest overlap with the previous films) and redirects for retired ids."""
from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, select

from catalog.models import FilmRedirect

ID_PREFIX = "film-"
MAX_HOPS = 20  # redirect chains longer than this are broken data, not history


CANDIDATES = 4  # ids tried per seed before giving up on reuse checks (collisions need repeated splits)


def candidate_id(seed: str, n: int = 0) -> str:
    """The n-th deterministic id for `seed` (a review URL)."""
    digest = hashlib.sha1(f"{seed}#{n}".encode() if n else seed.encode()).hexdigest()[:12]
    return ID_PREFIX + digest


def new_id(seed: str, taken: set[str]) -> str:
    """A deterministic id derived from `seed` that is not in `taken`."""
    n, fid = 0, candidate_id(seed)
    while fid in taken:
        n += 1
        fid = candidate_id(seed, n)
    taken.add(fid)
    return fid


def seeds_candidates(groups: Sequence[Sequence[int]], urls: Sequence[str]) -> list[str]:
    """Every id a new film of these groups could get (to look up which are taken, in one query)."""
    return [candidate_id(min(urls[i] for i in g), n) for g in groups for n in range(CANDIDATES)]


def assign_ids(groups: Sequence[Sequence[int]], urls: Sequence[str], old: Mapping[int, str],
               taken: set[str]) -> tuple[list[str], dict[str, str]]:
    """An id per group (old ids kept by the group holding most of their reviews) and retired → new ids.

    `old` maps profile index → previous film id; `taken` holds every id ever used (films and redirects).
    """
    overlaps: list[tuple[int, str, int]] = []
    for g, members in enumerate(groups):
        for film_id, count in Counter(old[i] for i in members if i in old).items():
            overlaps.append((count, film_id, g))
    ids: list[str | None] = [None] * len(groups)
    used: set[str] = set()
    for count, film_id, g in sorted(overlaps, key=lambda t: (-t[0], t[1], t[2])):
        if ids[g] is None and film_id not in used:
            ids[g] = film_id
            used.add(film_id)
    for g, members in enumerate(groups):
        if ids[g] is None:
            ids[g] = new_id(min(urls[i] for i in members), taken)
    final = [str(x) for x in ids]
    return final, _redirects(groups, old, final, used)


def _redirects(groups: Sequence[Sequence[int]], old: Mapping[int, str], ids: list[str],
               used: set[str]) -> dict[str, str]:
    """Each retired old id → the group that took most of its reviews."""
    where: dict[str, Counter[str]] = {}
    for g, members in enumerate(groups):
        for i in members:
            if i in old and old[i] not in used:
                where.setdefault(old[i], Counter())[ids[g]] += 1
    return {fid: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for fid, c in where.items()}


def current_id(conn: Connection, film_id: str) -> str | None:
    """Follow redirects from `film_id` to the id in use (None when unknown)."""
    from catalog.models import Film

    seen = set()
    fid = film_id
    for _ in range(MAX_HOPS):
        if conn.execute(select(Film.id).where(Film.id == fid)).first():
            return fid
        nxt = conn.execute(select(FilmRedirect.new_id).where(FilmRedirect.old_id == fid)).scalar()
        if nxt is None or nxt in seen:
            return None
        seen.add(fid)
        fid = nxt
    return None

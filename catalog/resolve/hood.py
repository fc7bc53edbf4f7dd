"""The loaded neighbourhood of an incremental run, and the stored-key queries that grow it."""
from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, or_, select

from catalog.models import Review, ReviewKey
from catalog.resolve import persist
from catalog.resolve.keys import Profile, _year, block_keys, cast_keys, profile

CHUNK = 500  # keys per IN (...) list, as in persist
NAME = "c:"  # name-block keys (keys.cast_keys): stored when keys.stored_keys writes them


@dataclass
class Hood:
    """Reviews loaded by one incremental run: (review id, record) rows and their profiles, by index."""

    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    index: dict[int, int] = field(default_factory=dict)  # review id → position
    # name and part keys held by more than max_block reviews catalogue-wide: a full run drops those
    # blocks, so the loaded few must not form one either
    oversized: set[str] = field(default_factory=set)
    seconds: float = 0.0  # spent loading and profiling reviews

    def add(self, conn: Connection, ids: Iterable[int]) -> list[int]:
        """Load the reviews of `ids` not loaded yet; returns the positions of all of `ids` that exist."""
        t = time.perf_counter()
        new = set(ids) - self.index.keys()
        for rid, rec in persist.load_records(conn, new):
            self.index[rid] = len(self.rows)
            self.rows.append((rid, rec))
            self.profiles.append(profile(rid, rec))
        self.seconds += time.perf_counter() - t
        return sorted(self.index[r] for r in set(ids) if r in self.index)

    def ids(self, positions: Iterable[int]) -> list[int]:
        return [self.rows[i][0] for i in positions]


def holders(conn: Connection, keys: Iterable[str], skip: set[int], untitled: bool = False) -> dict[str, set[int]]:
    """Stored reviews holding each of `keys` (reviews in `skip`, whose stored keys may be old, left
    out); with `untitled`, only reviews without a title."""
    out: dict[str, set[int]] = {}
    for chunk in _chunks(keys):
        query = select(ReviewKey.key, ReviewKey.review_id).where(ReviewKey.key.in_(chunk))
        if untitled:
            query = query.join(Review, Review.id == ReviewKey.review_id).where(
                or_(Review.title.is_(None), Review.title == ""))
        for k, rid in conn.execute(query):
            if rid not in skip:
                out.setdefault(k, set()).add(rid)
    return out


def name_blocks(conn: Connection, hood: Hood, members: Sequence[int], pending: Sequence[int], limit: int,
                skip: set[int], untitled: bool = False) -> dict[str, list[int]]:
    """Name blocks ("c:" keys, at most `limit` records catalogue-wide) of the profiles at `members`:
    every stored holder (with `untitled`, those without a title: all a titled record pairs with in a
    name block) is loaded into `hood`; `pending` are the positions of reviews not stored yet (their
    keys are counted from their profiles). Oversized keys are noted in the hood."""
    wanted = {k for i in members for k in cast_keys(hood.profiles[i])}
    counts = persist.key_counts(conn, wanted)
    for i in pending:
        for k in cast_keys(hood.profiles[i]):
            if k in wanted:
                counts[k] = counts.get(k, 0) + 1
    small = {k for k in wanted if counts.get(k, 0) <= limit + len(skip)}  # stale reviews' old keys: exact below
    stored = holders(conn, small, skip, untitled)
    hood.add(conn, {rid for ids in stored.values() for rid in ids})
    out: dict[str, set[int]] = {k: {hood.index[r] for r in stored.get(k, ()) if r in hood.index} for k in small}
    for i in pending:
        for k in cast_keys(hood.profiles[i]):
            if k in small:
                out[k].add(i)
    if not untitled:  # exact sizes: the stored holders without the stale ones, and the pending ones
        counts = {k: len(v) for k, v in out.items()}
    hood.oversized |= {k for k in wanted if counts.get(k, 0) > limit}
    return {k: sorted(v) for k, v in out.items() if v and counts.get(k, 0) <= limit}


def name_years(conn: Connection, keys: Iterable[str], skip: set[int]) -> dict[str, list[int]]:
    """Every stated year (keys._year: the year, else the release date's) of the stored reviews naming
    each name key, in any role (for careers: catalogue-wide, whatever the block's size)."""
    out: dict[str, list[int]] = {}
    for chunk in _chunks({f"{NAME}{k}" for k in keys}):
        query = (select(ReviewKey.key, ReviewKey.review_id, Review.year, Review.release_date)
                 .join(Review, Review.id == ReviewKey.review_id).where(ReviewKey.key.in_(chunk)))
        for k, rid, year, date in conn.execute(query):
            y = _year({"year": year, "release_date": date})
            if y is not None and rid not in skip:
                out.setdefault(k[len(NAME):], []).append(y)
    return out


def key_sites(conn: Connection, keys: Iterable[str], skip: set[int]) -> dict[str, tuple[int, set[str]]]:
    """Stored title keys: (how many reviews hold it, their sites)."""
    out: dict[str, tuple[int, set[str]]] = {}
    for chunk in _chunks(keys):
        query = (select(ReviewKey.key, ReviewKey.review_id, Review.site)
                 .join(Review, Review.id == ReviewKey.review_id).where(ReviewKey.key.in_(chunk)))
        for k, rid, site in conn.execute(query):
            if rid not in skip:
                n, sites = out.setdefault(k, (0, set()))
                sites.add(site)
                out[k] = (n + 1, sites)
    return out


def title_paired_stored(conn: Connection, hood: Hood, members: Sequence[int], pending: Sequence[int],
                        limit: int, skip: set[int]) -> set[int]:
    """Which of `members` keys.title_paired would mark in a full run: a title block (a part block with
    the whole titles of the same string, unless either side is oversized) holding two sites, read from
    the stored keys and the `pending` profiles (not stored yet)."""
    title_keys = {k for i in members for k in block_keys(hood.profiles[i]) if k[:2] in ("t:", "p:")}
    wanted = title_keys | {("p:" if k[0] == "t" else "t:") + k[2:] for k in title_keys}
    blocks = key_sites(conn, wanted, skip)
    for i in pending:
        p = hood.profiles[i]
        for k in block_keys(p):
            if k in wanted:
                n, sites = blocks.get(k, (0, set()))
                blocks[k] = (n + 1, sites | {p.site})

    def two_sites(k: str) -> bool:
        n, sites = blocks.get(k, (0, set()))
        if k[0] == "t" and len(sites) > 1:
            return True
        part, whole = blocks.get("p:" + k[2:], (0, set())), blocks.get("t:" + k[2:], (0, set()))
        if not part[0] or part[0] > limit:
            return False  # no part block, or an oversized one (dropped)
        return len(part[1] | (whole[1] if whole[0] <= limit else set())) > 1

    return {i for i in members if any(two_sites(k) for k in block_keys(hood.profiles[i]) if k[:2] in ("t:", "p:"))}


def _chunks(keys: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(keys))
    return (items[n:n + CHUNK] for n in range(0, len(items), CHUNK))

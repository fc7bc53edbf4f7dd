"""The loaded neighbourhood of an incremental run, and the stored-key queries that grow it."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select

from catalog.models import FilmLink, Review, ReviewKey
from catalog.resolve import persist
from catalog.resolve.keys import NAME, Profile, block_keys, cast_keys, profile, year_of
from catalog.resolve.namekeys import MANY, SPAN


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
    stale: int = 0  # pending reviews with keys stored (changed ones): how far a stored count may be off
    paired: dict[int, bool] = field(default_factory=dict)  # paired_among's answers, per review id
    name_blocks: dict[str, set[int]] = field(default_factory=dict)  # name_holders' blocks (empty: none or oversized)

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


def name_holders(conn: Connection, hood: Hood, members: Iterable[int], limit: int, skip: set[int],
                 untitled: bool = False) -> dict[str, set[int]]:
    """The name blocks ("c:" keys) of the profiles at `members` that hold at most `limit` reviews
    catalogue-wide, as review ids: the stored holders (with `untitled`, only those without a title:
    all a titled record pairs with in a name block) and the pending reviews (`skip`, loaded in `hood`,
    whose keys are not stored yet). Oversized keys are noted in the hood. Without `untitled` the
    blocks are kept in the hood: the reviews a run decides anew add to `skip` what they took from the
    stored holders, so a block stays as it was."""
    wanted = {k for i in members for k in cast_keys(hood.profiles[i])}
    if untitled:
        return _name_holders(conn, hood, wanted, limit, skip, True)
    todo = wanted - hood.name_blocks.keys()
    if todo:
        found = _name_holders(conn, hood, todo, limit, skip, False)
        hood.name_blocks.update({k: found.get(k, set()) for k in todo})
    return {k: hood.name_blocks[k] for k in wanted if hood.name_blocks[k]}


def _name_holders(conn: Connection, hood: Hood, wanted: set[str], limit: int, skip: set[int],
                  untitled: bool) -> dict[str, set[int]]:
    mine: dict[str, set[int]] = {}
    for rid in skip:
        if rid in hood.index:
            for k in cast_keys(hood.profiles[hood.index[rid]]):
                if k in wanted:
                    mine.setdefault(k, set()).add(rid)
    counts = persist.key_counts(conn, wanted)
    many = _marked(conn, wanted)  # oversized at the last full run (only the placeable holders are stored)
    small = {k for k in wanted if counts.get(k, 0) <= limit + hood.stale and k not in many}  # stale: exact below
    stored = holders(conn, small, skip, untitled)
    out = {k: stored.get(k, set()) | mine.get(k, set()) for k in small}
    sizes = {k: counts.get(k, 0) + len(mine.get(k, ())) for k in wanted}
    if not untitled:  # exact: the stored holders without the stale ones, and the pending ones
        sizes.update({k: len(v) for k, v in out.items()})
    sizes.update({k: limit + 1 for k in many})
    hood.oversized |= {k for k in wanted if sizes[k] > limit}
    return {k: v for k, v in out.items() if v and sizes[k] <= limit}


def _marked(conn: Connection, keys: set[str]) -> set[str]:
    """The name keys ("c:…") of `keys` that a full run marked oversized (namekeys.MANY)."""
    marks = persist.key_counts(conn, {MANY + k[len(NAME):] for k in keys})
    return {NAME + k[len(MANY):] for k in marks}


def name_years(conn: Connection, keys: Iterable[str], skip: set[int]) -> dict[str, list[int]]:
    """Stated years (keys.year_of: the year, else the release date's) of the stored reviews naming each
    name key, in any role: those with its name or span keys (namekeys.name_extras: the first and the last
    year of a name an undated record holds, as of the last full run), for careers."""
    out: dict[str, list[int]] = {}
    for chunk in _chunks({f"{ns}{k}" for k in keys for ns in (NAME, SPAN)}):
        query = (select(ReviewKey.key, ReviewKey.review_id, Review.year, Review.release_date)
                 .join(Review, Review.id == ReviewKey.review_id).where(ReviewKey.key.in_(chunk)))
        for k, rid, year, date in conn.execute(query):
            y = year_of({"year": year, "release_date": date})
            if y is not None and rid not in skip:
                out.setdefault(k[len(NAME):], []).append(y)
    return out


Block = tuple[int, frozenset[str]]  # (reviews holding a key, two of their sites when there are two or more)


def key_blocks(conn: Connection, keys: Iterable[str], limit: int) -> dict[str, Block]:
    """Stored title keys: how many reviews hold each, and its first and last site (two sites exactly
    when the block has reviews of two sites or more). Oversized blocks are not aggregated: a part
    block is dropped then (no sites), a whole-title block is asked for a second site only."""
    counts = persist.key_counts(conn, keys)
    out: dict[str, Block] = {}
    for chunk in _chunks(k for k, n in counts.items() if n <= limit):
        query = (select(ReviewKey.key, func.count(), func.min(Review.site), func.max(Review.site))
                 .join(Review, Review.id == ReviewKey.review_id).where(ReviewKey.key.in_(chunk))
                 .group_by(ReviewKey.key))
        out.update({k: (n, frozenset((lo, hi))) for k, n, lo, hi in conn.execute(query)})
    for k, n in counts.items():
        if n > limit:
            out[k] = (n, _two_sites(conn, k) if k.startswith("t:") else frozenset())
    return out


def _two_sites(conn: Connection, key: str) -> frozenset[str]:
    """A site of the block `key`, and another one when there is one (stops at the first)."""
    sites = (select(Review.site).join(ReviewKey, ReviewKey.review_id == Review.id)
             .where(ReviewKey.key == key).limit(1))
    first = conn.execute(sites).scalar()
    other = conn.execute(sites.where(Review.site != first)).scalar() if first is not None else None
    return frozenset(s for s in (first, other) if s is not None)


def stored_title_keys(conn: Connection, ids: Iterable[int]) -> dict[int, list[str]]:
    """The stored title keys ("t:", "p:") of reviews."""
    out: dict[int, list[str]] = {}
    for chunk in _chunks(ids):
        query = select(ReviewKey.review_id, ReviewKey.key).where(ReviewKey.review_id.in_(chunk))
        for rid, k in conn.execute(query):
            if k[:2] in ("t:", "p:"):
                out.setdefault(rid, []).append(k)
    return out


def paired_among(conn: Connection, hood: Hood, ids: Iterable[int], limit: int, skip: set[int]) -> set[int]:
    """Which of the reviews `ids` keys.title_paired would mark in a full run: a title block (a part
    block with the whole titles of the same string, unless either side is oversized) holding two
    sites. Read from the stored keys and blocks, and from the pending reviews (`skip`, in `hood`:
    their keys are not stored yet); reviews not loaded are never loaded for it."""
    asked = set(ids)
    ids = asked - hood.paired.keys()  # (answers kept: the stored reviews a run decides anew keep their titles)
    if ids:
        found = _paired(conn, hood, ids, limit, skip)
        hood.paired.update({rid: rid in found for rid in ids})
    return {rid for rid in asked if hood.paired[rid]}


def _paired(conn: Connection, hood: Hood, ids: set[int], limit: int, skip: set[int]) -> set[int]:
    loaded = {rid for rid in ids if rid in hood.index}
    title_keys = {rid: [k for k in block_keys(hood.profiles[hood.index[rid]]) if k[:2] in ("t:", "p:")]
                  for rid in loaded}
    title_keys.update(stored_title_keys(conn, ids - loaded))
    wanted = {k for ks in title_keys.values() for k in ks}
    wanted |= {("p:" if k[0] == "t" else "t:") + k[2:] for k in wanted}
    blocks = key_blocks(conn, wanted, limit)  # stale reviews' old keys count here (a review changed in place)
    for rid in skip:
        if rid in hood.index:
            p = hood.profiles[hood.index[rid]]
            for k in block_keys(p):
                if k in wanted:
                    n, sites = blocks.get(k, (0, frozenset()))
                    blocks[k] = (n + 1, sites | {p.site})

    def two_sites(k: str) -> bool:
        if k[0] == "t" and len(blocks.get(k, (0, ()))[1]) > 1:
            return True
        part, whole = blocks.get("p:" + k[2:], (0, frozenset())), blocks.get("t:" + k[2:], (0, frozenset()))
        if not part[0] or part[0] > limit:
            return False  # no part block, or an oversized one (dropped)
        return len(part[1] | (whole[1] if whole[0] <= limit else frozenset())) > 1

    return {rid for rid, ks in title_keys.items() if any(two_sites(k) for k in ks)}


def names_stored(conn: Connection) -> bool:
    """Whether the catalogue holds name, many or span keys (namekeys.name_extras): its last full run stored
    them, so an incremental run keeps the set complete. A partial set would be worse than none: a
    pending record would meet some people-rule candidates and not their rivals."""
    for ns in (NAME, MANY, SPAN):  # a range on the primary key (a LIKE may scan on SQLite)
        after = ns[:-1] + chr(ord(ns[-1]) + 1)
        if conn.execute(select(ReviewKey.key).where(ReviewKey.key >= ns, ReviewKey.key < after).limit(1)).first():
            return True
    return False


def name_keys_of(conn: Connection, ids: Iterable[int]) -> dict[int, set[str]]:
    """The stored name, many and span keys (namekeys.name_extras) of reviews."""
    out: dict[int, set[str]] = {}
    for chunk in _chunks(ids):
        query = select(ReviewKey.review_id, ReviewKey.key).where(
            ReviewKey.review_id.in_(chunk), or_(*(ReviewKey.key.startswith(ns) for ns in (NAME, MANY, SPAN))))
        for rid, k in conn.execute(query):
            out.setdefault(rid, set()).add(k)
    return out


def new_name_keys(conn: Connection, hood: Hood, new: Iterable[int], limit: int, skip: set[int]) -> dict[int, set[str]]:
    """The name keys a full run would store for the pending reviews `new` (loaded; `skip`: every review
    this run decides) beyond keys.stored_keys' own: the name keys of one that no title pairs, but
    for names marked oversized, and a span key where its year widens a stored career span."""
    new = [rid for rid in new if rid in hood.index and hood.profiles[hood.index[rid]].people]
    out: dict[int, set[str]] = {}
    unpaired = set(new) - paired_among(conn, hood, new, limit, skip) if new else set()
    wanted = {k for rid in new for k in cast_keys(hood.profiles[hood.index[rid]])}
    many = _marked(conn, wanted)
    spans = _spans(conn, wanted, skip)
    for rid in new:
        p = hood.profiles[hood.index[rid]]
        mine = {k for k in cast_keys(p) if k not in many} if rid in unpaired else set()
        if p.year is not None:
            mine |= {SPAN + k[len(NAME):] for k in cast_keys(p)
                     if k in spans and not spans[k][0] <= p.year <= spans[k][1]}
        if mine:
            out[rid] = mine
    return out


def _spans(conn: Connection, keys: set[str], skip: set[int]) -> dict[str, tuple[int, int]]:
    """Name key ("c:…") → the stored career span of its span keys (names an undated record holds)."""
    out: dict[str, tuple[int, int]] = {}
    for chunk in _chunks({SPAN + k[len(NAME):] for k in keys}):
        query = (select(ReviewKey.key, ReviewKey.review_id, Review.year, Review.release_date)
                 .join(Review, Review.id == ReviewKey.review_id).where(ReviewKey.key.in_(chunk)))
        for k, rid, year, date in conn.execute(query):
            y = year_of({"year": year, "release_date": date})
            if y is not None and rid not in skip:
                lo, hi = out.get(NAME + k[len(SPAN):], (y, y))
                out[NAME + k[len(SPAN):]] = (min(lo, y), max(hi, y))
    return out


def add_keys(conn: Connection, keys: dict[int, set[str]]) -> None:
    """Store the `keys` of reviews that are not stored yet."""
    have = name_keys_of(conn, keys)
    rows = [{"key": k, "review_id": rid} for rid, ks in sorted(keys.items()) for k in sorted(ks - have.get(rid, set()))]
    if rows:
        conn.execute(insert(ReviewKey), rows)


def sites_of(conn: Connection, hood: Hood, ids: Iterable[int]) -> dict[int, str]:
    """review id → site, from the loaded profiles, else from the reviews table (nothing loaded)."""
    ids = set(ids)
    out = {rid: hood.profiles[hood.index[rid]].site for rid in ids if rid in hood.index}
    for chunk in _chunks(ids - out.keys()):
        out.update((rid, site) for rid, site in conn.execute(select(Review.id, Review.site).where(Review.id.in_(chunk))))
    return out


def with_keys(conn: Connection, ids: Iterable[int]) -> set[int]:
    """Which of the reviews `ids` have keys stored."""
    out: set[int] = set()
    for chunk in _chunks(ids):
        out.update(conn.execute(select(ReviewKey.review_id).where(ReviewKey.review_id.in_(chunk)).distinct()).scalars())
    return out


def stored_links(conn: Connection, ids: Iterable[int]) -> dict[int, tuple[float, tuple[str, ...], str]]:
    """review id → (score, reasons, method) of its stored link."""
    out: dict[int, tuple[float, tuple[str, ...], str]] = {}
    for chunk in _chunks(ids):
        query = select(FilmLink.review_id, FilmLink.score, FilmLink.reasons, FilmLink.method).where(
            FilmLink.review_id.in_(chunk))
        out.update({rid: (score, tuple(reasons or ()), method) for rid, score, reasons, method in conn.execute(query)})
    return out


def _chunks(keys: Iterable[Any]) -> Iterable[list[Any]]:
    """Sorted distinct items in persist's IN (...) lists."""
    return persist._chunks(sorted(set(keys)))

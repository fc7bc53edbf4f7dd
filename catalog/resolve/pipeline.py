"""The resolution pipeline: keys → comparison → clustering → stable ids → consensus, full or incremental."""
from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, select

from catalog.models import FilmLink, Review
from catalog.resolve import ahead, persist, twin
from catalog.resolve.cluster import Edge, cluster, unpack_edges
from catalog.resolve.compare import career, evidence, score_unique_name
from catalog.resolve.consensus import film_row
from catalog.resolve.decisions import effective_constraints
from catalog.resolve.ids import assign_ids, seeds_candidates
from catalog.resolve.keys import (
    Profile,
    build_blocks,
    candidate_pairs,
    career_spans,
    forget_profiles,
    row_profiles,
    stored_keys,
    title_frequencies,
    unique_name_pairs,
)
from catalog.resolve.namekeys import name_extras
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions
from catalog.resolve.twin import Twin

FULL_SHARE = 0.5  # incremental falls back to full when more than this share of reviews is pending
# chunked tasks shared with a twin process (twin.py): their shared counters
EDGES, FILMS = 0, 1
CHUNKS = 64       # chunks per shared task: the processes take them as they go (balance on a busy machine)
MIN_CHUNK = 500   # items per chunk at least (each costs a lock and a pickled message)


@dataclass
class ResolveStats:
    """What one resolution did."""

    mode: str
    reviews: int = 0
    films: int = 0
    pairs_compared: int = 0
    links_new: int = 0
    films_new: int = 0
    redirects: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)


class _Names:
    """A full run's namekeys.name_extras, worked out now or, when the twin is to send the stored keys
    (which hold them: ≈ 2.5 s of this process's CPU at 1M), only if it does not (`later`). Nothing is
    kept for that meanwhile: the blocks are freed before clustering as before and then built again."""

    def __init__(self) -> None:
        self._later: Callable[[], dict[int, list[str]]] | None = None
        self._known: dict[int, list[str]] = {}

    def now(self, extras: dict[int, list[str]]) -> None:
        self._known = extras

    def later(self, compute: Callable[[], dict[int, list[str]]]) -> None:
        self._later = compute

    def drop(self) -> None:
        """Not needed (the stored keys are written): free what computing them would read."""
        self._later = None

    def get(self, i: int) -> Sequence[str]:
        """The extra name keys of profile i."""
        if self._later is not None:
            self._known, self._later = self._later(), None
        return self._known.get(i, ())


@dataclass
class _Work:
    """Profiles in one resolution and what clustering needs about them.

    `rows` are (review id, record dict) pairs, or in a full run the plain column tuples of
    persist.load_rows (id first; a dict per row only while it is needed: ≈ 0.5 KB less per review).
    """

    rows: list[Any]
    profiles: list[Profile]
    old: dict[int, str]                  # profile index → previous film id
    frozen: list[list[int]] = field(default_factory=list)
    plain: bool = False                  # rows are column tuples
    keys_stored: bool = False            # the stored keys are written already (ahead.keys_meanwhile)
    twin_keys: bool = False              # ... those the twin sent
    names: _Names = field(default_factory=_Names)  # profile index → namekeys.name_extras (full runs)

    def record(self, i: int) -> dict[str, Any]:
        """The contract record of profile i."""
        return persist.record_of(self.rows[i]) if self.plain else self.rows[i][1]  # type: ignore[no-any-return]

    def review_id(self, i: int) -> int:
        return self.rows[i][0]  # type: ignore[no-any-return]


def resolve_conn(conn: Connection, full: bool = False, options: ResolveOptions | None = None) -> ResolveStats:
    """Resolve within an open transaction."""
    enabled = gc.isenabled()
    gc.disable()  # millions of small, acyclic objects: the cyclic collector would rescan them all (≈ 2× time)
    try:
        return _resolve(conn, full, options or DEFAULT_OPTIONS)
    finally:
        forget_profiles()  # a long-running process (scheduler, worker) keeps no catalogue's titles
        if enabled:
            gc.enable()


def _resolve(conn: Connection, full: bool, opt: ResolveOptions) -> ResolveStats:
    t0 = time.perf_counter()
    pending = persist.pending_ids(conn)
    total = conn.execute(select(Review.id).order_by(Review.id.desc()).limit(1)).scalar() or 0
    linked = conn.execute(select(FilmLink.review_id).limit(1)).first() is not None
    if full or not linked or len(pending) > FULL_SHARE * max(total, 1):
        from catalog.resolve import twin_job  # it builds on this module's stages

        with twin.started(conn, twin_job.job(opt), total) as tw:  # forked before anything is loaded
            stats = _full(conn, opt, tw)
    else:
        from catalog.resolve.incremental import incremental  # it builds on this module's stages
        stats = incremental(conn, pending, opt)
    stats.seconds = round(time.perf_counter() - t0, 3)
    return stats


def apply_decisions(conn: Connection, urls: list[str]) -> str:
    """Re-place the reviews of a manual decision (the rest of the catalogue stays frozen).

    Their links turn 'stale' (so their films keep their ids) and they are queued; an incremental
    run then clusters them again under the stored decisions. Returns the film id now holding urls[0].
    """
    ids = list(persist.ids_for_urls(conn, urls).values())
    persist.mark_stale(conn, ids)
    resolve_conn(conn)
    return str(conn.execute(select(FilmLink.film_id).join(Review, Review.id == FilmLink.review_id)
                            .where(Review.url == urls[0])).scalar())


def _full(conn: Connection, opt: ResolveOptions, tw: Twin | None = None) -> ResolveStats:
    stats, t = ResolveStats("full"), time.perf_counter()
    if tw is None:
        rows = persist.load_rows(conn)
    else:
        rows, fingerprint = persist.load_rows_checked(conn)
    links = persist.load_links(conn)
    work = _Work(rows, row_profiles(rows, persist.NAMES),
                 {i: links[row[0]] for i, row in enumerate(rows) if row[0] in links}, plain=True)
    del links, rows  # `work` holds them; _store frees the profiles once it has their keys
    stats.timings["load"] = _lap(t)
    if tw is not None:  # the twin read the same reviews (or its work is done here)
        tw.checked = lambda ready: ready == (fingerprint, len(work.rows))
    groups, best, stats.pairs_compared = _cluster(conn, work, opt, stats.timings, tw)
    _store(conn, work, groups, best, opt, stats, replace_all=True, tw=tw)
    persist.clear_pending(conn)
    if tw is not None:  # how much the twin did: share of each task's chunks (keys: all or none)
        stats.timings.update({f"twin_{name}": tw.delivered.get(task, 0.0)
                              for task, name in ((EDGES, "edges"), (FILMS, "films"))})
        stats.timings["twin_keys"] = float(work.twin_keys)
    return stats


def _cluster(conn: Connection, work: _Work, opt: ResolveOptions, timings: dict[str, float],
             tw: Twin | None = None) -> tuple[list[list[int]], dict[int, Edge], int]:
    t = time.perf_counter()
    edges, compared = _edges(work.profiles, opt, tw=tw, names=work.names, later=ahead.keys_expected(conn, tw))
    timings["compare"] = _lap(t)
    must, cannot = _constraints(conn, work.profiles)
    t = time.perf_counter()
    profiles = work.profiles
    names = work.names
    with ahead.keys_meanwhile(conn, tw, timings, lambda: [(p.review_id, k) for i, p in enumerate(profiles)
                                                          for k in stored_keys(p, names.get(i))]
                              ) as stored:  # a thread writes the keys meanwhile (a full run with a twin)
        groups, best = cluster(work.profiles, edges, opt, must=must, cannot=cannot, frozen=work.frozen)
    work.keys_stored, work.twin_keys = stored
    if work.keys_stored:
        names.drop()
    timings["cluster"] = _lap(t)
    return groups, best, compared


@dataclass
class _Scoring:
    """What scoring the candidate pairs of a set of profiles needs (built alike by parent and twin)."""

    freq: dict[str, int]
    blocks: dict[str, list[int]]
    pairs: list[tuple[int, int]]
    floor: float  # lowest score kept as an edge

    def scored(self, profiles: list[Profile], opt: ResolveOptions,
               chunk: Sequence[tuple[int, int]]) -> list[Edge]:
        out, freq, floor = [], self.freq, self.floor
        for i, j in chunk:
            s, why = evidence(profiles[i], profiles[j], freq, opt)  # reasons: shared tuples, built once each
            if s >= floor:
                out.append(Edge(i, j, s, why))
        return out

    def chunk(self, k: int) -> Sequence[tuple[int, int]]:
        size = _chunk_size(len(self.pairs))
        return self.pairs[k * size:(k + 1) * size]


def _scoring(profiles: list[Profile], opt: ResolveOptions, focus: set[int] | None) -> _Scoring:
    blocks = build_blocks(profiles, opt)
    # full runs keep the uncertain band too: clustering joins some of it by elimination (catalogue-wide)
    floor = opt.threshold - opt.uncertain_margin if focus is None and opt.assign_band else opt.threshold
    return _Scoring(title_frequencies(profiles), blocks, list(candidate_pairs(profiles, blocks, opt, focus)), floor)


def _chunk_size(n: int) -> int:
    return max(MIN_CHUNK, -(-n // CHUNKS))


def _chunks(n: int) -> int:
    return -(-n // _chunk_size(n))


def _edges(profiles: list[Profile], opt: ResolveOptions, focus: set[int] | None = None,
           tw: Twin | None = None, names: _Names | None = None, later: bool = False) -> tuple[list[Edge], int]:
    """Scored candidate pairs at or above the link threshold (in a full run: down to the uncertain
    band), and how many pairs were compared.

    With a twin (full runs) the chunks of pairs are shared with it, which built the same pairs from
    its own copy of the reviews; chunks are kept in pair order: the serial result.
    """
    sc = _scoring(profiles, opt, focus)
    compared = len(sc.pairs)
    if tw is not None:
        parts = tw.share(EDGES, _chunks(compared), lambda k: sc.scored(profiles, opt, sc.chunk(k)), unpack_edges)
        edges = [e for part in parts for e in part]
    else:
        edges = sc.scored(profiles, opt, sc.pairs)
    sc.pairs = []
    if sc.floor < opt.threshold:
        edges = _with_careers(edges, profiles, opt)
    if focus is None and opt.unique_name_links:  # uniqueness is catalogue-wide: full runs only
        edges += _unique_name_edges(profiles, sc.blocks, sc.freq, opt)
    if names is not None:  # the name keys stored for incremental runs (what only the whole catalogue tells)
        if later:  # the twin's keys hold them (else: its blocks are the same)
            names.later(lambda: name_extras(profiles, build_blocks(profiles, opt), opt.max_block))
        else:
            names.now(name_extras(profiles, sc.blocks, opt.max_block))
    return edges, compared


def _film_chunk(films: Sequence[tuple[str, Sequence[int]]], k: int,
                record: Callable[[int], dict[str, Any]]) -> list[tuple[Any, ...]]:
    size = _chunk_size(len(films))
    return [film_row(fid, [record(i) for i in members]) for fid, members in films[k * size:(k + 1) * size]]


def _with_careers(edges: list[Edge], profiles: list[Profile], opt: ResolveOptions,
                  stored_years: Callable[[set[str]], Mapping[str, list[int]]] | None = None) -> list[Edge]:
    """Band edges with one end undated get its people's career evidence (compare.career): each person's
    span over `profiles`, widened by `stored_years` (name key → years of reviews not loaded; incremental)."""
    undated: dict[int, tuple[Profile, int]] = {}  # edge index → (undated end, the other end's year)
    for n, e in enumerate(edges):
        if e.score < opt.threshold:
            a, b = profiles[e.i], profiles[e.j]
            if a.year is None and b.year is not None:
                undated[n] = (a, b.year)
            elif b.year is None and a.year is not None:
                undated[n] = (b, a.year)
    if not undated:
        return edges
    wanted = {k for p, _ in undated.values() for person in p.people for k in person}
    spans = career_spans(profiles, wanted)
    for k, years in (stored_years(wanted) if stored_years else {}).items():
        lo, hi = spans.get(k, (years[0], years[0]))
        spans[k] = (min(lo, *years), max(hi, *years))
    out = list(edges)
    for n, (p, year) in undated.items():
        points, why = career(p, year, spans, opt)
        if why:
            e = edges[n]
            out[n] = e._replace(score=round(e.score + points, 3), reasons=(*e.reasons, *why))
    return out


def _unique_name_edges(profiles: list[Profile], blocks: dict[str, list[int]], freq: dict[str, int],
                       opt: ResolveOptions) -> list[Edge]:
    """Links of untitled records by a mutually unique shared name (pairs not already linked)."""
    out = []

    def accept(i: int, j: int) -> bool:  # a pair that links: its records are placed for the next round
        points, why = evidence(profiles[i], profiles[j], freq, opt)
        if points >= opt.threshold:  # it links on its own evidence; it may share no block ("The Godfahter"
            out.append(Edge(i, j, points, why))  # / "The Godfather", no director): a twin edge is harmless
            return True
        s, reasons = score_unique_name(profiles[i], profiles[j], opt)
        if s >= opt.threshold:
            out.append(Edge(i, j, s, tuple(reasons)))
        return s >= opt.threshold

    for _ in unique_name_pairs(profiles, blocks, opt.max_block, accept, opt.titled_lone_crew):
        pass
    return out


def _constraints(conn: Connection, profiles: Sequence[Profile]) -> tuple[list[list[int]], list[tuple[list[int], list[int]]]]:
    must_urls, cannot_urls = effective_constraints(persist.load_decisions(conn))
    at = {p.url: i for i, p in enumerate(profiles)}
    must = [[at[u] for u in g if u in at] for g in must_urls]
    cannot = [([at[u] for u in a if u in at], [at[u] for u in b if u in at]) for a, b in cannot_urls]
    return [m for m in must if len(m) > 1], [(a, b) for a, b in cannot if a and b]


def _store(conn: Connection, work: _Work, groups: list[list[int]], best: dict[int, Edge],
           opt: ResolveOptions, stats: ResolveStats, replace_all: bool, tw: Twin | None = None) -> None:
    t = time.perf_counter()
    urls = [p.url for p in work.profiles]
    if replace_all:
        taken = persist.taken_ids(conn)
    else:  # incremental: look up only the ids these groups could take, not every id ever issued
        taken = persist.taken_among(conn, seeds_candidates(groups, urls)) | set(work.old.values())
    ids, redirects = assign_ids(groups, urls, work.old, taken)
    if tw is not None:  # the twin starts on the films' facts at once, in film-id order (films_meanwhile)
        pairs = sorted(zip(ids, groups), key=itemgetter(0))
        tw.send("groups", twin.pack_groups([fid for fid, _ in pairs], [members for _, members in pairs]))
    stored = sorted(i for g in groups for i in g)
    # profile order: review-id order in a full run, which the keys' write sorts fastest
    keys = None if work.keys_stored else [(work.profiles[i].review_id, k) for i in stored
                                          for k in stored_keys(work.profiles[i], work.names.get(i))]
    work.profiles = []  # nothing below reads them: free them before the films' facts are built
    del urls
    links = _link_rows(work.rows, ids, groups, best)
    old_ids = {work.old[i] for i in stored if i in work.old}
    dropped = old_ids - set(ids)

    def write_links_keys() -> None:
        t = time.perf_counter()
        persist.write_links(conn, links, replace_all)
        if keys is not None:
            persist.write_keys(conn, keys, replace_all)
        stats.timings["store_links_keys"] = _lap(t)

    write_links_keys()  # with a twin: while it starts on the films' facts
    written = False  # the films are stored already (films_meanwhile)
    if tw is not None:
        films, written = _shared_films(conn, tw, pairs, work, stats.timings)
    else:
        films = [film_row(fid, [work.record(i) for i in members]) for fid, members in zip(ids, groups)]
    # consensus: what the facts added to the write of links and keys (all of it when serial)
    stats.timings["consensus"] = round(_lap(t) - stats.timings["store_links_keys"], 3)
    t = time.perf_counter()
    if not written:
        persist.write_films(conn, films, dropped, replace_all)
    persist.write_redirects(conn, redirects, "re-resolution")
    persist.drop_redirects_of_live_ids(conn)
    stats.reviews, stats.films = len(links), len(films)
    stats.films_new = len(set(ids) - old_ids)
    stats.links_new = sum(1 for i in stored if i not in work.old)
    stats.redirects = len(redirects)
    stats.timings["store_films"] = _lap(t)


def _shared_films(conn: Connection, tw: Twin, pairs: list[tuple[str, list[int]]], work: _Work,
                  timings: dict[str, float]) -> tuple[list[tuple[Any, ...]], bool]:
    """The films' facts of (film id, members) `pairs` in film-id order, chunks shared with the twin;
    in a first resolution on SQLite a thread inserts them meanwhile, chunk after chunk as they are
    done (ahead.films_meanwhile). Returns the film rows and whether they are stored."""
    dialect = conn.dialect
    with ahead.films_meanwhile(conn, timings) as stream:
        def local(k: int) -> list[tuple[Any, ...]]:  # encoded here, as the twin does, when a thread inserts them
            rows = _film_chunk(pairs, k, work.record)
            return rows if stream is None else persist.as_encoded(dialect, persist.encode_films(dialect, rows))

        parts = tw.share(FILMS, _chunks(len(pairs)), local, lambda rows: persist.as_encoded(dialect, rows),
                         each=stream.put if stream is not None else None)
    return [f for part in parts for f in part], stream is not None and stream.complete
def _link_rows(rows: Sequence[Any], ids: Sequence[str], groups: Sequence[Sequence[int]],
               best: Mapping[int, Edge]) -> list[tuple[Any, ...]]:
    """[_link_row(...) of each member of each group], the common automatic link built inline (a
    million calls less at 1M reviews); `rows` hold the review id first (_Work.rows)."""
    out: list[tuple[Any, ...]] = []
    add, get = out.append, best.get
    for fid, members in zip(ids, groups):
        for i in members:
            edge = get(i)
            add((rows[i][0], fid, edge.score, list(edge.reasons), "auto") if edge is not None
                else _link_row(rows[i][0], fid, None, len(members)))
    return out


def _link_row(review_id: int, film_id: str, edge: Edge | None, size: int) -> tuple[Any, ...]:
    """(review_id, *persist.LINK_FIELDS) of one review."""
    if edge is not None:
        return (review_id, film_id, edge.score, list(edge.reasons), "auto")
    if size == 1:
        return (review_id, film_id, 0.0, ["only review of its film"], "single")
    return (review_id, film_id, 0.0, ["manual decision"], "manual")


def _lap(t: float) -> float:
    return round(time.perf_counter() - t, 3)

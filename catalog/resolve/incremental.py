"""Incremental resolution: attach new and changed reviews to the films of their neighbours, with the band rules."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection

from catalog.resolve import persist
from catalog.resolve.cluster import Edge, cluster
from catalog.resolve.compare import evidence
from catalog.resolve.decisions import effective_constraints
from catalog.resolve.hood import (
    Hood,
    add_keys,
    name_holders,
    name_keys_of,
    names_stored,
    new_name_keys,
    stored_links,
    with_keys,
)
from catalog.resolve.ids import current_id
from catalog.resolve.keys import build_blocks, candidate_pairs, lookup_keys, profile, title_frequencies
from catalog.resolve.local_rules import careered, people_edges, reopened
from catalog.resolve.options import ResolveOptions
from catalog.resolve.pipeline import ResolveStats, _constraints, _lap, _store, _Work

MERGED = "merged: a new review bridged"  # redirect reason of a film a bridge merged (≤ 32 characters)


def incremental(conn: Connection, pending: list[int], opt: ResolveOptions) -> ResolveStats:
    """Attach new and changed reviews: score them against their neighbours, then cluster.

    The neighbourhood is grown so that the band rules see what a full run would (docs/resolution.md,
    "Incremental runs and the band rules"): the block neighbours of the pending reviews (and their
    name-block neighbours where name keys are stored); for every existing record a weak or band edge
    reaches, its own neighbours (its rivals); career years of the people of undated band ends; the
    people rule over the title-unpaired records of the name blocks, two hops deep. Stored reviews whose
    people-rule or weak link the new ones undo are decided again with them (local_rules.reopened).
    Existing films stay as they are, except that an edge of a pending review may join two of them (a
    bridge) where a full run would: one keeps its id (ids.assign_ids), the other redirects to it.
    """
    stats, t = ResolveStats("incremental"), time.perf_counter()
    waiting = set(pending)
    hood = Hood(stale=len(with_keys(conn, pending)))
    focus = set(hood.add(conn, pending))
    _grow(conn, hood, sorted(focus), waiting, opt)
    edges, stats.pairs_compared = _scored(hood, focus, opt)
    again = set(hood.add(conn, reopened(conn, hood, edges, focus, waiting, opt)))
    if again:  # stored reviews whose people-rule or elimination link the new ones undo: decided anew
        waiting |= set(hood.ids(again))
        hood.stale += len(again)  # their stored keys are counted as a pending review's are
        _grow(conn, hood, sorted(again), waiting, opt)
        more, n = _scored(hood, again, opt, skip=focus)
        edges, stats.pairs_compared = edges + more, stats.pairs_compared + n
        focus |= again
    if opt.assign_band:  # the rivals of every existing record a weak or band edge reaches
        rivals = _rival_ends(edges, focus, opt)
        if rivals:
            hood.add(conn, _neighbours(conn, hood, [hood.rows[i] for i in sorted(rivals)], opt) - waiting)
            if opt.cast_blocking_untitled:
                _name_neighbours(conn, hood, sorted(rivals), opt, waiting)
            more, n = _scored(hood, rivals, opt, skip=focus)  # their pairs with a pending end are scored
            edges, stats.pairs_compared = edges + more, stats.pairs_compared + n
        edges = careered(conn, hood, edges, waiting, opt)
    if opt.unique_name_links:
        edges += people_edges(conn, hood, focus, waiting, opt)
    stats.timings["load"] = round(hood.seconds, 3)  # reviews read and profiled, at every step
    stats.timings["compare"] = round(_lap(t) - hood.seconds, 3)  # the rest: key look-ups, scoring, rules
    t = time.perf_counter()
    groups, best, work = _cluster(conn, hood, edges, waiting, opt)
    stats.timings["cluster"] = _lap(t)
    touched = _touched(groups, work, waiting)
    best = _kept_links(conn, hood, touched, best, waiting)
    names = _name_keys(conn, hood, touched, set(pending), waiting, opt) if names_stored(conn) else {}
    _store(conn, work, touched, best, opt, stats, replace_all=False)  # it rewrites the keys of `touched`
    add_keys(conn, names)
    _note_merges(conn, work, touched, waiting)
    persist.clear_pending(conn, pending)
    return stats


def _touched(groups: list[list[int]], work: _Work, waiting: set[int]) -> list[list[int]]:
    """The groups to store: those holding a pending review, and every group holding a member of a
    film one of those took reviews from (what is left of a film a review moved out of: ids are
    assigned by overlap among the groups stored, so the rest of that film must be among them)."""
    olds = [{work.old[i] for i in g if i in work.old} for g in groups]  # per group: its members' old films
    films: dict[str, list[int]] = {}  # old film id → the groups holding its members
    for n, fids in enumerate(olds):
        for fid in fids:
            films.setdefault(fid, []).append(n)
    todo = [n for n, g in enumerate(groups) if any(work.review_id(i) in waiting for i in g)]
    chosen = set(todo)
    while todo:
        for fid in olds[todo.pop()]:
            for n in films[fid]:
                if n not in chosen:
                    chosen.add(n)
                    todo.append(n)
    return [groups[n] for n in sorted(chosen)]


def _name_keys(conn: Connection, hood: Hood, groups: list[list[int]], pending: set[int], waiting: set[int],
               opt: ResolveOptions) -> dict[int, set[str]]:
    """The name keys beyond keys.stored_keys' own (namekeys.name_extras) that the reviews of `groups` keep:
    a stored review its stored ones (one that a new title now pairs too: the people rule reads pairing
    from the title keys), a pending one those a full run would give it (hood.new_name_keys)."""
    ids = [hood.rows[i][0] for g in groups for i in g]
    out = name_keys_of(conn, [r for r in ids if r not in pending])
    out.update(new_name_keys(conn, hood, [r for r in ids if r in pending], opt.max_block, waiting))
    return out


def _note_merges(conn: Connection, work: _Work, groups: list[list[int]], waiting: set[int]) -> None:
    """Give the redirects of existing films a bridge merged (a group holding existing members of two
    films or more) their own reason."""
    merged: set[str] = set()  # old ids of the films merged
    for g in groups:
        olds = {work.old[i] for i in g if i in work.old and work.review_id(i) not in waiting}
        if len(olds) > 1:
            merged |= olds
    redirects = {fid: now for fid in sorted(merged) if (now := current_id(conn, fid)) not in (None, fid)}
    persist.write_redirects(conn, redirects, MERGED)


def _grow(conn: Connection, hood: Hood, members: list[int], waiting: set[int], opt: ResolveOptions) -> None:
    """Load the stored reviews that share a block with the reviews at `members`, or a manual decision."""
    rows = [hood.rows[i] for i in members]
    hood.add(conn, (_neighbours(conn, hood, rows, opt) | _decided_neighbours(conn, rows)) - waiting)
    if opt.cast_blocking_untitled:  # untitled records are blocked on names, as in full mode
        _name_neighbours(conn, hood, members, opt, waiting)


def _name_neighbours(conn: Connection, hood: Hood, members: list[int], opt: ResolveOptions, skip: set[int]) -> None:
    """Load what name blocks pair with `members`: every holder for an untitled one, the untitled
    holders for a titled one (name blocks only pair records without a title)."""
    for titled in (True, False):
        of = [i for i in members if bool(hood.profiles[i].title_key) == titled]
        if of:  # a titled record meets only the untitled holders of its names
            blocks = name_holders(conn, hood, of, opt.max_block, skip, untitled=titled)
            hood.add(conn, {rid for ids in blocks.values() for rid in ids})


def _kept_links(conn: Connection, hood: Hood, groups: list[list[int]], best: dict[int, Edge],
                waiting: set[int]) -> dict[int, Edge]:
    """`best` with each existing member's stored automatic link where this run found it no better
    edge: the run sees only the edges of the pending reviews and their neighbourhood, and a member's
    link is its best edge over its whole film (a full run's; on equal scores the stored one, of
    earlier reviews, stays)."""
    members = [i for g in groups if len(g) > 1 for i in g if hood.rows[i][0] not in waiting]  # alone: no link kept
    stored = stored_links(conn, hood.ids(members))
    out = dict(best)
    for i in members:
        score, reasons, method = stored.get(hood.rows[i][0], (0.0, (), ""))
        if method == "auto" and (i not in out or out[i].score <= score):
            out[i] = Edge(i, i, score, reasons)
    return out


def _scored(hood: Hood, focus: set[int], opt: ResolveOptions, skip: set[int] | frozenset[int] = frozenset(),
            ) -> tuple[list[Edge], int]:
    """Edges of the pairs with an end in `focus` and none in `skip`, down to the band when
    elimination is on (scored with the title frequencies of everything loaded)."""
    profiles = hood.profiles
    freq = title_frequencies(profiles)
    floor = opt.threshold - opt.uncertain_margin if opt.assign_band else opt.threshold
    blocks = build_blocks(profiles, opt)
    for k in hood.oversized:
        blocks.pop(k, None)
    edges, n = [], 0
    for i, j in candidate_pairs(profiles, blocks, opt, focus):
        if i in skip or j in skip:
            continue
        n += 1
        s, why = evidence(profiles[i], profiles[j], freq, opt)
        if s >= floor:
            edges.append(Edge(i, j, s, why))
    return edges, n


def _rival_ends(edges: list[Edge], focus: set[int], opt: ResolveOptions) -> set[int]:
    """Existing records at the end of a weak or band edge: their other edges decide those."""
    weak = opt.threshold + opt.uncertain_margin
    return {k for e in edges if e.score < weak for k in (e.i, e.j) if k not in focus}


def _cluster(conn: Connection, hood: Hood, edges: list[Edge], waiting: set[int],
             opt: ResolveOptions) -> tuple[list[list[int]], dict[int, Edge], _Work]:
    """Cluster the edges with every film they reach loaded whole and frozen (but for the reviews
    decided in this run, `waiting`)."""
    ends = hood.ids({k for e in edges for k in (e.i, e.j)})
    linked = persist.load_links(conn, [*ends, *waiting])
    decided = persist.load_links(conn, _decided_neighbours(conn, [hood.rows[hood.index[r]] for r in sorted(waiting) if r in hood.index]))
    films = persist.members_of(conn, set(linked.values()) | set(decided.values()))
    extra = {rid for ids in films.values() for rid in ids} - waiting - hood.index.keys()
    hood.add(conn, extra)  # the rest of every film reached, for the constraints
    links = {**persist.load_links(conn, extra), **linked}
    old = {hood.index[r]: fid for r, fid in links.items() if r in hood.index}
    frozen = [[hood.index[r] for r in ids if r in hood.index and r not in waiting] for ids in films.values()]
    work = _Work(hood.rows, hood.profiles, old, frozen)
    must, cannot = _constraints(conn, hood.profiles)
    groups, best = cluster(hood.profiles, edges, opt, must=must, cannot=cannot, frozen=frozen,
                          frozen_rivals=True, bridges=True)
    return groups, best, work


def _neighbours(conn: Connection, hood: Hood, new_rows: list[tuple[int, dict[str, Any]]],
                opt: ResolveOptions) -> set[int]:
    """Stored reviews sharing a block with a new one (big blocks: only within ±1 year, as in full mode;
    oversized part blocks are noted in `hood`: a full run drops them)."""
    years: dict[str, set[int]] = {}
    for _, rec in new_rows:
        p = profile(0, rec)
        for k in lookup_keys(p):
            ys = years.setdefault(k, set())
            if p.year is not None:
                ys.add(p.year)
    counts = persist.key_counts(conn, years)
    small = [k for k in years if counts.get(k, 0) <= opt.max_block]
    hood.oversized |= {k for k in years if k.startswith("p:") and counts.get(k, 0) > opt.max_block}
    out = persist.reviews_with_keys(conn, small)
    for k, ys in years.items():
        if counts.get(k, 0) > opt.max_block and ys and not k.startswith("p:"):
            out |= persist.reviews_with_key_near(conn, k, ys)
    return out


def _decided_neighbours(conn: Connection, new_rows: list[tuple[int, dict[str, Any]]]) -> set[int]:
    """Reviews a manual decision ties to the pending ones (so the decision is honoured)."""
    must, cannot = effective_constraints(persist.load_decisions(conn))
    urls = {rec["url"] for _, rec in new_rows}
    related = set().union(*(g for g in must if g & urls), *(a | b for a, b in cannot if (a | b) & urls))
    return set(persist.ids_for_urls(conn, related).values()) if related else set()

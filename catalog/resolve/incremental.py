"""Incremental resolution: attach new and changed reviews to the films of their block neighbours."""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import Connection

from catalog.resolve import persist
from catalog.resolve.cluster import cluster
from catalog.resolve.decisions import effective_constraints
from catalog.resolve.keys import lookup_keys, profile
from catalog.resolve.options import ResolveOptions
from catalog.resolve.pipeline import ResolveStats, _constraints, _edges, _lap, _store, _Work


def incremental(conn: Connection, pending: list[int], opt: ResolveOptions) -> ResolveStats:
    """Attach new and changed reviews: score them against their block neighbours, then cluster."""
    stats, t = ResolveStats("incremental"), time.perf_counter()
    waiting = set(pending)
    rows = persist.load_records(conn, pending)
    focus = set(range(len(rows)))
    near = (_neighbours(conn, rows, opt) | _decided_neighbours(conn, rows)) - waiting
    rows += persist.load_records(conn, near)
    profiles = [profile(rid, rec) for rid, rec in rows]
    stats.timings["load"] = _lap(t)
    t = time.perf_counter()
    edges, stats.pairs_compared = _edges(profiles, opt, focus)
    stats.timings["compare"] = _lap(t)
    t = time.perf_counter()
    index = {rid: i for i, (rid, _) in enumerate(rows)}
    linked = persist.load_links(conn, [rows[i][0] for e in edges for i in (e.i, e.j)] + pending)
    films = persist.members_of(conn, set(linked.values()) | set(persist.load_links(
        conn, _decided_neighbours(conn, rows[:len(focus)])).values()))
    extra = {rid for ids in films.values() for rid in ids} - waiting - set(index)
    for rid, rec in persist.load_records(conn, extra):  # the rest of every candidate film, for constraints
        index[rid] = len(rows)
        rows.append((rid, rec))
        profiles.append(profile(rid, rec))
    old = {index[r]: fid for r, fid in {**persist.load_links(conn, extra), **linked}.items() if r in index}
    frozen = [[index[r] for r in ids if r in index and r not in waiting] for ids in films.values()]
    work = _Work(rows, profiles, old, frozen)
    must, cannot = _constraints(conn, profiles)
    groups, best = cluster(profiles, edges, opt, must=must, cannot=cannot, frozen=frozen)
    stats.timings["cluster"] = _lap(t)
    touched = [g for g in groups if any(work.review_id(i) in waiting for i in g)]
    _store(conn, work, touched, best, opt, stats, replace_all=False)
    persist.clear_pending(conn, pending)
    return stats


def _neighbours(conn: Connection, new_rows: list[tuple[int, dict[str, Any]]], opt: ResolveOptions) -> set[int]:
    """Stored reviews sharing a block with a new one (big blocks: only within ±1 year, as in full mode)."""
    years: dict[str, set[int]] = {}
    for _, rec in new_rows:
        p = profile(0, rec)
        for k in lookup_keys(p):
            ys = years.setdefault(k, set())
            if p.year is not None:
                ys.add(p.year)
    counts = persist.key_counts(conn, years)
    small = [k for k in years if counts.get(k, 0) <= opt.max_block]
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

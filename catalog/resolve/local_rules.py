"""Careers and the people rule of a full run, decided for the pending reviews of an incremental one."""
from __future__ import annotations

from sqlalchemy import Connection

from catalog.resolve.cluster import Edge
from catalog.resolve.compare import career
from catalog.resolve.hood import Hood, name_blocks, name_years, title_paired_stored
from catalog.resolve.keys import Profile, career_spans, title_frequencies, unique_best
from catalog.resolve.options import ResolveOptions
from catalog.resolve.pipeline import _unique_name_edges


def careered(conn: Connection, hood: Hood, edges: list[Edge], skip: set[int], opt: ResolveOptions) -> list[Edge]:
    """Band edges with one end undated get its people's career evidence (compare.career), the spans
    read catalogue-wide: the years of every stored review naming the person (stored name keys), and
    of the loaded ones (the pending reviews are not stored yet)."""
    profiles = hood.profiles
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
    for k, years in name_years(conn, wanted, skip).items():
        lo, hi = spans.get(k, (years[0], years[0]))
        spans[k] = (min(lo, *years), max(hi, *years))
    out = list(edges)
    for n, (p, year) in undated.items():
        points, why = career(p, year, spans, opt)
        if why:
            e = edges[n]
            out[n] = e._replace(score=round(e.score + points, 3), reasons=(*e.reasons, *why))
    return out


def people_edges(conn: Connection, hood: Hood, focus: set[int], skip: set[int], opt: ResolveOptions) -> list[Edge]:
    """The people rule's links of the pending reviews (`focus`), decided over the title-unpaired
    records of their name blocks and of their candidates' name blocks (both views of a mutual best
    complete; later rounds see only that far)."""
    limit, pending = opt.max_block, sorted(focus)
    targets = [i for i in pending if hood.profiles[i].people]
    paired = title_paired_stored(conn, hood, targets, pending, limit, skip)
    mine = [i for i in targets if i not in paired]
    if not mine:
        return []
    blocks = name_blocks(conn, hood, mine, pending, limit, skip)
    met = sorted({m for ids in blocks.values() for m in ids} - set(mine))
    paired |= title_paired_stored(conn, hood, met, pending, limit, skip)
    chosen = _candidates(hood, mine, blocks, paired, limit) - focus
    more = name_blocks(conn, hood, sorted(chosen), pending, limit, skip)
    far = sorted({m for ids in more.values() for m in ids} - set(mine) - set(met))
    paired |= title_paired_stored(conn, hood, far, pending, limit, skip)
    universe = sorted({*mine, *met, *far} - paired)
    at = {i: n for n, i in enumerate(universe)}
    local = {k: [at[i] for i in ids if i in at] for k, ids in {**blocks, **more}.items()}
    found = _unique_name_edges([hood.profiles[i] for i in universe], {k: v for k, v in local.items() if v},
                               title_frequencies(hood.profiles), opt)
    edges = [Edge(universe[e.i], universe[e.j], e.score, e.reasons) for e in found]
    return [e for e in edges if e.i in focus or e.j in focus]  # pairs of existing records were the full run's


def _candidates(hood: Hood, mine: list[int], blocks: dict[str, list[int]], paired: set[int], limit: int) -> set[int]:
    """Each pending record's unique best other-site record by shared people (keys.unique_best), over
    its complete name blocks."""
    universe = sorted({i for ids in blocks.values() for i in ids} | set(mine))
    at = {i: n for n, i in enumerate(universe)}
    local = {k: [at[i] for i in ids] for k, ids in blocks.items()}
    placed = bytearray(1 if i in paired else 0 for i in universe)
    profiles = [hood.profiles[i] for i in universe]
    out = set()
    for i in mine:
        best = unique_best(at[i], profiles, local, limit, placed)
        if best is not None:
            out.add(universe[best[0]])
    return out

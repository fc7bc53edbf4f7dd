"""Clustering's fast paths (inline root look-ups, edges split by score with a bisection, one root
array for the best edges), career spans and the inline link rows give exactly what the plain loops give."""
from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import pytest

from bench.synth import generate
from catalog.resolve import pipeline
from catalog.resolve.cluster import (
    Clustering,
    Edge,
    _by_record,
    _strict_best,
    assign_band,
    cluster,
    eliminable,
)
from catalog.resolve.keys import Profile, career_spans, profile
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions


class PlainClustering(Clustering):
    """Clustering's joins as plain methods: a root found by a walk from i, each cluster looked up again."""

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        return root

    def try_join(self, i: int, j: int) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        bridge = self.bridges and not (i in self.fixed and j in self.fixed)
        if not self._allowed(self._cluster(a), self._cluster(b), bridge):
            return False
        self._union(a, b)
        return True

    def _union(self, a: int, b: int) -> None:
        if a == b:
            return
        ca, cb = self._cluster(a), self._cluster(b)
        big, small = (a, b) if len(ca.members) >= len(cb.members) else (b, a)
        into, gone = self.clusters[big], self.clusters.pop(small)
        into.members += gone.members
        into.sites |= gone.sites
        into.signatures |= gone.signatures
        into.tags |= gone.tags
        into.frozen = into.frozen or gone.frozen
        into.directed += gone.directed
        self.parent[small] = big


def reference_cluster(profiles: Sequence[Profile], edges: list[Edge], opt: ResolveOptions,
                      must: Sequence[Sequence[int]] = (), cannot: Sequence[tuple[Sequence[int], Sequence[int]]] = (),
                      frozen: Sequence[Sequence[int]] = (), frozen_rivals: bool = False, bridges: bool = False,
                      ) -> tuple[list[list[int]], dict[int, Edge]]:
    """cluster() as one plain loop over the edges best first, and the best edges by a root look-up per end."""
    c = PlainClustering(profiles, opt, frozen_rivals, bridges)
    for members in frozen:
        if members:
            c.freeze(list(members))
    for members in must:
        if members:
            c.force(list(members))
    for n, (side_a, side_b) in enumerate(cannot):
        c.tag(side_a, (n, "a"))
        c.tag(side_b, (n, "b"))
    ordered = sorted(edges)
    ordered.sort(key=lambda e: e.score, reverse=True)
    floor, weak = opt.threshold - opt.uncertain_margin, opt.threshold + opt.uncertain_margin
    of = _by_record(e for e in ordered if e.score < weak)
    waiting: list[Edge] = []
    for e in ordered:
        if e.score < opt.threshold:
            break
        if e.score >= weak:
            c.try_join(e.i, e.j)
        elif not c.joinable(e.i, e.j):
            continue
        elif _strict_best(c, e.i, of[e.i], e) and _strict_best(c, e.j, of[e.j], e):
            c.try_join(e.i, e.j)
        else:
            waiting.append(e)
    band = waiting + [e for e in ordered if floor <= e.score < opt.threshold and eliminable(e.reasons)]
    c.bridges = False
    joined = assign_band(c, band, opt.assign_rounds) if opt.assign_band else {}
    best: dict[int, Edge] = {}
    for e in (e for e in edges if c.find(e.i) == c.find(e.j)):
        e = joined.get((e.i, e.j), e)
        for k in (e.i, e.j):
            b = best.get(k)
            if b is None or e.score > b.score or (e.score == b.score and (e.i, e.j) < (b.i, b.j)):
                best[k] = e
    return c.groups(), best


@pytest.fixture(scope="module")
def scored() -> tuple[list[Profile], list[Edge]]:
    profiles = [profile(n, rec) for n, rec in enumerate(generate(1500, seed=23))]
    edges, _ = pipeline._edges(profiles, DEFAULT_OPTIONS)
    return profiles, edges


def on_the_edges(edges: list[Edge], opt: ResolveOptions, seed: int) -> list[Edge]:
    """The edges with many scores moved onto the thresholds (weak, threshold, floor: where the
    bisection splits), and onto each other (ties that wait, equal best edges)."""
    rnd = random.Random(seed)
    marks = (opt.threshold + opt.uncertain_margin, opt.threshold, opt.threshold - opt.uncertain_margin,
             opt.threshold + 0.5, opt.threshold - 0.5)
    out = []
    for e in edges:
        r = rnd.random()
        out.append(e._replace(score=rnd.choice(marks)) if r < 0.5 else e._replace(reasons=("title =",)) if r < 0.6 else e)
    rnd.shuffle(out)
    return out


def test_cluster_equals_the_plain_loop_on_scored_pairs(scored: tuple[list[Profile], list[Edge]]) -> None:
    profiles, edges = scored
    got, want = cluster(profiles, edges, DEFAULT_OPTIONS), reference_cluster(profiles, edges, DEFAULT_OPTIONS)
    assert got[0] == want[0] and len(got[0]) < len(profiles)  # some reviews were joined
    assert got[1] == want[1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_cluster_equals_the_plain_loop_with_scores_on_the_thresholds(scored: tuple[list[Profile], list[Edge]],
                                                                      seed: int) -> None:
    profiles, edges = scored
    opt = DEFAULT_OPTIONS
    moved = on_the_edges(edges, opt, seed)
    rnd = random.Random(seed)
    picks = rnd.sample(range(len(profiles)), 40)
    must = [picks[0:3], picks[3:5]]
    cannot = [(picks[5:8], picks[8:11]), ([moved[0].i], [moved[0].j])]
    frozen = [picks[11:15], picks[15:18]]
    for kwargs in ({}, {"must": must, "cannot": cannot}, {"frozen": frozen, "frozen_rivals": True, "bridges": True}):
        got = cluster(profiles, moved, opt, **kwargs)  # type: ignore[arg-type]
        want = reference_cluster(profiles, moved, opt, **kwargs)  # type: ignore[arg-type]
        assert got[0] == want[0]
        assert got[1] == want[1]
    strict = replace(opt, assign_band=False)
    assert cluster(profiles, moved, strict) == reference_cluster(profiles, moved, strict)


def test_cluster_of_no_edges_and_of_edges_under_the_floor() -> None:
    profiles = [profile(n, rec) for n, rec in enumerate(generate(30, seed=4))]
    assert cluster(profiles, [], DEFAULT_OPTIONS) == ([[n] for n in range(30)], {})
    low = [Edge(0, 1, DEFAULT_OPTIONS.threshold - DEFAULT_OPTIONS.uncertain_margin - 1, ("title =",))]
    assert cluster(profiles, low, DEFAULT_OPTIONS) == reference_cluster(profiles, low, DEFAULT_OPTIONS)


def test_roots_are_every_index_found() -> None:
    profiles = [profile(n, rec) for n, rec in enumerate(generate(60, seed=8))]
    c = Clustering(profiles, DEFAULT_OPTIONS)
    rnd = random.Random(5)
    for _ in range(50):
        c.force([rnd.randrange(60), rnd.randrange(60), rnd.randrange(60)])
    roots = c.roots()
    assert roots == [c.find(i) for i in range(60)]
    assert sorted(sorted(i for i in range(60) if roots[i] == r) for r in set(roots)) == sorted(c.groups())


def reference_spans(profiles: Sequence[Profile], wanted: set[str]) -> dict[str, tuple[int, int]]:
    spans: dict[str, tuple[int, int]] = {}
    for p in profiles:
        if p.year is None:
            continue
        for person in p.people:
            for k in person:
                if k in wanted:
                    lo, hi = spans.get(k, (p.year, p.year))
                    spans[k] = (min(lo, p.year), max(hi, p.year))
    return spans


def test_career_spans_equal_the_plain_scan(scored: tuple[list[Profile], list[Edge]]) -> None:
    profiles = scored[0]
    every = {k for p in profiles for person in p.people for k in person}
    some = set(sorted(every)[::7])
    for wanted in (every, some, set()):
        got = career_spans(profiles, wanted)
        assert got == reference_spans(profiles, wanted)
        assert list(got) == list(reference_spans(profiles, wanted))
    assert career_spans(profiles, some)  # not an empty comparison


def test_link_rows_equal_one_link_row_per_member(scored: tuple[list[Profile], list[Edge]]) -> None:
    profiles, edges = scored
    groups, best = cluster(profiles, edges, DEFAULT_OPTIONS)
    rows: list[Any] = [(1000 + n, {}) for n in range(len(profiles))]
    ids = [f"film-{n}" for n in range(len(groups))]
    manual = next(g for g in groups if len(g) > 1)[0]
    best = {k: e for k, e in best.items() if k != manual}  # a member without an edge: a manual decision
    got = pipeline._link_rows(rows, ids, groups, best)
    want = [pipeline._link_row(rows[i][0], fid, best.get(i), len(members)) for fid, members in zip(ids, groups)
            for i in members]
    assert got == want
    assert {r[4] for r in got} == {"auto", "single", "manual"}
    assert all(type(r[3]) is list for r in got)  # stored links are compared as lists

"""Stage 3: best-first clustering of scored pairs under hard constraints and manual decisions."""
from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import NamedTuple

from catalog.resolve.compare import cannot_link, directors_agree, shared_cast
from catalog.resolve.keys import Profile
from catalog.resolve.options import ResolveOptions

PEOPLE_REASONS = frozenset(["director =", "crew shared"])  # compare's reasons for a shared director or writer
CONTRADICTIONS = frozenset(["director ≠", "sequel ≠", "career ≠"])  # compare's reasons against one film


class Edge(NamedTuple):
    """A scored candidate pair (profile indexes); a tuple: cheap to build, pickle and keep by the million."""

    i: int
    j: int
    score: float
    reasons: tuple[str, ...]


@dataclass(slots=True)
class _Cluster:
    members: list[int]
    sites: set[str]
    signatures: set[tuple[int | None, frozenset[str]]]  # (year, director keys): what constraints read
    tags: set[tuple[int, str]] = field(default_factory=set)  # manual split sides
    frozen: bool = False  # an existing film in incremental mode: never merged with another one
    directed: int = 0  # members that state directors (rule T)


class Clustering:
    """Union–find over profiles whose merges respect every hard constraint.

    A review that was never joined is a cluster of one without an object: `_cluster` builds its
    record when it first takes part in a merge (most reviews of a big catalogue never do).
    """

    def __init__(self, profiles: Sequence[Profile], opt: ResolveOptions, frozen_rivals: bool = False,
                 bridges: bool = False) -> None:
        self.profiles, self.opt = profiles, opt
        # incremental: two existing films are never joined, but for the rival tests of the band and of
        # weak ties they are clusters like any other (as in the full run the result must agree with)
        self.frozen_rivals = frozen_rivals
        # incremental: an edge with a pending end (not in a frozen film) may join two existing films,
        # as a full run would (a bridge); the hard constraints and manual splits still decide
        self.bridges = bridges
        self.fixed: set[int] = set()  # members of frozen films
        self.parent = list(range(len(profiles)))
        self.clusters: dict[int, _Cluster] = {}  # root → its cluster, for roots that were touched
        self._sig_profile = {(p.year, p.directors): p for p in profiles}

    def _cluster(self, root: int) -> _Cluster:
        c = self.clusters.get(root)
        if c is None:
            p = self.profiles[root]
            c = self.clusters[root] = _Cluster([root], {p.site}, {(p.year, p.directors)}, directed=int(bool(p.directors)))
        return c

    def find(self, i: int) -> int:
        parent = self.parent
        root = parent[i]
        if parent[root] == root:  # i is a root or a root's child: the common case after path compression
            return root
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:  # path compression
            parent[i], i = root, parent[i]
        return root

    def tag(self, members: Iterable[int], tag: tuple[int, str]) -> None:
        for i in members:
            self._cluster(self.find(i)).tags.add(tag)

    def freeze(self, members: Sequence[int]) -> None:
        """Join `members` unconditionally (an existing film) and forbid merging it with another frozen one."""
        self.force(members)
        self._cluster(self.find(members[0])).frozen = True
        self.fixed.update(members)

    def force(self, members: Sequence[int]) -> None:
        """Join `members` unconditionally (a manual merge)."""
        for i in members[1:]:
            self._union(self.find(members[0]), self.find(i))

    def try_join(self, i: int, j: int) -> bool:
        """Join the clusters of i and j unless a constraint forbids it."""
        a, b = self.find(i), self.find(j)
        return a != b and self.join_roots(i, j, a, b)

    def join_roots(self, i: int, j: int, a: int, b: int) -> bool:
        """try_join of i and j, whose roots a != b are known already."""
        bridge = self.bridges and not (i in self.fixed and j in self.fixed)
        ca, cb = self._cluster(a), self._cluster(b)
        if not self._allowed(ca, cb, bridge):
            return False
        self._join(a, b, ca, cb)
        return True

    def joinable(self, i: int, j: int) -> bool:
        """Whether the clusters of i and j are apart and could be joined (with `frozen_rivals`: were
        they not both existing films)."""
        a, b = self.find(i), self.find(j)
        return a != b and self._allowed(self._cluster(a), self._cluster(b), self.frozen_rivals)

    def _allowed(self, a: _Cluster, b: _Cluster, across_frozen: bool = False) -> bool:
        if a.frozen and b.frozen and not across_frozen:
            return False
        if self.opt.one_review_per_site and not a.sites.isdisjoint(b.sites) and not self._site_twins(a, b):
            return False
        if a.tags and b.tags and any((n, "a" if s == "b" else "b") in b.tags for n, s in a.tags):
            return False
        sig = self._sig_profile
        if any(cannot_link(sig[x], sig[y], self.opt) for x in a.signatures for y in b.signatures):
            return False
        least = self.opt.directed_apart
        return not (least and a.directed >= least and b.directed >= least and not self._one_director(a, b))

    def _site_twins(self, a: _Cluster, b: _Cluster) -> bool:
        """Whether every review of a that shares its site with a review of b is that review's site twin."""
        if not self.opt.site_twins:
            return False
        shared, profiles = a.sites & b.sites, self.profiles
        theirs = [profiles[m] for m in b.members if profiles[m].site in shared]
        return all(site_twins(p, q) for p in (profiles[m] for m in a.members if profiles[m].site in shared)
                   for q in theirs if q.site == p.site)

    def _one_director(self, a: _Cluster, b: _Cluster) -> bool:
        """Whether a director some review of a names is one some review of b names."""
        sig = self._sig_profile
        return any(directors_agree(sig[x], sig[y]) for x in a.signatures if x[1] for y in b.signatures if y[1])

    def _union(self, a: int, b: int) -> None:
        if a == b:
            return
        self._join(a, b, self._cluster(a), self._cluster(b))

    def _join(self, a: int, b: int, ca: _Cluster, cb: _Cluster) -> None:
        """_union of the roots a != b, whose clusters are ca and cb."""
        big, small, keep = (a, b, ca) if len(ca.members) >= len(cb.members) else (b, a, cb)
        cs = self.clusters.pop(small)
        keep.members += cs.members
        keep.sites |= cs.sites
        keep.signatures |= cs.signatures
        keep.tags |= cs.tags
        keep.frozen = keep.frozen or cs.frozen
        keep.directed += cs.directed
        self.parent[small] = big

    def roots(self) -> list[int]:
        """Each profile's root (find of every index)."""
        parent, find = self.parent, self.find
        return [p if parent[p] == p else find(i) for i, p in enumerate(parent)]

    def groups(self) -> list[list[int]]:
        """The clusters as lists of profile indexes, in order of their roots."""
        clusters, parent = self.clusters, self.parent
        return [sorted(clusters[i].members) if i in clusters else [i]
                for i in range(len(parent)) if parent[i] == i]


def site_twins(a: Profile, b: Profile) -> bool:
    """Two reviews of one site that are one film all the same: they share a whole title (a language
    version names the other's title as its original title), state the same year, share a director and, when
    both name actors, an actor. Namesakes a site reviewed twice differ in year, director or cast; a review
    missing the year or the director stays apart."""
    return (a.year is not None and a.year == b.year and bool(a.whole & b.whole)
            and directors_agree(a, b) is True and (not a.cast or not b.cast or shared_cast(a, b) > 0))


def pack_edges(edges: Sequence[Edge]) -> tuple[bytes, bytes, bytes, bytes, list[tuple[str, ...]]]:
    """Edges as flat arrays (i, j, score, reasons number) and the distinct reasons: pickles ≈ 10× faster."""
    table: dict[tuple[str, ...], int] = {}
    codes = array("l", (table.setdefault(e.reasons, len(table)) for e in edges))
    return (array("l", (e.i for e in edges)).tobytes(), array("l", (e.j for e in edges)).tobytes(),
            array("d", (e.score for e in edges)).tobytes(), codes.tobytes(), list(table))


def unpack_edges(packed: tuple[bytes, bytes, bytes, bytes, list[tuple[str, ...]]]) -> list[Edge]:
    """The edges of pack_edges, in order."""
    i, j, score, codes = (array(t, b) for t, b in zip("lldl", packed[:4]))
    reasons = packed[4]
    return [Edge(a, b, s, reasons[c]) for a, b, s, c in zip(i, j, score, codes)]


def cluster(profiles: Sequence[Profile], edges: Iterable[Edge], opt: ResolveOptions,
            must: Iterable[Sequence[int]] = (), cannot: Iterable[tuple[Sequence[int], Sequence[int]]] = (),
            frozen: Iterable[Sequence[int]] = (), frozen_rivals: bool = False, bridges: bool = False,
            ) -> tuple[list[list[int]], dict[int, Edge]]:
    """Clusters (lists of indexes) and, per index, the best edge that joined it to its cluster.

    `frozen_rivals` (incremental runs): an edge between two frozen films never joins, but it still
    counts as a rival of the weak and band edges of its ends, as it would in a full run. `bridges`
    (incremental runs): an edge at or above the threshold with a pending end (one in no frozen film)
    may join two frozen films where the constraints between them allow it, as in a full run; band
    edges never do (elimination decides single reviews, not films).
    """
    c = Clustering(profiles, opt, frozen_rivals, bridges)
    for members in frozen:
        if members:
            c.freeze(list(members))
    for members in must:
        if members:
            c.force(list(members))
    for n, (side_a, side_b) in enumerate(cannot):
        c.tag(side_a, (n, "a"))
        c.tag(side_b, (n, "b"))
    best: dict[int, Edge] = {}
    ordered = sorted(edges)  # by (i, j): pairs are distinct, so score and reasons are never compared
    ordered.sort(key=itemgetter(2), reverse=True)  # stable: best score first, then (i, j)
    threshold = opt.threshold
    floor = threshold - opt.uncertain_margin
    weak = threshold + opt.uncertain_margin
    # `ordered` runs from the best score down: the edges under a score are the ones from its place on
    below_weak, below_threshold, below_floor = (_first_below(ordered, x) for x in (weak, threshold, floor))
    of = _by_record(ordered[below_weak:])  # rivals of weak edges, best first
    waiting: list[Edge] = []
    parent, find, join_roots = c.parent, c.find, c.join_roots
    for n in range(below_weak):  # strong edges join unless a constraint forbids it
        i, j, _, _ = ordered[n]
        ri, rj = parent[i], parent[j]  # the roots, looked up inline (most pairs are in one cluster already)
        if parent[ri] != ri:
            ri = find(i)
        if parent[rj] != rj:
            rj = find(j)
        if ri != rj:
            join_roots(i, j, ri, rj)
    for e in ordered[below_weak:below_threshold]:
        if not c.joinable(e.i, e.j):
            continue
        if _strict_best(c, e.i, of[e.i], e) and _strict_best(c, e.j, of[e.j], e):
            c.try_join(e.i, e.j)
        else:
            waiting.append(e)  # a tie: which namesake is it? elimination may tell later
    band = waiting + [e for e in ordered[below_threshold:below_floor] if eliminable(e.reasons)]
    del ordered
    c.bridges = False
    joined = assign_band(c, band, opt.assign_rounds) if opt.assign_band else {}
    root = c.roots()
    for e in edges:  # edges whose two ends ended in one cluster
        i, j, score, _ = e
        if root[i] != root[j]:
            continue
        if joined:
            e = joined.get((i, j), e)
        for k in (i, j):  # the best edge; of equal ones the first pair, whatever order they came in
            b = best.get(k)
            if b is None or score > b.score or (score == b.score and (i, j) < (b.i, b.j)):
                best[k] = e
    return c.groups(), best


def eliminable(reasons: Sequence[str]) -> bool:
    """Band pairs that elimination may join: whole titles equal (a namesake the rest of the evidence
    cannot place), or no title on one side and a person shared; never against stated evidence
    (other directors, sequel numbers, years, careers). A shared subtitle or part ("Origins",
    "Die Rückkehr") or a near title names too many films to be decided by what is left over."""
    if any(r in CONTRADICTIONS or r.startswith("year Δ") for r in reasons):
        return False  # what is left over never overrides evidence against
    if "title =" in reasons:
        return True
    return "no title" in reasons and any(r in PEOPLE_REASONS or r.startswith("cast ") and r != "cast ≠"
                                         for r in reasons)


def assign_band(c: Clustering, band: Sequence[Edge], rounds: int) -> dict[tuple[int, int], Edge]:
    """Join uncertain pairs (best first) where each end's strictly best joinable one is this pair: a
    site reviews a film once, so a record's other candidates are ruled out once they have their own
    review from its site (docs/resolution.md, "Elimination"). Repeats until nothing joins.

    Returns the joining edges, with the reason added, by (i, j).
    """
    of = _by_record(band)
    joined: dict[tuple[int, int], Edge] = {}
    for _ in range(rounds):
        before = len(joined)
        for e in band:
            if (e.i, e.j) in joined or not c.joinable(e.i, e.j):
                continue
            if _strict_best(c, e.i, of[e.i], e) and _strict_best(c, e.j, of[e.j], e) and c.try_join(e.i, e.j):
                joined[(e.i, e.j)] = e._replace(reasons=(*e.reasons, "best remaining candidate"))
        if len(joined) == before:
            break
    return joined


def _first_below(ordered: Sequence[Edge], score: float) -> int:
    """The place of the first edge scoring under `score` in edges sorted best first (len when none)."""
    return bisect_right(ordered, -score, key=_negated_score)


def _negated_score(e: Edge) -> float:
    return -e.score


def _by_record(edges: Iterable[Edge]) -> defaultdict[int, list[Edge]]:
    """Record → its edges, in the given order (best first)."""
    of: defaultdict[int, list[Edge]] = defaultdict(list)
    for e in edges:
        of[e.i].append(e)
        of[e.j].append(e)
    return of


def _strict_best(c: Clustering, k: int, mine: list[Edge], e: Edge) -> bool:
    """Whether no other joinable edge of record k (`mine`, best first) into another cluster than e's
    scores as high as `e`. Rivals that can never matter again are dropped from `mine` on the way:
    joining and constraints are monotone, so an edge inside k's cluster or one that cannot join
    stays so."""
    target, home = c.find(e.j if e.i == k else e.i), c.find(k)
    kept: list[Edge] = []
    verdict, dropped, n = True, False, 0
    for n, f in enumerate(mine):
        if f.score < e.score:
            break
        if f is not e:
            other = c.find(f.j if f.i == k else f.i)
            if other == home or (other != target and not c.joinable(f.i, f.j)):
                dropped = True
                continue
            if other != target:
                verdict = False
                break
        kept.append(f)
    else:
        n = len(mine)
    if dropped:
        mine[:] = kept + mine[n:]
    return verdict


def edges_in_clusters(c: Clustering, edges: Iterable[Edge]) -> Iterable[Edge]:
    """Edges whose two ends ended in one cluster."""
    return (e for e in edges if c.find(e.i) == c.find(e.j))

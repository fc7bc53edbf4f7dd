"""Stage 3: best-first clustering of scored pairs under hard constraints and manual decisions."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from catalog.resolve.compare import cannot_link
from catalog.resolve.keys import Profile
from catalog.resolve.options import ResolveOptions


@dataclass(frozen=True, slots=True)
class Edge:
    """A scored candidate pair (profile indexes)."""

    i: int
    j: int
    score: float
    reasons: tuple[str, ...]


@dataclass
class _Cluster:
    members: list[int]
    sites: set[str]
    signatures: set[tuple[int | None, frozenset[str]]]  # (year, director keys): what constraints read
    tags: set[tuple[int, str]] = field(default_factory=set)  # manual split sides
    frozen: bool = False  # an existing film in incremental mode: never merged with another one


class Clustering:
    """Union–find over profiles whose merges respect every hard constraint."""

    def __init__(self, profiles: Sequence[Profile], opt: ResolveOptions) -> None:
        self.profiles, self.opt = profiles, opt
        self.parent = list(range(len(profiles)))
        self.clusters = {i: _Cluster([i], {p.site}, {(p.year, p.directors)}) for i, p in enumerate(profiles)}
        self._sig_profile = {(p.year, p.directors): p for p in profiles}

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def tag(self, members: Iterable[int], tag: tuple[int, str]) -> None:
        for i in members:
            self.clusters[self.find(i)].tags.add(tag)

    def freeze(self, members: Sequence[int]) -> None:
        """Join `members` unconditionally (an existing film) and forbid merging it with another frozen one."""
        self.force(members)
        self.clusters[self.find(members[0])].frozen = True

    def force(self, members: Sequence[int]) -> None:
        """Join `members` unconditionally (a manual merge)."""
        for i in members[1:]:
            self._union(self.find(members[0]), self.find(i))

    def try_join(self, i: int, j: int) -> bool:
        """Join the clusters of i and j unless a constraint forbids it."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return False
        if not self._allowed(self.clusters[a], self.clusters[b]):
            return False
        self._union(a, b)
        return True

    def _allowed(self, a: _Cluster, b: _Cluster) -> bool:
        if a.frozen and b.frozen:
            return False
        if self.opt.one_review_per_site and a.sites & b.sites:
            return False
        if any((n, "a" if s == "b" else "b") in b.tags for n, s in a.tags):
            return False
        return not any(cannot_link(self._sig_profile[x], self._sig_profile[y], self.opt)
                       for x in a.signatures for y in b.signatures)

    def _union(self, a: int, b: int) -> None:
        if a == b:
            return
        big, small = (a, b) if len(self.clusters[a].members) >= len(self.clusters[b].members) else (b, a)
        cb, cs = self.clusters[big], self.clusters.pop(small)
        cb.members += cs.members
        cb.sites |= cs.sites
        cb.signatures |= cs.signatures
        cb.tags |= cs.tags
        cb.frozen = cb.frozen or cs.frozen
        self.parent[small] = big

    def groups(self) -> list[list[int]]:
        """The clusters as lists of profile indexes."""
        return [sorted(c.members) for c in self.clusters.values()]


def cluster(profiles: Sequence[Profile], edges: Iterable[Edge], opt: ResolveOptions,
            must: Iterable[Sequence[int]] = (), cannot: Iterable[tuple[Sequence[int], Sequence[int]]] = (),
            frozen: Iterable[Sequence[int]] = ()) -> tuple[list[list[int]], dict[int, Edge]]:
    """Clusters (lists of indexes) and, per index, the best edge that joined it to its cluster."""
    c = Clustering(profiles, opt)
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
    for e in sorted(edges, key=lambda e: (-e.score, e.i, e.j)):
        if e.score < opt.threshold:
            break
        c.try_join(e.i, e.j)
    for e in edges_in_clusters(c, edges):
        for k in (e.i, e.j):
            if k not in best or e.score > best[k].score:
                best[k] = e
    return c.groups(), best


def edges_in_clusters(c: Clustering, edges: Iterable[Edge]) -> Iterable[Edge]:
    """Edges whose two ends ended in one cluster."""
    return (e for e in edges if c.find(e.i) == c.find(e.j))

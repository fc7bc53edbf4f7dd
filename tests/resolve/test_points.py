"""compare.evidence (the hot path) gives score()'s points, to the last bit, and its reasons, over every kind of pair."""
from __future__ import annotations

from bench.synth import generate
from catalog.resolve.compare import evidence, score
from catalog.resolve.keys import build_blocks, candidate_pairs, profile, title_frequencies
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions
from tests.resolve.test_elimination import NEW, OLD, UNDATED
from tests.resolve.test_resolution import OLDBOY, rec

EXTRA = [
    rec("http://w.test/1/", "Dune: Part Two", 2024, ["Denis Villeneuve"], [], platform="Kino"),
    rec("http://x.test/1/", "Dune", 2021, ["Denis Villeneuve"], [], platform="Netflix", genres=["Sci-Fi"]),
    rec("http://y.test/1/", "Mari?e", 1968, [], [], release_date="1968-04-17", genres=["Sci-Fi"]),
    rec("http://z.test/1/", "Mariée", 1968, ["F. Truffaut"], [], release_date="1968-04-17"),
    rec("http://v.test/1/", "River – Origins", 1975, [], ["A B"]),
    rec("http://u.test/1/", "Lake – Origins", 1975, [], ["A B"]),
    rec("http://s.test/1/", "Riverr – Origins", 1969, ["Jo Doe"], ["A B", "C D"], platform="Kino"),
    {**rec("http://t.test/1/", "", None, [], ["Ode Lind"]), "writers": ["Vera Holm"]},
    {**rec("http://r.test/1/", "Pond", 1970, ["Ode Lind"], []), "writers": ["Vera Holm"]},
]


def test_evidence_equals_the_score_of_every_compared_pair() -> None:
    records = list(generate(3000, seed=7)) + OLDBOY + EXTRA + [OLD, NEW, UNDATED]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    freq = title_frequencies(profiles)
    pairs = list(candidate_pairs(profiles, build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS))
    pairs += [(i, j) for i in range(len(records) - 25, len(records)) for j in range(len(records)) if i != j]
    assert len(pairs) > 3000
    for opt in (DEFAULT_OPTIONS, ResolveOptions(cast_each=0.7, year_near=0.25, rare_title_bonus=1.3)):
        fast = [evidence(profiles[i], profiles[j], freq, opt) for i, j in pairs]
        plain = [score(profiles[i], profiles[j], freq, opt) for i, j in pairs]
        assert [f[0] for f in fast] == [p[0] for p in plain]
        assert [list(f[1]) for f in fast] == [p[1] for p in plain]
    kinds = {why for _, why in fast}
    assert len(kinds) > 30  # the pairs cover many findings: title kinds, years, people, extras

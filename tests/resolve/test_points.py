"""compare.points (the hot path) is score()'s sum, to the last bit, over every kind of pair."""
from __future__ import annotations

from bench.synth import generate
from catalog.resolve.compare import points, score
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
    {**rec("http://t.test/1/", "", None, [], ["Ode Lind"]), "writers": ["Vera Holm"]},
]


def test_points_equal_the_score_of_every_compared_pair() -> None:
    records = list(generate(3000, seed=7)) + OLDBOY + EXTRA + [OLD, NEW, UNDATED]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    freq = title_frequencies(profiles)
    pairs = list(candidate_pairs(profiles, build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS))
    pairs += [(i, j) for i in range(len(records) - 20, len(records)) for j in range(i + 1, len(records))]
    assert len(pairs) > 3000
    for opt in (DEFAULT_OPTIONS, ResolveOptions(cast_each=0.7, year_near=0.25, rare_title_bonus=1.3)):
        assert [points(profiles[i], profiles[j], freq, opt) for i, j in pairs] == \
            [score(profiles[i], profiles[j], freq, opt)[0] for i, j in pairs]

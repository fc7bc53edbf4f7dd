"""compare.evidence (the hot path) gives the points, to the last bit, and the reasons of a plain
rule-by-rule reading of the comparison table, over every kind of pair."""
from __future__ import annotations

import re
from collections.abc import Mapping

from rapidfuzz import fuzz

from bench.synth import generate
from catalog.resolve.compare import directors_agree, evidence, score, year_gap
from catalog.resolve.keys import (
    Profile,
    build_blocks,
    candidate_pairs,
    crew_shared,
    profile,
    title_frequencies,
)
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
    rec("http://q.test/1/", "Avengers: Infinity War", 2018, ["Anthony Russo"], []),
    rec("http://p.test/1/", "Avengers: Endgame", 2019, ["Anthony Russo"], []),
    rec("http://o.test/1/", "Avengers 4: Endgame", 2019, ["Anthony Russo"], []),
    rec("http://n.test/1/", "Spiderman: No Way Home", 2021, ["Jon Watts"], []),
    rec("http://m.test/1/", "Spider-Man: No Way Home", 2021, ["Jon Watts"], []),
    rec("http://s.test/1/", "Riverr – Origins", 1969, ["Jo Doe"], ["A B", "C D"], platform="Kino"),
    rec("http://l.test/1/", "Terminator 2: Tag der Abrechnung", 1991, ["Jim Carver"], []),
    rec("http://k.test/1/", "Terminator 2: Judgment Day", 1991, ["Jim Carver"], []),
    rec("http://j.test/1/", "Star Wars: Episode VIII – Die letzten Jedi", 2017, ["Rian Jonas"], []),
    rec("http://i.test/1/", "Star Wars: Episode IX – Der Aufstieg Skywalkers", 2018, ["Rian Jonas"], []),
    rec("http://h.test/1/", "Star Wars 9: Der Aufstieg Skywalkers", 2018, ["Rian Jonas"], []),
    rec("http://g.test/1/", "Star Wars 8: Der Aufstieg Skywalkers", 2018, ["Rian Jonas"], []),
    rec("http://f.test/1/", "21 Jump Street", 2012, ["Phil Lord"], []),
    rec("http://e.test/1/", "22 Jump Street", 2014, ["Phil Lord"], []),
    {**rec("http://t.test/1/", "", None, [], ["Ode Lind"]), "writers": ["Vera Holm"]},
    {**rec("http://r.test/1/", "Pond", 1970, ["Ode Lind"], []), "writers": ["Vera Holm"]},
]


def numbered_entry(shared: frozenset[str]) -> bool:
    """A shared part ending in a number from 2 to 30 ("terminator 2") names one entry (rule N8)."""
    return any(re.search(r" ([0-9]+)$", f) and 2 <= int(f.split()[-1]) <= 30 for f in shared)


def series(mine: frozenset[str], theirs: frozenset[str], opt: ResolveOptions) -> bool:
    """Both titles have a part of their own, and none of those is within or near one of the other's."""
    def near(x: str, y: str) -> bool:
        return (set(x.split()).issubset(y.split()) or set(y.split()).issubset(x.split())
                or max(fuzz.ratio(x, y), fuzz.token_sort_ratio(x, y)) >= opt.fuzzy_ratio)
    return bool(mine) and bool(theirs) and not any(near(x, y) for x in mine for y in theirs)


def main_title(p: Profile, shared: frozenset[str]) -> str:
    """The longest form p's title begins with, unless a shared form begins it."""
    starts = [f for f in p.forms if f == p.title_key or p.title_key.startswith(f + " ")]
    return "" if not starts or set(starts) & shared else max(starts, key=len)


def other_main_titles(a: Profile, b: Profile, shared: frozenset[str], opt: ResolveOptions) -> bool:
    """Rule S: only subtitles shared, and main titles that are not near each other."""
    mine, theirs = main_title(a, shared), main_title(b, shared)
    return bool(mine and theirs) and series(frozenset([mine]), frozenset([theirs]), opt)


def plain(a: Profile, b: Profile, freq: Mapping[str, int], opt: ResolveOptions) -> tuple[float, list[str]]:
    """The comparison table read rule by rule (the resolver's first implementation)."""
    total, reasons = 0.0, []
    if not a.forms or not b.forms:
        reasons.append("no title")
    else:
        shared = a.forms & b.forms
        if a.whole & b.whole or any(k in b.masked for k in a.masked):
            total, reasons = opt.title_exact, ["title ="]
        elif shared and shared <= a.parts and shared <= b.parts and (other_main_titles(a, b, shared, opt) or (
                series(a.parts - shared, b.parts - shared, opt) and not numbered_entry(shared))):
            total, reasons, shared = opt.title_mismatch, ["title ≠"], None
        elif shared and shared <= a.parts and shared <= b.parts:
            total, reasons, shared = opt.title_fuzzy, ["title part ="], frozenset()
        elif shared:
            total, reasons = opt.title_form, ["title form ="]
        elif a.title_key and b.title_key and fuzz.token_sort_ratio(a.title_key, b.title_key) >= opt.fuzzy_ratio:
            total, reasons = opt.title_fuzzy, ["title ≈"]
        else:
            total, reasons, shared = opt.title_mismatch, ["title ≠"], None
        if shared is not None:
            if shared:
                total += opt.rare_title_bonus / max(min(freq.get(f, 1) for f in shared), 1)
            stated_a, stated_b = a.sequels - {1}, b.sequels - {1}
            digits_a = sorted(re.findall(r"\b[0-9]+\b", a.title_key))
            digits_b = sorted(re.findall(r"\b[0-9]+\b", b.title_key))
            near_numbers = reasons == ["title ≈"] and digits_a and digits_b and digits_a != digits_b
            if (not (a.sequels & b.sequels) or (stated_a and stated_b and not stated_a & stated_b)
                    or near_numbers):
                total += opt.sequel_conflict
                reasons.append("sequel ≠")
    gap = year_gap(a, b)
    if gap is not None:
        if gap <= 1:
            total += opt.year_close
            reasons.append("year =" if gap == 0 else "year ±1")
        elif gap == 2:
            total += opt.year_near
            reasons.append("year ±2")
        else:
            total += opt.year_far
            reasons.append(f"year Δ{gap}")
    agree = directors_agree(a, b)
    if agree is not None:
        total += opt.director_match if agree else opt.director_mismatch
        reasons.append("director =" if agree else "director ≠")
    if (a.writers or b.writers) and not agree and crew_shared(a, b):
        total += opt.crew_match
        reasons.append("crew shared")
    if a.cast and b.cast:
        n = len(a.cast & b.cast)
        total += min(n, opt.cast_cap) * opt.cast_each if n else opt.cast_none
        reasons.append(f"cast {n} shared" if n else "cast ≠")
    extras = 0.0
    if a.release_date and a.release_date == b.release_date:
        extras += opt.release_date_equal
        reasons.append("release date =")
    if a.platform and b.platform:
        extras += opt.platform_equal if a.platform == b.platform else opt.platform_differs
        reasons.append("platform =" if a.platform == b.platform else "platform ≠")
    if a.genres & b.genres:
        extras += opt.genre_overlap
        reasons.append("genre overlap")
    return round(total + extras, 3), reasons


def test_evidence_equals_the_score_of_every_compared_pair() -> None:
    records = list(generate(3000, seed=7)) + OLDBOY + EXTRA + [OLD, NEW, UNDATED]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    freq = title_frequencies(profiles)
    pairs = list(candidate_pairs(profiles, build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS))
    pairs += [(i, j) for i in range(len(records) - 30, len(records)) for j in range(len(records)) if i != j]
    assert len(pairs) > 3000
    for opt in (DEFAULT_OPTIONS, ResolveOptions(cast_each=0.7, year_near=0.25, rare_title_bonus=1.3)):
        fast = [evidence(profiles[i], profiles[j], freq, opt) for i, j in pairs]
        read = [plain(profiles[i], profiles[j], freq, opt) for i, j in pairs]
        assert [f[0] for f in fast] == [p[0] for p in read]
        assert [list(f[1]) for f in fast] == [p[1] for p in read]
        assert [score(profiles[i], profiles[j], freq, opt) for i, j in pairs[:500]] == read[:500]
    kinds = {why for _, why in fast}
    assert len(kinds) > 30  # the pairs cover many findings: title kinds, years, people, extras

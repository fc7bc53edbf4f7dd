"""Elimination: uncertain namesake pairs decided by what is left over, careers, and the people rule's rounds."""
from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from catalog import Catalog
from catalog.resolve import uncertain_links
from catalog.resolve.cluster import eliminable
from catalog.resolve.compare import career
from catalog.resolve.keys import build_blocks, career_spans, profile, unique_name_pairs
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions
from tests.resolve.test_resolution import films, rec

# a yearless review on site a; site b knows two films of that name (1948 and 1989)
OLD = rec("http://b.test/road-1948/", "Road House", 1948, ["Jean Negulesco"], ["Ida Lupino"])
NEW = rec("http://b.test/road-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
UNDATED = rec("http://a.test/road/", "Road House", None, [], ["Patrick Swayze"])


def _resolve(url: str, records: list[dict[str, Any]], full: bool = True,
             options: ResolveOptions | None = None) -> dict[str, str]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=full, options=options)
        return films(cat)


def test_a_namesake_tie_never_joins(db_url: str) -> None:
    ids = _resolve(db_url, [OLD, NEW, UNDATED])
    assert len(set(ids.values())) == 3


def test_the_namesake_left_over_joins_as_an_uncertain_link(db_url: str) -> None:
    # site a's own, dated review of the 1989 film takes that one: a site reviews a film once
    dated = rec("http://a.test/road-house-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
    with Catalog(db_url) as cat:
        cat.upsert_reviews([OLD, NEW, UNDATED, dated])
        cat.resolve(full=True)
        ids = films(cat)
        with cat.session() as session:
            weak = {link["url"]: link for link in uncertain_links(session)}
    assert ids[dated["url"]] == ids[NEW["url"]]
    assert ids[UNDATED["url"]] == ids[OLD["url"]] != ids[NEW["url"]]
    link = weak[UNDATED["url"]]
    assert link["score"] < DEFAULT_OPTIONS.threshold
    assert "best remaining candidate" in link["reasons"]


def test_elimination_can_be_switched_off(db_url: str) -> None:
    dated = rec("http://a.test/road-house-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
    ids = _resolve(db_url, [OLD, NEW, UNDATED, dated], options=ResolveOptions(assign_band=False))
    assert ids[UNDATED["url"]] != ids[OLD["url"]]


def test_elimination_decides_an_incremental_run_as_a_full_one(db_url: str) -> None:
    dated = rec("http://a.test/road-house-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
    with Catalog(db_url) as cat:
        cat.upsert_reviews([OLD, NEW, dated])
        cat.resolve()
        cat.upsert_reviews([UNDATED])
        assert cat.resolve().mode == "incremental"  # what is left over is read from the stored neighbourhood
        attached = films(cat)
        cat.resolve(full=True)
        ids = films(cat)
    assert attached == ids
    assert ids[UNDATED["url"]] == ids[OLD["url"]] != ids[NEW["url"]]


def test_a_career_dates_a_yearless_review(db_url: str) -> None:
    # the actor of the yearless review is dated by another film of site b: 1987 is near 1989, far from 1948
    other = rec("http://b.test/dancing/", "Dirty Dancing", 1987, ["Emile Ardolino"], ["Patrick Swayze"])
    ids = _resolve(db_url, [OLD, NEW, UNDATED, other])
    assert ids[UNDATED["url"]] == ids[NEW["url"]] != ids[OLD["url"]]
    assert ids[other["url"]] != ids[NEW["url"]]


def test_career_points() -> None:
    records = [UNDATED, rec("http://b.test/dancing/", "Dirty Dancing", 1987, [], ["Patrick Swayze"]),
               rec("http://b.test/ghost/", "Ghost", 1990, [], ["Patrick Swayze"])]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    spans = career_spans(profiles, {k for person in profiles[0].people for k in person})
    assert list(spans.values()) == [(1987, 1990)]
    opt = DEFAULT_OPTIONS
    assert career(profiles[0], 1989, spans, opt) == (opt.career_fit, ["career fits"])
    assert career(profiles[0], 1990 + opt.career_slack, spans, opt)[1] == ["career fits"]
    assert career(profiles[0], 1948, spans, opt) == (opt.career_miss, ["career ≠"])
    nobody = profile(9, rec("http://a.test/x/", "Road House", None, [], ["Unknown Person"]))
    assert career(nobody, 1948, spans, opt) == (0.0, [])


@pytest.mark.parametrize("reasons, ok", [
    (("title =", "cast ≠"), True),
    (("title =", "year ±1", "director ≠"), False),     # stated evidence against
    (("title =", "sequel ≠"), False),
    (("title =", "career ≠"), False),
    (("title form =", "year =", "platform ="), False),  # a shared subtitle ("– Origins") is too common
    (("title ≈", "year ="), False),
    (("no title", "crew shared"), True),
    (("no title", "cast 1 shared"), True),
    (("no title", "cast ≠"), False),
    (("title ≠", "year =", "director =", "cast 1 shared"), False),  # rule V, measured and not kept
])
def test_what_elimination_may_decide(reasons: tuple[str, ...], ok: bool) -> None:
    assert eliminable(reasons) is ok


def test_subtitle_namesakes_stay_apart_even_when_left_over(db_url: str) -> None:
    a = rec("http://a.test/river/", "River of Zan – Origins", 1975, [], ["Anna Hoff"])
    b = rec("http://b.test/bel/", "Belhov – Origins", 1975, ["Soo-yeon Seo"], ["Ines Mac"])
    ids = _resolve(db_url, [a, b])
    assert ids[a["url"]] != ids[b["url"]]


def _pairs(records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    profiles = [profile(i, r) for i, r in enumerate(records)]
    blocks = build_blocks(profiles, DEFAULT_OPTIONS)
    return {(records[i]["url"], records[j]["url"])
            for i, j in unique_name_pairs(profiles, blocks, DEFAULT_OPTIONS.max_block)}


def test_people_rule_rounds_free_a_tie() -> None:
    # round 1: u1 (two shared names) takes f1; round 2: u2's tie between f1 and f2 is gone
    f1 = rec("http://b.test/f1/", "Kaagaz", 1959, ["Guru Dutt"], ["Waheeda Rehman"])
    f2 = rec("http://b.test/f2/", "Pyaasa", 1957, ["Guru Dutt"], ["Mala Sinha"])
    u1 = rec("http://a.test/u1/", "", None, ["Guru Dutt"], ["Waheeda Rehman"])
    u2 = rec("http://a.test/u2/", "", None, ["Guru Dutt"], [])
    assert _pairs([f1, f2, u1, u2]) == {(f1["url"], u1["url"]), (f2["url"], u2["url"])}
    assert _pairs([f1, f2, u2]) == set()  # alone, u2 cannot choose


def test_titled_records_link_by_one_shared_director_only_when_asked(db_url: str) -> None:
    """Rule R: one shared director is no proof for two titled records whose titles share nothing (a
    director's other film of the same year, each reviewed by one site); rule G2 (`titled_lone_crew`)
    links them, for sources that hold whole filmographies; one shared actor never does."""
    danish = rec("http://b.test/konge/", "Kongekabale", 2004, ["Nikolaj Arcel"], ["Anders Lund"])
    english = rec("http://a.test/kings/", "King's Game", 2004, ["Nikolaj Arcel"], ["Soren Pilmark"])
    actor_only = rec("http://c.test/royal/", "Royal Game", 2004, [], ["Anders Lund"])
    ids = _resolve(db_url, [danish, english])
    assert ids[english["url"]] != ids[danish["url"]]
    lone_crew = replace(DEFAULT_OPTIONS, titled_lone_crew=True)
    ids = _resolve("sqlite://", [danish, english], options=lone_crew)
    assert ids[english["url"]] == ids[danish["url"]]
    ids = _resolve("sqlite://", [danish, actor_only], options=lone_crew)  # a catalogue of its own
    assert ids[actor_only["url"]] != ids[danish["url"]]


@pytest.mark.parametrize("year", [2023, None])
def test_two_films_of_one_director_on_two_sites_stay_apart(db_url: str, year: int | None) -> None:
    first = rec("http://a.test/water/", "In Water", year, ["Hong Sang-soo"], [])
    second = rec("http://b.test/day/", "In Our Day", year, ["Hong Sang-soo"], ["Kim Min-hee"])
    ids = _resolve(db_url, [first, second])
    assert ids[first["url"]] != ids[second["url"]]


def test_a_tie_at_the_threshold_is_no_coin_flip(db_url: str) -> None:
    # nothing but the title: 3 points + the rare-title bonus of a name two films share = the threshold,
    # for both namesakes alike; index order used to pick one
    bare = rec("http://a.test/road/", "Road House", None, [], [])
    ids = _resolve(db_url, [OLD, NEW, bare])
    assert len(set(ids.values())) == 3
    dated = rec("http://a.test/road-house-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
    ids = _resolve("sqlite://", [OLD, NEW, bare, dated])  # the 1989 film has site a's review: 1948 is left
    assert ids[bare["url"]] == ids[OLD["url"]]


def test_clusters_and_link_reasons_do_not_depend_on_edge_order() -> None:
    import random

    from bench.synth import generate
    from catalog.resolve.cluster import cluster
    from catalog.resolve.pipeline import _edges

    records = list(generate(2000, seed=11)) + [OLD, NEW, UNDATED]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    edges, _ = _edges(profiles, DEFAULT_OPTIONS)
    shuffled = list(edges)
    random.Random(3).shuffle(shuffled)
    groups, best = cluster(profiles, edges, DEFAULT_OPTIONS)
    assert (groups, best) == cluster(profiles, shuffled, DEFAULT_OPTIONS)
    assert sum(len(g) > 1 for g in groups) > 100


def test_a_later_round_finds_a_pair_whose_lower_end_met_nobody_placed() -> None:
    # round 1: u1 takes f1 (two names); round 2 looks again at who met them: u2 (Guru Dutt), not
    # f2 (Mala Sinha only), yet u2 and f2 now pick each other, and f2 comes first in the list
    f2 = rec("http://b.test/f2/", "Pyaasa", 1957, [], ["Mala Sinha"])
    f1 = rec("http://b.test/f1/", "Kaagaz", 1959, ["Guru Dutt"], ["Waheeda Rehman"])
    u1 = rec("http://a.test/u1/", "", None, ["Guru Dutt"], ["Waheeda Rehman"])
    u2 = rec("http://a.test/u2/", "", None, ["Guru Dutt"], ["Mala Sinha"])
    assert _pairs([f2, f1, u1, u2]) == {(f1["url"], u1["url"]), (f2["url"], u2["url"])}


def _same_name_same_year(bridges: int) -> list[dict[str, Any]]:
    """Two films of one title and year by other directors, three reviews each, and `bridges` reviews
    naming the title, year and release date of the first but no director and no cast."""
    first = [rec(f"http://s{n}.test/nalo/", "Harbor of Nalo", 2025, ["Ines Varga"], ["Ida Moss", "Ben Lark"],
                 release_date="2025-09-11") for n in range(3)]
    second = [rec(f"http://t{n}.test/nalo/", "Harbor of Nalo", 2025, ["Amelie Brandt"], ["Jean Lange", "Elena Quinn"],
                  release_date="2025-07-25") for n in range(3)]
    bare = [rec(f"http://u{n}.test/nalo/", "Harbor of Nalo", 2025, [], [], release_date="2025-09-11") for n in range(bridges)]
    return first + second + bare


@pytest.mark.parametrize("bridges", [0, 2])
def test_namesakes_of_one_year_with_other_directors_stay_apart(db_url: str, bridges: int) -> None:
    """Rule T: clusters whose directors two or more reviews each state, and that share no director, never
    merge, also through reviews that name no director (which join one of them)."""
    records = _same_name_same_year(bridges)
    ids = _resolve(db_url, records)
    assert len({ids[r["url"]] for r in records[:3]}) == 1 and len({ids[r["url"]] for r in records[3:6]}) == 1
    assert ids[records[0]["url"]] != ids[records[3]["url"]]
    ids = _resolve("sqlite://", records, options=replace(DEFAULT_OPTIONS, directed_apart=0))
    assert (ids[records[0]["url"]] == ids[records[3]["url"]]) == bool(bridges)  # without the rule a bridge glues them


def test_one_film_whose_sites_name_its_directors_apart_is_one_when_one_review_names_both(db_url: str) -> None:
    # two sites name one co-director each, a third names both: one film (each side's only director is shared)
    records = [rec(f"http://c{n}.test/x/", "Quiet Orchard", 2011, [name], ["Vera Holm"])
               for n, name in enumerate(["Joel Brook", "Joel Brook", "Ethan Brook", "Ethan Brook"])]
    records.append(rec("http://c9.test/x/", "Quiet Orchard", 2011, ["Joel Brook", "Ethan Brook"], ["Vera Holm"]))
    ids = _resolve(db_url, records)
    assert len(set(ids.values())) == 1


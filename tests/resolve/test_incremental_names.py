"""Name keys of the records the people rule can place: stored by full runs, kept and read by incremental ones."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Review, ReviewKey
from catalog.resolve import keys, namekeys
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions
from tests.resolve.test_incremental_rules import (
    NEW,
    OLD,
    both,
    name_keys,  # noqa: F401  (the fixture)
    partition,
    together,
)
from tests.resolve.test_resolution import rec

LAGOON_DE = rec("http://de.test/lagune/", "Die stille Lagune", 1971, [], ["Vera Holm", "Ida Klein"])
LAGOON_EN = rec("http://en.test/lagoon/", "The Quiet Lagoon", 1971, [], ["Vera Holm", "Ida Klein"])
OTHER = rec("http://x.test/elsewhere/", "Kalorin Night", 2001, [], ["Tom Koch"])


def _profiles(records: list[dict[str, Any]]) -> list[keys.Profile]:
    return [keys.profile(n, r) for n, r in enumerate(records)]


def _extras(records: list[dict[str, Any]], limit: int = DEFAULT_OPTIONS.max_block) -> dict[int, list[str]]:
    profiles = _profiles(records)
    return namekeys.name_extras(profiles, keys.build_blocks(profiles, DEFAULT_OPTIONS), limit)


def _stored(cat: Catalog, url: str, prefix: str) -> set[str]:
    with cat.engine.connect() as conn:
        return set(conn.execute(select(ReviewKey.key).join(Review, Review.id == ReviewKey.review_id)
                                .where(Review.url == url, ReviewKey.key.startswith(prefix))).scalars())


def test_name_extras_are_the_name_keys_of_unpaired_records_only() -> None:
    untitled = rec("http://u.test/1/", "", None, [], ["Vera Holm"])
    paired = [rec(f"http://{s}.test/oldboy/", "Oldboy", 2003, [], ["Vera Holm", "Tom Rees"]) for s in "ab"]
    records = [LAGOON_DE, untitled, *paired]
    extras = _extras(records)
    names = [set(keys.cast_keys(p)) for p in _profiles(records)]
    assert names[0] <= set(extras[0]) and names[1] <= set(extras[1])  # titled but unpaired; untitled
    assert not any(k.startswith(keys.NAME) for n in (2, 3) for k in extras.get(n, ()))  # their titles pair them
    vera = namekeys.SPAN + (names[0] & names[1] & names[2]).pop()[len(keys.NAME):]
    # an undated record names her: the holders of her first (1971) and last (2003) year carry her span
    assert vera in extras[0] and vera in extras[2] and vera not in extras.get(3, ())


def test_an_oversized_name_is_marked_once_and_not_stored() -> None:
    records = [rec(f"http://s{n}.test/r/", f"Film {n}", 2000 + n, [], ["Vera Holm", f"Actor {n}"]) for n in range(4)]
    extras = _extras(records, limit=3)
    vera = next(k for k in keys.cast_keys(_profiles(records)[0]) if "holm" in k)
    marks = [n for n, ks in extras.items() if namekeys.MANY + vera[len(keys.NAME):] in ks]
    assert marks == [0]
    assert not any(vera in ks for ks in extras.values())


@pytest.mark.usefixtures("name_keys")
def test_the_people_rule_finds_a_stored_titled_record_by_its_name_keys(any_db_url: str) -> None:
    # a translated title and no director: only the two shared people (a titled, title-unpaired
    # stored record's name keys) bring them together
    inc, full = both(any_db_url, [LAGOON_DE, OTHER], [LAGOON_EN])
    assert inc == full
    assert together(inc, LAGOON_DE, LAGOON_EN)


@pytest.mark.usefixtures("name_keys")
def test_incremental_runs_keep_and_add_name_keys(any_db_url: str) -> None:
    # the first attach rewrites the stored record's keys (its film took the new review) and gives the
    # new unpaired record its own name keys; the second attach finds it by them, as a full run does
    third = rec("http://fr.test/lagon/", "Le lagon tranquille", 1971, [], ["Tom Koch", "Kalle Berg"])
    late = rec("http://it.test/laguna/", "La laguna quieta", 1971, [], ["Tom Koch", "Kalle Berg"])
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews([LAGOON_DE, OTHER])
        assert cat.resolve().mode == "full"
        cat.upsert_reviews([LAGOON_EN, third])
        assert cat.resolve().mode == "incremental"
        assert _stored(cat, LAGOON_DE["url"], keys.NAME) and _stored(cat, third["url"], keys.NAME)
        cat.upsert_reviews([late])
        assert cat.resolve().mode == "incremental"
        inc = partition(cat)
    with Catalog("sqlite://") as cat:
        cat.upsert_reviews([LAGOON_DE, OTHER, LAGOON_EN, third, late])
        cat.resolve(full=True)
        assert inc == partition(cat)
    assert together(inc, third, late)


@pytest.mark.usefixtures("name_keys")
def test_a_name_oversized_at_the_full_run_is_no_evidence_incrementally(any_db_url: str) -> None:
    # Vera Holm is in five stored records (four of them title-paired, whose name keys are not
    # stored): with a block limit of 3 her name tells nothing, and one shared person is too few
    opt = ResolveOptions(max_block=3)
    paired = [rec(f"http://{s}.test/{t}/", t, 1990 + n, [], ["Vera Holm"])
              for n, t in enumerate(("Oldboy", "Nightfall")) for s in "ab"]
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews([*paired, LAGOON_DE])
        assert cat.resolve(options=opt).mode == "full"
        cat.upsert_reviews([LAGOON_EN])
        assert cat.resolve(options=opt).mode == "incremental"
        inc = partition(cat)
    with Catalog("sqlite://") as cat:
        cat.upsert_reviews([*paired, LAGOON_DE, LAGOON_EN])
        cat.resolve(full=True, options=opt)
        assert inc == partition(cat)
    assert not together(inc, LAGOON_DE, LAGOON_EN)


@pytest.mark.usefixtures("name_keys")
def test_a_career_span_dates_a_new_review_through_title_paired_records(any_db_url: str) -> None:
    # the actor's only dated films are title-paired (no name keys stored): the span keys give his
    # 1987, which takes the yearless review to the 1989 film as a full run does
    dancing = [rec(f"http://{s}.test/dancing/", "Dirty Dancing", 1987, ["Emile Ardolino"], ["Patrick Swayze"])
               for s in "cd"]
    ghost = rec("http://e.test/ghost/", "Ghost", None, [], ["Patrick Swayze"])  # undated: his career is asked
    undated = rec("http://a.test/road/", "Road House", None, [], ["Patrick Swayze"])
    inc, full = both(any_db_url, [OLD, NEW, *dancing, ghost], [undated])
    assert inc == full
    assert together(inc, undated, NEW)


POND = rec("http://a.test/pond/", "The Silent Pond", 1971, [], ["Vera Holm"])
ROAD = rec("http://b.test/road/", "Glass Road", 1975, [], ["Vera Holm"])
NAMELESS = rec("http://u.test/1/", "", None, [], ["Vera Holm"])


@pytest.mark.usefixtures("name_keys")
def test_a_new_rival_undoes_a_stored_people_rule_link(any_db_url: str) -> None:
    # the untitled record was the pond's by their one shared name; a new record of a third site names
    # her too: a tie, so a full run links neither (and the stored pair is split)
    inc, full = both(any_db_url, [NAMELESS, POND], [ROAD])
    assert inc == full
    assert not together(inc, NAMELESS, POND)


@pytest.mark.usefixtures("name_keys")
def test_a_rival_a_new_title_pairs_frees_a_stored_tie(any_db_url: str) -> None:
    # the untitled record tied between the pond and the road; a new review of the road pairs it by
    # its title, so it competes no more and the untitled record's best is the pond alone
    road_c = rec("http://c.test/road/", "Glass Road", 1975, [], [])
    inc, full = both(any_db_url, [NAMELESS, POND, ROAD], [road_c])
    assert inc == full
    assert together(inc, NAMELESS, POND) and together(inc, ROAD, road_c)


@pytest.mark.usefixtures("name_keys")
def test_a_new_review_widening_a_career_gets_its_span_key(any_db_url: str) -> None:
    ghost = rec("http://e.test/ghost/", "Ghost", None, [], ["Patrick Swayze"])
    dancing = rec("http://c.test/dancing/", "Dirty Dancing", 1987, [], ["Patrick Swayze"])
    later = rec("http://f.test/point/", "Point Break", 1991, [], ["Patrick Swayze"])
    inside = rec("http://g.test/other/", "Road House", 1987, [], ["Patrick Swayze"])
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews([ghost, dancing])
        cat.resolve()
        cat.upsert_reviews([later, inside])
        assert cat.resolve().mode == "incremental"
        assert _stored(cat, later["url"], namekeys.SPAN) and not _stored(cat, inside["url"], namekeys.SPAN)


def test_a_catalogue_without_name_keys_gets_none_from_incremental_runs(any_db_url: str) -> None:
    # every stored review is title-paired and dated: its full run stored no name key, so none is
    # added for a new unpaired review (a partial set would hide the people rule's rivals)
    oldboy = [rec(f"http://{s}.test/oldboy/", "Oldboy", 2003, [], ["Choi Min-sik"]) for s in "ab"]
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(oldboy)
        cat.resolve()
        cat.upsert_reviews([LAGOON_EN])
        assert cat.resolve().mode == "incremental"
        assert not _stored(cat, LAGOON_EN["url"], keys.NAME)


def test_a_stored_record_elimination_tied_is_placed_when_a_new_review_takes_a_rival(any_db_url: str) -> None:
    # the first undated review tied between the two dated ones; the second takes the 1929 one (a
    # shared genre), so a site's one review per film leaves the first the 1955 one: a full run joins
    # them by elimination, and so does the incremental run that re-decides the dated ones it meets
    dated_55 = rec("http://d.test/untamed-1955/", "Untamed", 1955, [], ["Susan Hayward"])
    dated_29 = rec("http://d.test/untamed-1929/", "Untamed", 1929, [], ["Joan Crawford"], genres=["Drama"])
    first = rec("http://i.test/1/", "Untamed", None, [], ["Tyrone Power"])
    second = rec("http://i.test/2/", "Untamed", None, [], ["Robert Montgomery"], genres=["Drama"])
    inc, full = both(any_db_url, [dated_55, dated_29, first], [second])
    assert inc == full
    assert together(inc, first, dated_55) and together(inc, second, dated_29)

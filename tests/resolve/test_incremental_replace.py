"""Incremental runs place a stored review anew where the new reviews undo the rule that placed it."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import FilmLink, Review
from tests.resolve.test_incremental_bridges import full_partition, partition
from tests.resolve.test_resolution import rec

# the people rule joined a titled record no other site's title met with the one film its writer
# directed and its actor played in (two shared people: rule R); a review of that title from the
# director's film's site now pairs it by its title
HUSTLE = dict(rec("http://u.test/hustle/", "East End Hustle", None, [], ["Ann Example"]), writers=["Frank Vitale"])
EMPIRE = rec("http://v.test/empire/", "Empire Records", 1995, ["Frank Vitale"], ["Ann Example"])
HUSTLE_DATED = rec("http://v.test/hustle/", "East End Hustle", 1976, ["Frank Vitale"])
# a title held by one dated film gives its undated namesake a weak link (rare-title bonus); a second
# dated film of that title (same site as the first) lowers the bonus and ties the two
PARTS_1972 = rec("http://d.test/pp-1972/", "Private Parts", 1972, ["Paul Bartel"])
PARTS_UNDATED = rec("http://i.test/pp/", "Private Parts", None, [], ["Ann Example"])
PARTS_1997 = rec("http://d.test/pp-1997/", "Private Parts", 1997, ["Betty Thomas"])


def links(cat: Catalog) -> dict[str, tuple[str, float, tuple[str, ...], str]]:
    query = select(Review.url, FilmLink.film_id, FilmLink.score, FilmLink.reasons, FilmLink.method).join(
        FilmLink, FilmLink.review_id == Review.id)
    with cat.engine.connect() as conn:
        return {url: (fid, score, tuple(reasons), method) for url, fid, score, reasons, method in conn.execute(query)}


def attach(url: str, base: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[set[frozenset[str]], dict[str, Any], dict[str, Any]]:
    """(films after an incremental run of `new`, links before it, links after a full run following it)."""
    with Catalog(url) as cat:
        cat.upsert_reviews(base)
        cat.resolve()
        before = links(cat)
        cat.upsert_reviews(new)
        assert cat.resolve().mode == "incremental"
        inc, after = partition(cat), links(cat)
        cat.resolve(full=True)
        assert links(cat) == after  # a full re-resolution agrees, ids, scores and reasons included
        return inc, before, after


def test_a_new_title_pairing_undoes_a_people_rule_link(any_db_url: str) -> None:
    inc, before, after = attach(any_db_url, [HUSTLE, EMPIRE], [HUSTLE_DATED])
    assert "unique name" in before[HUSTLE["url"]][2]
    assert inc == full_partition([HUSTLE, EMPIRE, HUSTLE_DATED])
    assert frozenset({HUSTLE["url"], HUSTLE_DATED["url"]}) in inc
    assert after[EMPIRE["url"]][3] == "single"  # left alone: no link of the old pair kept
    assert after[HUSTLE["url"]][0] == before[HUSTLE["url"]][0]  # the old film's id stays with one of its reviews


@pytest.mark.parametrize("namesake", [True, False])
def test_a_new_review_meeting_a_weak_link_decides_it_again(db_url: str, namesake: bool) -> None:
    # a second dated film of the title (same site as the first) ties the undated review between the
    # two; a review of the same film from a third site only confirms the stored pair, which joins again
    new = PARTS_1997 if namesake else rec("http://k.test/pp/", "Private Parts", 1972, ["Paul Bartel"])
    inc, before, after = attach(db_url, [PARTS_1972, PARTS_UNDATED], [new])
    assert before[PARTS_UNDATED["url"]][0] == before[PARTS_1972["url"]][0]
    assert inc == full_partition([PARTS_1972, PARTS_UNDATED, new])
    if namesake:
        assert frozenset({PARTS_UNDATED["url"]}) in inc
        assert {v[3] for v in after.values()} == {"single"}
    else:
        assert inc == {frozenset({PARTS_1972["url"], PARTS_UNDATED["url"], new["url"]})}
        assert {v[0] for v in after.values()} == {before[PARTS_1972["url"]][0]}

"""Site twins: two reviews of one site are one film when they share a whole title (or one's original
title), state the same year, share a director and (when both name actors) an actor — a site's German and
English version of one review, a festival review and the later one. Every other pair of one site's reviews
stays apart (namesakes, remakes, a review that leaves out the year or the director, other actors)."""
from __future__ import annotations

from typing import Any

import pytest

from catalog import Catalog
from catalog.resolve.cluster import site_twins
from catalog.resolve.keys import profile
from catalog.resolve.options import ResolveOptions
from tests.resolve.test_resolution import films, rec

DE = rec("http://bi.test/de/kritik/das-lehrerzimmer/", "Das Lehrerzimmer", 2023, ["İlker Çatak"],
         ["Leonie Benesch", "Leonard Stettnisch"], platform="Kino", release_date="2023-03-02")
EN = rec("http://bi.test/en/review/the-teachers-lounge/", "The Teachers' Lounge", 2023, ["Ilker Catak"],
         ["Leonie Benesch"], original_title="Das Lehrerzimmer")
OTHER_SITE = rec("http://kino.test/lehrerzimmer/", "Das Lehrerzimmer", 2023, ["Ilker Çatak"], ["Leonie Benesch"])
ZONE_DE = rec("http://bi.test/de/kritik/the-zone-of-interest/", "The Zone of Interest", 2023, ["Jonathan Glazer"],
              ["Sandra Hüller", "Christian Friedel"])
ZONE_EN = rec("http://bi.test/en/review/the-zone-of-interest/", "The Zone of Interest", 2023, ["Jonathan Glazer"],
              ["Christian Friedel", "Sandra Hüller"])


def _films(url: str, records: list[dict[str, Any]], **options: Any) -> dict[str, str]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=True, options=ResolveOptions(**options)) if options else cat.resolve(full=True)
        return films(cat)


def test_language_versions_of_one_review_are_one_film(any_db_url: str) -> None:
    ids = _films(any_db_url, [DE, EN, OTHER_SITE, ZONE_DE, ZONE_EN])
    assert ids[DE["url"]] == ids[EN["url"]] == ids[OTHER_SITE["url"]]
    assert ids[ZONE_DE["url"]] == ids[ZONE_EN["url"]] != ids[DE["url"]]


def test_without_twins_the_site_rule_keeps_them_apart(db_url: str) -> None:
    ids = _films(db_url, [ZONE_DE, ZONE_EN], site_twins=False)
    assert ids[ZONE_DE["url"]] != ids[ZONE_EN["url"]]


@pytest.mark.parametrize("second", [
    # namesakes one site reviewed: another year, another director
    rec("http://one.test/ballerina-2025/", "Ballerina", 2025, ["Len Wiseman"], ["Ana de Armas"]),
    # the same title and director but a stated year apart: a remake by its own director, or another film
    rec("http://one.test/ballerina-b/", "Ballerina", 2024, ["Lee Chung-hyun"], ["Jeon Jong-seo"]),
    # a second page that leaves out the year, or the director: not enough to overrule the site rule
    rec("http://one.test/ballerina-c/", "Ballerina", None, ["Lee Chung-hyun"], ["Jeon Jong-seo"]),
    rec("http://one.test/ballerina-d/", "Ballerina", 2023, [], ["Jeon Jong-seo"]),
    # same year and director, another title: the director's other film of that year
    rec("http://one.test/other/", "Walk Up", 2023, ["Lee Chung-hyun"], ["Jeon Jong-seo"]),
    # the same title (a sequel number written another way), year and director, but other actors
    rec("http://one.test/ballerina-e/", "Ballerina", 2023, ["Lee Chung-hyun"], ["Kim Ji-hoon", "Park Yu-rim"]),
])
def test_other_pairs_of_one_site_stay_apart(db_url: str, second: dict[str, Any]) -> None:
    first = rec("http://one.test/ballerina-2023/", "Ballerina", 2023, ["Lee Chung-hyun"], ["Jeon Jong-seo"])
    ids = _films(db_url, [first, second])
    assert ids[first["url"]] != ids[second["url"]]


def test_a_twin_does_not_carry_a_third_review_of_its_site(db_url: str) -> None:
    """Twins are pairwise: a third review of the site joins only if it is the twin of each one there."""
    third = rec("http://bi.test/de/kritik/zone-2/", "The Zone of Interest", None, ["Jonathan Glazer"], ["Sandra Hüller"])
    ids = _films(db_url, [ZONE_DE, ZONE_EN, third])
    assert ids[ZONE_DE["url"]] == ids[ZONE_EN["url"]] != ids[third["url"]]


def test_the_twin_test_itself() -> None:
    de, en, zone = (profile(i, r) for i, r in enumerate([DE, EN, ZONE_DE]))
    assert site_twins(de, en) and site_twins(en, de)
    assert not site_twins(de, zone)


def test_incremental_attach_of_a_twin_matches_full(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews([DE, OTHER_SITE, ZONE_DE])
        cat.resolve()
        first = films(cat)
        cat.upsert_reviews([EN, ZONE_EN])
        stats = cat.resolve()
        assert stats.mode == "incremental"
        after = films(cat)
        assert after[EN["url"]] == first[DE["url"]] and after[ZONE_EN["url"]] == first[ZONE_DE["url"]]
        cat.resolve(full=True)
        assert films(cat) == after


def test_a_manual_split_of_twins_is_respected(db_url: str) -> None:
    with Catalog(db_url) as cat:
        cat.upsert_reviews([ZONE_DE, ZONE_EN])
        cat.resolve()
        film = films(cat)[ZONE_DE["url"]]
        cat.split_film(film, [ZONE_EN["url"]])
        cat.resolve(full=True)
        ids = films(cat)
    assert ids[ZONE_DE["url"]] != ids[ZONE_EN["url"]]

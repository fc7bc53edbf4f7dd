"""Film details: finding a film by id, old id or title; facts with sources and conflicts; reviews; score."""
from __future__ import annotations

import pytest

from catalog import Catalog
from catalog.errors import AmbiguousError, NotFoundError, QueryError
from catalog.query import film_details, find_film, search
from tests.query.catalogue import build


@pytest.fixture(scope="module")
def cat(films_db: str):
    with Catalog(films_db) as catalogue:
        yield catalogue


def test_by_id_and_by_unique_title(cat: Catalog) -> None:
    film_id = search(cat, "die stille der berge")[0].film_id
    assert find_film(cat, film_id) == film_id
    assert find_film(cat, "Die Stille der Berge") == film_id
    assert find_film(cat, "the silence of mountains") == film_id   # a review's title
    assert find_film(cat, "Die Stile der Berge") == film_id        # one clear fuzzy match


def test_ambiguous_title_lists_candidates(cat: Catalog) -> None:
    with pytest.raises(AmbiguousError, match="2 films are titled") as err:
        find_film(cat, "Sternfall")
    assert sorted(c.year for c in err.value.candidates) == [2001, 2022]


@pytest.mark.parametrize("ref", ["Nichts dergleichen", "film-000000000000", "'; DROP TABLE films; --"])
def test_unknown_film(cat: Catalog, ref: str) -> None:
    with pytest.raises(NotFoundError, match="no film matches"):
        find_film(cat, ref)


@pytest.mark.parametrize("ref", ["", "   ", "x" * 300])
def test_unusable_reference(cat: Catalog, ref: str) -> None:
    with pytest.raises(QueryError):
        find_film(cat, ref)


def test_details_facts_sources_conflicts_reviews_score(cat: Catalog) -> None:
    details = film_details(cat, "Die Stille der Berge")
    facts = {f.name: f for f in details.facts}
    assert facts["year"].value == 2015 and facts["year"].sources == ["kino-b.example", "stream.example"]
    # "Park Chung-ho" and "Chung-ho Park" are one name written two ways: no conflict
    assert facts["directors"].conflicts == []
    assert len(facts["directors"].sources) == 2
    assert set(details.titles) >= {"Die Stille der Berge", "The Silence of Mountains"}
    assert details.score == 72.0 and details.rated_count == 2 and details.review_count == 2
    assert sorted(r.site for r in details.reviews) == ["kino-b.example", "stream.example"]
    assert all(r.date and r.rating is not None for r in details.reviews)


def test_conflicting_facts_are_reported(any_db_url: str) -> None:
    from tests.query.catalogue import record

    build(any_db_url, [
        record("a.example", "x", "Glutnacht", year=2010, directors=["Ana Roth"], fsk=12, rating=50),
        record("b.example", "x", "Glutnacht", year=2010, directors=["Ana Roth"], fsk=16, rating=70),
        record("c.example", "x", "Glutnacht", year=2010, directors=["Ana Roth"], fsk=16),
    ])
    with Catalog(any_db_url) as cat:
        details = film_details(cat, "glutnacht")
    fsk = next(f for f in details.facts if f.name == "fsk")
    assert fsk.value == 16 and fsk.sources == ["b.example", "c.example"]
    assert fsk.conflicts == ["12 (a.example)"]
    assert details.score == 60.0 and details.rated_count == 2 and details.review_count == 3


def test_merged_away_id_still_finds_the_film(any_db_url: str) -> None:
    build(any_db_url)
    with Catalog(any_db_url) as cat:
        a, b = sorted(h.film_id for h in search(cat, "sternfall"))
        survivor = cat.merge_films(a, b)
        gone = a if survivor == b else b
        assert find_film(cat, gone) == survivor
        assert film_details(cat, gone).review_count == 3

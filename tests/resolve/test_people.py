"""Writers as crew evidence, part keys of long names, and the people rule for records titles cannot place."""
from __future__ import annotations

from typing import Any

import pytest

from catalog import Catalog, names, titles
from catalog.resolve.compare import cannot_link, score
from catalog.resolve.keys import build_blocks, profile, title_paired, unique_name_pairs
from catalog.resolve.options import DEFAULT_OPTIONS
from tests.resolve.test_resolution import films, rec


def _resolve(url: str, records: list[dict[str, Any]], full: bool = True) -> dict[str, str]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=full)
        return films(cat)


def _pairs(records: list[dict[str, Any]]) -> set[tuple[str, str]]:
    profiles = [profile(i, r) for i, r in enumerate(records)]
    blocks = build_blocks(profiles, DEFAULT_OPTIONS)
    return {(records[i]["url"], records[j]["url"])
            for i, j in unique_name_pairs(profiles, blocks, DEFAULT_OPTIONS.max_block)}


# ------------------------------------------------------------------ names
@pytest.mark.parametrize("long, credited", [
    ("Kevin Brownlow Andrew Mollo", "Brownlow, Kevin"),       # two writers run together
    ("Kevin Brownlow Andrew Mollo", "Andrew Mollo"),
    ("Arthur Christopher Orme Plummer", "Christopher Plummer"),  # a birth name
    ("Peter Lindsay Weir", "Weir, Peter"),
])
def test_long_names_hold_the_credited_names(long: str, credited: str) -> None:
    assert names.person_keys(long) & names.person_keys(credited)


@pytest.mark.parametrize("long, other", [
    ("Kevin Brownlow Andrew Mollo", "Andrew Kevin"),  # words of two different people
    ("A. Edward Sutherland", "A. Sutherland"),         # an initial alone is no part
])
def test_parts_do_not_cross_people(long: str, other: str) -> None:
    assert not names.part_keys(long) & names.person_keys(other)


def test_a_lost_letter_splits_no_word_into_parts() -> None:
    parts = names.person_keys("Manuel Rodr?guez Ortega") - {names.key("Manuel Rodr?guez Ortega")}
    assert parts and all("guez" not in k.split() for k in parts)


# ------------------------------------------------------------------ writers
def _p(title: str, year: int | None, directors: list[str], cast: list[str], writers: list[str] | None = None,
       site: str = "a.test") -> Any:
    r = rec(f"http://{site}/{title or 'untitled'}/", title, year, directors, cast)
    if writers is not None:
        r["writers"] = writers
    return profile(0, r)


def test_writer_who_directs_is_crew_evidence_weaker_than_director() -> None:
    auteur = _p("Mostly Martha", None, [], ["Maxime Foerste"], ["Sandra Nettelbeck"])
    page = _p("Bella Martha", 2001, ["Nettelbeck, Sandra"], ["Gerhard Garbers"], site="b.test")
    crew, reasons = score(auteur, page, {}, DEFAULT_OPTIONS)
    plain, _ = score(_p("Mostly Martha", None, [], ["Maxime Foerste"]), page, {}, DEFAULT_OPTIONS)
    assert "crew shared" in reasons
    assert crew - plain == DEFAULT_OPTIONS.crew_match < DEFAULT_OPTIONS.director_match


def test_no_crew_points_on_top_of_a_director_match_and_none_without_writers() -> None:
    a = _p("Dune", 2021, ["Denis Villeneuve"], [], ["Denis Villeneuve", "Jon Spaihts"])
    b = _p("Dune", 2021, ["Villeneuve, Denis"], [], site="b.test")
    assert "crew shared" not in score(a, b, {}, DEFAULT_OPTIONS)[1]
    c = _p("Dune", 2021, ["Denis Villeneuve"], [], site="c.test")
    assert "crew shared" not in score(c, b, {}, DEFAULT_OPTIONS)[1]


def test_a_writer_never_makes_directors_differ() -> None:
    a = _p("Night Ferry", 1980, [], [], ["Ode Lind"])
    b = _p("Night Ferry", 1982, ["Ann Marlow"], [], site="b.test")
    assert not cannot_link(a, b, DEFAULT_OPTIONS)
    assert "director ≠" not in score(a, b, {}, DEFAULT_OPTIONS)[1]


def test_writers_break_a_tie_between_two_films_of_one_actor() -> None:
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm"])
    untitled["writers"] = ["Ode Lind Ann Marlow"]  # two writers run together, as a source may give them
    film = rec("http://credits.test/pond/", "The Silent Pond", 1971, ["Lind, Ode"], ["Holm, Vera"])
    other = rec("http://credits.test/road/", "Glass Road", 1975, ["Tom Rees"], ["Vera Holm"])
    assert _pairs([untitled, film, other]) == {(untitled["url"], film["url"])}
    del untitled["writers"]  # one shared actor with two films: a tie
    assert _pairs([untitled, film, other]) == set()


# ------------------------------------------------------------------ the people rule, end to end
POND = rec("http://credits.test/silent-pond/", "The Silent Pond", 1971, ["Ode Lind"], ["Vera Holm"])
ROAD = rec("http://credits.test/glass-road/", "Glass Road", 1975, ["Tom Rees"], ["Vera Holm"])


def test_two_shared_people_win_over_one(db_url: str) -> None:
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    ids = _resolve(db_url, [POND, ROAD, untitled])
    assert ids[untitled["url"]] == ids[POND["url"]] != ids[ROAD["url"]]


def test_mutual_best_a_rival_on_the_other_side_blocks_the_link(db_url: str) -> None:
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    rival = rec("http://people.test/2/", "", None, [], ["Vera Holm", "Ode Lind"])
    ids = _resolve(db_url, [POND, untitled, rival])
    assert ids[POND["url"]] not in (ids[untitled["url"]], ids[rival["url"]])


def test_differently_titled_records_link_by_two_people(db_url: str) -> None:
    english = rec("http://people.test/quiet/", "The Quiet Water", 1971, ["Ode Lind"], ["Vera Holm"])
    ids = _resolve(db_url, [POND, ROAD, english])
    assert ids[english["url"]] == ids[POND["url"]]


@pytest.mark.parametrize("title, year, directors, cast", [
    ("The Quiet Water", 1971, [], ["Vera Holm"]),          # one shared name only
    ("The Quiet Water", 1979, ["Ode Lind"], ["Vera Holm"]),  # years disagree
    ("The Silent Pond 2", 1971, ["Ode Lind"], ["Vera Holm"]),  # a sequel number differs
])
def test_differently_titled_records_stay_apart_without_enough_evidence(
        db_url: str, title: str, year: int, directors: list[str], cast: list[str]) -> None:
    other = rec("http://people.test/x/", title, year, directors, cast)
    ids = _resolve(db_url, [POND, other])
    assert ids[other["url"]] != ids[POND["url"]]


def test_a_record_its_title_places_does_not_compete_for_a_name(db_url: str) -> None:
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm"])
    placed = rec("http://people.test/road/", "Glass Road", 1975, [], ["Vera Holm"])  # meets ROAD by title
    film = rec("http://other.test/pond/", "The Silent Pond", 1971, ["Ode Lind"], ["Vera Holm"])
    records = [untitled, placed, ROAD, film]
    profiles = [profile(i, r) for i, r in enumerate(records)]
    paired = title_paired(profiles, build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS.max_block)
    assert list(paired) == [0, 1, 1, 0]
    ids = _resolve(db_url, records)
    assert ids[untitled["url"]] == ids[film["url"]]
    assert ids[placed["url"]] == ids[ROAD["url"]]


def test_people_rule_places_a_new_untitled_record_incrementally_as_a_full_run_does(db_url: str) -> None:
    # uniqueness is catalogue-wide: the incremental run reads it from the name keys the full run stored
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    with Catalog(db_url) as cat:
        cat.upsert_reviews([POND, ROAD])
        cat.resolve()
        cat.upsert_reviews([untitled])
        assert cat.resolve().mode == "incremental"
        placed = films(cat)
        cat.resolve(full=True)
        ids = films(cat)
    assert placed[untitled["url"]] == placed[POND["url"]]
    assert ids[untitled["url"]] == ids[POND["url"]]


# ------------------------------------------------------------------ titles: encodings and parts
def test_letters_lost_to_an_encoding_are_the_same_whole_title() -> None:
    assert titles.masked("Acci?n mutante (1993)") == titles.masked("Acción mutante")
    assert titles.masked("Mari?e") != titles.masked("Marie")
    damaged = _p("Acci?n mutante (1993)", 1993, [], ["Antonio Resines"])
    intact = _p("Acción mutante", None, [], ["Frédérique Feder"], site="b.test")
    assert "title =" in score(damaged, intact, {}, DEFAULT_OPTIONS)[1]


def test_a_whole_title_meets_the_same_string_as_a_part(any_db_url: str) -> None:
    long = rec("http://a.test/tyler-rake-2/", "Tyler Rake: Extraction 2", None, [], [])
    short = rec("http://b.test/extraction-2/", "Extraction 2", None, [], [])
    dune = rec("http://a.test/dune-2/", "Dune: Part Two", None, [], [])
    first = rec("http://b.test/dune/", "Dune", None, [], [])
    ids = _resolve(any_db_url, [long, short, dune, first])
    assert ids[long["url"]] == ids[short["url"]]
    assert ids[dune["url"]] != ids[first["url"]]


def test_incremental_attach_finds_a_part_by_its_whole_title(db_url: str) -> None:
    long = rec("http://a.test/tyler-rake-2/", "Tyler Rake: Extraction 2", None, [], [])
    short = rec("http://b.test/extraction-2/", "Extraction 2", None, [], [])
    with Catalog(db_url) as cat:
        cat.upsert_reviews([long])
        cat.resolve()
        cat.upsert_reviews([short])
        stats = cat.resolve()
        ids = films(cat)
    assert stats.mode == "incremental"
    assert ids[long["url"]] == ids[short["url"]]


# ------------------------------------------------------------------ rule P: a director's next film
@pytest.mark.parametrize("first, second", [
    (rec("http://a.test/midnight/", "Midnight in Paris", 2011, ["Woody Allen"], ["Owen Wilson"]),
     rec("http://b.test/rome/", "To Rome with Love", 2012, ["Woody Allen"], ["Penélope Cruz"])),
    (rec("http://a.test/kills/", "Halloween Kills", 2021, ["David Gordon Green"], ["Jamie Lee Curtis", "Judy Greer"]),
     rec("http://b.test/ends/", "Halloween Ends", 2022, ["David Gordon Green"], ["Jamie Lee Curtis", "Will Patton"])),
])
def test_other_titles_of_one_director_a_year_apart_stay_apart(any_db_url: str, first: dict[str, Any],
                                                              second: dict[str, Any]) -> None:
    ids = _resolve(any_db_url, [first, second])
    assert ids[first["url"]] != ids[second["url"]]


def test_a_translated_title_of_the_same_year_still_joins_by_its_people(db_url: str) -> None:
    german = rec("http://a.test/lehrerzimmer/", "Das Lehrerzimmer", 2023, ["İlker Çatak"], ["Leonie Benesch"])
    english = rec("http://b.test/lounge/", "The Teachers' Lounge", 2023, ["Ilker Catak"], ["Leonie Benesch"])
    ids = _resolve(db_url, [german, english])
    assert ids[german["url"]] == ids[english["url"]]


def test_a_pair_the_people_rule_finds_links_on_its_own_evidence_without_a_shared_block(any_db_url: str) -> None:
    # a typo: no title form, no director, so no block holds both; two shared actors make them each
    # other's unique best, and title ≈ + year + cast reach the threshold on their own
    cast = ["Leonardo DiCaprio", "Brad Pitt"]
    typo = rec("http://a.test/hollywod/", "Once Upon a Time in Hollywod", 2019, [], cast)
    right = rec("http://b.test/hollywood/", "Once Upon a Time in Hollywood", 2019, [], cast)
    ids = _resolve(any_db_url, [typo, right])
    assert ids[typo["url"]] == ids[right["url"]]

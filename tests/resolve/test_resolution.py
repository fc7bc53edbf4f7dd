"""Resolution behaviour beyond the dev corpus: remakes, incremental attach, uncertainty, consensus."""
from __future__ import annotations

from typing import Any

from catalog import Catalog
from catalog.resolve import uncertain_links
from catalog.resolve.consensus import consensus


def rec(url: str, title: str, year: int | None, directors: list[str], cast: list[str] | None = None,
        **extra: Any) -> dict[str, Any]:
    site = url.split("/")[2]
    return {"url": url, "site": site, "title": title, "original_title": extra.get("original_title"),
            "year": year, "genres": extra.get("genres", []), "fsk": extra.get("fsk"), "directors": directors,
            "cast": cast or [], "platform": extra.get("platform"), "release_date": extra.get("release_date"),
            "rating": None}


OLDBOY = [
    rec("http://a.test/oldboy/", "Oldboy", 2003, ["Park Chan-wook"], ["Choi Min-sik"]),
    rec("http://b.test/oldboy-review/", "Oldboy", 2003, ["Chan-wook Park"], ["Min-sik Choi"]),
    rec("http://c.test/oldboy-2013/", "Oldboy", 2013, ["Spike Lee"], ["Josh Brolin"]),
    rec("http://d.test/oldboy/", "OLDBOY", 2013, ["Spike Lee"], ["Josh Brolin", "Elizabeth Olsen"]),
]


def films(cat: Catalog) -> dict[str, str]:
    return {r["url"]: r["film_id"] for r in cat.iter_reviews()}


def test_remake_stays_apart_and_variants_join(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(OLDBOY)
        cat.resolve()
        ids = films(cat)
    assert ids["http://a.test/oldboy/"] == ids["http://b.test/oldboy-review/"]
    assert ids["http://c.test/oldboy-2013/"] == ids["http://d.test/oldboy/"]
    assert ids["http://a.test/oldboy/"] != ids["http://c.test/oldboy-2013/"]


def test_one_film_per_site_and_no_transitive_glue(any_db_url: str) -> None:
    chain = [rec("http://a.test/1/", "Halloween", 1978, ["John Carpenter"], ["Jamie Lee Curtis"]),
             rec("http://b.test/1/", "Halloween", None, ["John Carpenter"], ["Jamie Lee Curtis"]),
             rec("http://c.test/1/", "Halloween", None, [], ["Jamie Lee Curtis"]),
             rec("http://d.test/1/", "Halloween", 2018, ["David Gordon Green"], ["Jamie Lee Curtis"])]
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(chain)
        cat.resolve()
        ids = films(cat)
    assert ids["http://a.test/1/"] != ids["http://d.test/1/"]


def test_incremental_attach_matches_full(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(OLDBOY[:1] + OLDBOY[2:3])
        cat.resolve()
        first = films(cat)
        cat.upsert_reviews(OLDBOY[1:2] + OLDBOY[3:])
        stats = cat.resolve()
        assert stats.mode == "incremental" and stats.films_new == 0
        after = films(cat)
        assert after["http://b.test/oldboy-review/"] == first["http://a.test/oldboy/"]
        assert after["http://d.test/oldboy/"] == first["http://c.test/oldboy-2013/"]
        cat.resolve(full=True)
        assert films(cat) == after


def test_links_have_scores_reasons_and_uncertain_ones_are_listed(any_db_url: str) -> None:
    weak = [rec("http://a.test/w/", "Nightfall", None, [], []), rec("http://b.test/w/", "Nightfall", None, [], [])]
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(OLDBOY + weak)
        cat.resolve()
        with cat.session() as s:
            shaky = uncertain_links(s)
            everything = uncertain_links(s, threshold=1e9)
    assert {r["url"] for r in shaky} == {"http://a.test/w/", "http://b.test/w/"}
    assert all(r["reasons"] and r["score"] >= 4.0 for r in everything)
    assert "director =" in next(r for r in everything if r["url"] == "http://a.test/oldboy/")["reasons"]


def test_consensus_votes_and_keeps_conflicts() -> None:
    records = [rec("http://a.test/x/", "Dune", 2021, ["Denis Villeneuve"], release_date="2021-09-16"),
               rec("http://b.test/x/", "Dune", 2021, ["Denis Villeneuve"], release_date="2021-09-16"),
               rec("http://c.test/x/", "Dune", 2021, ["Denis Villeneuve"], release_date="2021-10-22")]
    facts = consensus(records)
    assert facts["release_date"] == "2021-09-16"
    assert facts["facts"]["release_date"]["support"] == ["http://a.test/x/", "http://b.test/x/"]
    assert facts["facts"]["release_date"]["conflicts"][0]["support"] == ["http://c.test/x/"]


def test_consensus_pools_one_person_spelled_with_and_without_spaces() -> None:
    """Rule Q4 in the vote: "Bong Joonho" and "Joon Ho Bong" are Bong Joon-ho's votes, not conflicts;
    "Song Kangho" counts for "Kang-ho Song" (2 of 3 reviews), a namesake spelling does not."""
    records = [rec("http://a.test/p/", "Parasite", 2019, ["Bong Joon-ho"], ["Song Kang-ho", "Lee Sun-kyun"]),
               rec("http://b.test/p/", "Parasite", 2019, ["Bong Joonho"], ["Song Kangho"]),
               rec("http://c.test/p/", "Parasite", 2019, ["Joon Ho Bong"], ["Cho Yeo-jeong"])]
    facts = consensus(records)
    assert len(facts["directors"]) == 1 and not facts["facts"]["directors"]["conflicts"]
    assert facts["facts"]["directors"]["items"][0]["support"] == [r["url"] for r in records]
    assert facts["cast"] == ["Song Kang-ho"]
    assert [c["value"] for c in facts["facts"]["cast"]["conflicts"]] == ["Cho Yeo-jeong", "Lee Sun-kyun"]


def test_reviews_written_around_the_api_are_still_resolved(any_db_url: str) -> None:
    from sqlalchemy import insert

    from catalog.models import Review
    from catalog.store import clean_record, record_hash

    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(OLDBOY[:2])
        cat.resolve()
        row = clean_record(OLDBOY[2])
        with cat.engine.begin() as conn:  # bypasses the review_pending queue
            conn.execute(insert(Review), [{**row, "record_hash": record_hash(row)}])
        cat.upsert_reviews(OLDBOY[3:])
        stats = cat.resolve()
        ids = films(cat)
    assert stats.mode == "incremental" and all(ids.values())
    assert ids["http://c.test/oldboy-2013/"] == ids["http://d.test/oldboy/"]


def test_a_sequel_with_and_without_its_subtitle_is_one_film(db_url: str) -> None:
    """"Paddington 2" and "Paddington 2: Ein Bär" name one film (the main title carries the number),
    so do "Avatar 2: The Way of Water" and "Avatar: The Way of Water"; the first film stays apart."""
    director = ["Paul King"]
    with Catalog(db_url) as cat:
        cat.upsert_reviews([rec("http://a.test/p2/", "Paddington 2", 2017, director),
                            rec("http://b.test/p2/", "Paddington 2: Ein Bär", 2017, director),
                            rec("http://c.test/p2/", "Star Trek II", 1982, ["Nicholas Meyer"]),
                            rec("http://d.test/p2/", "Star Trek II: The Wrath of Khan", 1982, ["Nicholas Meyer"]),
                            rec("http://c.test/p1/", "Paddington", 2014, director),
                            rec("http://a.test/av/", "Avatar 2: The Way of Water", 2022, ["James Cameron"]),
                            rec("http://b.test/av/", "Avatar: The Way of Water", 2022, ["James Cameron"])])
        cat.resolve(full=True)
        ids = films(cat)
    assert ids["http://a.test/p2/"] == ids["http://b.test/p2/"] != ids["http://c.test/p1/"]
    assert ids["http://c.test/p2/"] == ids["http://d.test/p2/"]
    assert ids["http://a.test/av/"] == ids["http://b.test/av/"]


def test_entries_of_a_series_stay_apart_and_one_film_written_two_ways_is_one(db_url: str) -> None:
    """Titles sharing only their main title as a part, with other subtitles, are entries of one
    series (same directors, a year apart); a subtitle shared with a near main title is one film."""
    russo, watts = ["Anthony Russo", "Joe Russo"], ["Jon Watts"]
    with Catalog(db_url) as cat:
        cat.upsert_reviews([rec("http://a.test/av3/", "Avengers: Infinity War", 2018, russo),
                            rec("http://b.test/av4/", "Avengers: Endgame", 2019, russo),
                            rec("http://c.test/av4/", "Avengers 4: Endgame", 2019, russo),
                            rec("http://a.test/sm2/", "Spider-Man: Far From Home", 2019, watts),
                            rec("http://b.test/sm1/", "Spider-Man: Homecoming", 2017, watts),
                            rec("http://c.test/sm3/", "Spider-Man: No Way Home", 2021, watts),
                            rec("http://d.test/sm3/", "Spiderman: No Way Home", 2021, watts)])
        cat.resolve(full=True)
        ids = films(cat)
    assert ids["http://b.test/av4/"] == ids["http://c.test/av4/"] != ids["http://a.test/av3/"]
    assert ids["http://c.test/sm3/"] == ids["http://d.test/sm3/"]
    assert len({ids["http://a.test/sm2/"], ids["http://b.test/sm1/"], ids["http://c.test/sm3/"]}) == 3


def test_titles_written_with_and_without_spaces_are_one_film(db_url: str) -> None:
    """"Oldboy" / "Old Boy" and "Spider-Man" / "Spiderman" are equal titles; the 2013 remake stays apart."""
    park, raimi = ["Park Chan-wook"], ["Sam Raimi"]
    with Catalog(db_url) as cat:
        cat.upsert_reviews([rec("http://a.test/ob/", "Oldboy", 2003, park), rec("http://b.test/ob/", "Old Boy", 2003, park),
                            rec("http://c.test/ob/", "Old Boy", 2013, ["Spike Lee"]),
                            rec("http://a.test/sm/", "Spider-Man", 2002, raimi), rec("http://b.test/sm/", "Spiderman", 2002, raimi)])
        cat.resolve(full=True)
        ids = films(cat)
    assert ids["http://a.test/ob/"] == ids["http://b.test/ob/"] != ids["http://c.test/ob/"]
    assert ids["http://a.test/sm/"] == ids["http://b.test/sm/"]

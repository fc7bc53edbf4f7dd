"""Rule set N: real-world title variants become one film, entries of one series stay apart (same year
and director on both sides wherever that is realistic, so the title decides)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from catalog import Catalog, titles
from tests.resolve.test_resolution import films, rec


def resolved(db_url: str, records: list[dict[str, Any]]) -> dict[str, str]:
    with Catalog(db_url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=True)
        return films(cat)


def pair(key: str, first: str, second: str, year: int, director: str | None = None) -> list[dict[str, Any]]:
    """One film reviewed by two sites under two titles. Without a director the title must place both
    (a shared director alone links two records no title places: the people rule)."""
    named = [director] if director else []
    return [rec(f"http://a.test/{key}/", first, year, named), rec(f"http://b.test/{key}/", second, year, named)]


def one_film(ids: dict[str, str], key: str) -> bool:
    return ids[f"http://a.test/{key}/"] == ids[f"http://b.test/{key}/"]


def test_number_words_are_numbers(db_url: str) -> None:
    """N1: "Eleven" = "11" anywhere in a title; "Eleven" and "Twelve" are still two entries."""
    records = (pair("o11", "Ocean's 11", "Ocean's Eleven", 2001)
               + pair("h8", "The Hateful Eight", "The Hateful 8", 2015)
               + pair("nuts", "Drei Haselnüsse für Aschenbrödel", "3 Haselnüsse für Aschenbrödel", 1973)
               + [rec("http://c.test/o12/", "Ocean's Twelve", 2002, [])])
    ids = resolved(db_url, records)
    assert one_film(ids, "o11") and one_film(ids, "h8") and one_film(ids, "nuts")
    assert ids["http://c.test/o12/"] != ids["http://a.test/o11/"]


def test_number_words_keys() -> None:
    assert titles.norm("Ocean's Thirteen") == titles.norm("Ocean's 13")
    assert titles.norm("Ten Things I Hate About You") == titles.norm("10 Things I Hate About You")
    assert titles.norm("Elf") == "elf" and titles.norm("Teil elf") == "11"  # the creature stays a word
    assert titles.norm("Malcolm X") == "malcolm x" and titles.norm("Fast X") == "fast x"  # names, not numbers
    assert titles.sequel_of("Blade Runner 2049") == 1 and titles.sequel_of("Apollo 13") == 13


def test_trailing_roman_five_and_superscripts(db_url: str) -> None:
    """N2, N3: "Rocky V" = "Rocky 5", "Alien³" = "Alien 3" (and no longer a form of "Alien")."""
    records = (pair("r5", "Rocky V", "Rocky 5", 1990)
               + pair("a3", "Alien³", "Alien 3", 1992)
               + [rec("http://c.test/a1/", "Alien", 1992, [])])
    ids = resolved(db_url, records)
    assert one_film(ids, "r5") and one_film(ids, "a3")
    assert ids["http://c.test/a1/"] != ids["http://a.test/a3/"]
    assert titles.sequel_of("Rocky V") == 5 and "alien" not in titles.forms("Alien³")


def test_a_bracket_opening_the_title_is_part_of_it(db_url: str) -> None:
    """N4: "(500) Days of Summer" = "500 Days of Summer"; a trailing "(2023)" is still a note."""
    ids = resolved(db_url, pair("500", "(500) Days of Summer", "500 Days of Summer", 2009))
    assert one_film(ids, "500")
    assert titles.norm("[REC]²") == titles.norm("REC 2") and titles.norm("Ballerina (2023)") == "ballerina"


def test_alternative_titles_after_or_oder_aka(db_url: str) -> None:
    """N5: "X oder (Y)", "X (oder Y)", "X oder Y…", "X or: Y", "X, oder Y", "X a.k.a. Y" are X; short
    "X or Y" titles stay whole titles ("Dead or Alive" has no part "Alive")."""
    birdman = ["Birdman oder (Die unverhoffte Macht der Ahnungslosigkeit)", "Birdman",
               "Birdman oder die unverhoffte Macht der Ahnungslosigkeit",
               "BIRDMAN (oder die unverhoffte Macht der Ahnungslosigkeit)", "Birdman or (The Unexpected Virtue of Ignorance)"]
    records = ([rec(f"http://{site}.test/bm/", title, 2014, []) for site, title in zip("abcde", birdman)]
               + pair("dr", "Dr. Seltsam oder: Wie ich lernte, die Bombe zu lieben", "Dr. Seltsam", 1964)
               + pair("raid", "The Raid a.k.a. Serbuan Maut", "The Raid", 2011))
    ids = resolved(db_url, records)
    assert one_film(ids, "dr") and one_film(ids, "raid")
    assert len({ids[f"http://{site}.test/bm/"] for site in "abcde"}) == 1
    assert titles.forms("Dead or Alive") == ("dead or alive",) and titles.forms("Alles oder nichts") == ("alles oder nichts",)
    assert titles.forms("Dr. Strangelove, or How I Learned to Stop Worrying")[1:] == (
        "dr strangelove", "how i learned to stop worrying")


def test_and_und_ampersand_plus_are_one_word(db_url: str) -> None:
    """N6: "Romeo & Julia" = "Romeo und Julia", "Romeo + Juliet" = "Romeo & Juliet"."""
    records = (pair("rj", "Romeo & Julia", "Romeo und Julia", 1968)
               + pair("rj2", "Romeo + Juliet", "Romeo & Juliet", 1996))
    ids = resolved(db_url, records)
    assert one_film(ids, "rj") and one_film(ids, "rj2")


def test_review_page_furniture_is_no_part_of_the_title(db_url: str) -> None:
    """N7: "Ballerina – Kritik / Netflix" and "Ballerina – Filmkritik" are "Ballerina"; "The Movie" is a title part."""
    records = [rec("http://a.test/ba/", "Ballerina – Kritik / Netflix", 2023, []),
               rec("http://b.test/ba/", "Ballerina – Filmkritik", 2023, []),
               rec("http://c.test/ba/", "Kritik: Ballerina", 2023, []),
               rec("http://d.test/ba/", "From the World of John Wick: Ballerina", 2025, ["Len Wiseman"])]
    ids = resolved(db_url, records)
    assert ids["http://a.test/ba/"] == ids["http://b.test/ba/"] == ids["http://c.test/ba/"] != ids["http://d.test/ba/"]
    assert titles.norm("Ballerina – Kritik zum Netflix-Film") == "ballerina"
    assert titles.norm("SpongeBob: The Movie") == "spongebob the movie"


def test_a_numbered_entry_with_translated_subtitles_is_one_film(db_url: str) -> None:
    """N8: sharing "Terminator 2" (a numbered part) with other subtitles is one film in two languages;
    sharing only "Avengers" is still two entries."""
    records = (pair("t2", "Terminator 2: Tag der Abrechnung", "Terminator 2: Judgment Day", 1991, "Jim Carver")
               + pair("sw", "Star Wars: Episode IV – Eine neue Hoffnung", "Star Wars: Episode IV – A New Hope", 1977, "Gil Lucan")
               + pair("av", "Avengers: Infinity War", "Avengers: Endgame", 2018, "Anthony Russo"))
    ids = resolved(db_url, records)
    assert one_film(ids, "t2") and one_film(ids, "sw")
    assert not one_film(ids, "av")


def test_a_named_entry_may_drop_its_episode_number(db_url: str) -> None:
    """N9: "Star Wars: Episode VIII – Die letzten Jedi" is "Star Wars: Die letzten Jedi" and "Die letzten
    Jedi"; "John Wick: Chapter 3 – Parabellum" is "John Wick: Parabellum"; other entries stay apart."""
    jedi = "Star Wars: Episode VIII – Die letzten Jedi"
    records = [rec("http://a.test/sw8/", jedi, 2017, ["Rian Jonas"]),
               rec("http://b.test/sw8/", "Star Wars: Die letzten Jedi", 2017, ["Rian Jonas"]),
               rec("http://c.test/sw8/", "Die letzten Jedi", 2017, ["Rian Jonas"]),
               rec("http://d.test/sw7/", "Star Wars: Episode VII – Das Erwachen der Macht", 2017, ["Rian Jonas"]),
               rec("http://e.test/sw7/", "Star Wars: Das Erwachen der Macht", 2017, ["Rian Jonas"])]
    records += pair("jw3", "John Wick: Chapter 3 – Parabellum", "John Wick: Parabellum", 2019, "Chad Stone")
    records += [rec("http://c.test/jw4/", "John Wick: Kapitel 4", 2019, ["Chad Stone"])]
    ids = resolved(db_url, records)
    assert ids["http://a.test/sw8/"] == ids["http://b.test/sw8/"] == ids["http://c.test/sw8/"]
    assert ids["http://d.test/sw7/"] == ids["http://e.test/sw7/"] != ids["http://a.test/sw8/"]
    assert one_film(ids, "jw3") and ids["http://c.test/jw4/"] != ids["http://a.test/jw3/"]


def test_named_entry_numbers_are_possible_part_numbers_certain() -> None:
    """N9 only for series words: a part number before a shared subtitle still tells the first film apart."""
    assert titles.sequel_numbers("Star Wars: Episode VIII – Die letzten Jedi") == (1, 8)
    assert titles.sequel_numbers("John Wick: Kapitel 3 – Parabellum") == (1, 3)
    assert titles.sequel_numbers("Mirror of Tagarmar: Part Two – Die Rückkehr") == (2,)
    assert titles.sequel_numbers("Star Wars: Episode VIII") == (8,)
    assert titles.sequel_numbers("Dune: Teil 2") == (2,)


def test_series_entries_a_year_apart_stay_apart(db_url: str) -> None:
    """Rule N′ and a guard for rule set N's looser numbers: entries of one series by one director, a
    year apart, German and English wording, stay apart, also when no title places them and a shared
    director would (the people rule): "Episode VIII – …" {1, 8} and "Episode IX – …" {1, 9} differ."""
    series = [("Kill Bill: Vol. 1", 2003, "Kill Bill – Volume 2", 2004, "Quentin Tarrant"),
              ("Harry Potter und die Heiligtümer des Todes – Teil 1", 2010,
               "Harry Potter and the Deathly Hallows: Part 2", 2011, "David Yale"),
              ("Die Tribute von Panem – Mockingjay Teil 1", 2014, "Die Tribute von Panem: Mockingjay – Teil 2", 2015,
               "Francis Law"),
              ("Zurück in die Zukunft II", 1989, "Zurück in die Zukunft Teil III", 1990, "Robert Zemke"),
              ("Star Wars: Episode VIII – Die letzten Jedi", 2017, "Star Wars: Episode IX – Der Aufstieg Skywalkers", 2018,
               "Rian Jonas")]
    records = [r for n, (a, ya, b, yb, d) in enumerate(series)
               for r in (rec(f"http://a.test/{n}/", a, ya, [d]), rec(f"http://b.test/{n}/", b, yb, [d]))]
    ids = resolved(db_url, records)
    assert all(not one_film(ids, str(n)) for n in range(len(series)))


def test_near_titles_with_other_numbers_are_two_films(db_url: str, tmp_path: Path) -> None:
    """N″: "21 Jump Street" and "22 Jump Street" by the same directors are near titles (token-sort ratio
    93) with other numbers: two films, also when a site states a year one off (2013) or no title places
    them (the people rule); "3 Engel für Charlie" = "Drei Engel für Charlie"."""
    lord = ["Phil Lord", "Chris Miller"]
    records = [rec("http://a.test/js/", "21 Jump Street", 2012, lord), rec("http://b.test/js/", "22 Jump Street", 2013, lord),
               rec("http://c.test/js2/", "21 Jump Street", 2012, lord), rec("http://d.test/js2/", "22 Jump Street", 2014, lord)]
    records += pair("ch", "3 Engel für Charlie", "Drei Engel für Charlie", 2000)
    first = resolved(db_url, records[:2] + records[4:])
    second = resolved(f"sqlite:///{tmp_path}/alone.db", records[2:4])  # only these two: no title places them
    assert first["http://a.test/js/"] != first["http://b.test/js/"] and one_film(first, "ch")
    assert second["http://c.test/js2/"] != second["http://d.test/js2/"]


def test_a_shared_subtitle_under_other_main_titles_is_no_title_match(db_url: str) -> None:
    """Rule S: two films of one director, one year, whose titles share only a subtitle ("– Der Fluch"),
    stay apart, also when one page states its main title as the original title; a film with and
    without its series number ("Avengers: Endgame" / "Avengers 4: Endgame") is one."""
    director = ["Mira Holm"]
    records = [dict(rec("http://a.test/gh/", "Golden Harbor – Der Fluch", 2009, director), original_title="Golden Harbor"),
               rec("http://b.test/rs/", "River Song – Der Fluch", 2009, director),
               rec("http://c.test/rs/", "River Song – Der Fluch", 2009, director)]
    records += pair("av", "Avengers: Endgame", "Avengers 4: Endgame", 2019, "Anthony Russo")
    # a page whose subtitle is only in its original title
    records.append(dict(rec("http://d.test/ec/", "Echo Lane", 2010, director), original_title="Echo Lane – Der Fluch"))
    ids = resolved(db_url, records)
    assert ids["http://a.test/gh/"] != ids["http://b.test/rs/"] == ids["http://c.test/rs/"]
    assert ids["http://d.test/ec/"] not in (ids["http://a.test/gh/"], ids["http://b.test/rs/"])
    assert one_film(ids, "av")

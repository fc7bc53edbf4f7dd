"""Failure patterns of held-out set 13, on pages of our own: a diary entry whose logo <h1> links home before the
film's <h1> with its year set apart, and whose only labelled fact beside that year is its director."""
from __future__ import annotations

from scraper.extract import extract

PROSE_EN = ("Foghorn follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does herself.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene time, and the music never pushes "
             "itself forward, so that one follows the story with held breath to the very end.")


FILM_H1 = "<h1><a href='/films/foghorn/'>Foghorn</a> <span class='yr'>2023</span></h1>"


def _entry(head: str = FILM_H1, title: str = "Jo Park's review of Foghorn (2023) | Filmtagebuch") -> str:
    return (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            "<div class='top'><h1 class='brand'><a href='/'>Filmtagebuch</a></h1></div>"
            f"<div class='entry'><p>Logged by <a href='/jo/'>Jo Park</a></p>"
            f"{head}"
            "<p>Directed by <a href='/people/mara-lindqvist/'>Mara Lindqvist</a></p>"
            f"<p>{PROSE_EN}</p><p>{PROSE_EN2}</p></div></body></html>")


def test_a_logo_h1_linking_home_gives_way_to_the_films_h1() -> None:
    record = extract(_entry(), "http://127.0.0.13:8080/jo/log/foghorn/")
    assert record.title == "Foghorn" and record.year == 2023
    # the logo's link may be absolute
    page = _entry().replace("href='/'", "href='http://127.0.0.13:8080/'")
    assert extract(page, "http://127.0.0.13:8080/jo/log/foghorn/").title == "Foghorn"
    # the original name in a heading below does not displace the page's own title
    page = _entry(head=FILM_H1 + "<h2 class='originalname'>Tåkelur, en saga</h2>")
    assert extract(page, "http://127.0.0.13:8080/jo/log/foghorn/").title == "Foghorn"


def test_the_year_set_apart_in_the_films_h1_is_a_stated_fact_beside_a_director() -> None:
    record = extract(_entry(), "http://127.0.0.13:8080/jo/log/foghorn/")
    assert record.is_review
    # with <small> or <time> as well, and a review word in the <title>
    small = _entry(head="<h1><a href='/films/foghorn/'>Foghorn</a> <small>2023</small></h1>",
                   title="Jo Park’s review of Foghorn (2023) • Filmtagebuch")
    assert extract(small, "http://127.0.0.13:8080/jo/film/foghorn/").is_review
    # a year written into the heading's text is no element of its own: one fact only, as before
    plain = extract(_entry(head="<h1>Foghorn (2023)</h1>", title="Foghorn (2023) | Filmtagebuch"),
                    "http://127.0.0.13:8080/jo/log/foghorn/")
    assert not plain.is_review and plain.verdict == "too few film facts (1)"
    # (with "review of" in its <title> the entry names itself a review: 63 words of prose are enough then, but
    # the year still counts as no stated fact)
    named = extract(_entry(head="<h1>Foghorn (2023)</h1>"), "http://127.0.0.13:8080/jo/log/foghorn/")
    assert named.is_review and named.verdict.startswith("review of one film, facts in prose")


def _segment(h1: str, prose: str = PROSE_EN, lang: str = "en") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{h1} | Valley Radio</title></head><body><main>"
            f"<h1>{h1}</h1><p class='dek'>Our critic on this week's release.</p>"
            "<ul class='facts'><li><b>Director:</b> Mara Lindqvist</li><li><b>Year:</b> 2023</li>"
            "<li><b>Genre:</b> Drama</li></ul>"
            f"<p>{prose}</p><p>{PROSE_EN2}</p><p>Verdict: a quiet, precise film. Rating: 8/10</p></main></body></html>")


def test_a_headline_sentence_quoting_the_film_gives_the_quoted_name_the_prose_writes() -> None:
    url = "http://127.0.0.13:8080/shows/2024/05/03/segment-118/"
    for h1 in ("‘Foghorn’ drifts, but the sea is worth the trip", "Why “Foghorn” is the quietest film of the spring",
               "Mara Lindqvist returns to the coast with ‘Foghorn’"):
        assert extract(_segment(h1), url).title == "Foghorn", h1
    # a closing mark followed by a word is an apostrophe inside the name
    keepers = PROSE_EN.replace("Foghorn", "The Keepers’ Cottage")
    record = extract(_segment("A lighthouse becomes a trap in ‘The Keepers’ Cottage’", keepers), url)
    assert record.title == "The Keepers’ Cottage"
    # but a longer reading that runs past the title into the headline's own colon or review word is no name
    # (a trade paper: "‘Poor Things’ Review: … Lanthimos’ …"; the page's <title> repeats the headline whole)
    for h1 in ("‘Foghorn’ Review: Mara Lindqvist Finds the Sea in Jo Parks’ Coastal Fable",
               "‘Foghorn’: A Coast, a Keeper and Mara Lindqvists’ Finest Hour"):
        assert extract(_segment(h1), url).title == "Foghorn", h1


def test_a_quoted_name_beside_an_essay_subtitle_is_the_title_when_the_slug_spells_it() -> None:
    prose = PROSE_EN.replace("Foghorn", "The film")
    page = _segment("„Nebelhorn 2“ – Mara und der Wind", prose, lang="de")
    assert extract(page, "http://127.0.0.13:8080/nebelhorn-2/").title == "Nebelhorn 2"
    # neither slug nor prose names it: the headline stays whole
    assert extract(page, "http://127.0.0.13:8080/essay-118/").title != "Nebelhorn 2"
    # two quoted names: the headline names no single film by its quotes
    two = _segment("‘Foghorn’ and ‘Undertow’ share a coast", PROSE_EN + " Undertow is its companion piece here.")
    assert extract(two, "http://127.0.0.13:8080/shows/segment-118/").title not in ("Foghorn", "Undertow")


def test_a_role_after_a_colon_or_a_listwide_dash_is_cut_from_cast_items() -> None:
    from scraper.normalize.names import CAST, parse_names
    assert parse_names(["Ida Berg: Leuchtturmwärterin", "Ole van Sand: der Fremde"], CAST) == ["Ida Berg", "Ole van Sand"]
    assert parse_names("Ida Berg: Mara, Ole Sand: Jon", CAST) == ["Ida Berg", "Ole Sand"]
    assert parse_names(["Ida Berg – Mara", "Ole Sand — Jon"], CAST) == ["Ida Berg", "Ole Sand"]
    assert parse_names("Ida Berg als Mara, Ole Sand (Jon)", CAST) == ["Ida Berg", "Ole Sand"]
    # one dash between two names may separate two people: both kept whole as before
    assert parse_names("Ida Berg – Ole Sand", CAST) == ["Ida Berg – Ole Sand"]
    # in a page's infobox list
    page = (f"<html lang='de'><head><title>Kritik: Nebelhorn (2023)</title></head><body><main><h1>Kritik: Nebelhorn (2023)</h1>"
            "<table class='infobox'><tr><th>Regie</th><td>Mara Lindqvist</td></tr><tr><th>Besetzung</th><td><ul>"
            "<li><a href='/wiki/Ida_Berg/'>Ida Berg</a>: Leuchtturmwärterin</li><li>Ole Sand: der Fremde</li></ul></td></tr>"
            f"<tr><th>Genre</th><td>Drama</td></tr></table><p>{PROSE_EN}</p><p>{PROSE_EN2}</p></main></body></html>")
    assert extract(page, "http://127.0.0.13:8080/wiki/Kritik:Nebelhorn_(2023)/").cast == ["Ida Berg", "Ole Sand"]


def _card(item: str) -> str:
    return ("<html lang='de'><head><title>Nebelhorn – Der Wind und die Stille</title></head><body><main>"
            "<h1>Nebelhorn – Der Wind und die Stille</h1><p>" + PROSE_EN + "</p><div class='toggle'><h4>Infos zum Film</h4>"
            f"<ul><li>Originaltitel: Foghorn</li><li>{item}</li><li>Regie: Mara Lindqvist</li><li>FSK 12</li>"
            "<li>Kinostart: 3. Mai 2024</li></ul></div><p>" + PROSE_EN2 + "</p><p>Wertung: 8/10</p></main></body></html>")


def test_a_fact_item_of_countries_and_year_then_genres_gives_both() -> None:
    url = "http://127.0.0.13:8080/nebelhorn/"
    record = extract(_card("Schweden/Norwegen 2023, Drama, Thriller"), url)
    assert record.genres == ["drama", "thriller"] and record.year == 2023
    record = extract(_card("D 2023, Komödie, 98 Min."), url)
    assert record.genres == ["comedy"] and record.year == 2023
    # a part that is no genre (a studio) makes the item no such statement
    assert extract(_card("Schweden 2023, Nordisk Film"), url).genres == []


def _essay(dek: str, lang: str = "de") -> str:
    return (f"<html lang='{lang}'><head><title>Dreimal Nebelhorn</title></head><body><main><h1>Dreimal Nebelhorn</h1>"
            f"<p class='dek'>{dek}</p><p>{PROSE_EN}</p>"
            "<ul><li>Originaltitel: Foghorn</li><li>Regie: Mara Lindqvist</li><li>Mit: Ida Berg, Ole Sand</li>"
            "<li>Kinostart: 3. Mai 2024</li></ul>"
            f"<p>{PROSE_EN2}</p></main></body></html>")


def test_a_kicker_that_denies_being_a_review_is_no_evidence_of_one() -> None:
    url = "http://127.0.0.13:8080/dreimal-nebelhorn/"
    for dek in ("Warum der Nebel immer wiederkommt – ein Streifzug, keine Kritik.", "Ein Essay, kein Review!",
                "Three versions of one story. This is not a review, just notes."):
        assert not extract(_essay(dek), url).is_review, dek
    # the review word that is said stays evidence; a qualified denial ("keine Kritik ohne …") is a review's
    for dek in ("Eine Kritik von Jo Park", "Keine Kritik ohne Spoiler: Vorsicht beim Lesen"):
        assert extract(_essay(dek), url).is_review, dek

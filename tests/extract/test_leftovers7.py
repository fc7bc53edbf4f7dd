"""Extraction leftovers (session 15): rating labels' separators, label words inside sentences, prose about
another film's director, lead-role phrases and "Actor (Role)" pairs in prose."""
from __future__ import annotations

import pytest

from scraper.extract import extract

URL_DE = "https://filmblatt.example/kritik/nebelhorn/"
URL_EN = "https://reelnotes.example/reviews/foghorn/"
PROSE_DE = ("Die Geschichte folgt einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
            "und dort einem Fremden begegnet, der mehr über ihre Familie zu wissen scheint als sie selbst. Die Kamera "
            "bleibt geduldig, die Musik zurückhaltend, und das Ende löst die Spannung leise auf.")
PROSE_EN = ("The story follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does. The camera stays patient, the "
            "score restrained, and the ending releases the tension quietly.")


def page_de(body: str, rating: str = "<p><strong>Bewertung: 4 von 5</strong></p>",
            facts: str = "<p>Deutschland 2023, 104 Minuten, FSK 12</p>") -> str:
    return ("<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>Nebelhorn – Kritik</title></head>"
            f"<body><main><article><h1>Nebelhorn</h1>{facts}{body}<p>{PROSE_DE}</p>{rating}"
            "</article></main></body></html>")


def page_en(body: str, facts: str = "<p>USA, 2023 · 104 min · PG-13</p>") -> str:
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Foghorn review</title></head>"
            f"<body><main><article><h1>Foghorn</h1>{facts}{body}<p>{PROSE_EN}</p>"
            "<p><strong>Rating: 4 out of 5</strong></p></article></main></body></html>")


# 6. a rating label's separator is not part of the score's text

@pytest.mark.parametrize(("line", "raw"), [
    ("Bewertung: 3,5 von 5 Sternen", "3,5 von 5 Sternen"),
    ("Unsere Wertung – 7/10", "7/10"),
    ("Bewertung | ★★★★☆", "★★★★☆"),
])
def test_rating_raw_has_no_label_separator(line: str, raw: str) -> None:
    record = extract(page_de("", rating=f"<p>{line}</p>"), URL_DE)
    assert record.rating is not None and record.rating.raw == raw


# 2. a lead-role phrase opens a cast list

@pytest.mark.parametrize(("sentence", "english"), [
    ("In den Hauptrollen sind Ann Berg und Tom Holm zu sehen, die ein Paar spielen, das sich verliert.", False),
    ("Der Film lebt von seinen Stars: in den Hauptrollen waren Ann Berg und Tom Holm nie besser als hier.", False),
    ("In den Hauptrollen: Ann Berg und Tom Holm. Sie tragen den Film mühelos durch jede stille Szene.", False),
    ("In the lead roles, Ann Berg and Tom Holm give the film its quiet heart and carry every scene.", True),
    ("The film rests on the leads: in the leading roles are Ann Berg and Tom Holm, both superb here.", True),
])
def test_lead_role_phrase_names_the_cast(sentence: str, english: bool) -> None:
    record = extract(page_en(f"<p>{sentence}</p>"), URL_EN) if english else extract(page_de(f"<p>{sentence}</p>"), URL_DE)
    assert record.cast == ["Ann Berg", "Tom Holm"]


def test_lead_role_phrase_without_names_gives_no_cast() -> None:
    record = extract(page_de("<p>Der Film hat in den Hauptrollen, wie immer, keine Stars, aber eine gute "
                             "Geschichte über eine Stadt im Wandel.</p>"), URL_DE)
    assert record.cast == []


# 4. a label word inside a sentence is no label

@pytest.mark.parametrize("sentence", [
    "Der Film lief spät an, erst nach dem Kinostart: Scorseses Remake kam dann ins Fernsehen.",
    "Zwanzig Jahre nach dem Kinostart: Wie gut hält das Drama von Mara Lindqvist heute noch?",
    "Nicht zu verwechseln mit: Nebelhorn (USA 2002, Regie: Tom Holm) – läuft nicht.",
])
def test_label_after_running_words_states_nothing(sentence: str) -> None:
    record = extract(page_de(f"<p>{sentence}</p>"), URL_DE)
    assert (record.platform, record.release_date, record.cast) == (None, None, [])


def test_label_at_line_start_or_after_a_separator_still_counts() -> None:
    for line in ("Kinostart: 5. Mai 2023", "Deutschland 2023 · Kinostart: 5. Mai 2023", "Drama, Kinostart: 5. Mai 2023"):
        record = extract(page_de(f"<p>{line}</p>"), URL_DE)
        assert (record.platform, str(record.release_date)) == ("Kino", "2023-05-05"), line


# 5. a director phrase about another film

@pytest.mark.parametrize(("sentence", "english"), [
    (("Scorseses Film ist ein Remake des norwegischen Thrillers von 1997, in dem ein Polizist unter der Regie von "
      "Erik Skjoldbjærg durch die Mitternachtssonne irrt."), False),
    ("Foghorn remakes the 1997 original, directed by Erik Skjoldbjærg, and keeps its chill.", True),
    ("Like the film of 1997, directed by Erik Skjoldbjærg, it keeps its chill from the first scene on.", True),
    ("Wie schon in „Vertigo“, inszeniert von Erik Skjoldbjærg, geht es um Obsession und die Angst vor der Höhe.", False),
])
def test_director_of_another_film_is_not_the_pages(sentence: str, english: bool) -> None:
    record = extract(page_en(f"<p>{sentence}</p>"), URL_EN) if english else extract(page_de(f"<p>{sentence}</p>"), URL_DE)
    assert record.directors == []


@pytest.mark.parametrize("sentence", [
    "„Nebelhorn“, inszeniert von Mara Lindqvist, ist ein Film über Schuld, gedreht 2023 an der Küste.",
    "Der Film von 2023, inszeniert von Mara Lindqvist, erzählt von Schuld und Herkunft an der Küste.",
    "Das Remake kam 1997 ins Kino. Der neue Film, inszeniert von Mara Lindqvist, erzählt von Schuld.",
])
def test_director_of_the_pages_own_film_stays(sentence: str) -> None:
    assert extract(page_de(f"<p>{sentence}</p>"), URL_DE).directors == ["Mara Lindqvist"]


# 3. "Actor (Role)" or "Role (Actor)" with full names on both sides: the rest of the page decides

@pytest.mark.parametrize(("body", "english"), [
    (("<p>Cynthia Erivo (Elphaba Thropp) and Ariana Grande (Glinda Upland) carry the film with ease and humour. "
     "Erivo sings like a storm, and Grande is funny; Elphaba and Glinda become friends.</p>"), True),
    (("<p>Cynthia Erivo (Elphaba Thropp) und Ariana Grande (Glinda Upland) tragen den Film mit Leichtigkeit. "
     "Erivo singt wie ein Sturm, Grande ist komisch, und Elphaba wird grün.</p>"), False),
    (("<figure><figcaption>Cynthia Erivo als Elphaba</figcaption></figure><p>Cynthia Erivo (Elphaba Thropp) und "
     "Ariana Grande (Glinda Upland) tragen den Film mit Leichtigkeit durch fast drei lange Stunden.</p>"), False),
])
def test_actor_before_the_parenthesis_when_the_page_treats_it_as_the_actor(body: str, english: bool) -> None:
    record = extract(page_en(body), URL_EN) if english else extract(page_de(body), URL_DE)
    assert record.cast == ["Cynthia Erivo", "Ariana Grande"]


def test_role_before_the_parenthesis_stays_the_role() -> None:
    body = ("<p>On the desert planet, Paul Atreides (Timothée Chalamet) and Lady Jessica (Rebecca Ferguson) hide "
            "among the Fremen. Chalamet broods well, and Paul learns to ride a worm.</p>")
    assert extract(page_en(body), URL_EN).cast == ["Timothée Chalamet", "Rebecca Ferguson"]


def test_a_biopics_characters_called_by_surname_stay_the_roles() -> None:
    body = ("<p>Im Mittelpunkt stehen J. Robert Oppenheimer (Cillian Murphy) und der ehrgeizige Lewis Strauss "
            "(Robert Downey Jr.), deren Streit den Film trägt. Oppenheimer zweifelt, Strauss intrigiert.</p>")
    assert extract(page_de(body), URL_DE).cast == ["Cillian Murphy", "Robert Downey Jr."]

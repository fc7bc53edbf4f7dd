"""Failure patterns left by the third real-page probe (session 11), on pages of our own: director phrasings of
running prose (a role noun's apposition taken for the director, possessives, two directors), criteria tables and
verdict headings with the rating, kickers and sentence headlines around the film's title."""
from __future__ import annotations

from scraper.extract import extract

FILL_DE = ("<p>Drei Stunden lang folgt der Film dem jungen Mann durch die Wüste, und nie wird es langweilig, weil "
           "Schnitt und Musik ständig nach vorne drängen.</p>")
FILL_EN = ("<p>For nearly three hours the film follows the young man across the desert, and it is never dull, "
           "because the editing and the score keep pushing forward.</p>")
URL = "http://127.0.0.9:8080/kritik/nebelhorn-4711.html"


def _page(body: str, lang: str = "de", title: str = "Nebelhorn", head: str = "") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body><main>"
            f"<article><h1>{title}</h1>{body}</article></main></body></html>")


def _directors(sentence: str, lang: str = "de", title: str = "Nebelhorn", extra: str = "") -> list[str]:
    fill = FILL_DE if lang == "de" else FILL_EN
    return extract(_page(f"{extra}<p>{sentence}</p>{fill}", lang, title), URL).directors


# --- 1. a role noun's apposition is no director -----------------------------------------------------------------

def test_a_genitive_role_noun_before_the_name_names_no_director() -> None:
    # the name before "verfilmt" is the participle's object; "des Physikers"/"der Sängerin" make it an apposition
    assert _directors("Nolan hat das Leben des Physikers J. Robert Oppenheimer verfilmt, und das mit einer Wucht, "
                      "die man selten im Kino sieht.", title="Oppenheimer") == []
    assert _directors("Das Leben der Sängerin Ida Berg inszeniert der Film als leises Drama mit großer Ruhe am "
                      "Meer.") == []
    assert _directors("The story of the physicist J. Robert Oppenheimer directs our attention to the cost of "
                      "genius and power.", "en", "Oppenheimer") == []
    # the subject of the perfect tense is the director
    assert _directors("Christopher Nolan hat das Leben des Physikers J. Robert Oppenheimer verfilmt, und das mit "
                      "einer Wucht, die man selten sieht.", title="Oppenheimer") == ["Christopher Nolan"]
    assert _directors("Mara Lindqvist hat das Leben der Sängerin Ida Berg verfilmt, mit großer Ruhe und viel "
                      "Gespür.") == ["Mara Lindqvist"]
    # a director noun after the article still names her, and so does a relative pronoun's subject
    assert _directors("Die Regisseurin Mara Lindqvist inszeniert das Drama mit großer Ruhe und viel Gespür für "
                      "die Küste.") == ["Mara Lindqvist"]
    assert _directors("Es ist eine stille Geschichte, die Mara Lindqvist inszeniert hat, mit viel Gespür für die "
                      "Küste.") == ["Mara Lindqvist"]


def test_a_lone_der_is_no_name_particle() -> None:
    # "Leben der Sängerin Ida Berg" was one "name" (particle "der"); "von der" still joins a name
    assert _directors("Zum Leben der Sängerin Ida Berg inszeniert das Team ein leises Drama mit großer Ruhe am "
                      "Meer.") == []
    assert _directors("Regisseurin Anna von der Heide erzählt vom Leben der Sängerin Ida Berg als leises "
                      "Drama.") == ["Anna von der Heide"]


# --- 2. director phrasings of prose -------------------------------------------------------------------------------

def test_des_regisseurs_names_the_director() -> None:
    assert _directors("„Nebelhorn“ ist der neue Film des Regisseurs Mara Lindqvist, und er ist gewaltig geraten "
                      "in jeder Hinsicht.") == ["Mara Lindqvist"]
    assert _directors("Die Verfilmung von Regisseur Ola Svensk ist ein Ereignis, das man auf der großen Leinwand "
                      "sehen muss.") == ["Ola Svensk"]


def test_an_english_possessive_before_a_word_for_a_work_beside_the_title() -> None:
    assert _directors("Dune: Part Two is Denis Villeneuve’s sci-fi epic sequel, and a towering achievement of sound "
                      "and image.", "en", "Dune: Part Two") == ["Denis Villeneuve"]
    assert _directors("With Glass Harbor, Ola Svensk's masterpiece arrives at last on the big screen it was made "
                      "for.", "en", "Glass Harbor") == ["Ola Svensk"]
    # another film's masterpiece, or a line that does not name the film, names no director
    assert _directors("Glass Harbor borrows a lot from Andrei Tarkovsky's masterpiece Stalker, and it shows in "
                      "every frame.", "en", "Glass Harbor") == []
    assert _directors("Like Stanley Kubrick's masterpiece, the film takes its time with every single shot of "
                      "space.", "en", "Glass Harbor") == []
    assert _directors("Glass Harbor owes a lot to Alfred Hitchcock's thriller Vertigo, down to the spiral "
                      "staircase.", "en", "Glass Harbor") == []


def test_a_possessive_of_a_cast_member_is_no_director() -> None:
    cast = "<p>Darsteller: Timothée Chalamet, Zendaya, Rebecca Ferguson</p>"
    line = "Timothée Chalamet's new film is a towering achievement of sound and image on the biggest screen."
    assert _directors(line, "en", "Glass Harbor", cast) == []
    assert _directors(line.replace("Timothée Chalamet", "Ola Svensk"), "en", "Glass Harbor", cast) == ["Ola Svensk"]


def test_directed_by_two_people() -> None:
    assert _directors("The film was directed by Daniel Kwan and Daniel Scheinert, and it is a wild ride from start "
                      "to finish.", "en", "Glass Harbor") == ["Daniel Kwan", "Daniel Scheinert"]
    assert _directors("„Nebelhorn“, inszeniert von Mara Lindqvist und Ola Svensk, wirkt wie aus einem Guss "
                      "gemacht.") == ["Mara Lindqvist", "Ola Svensk"]
    # an actor after "and" in the same clause is no second director
    assert _directors("It was directed by Yorgos Lanthimos and Emma Stone is superb in it from the first scene "
                      "on.", "en", "Glass Harbor") == ["Yorgos Lanthimos"]

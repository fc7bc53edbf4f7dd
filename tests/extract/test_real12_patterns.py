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
    assert _directors("Like David Lean's masterpiece, Glass Harbor takes its time with every single shot of the "
                      "sea.", "en", "Glass Harbor") == []
    assert _directors("Glass Harbor owes everything to David Lean's epic and its long shots of the empty "
                      "desert.", "en", "Glass Harbor") == []
    assert _directors("Like Alfred Hitchcock's thriller, Glass Harbor builds its dread from small things in the "
                      "house.", "en", "Glass Harbor") == []
    # the novel's author: "X's epic novel", or a name the page writes beside a book
    assert _directors("Dune: Part Two is Frank Herbert's epic novel brought to the screen with sound and "
                      "fury.", "en", "Dune: Part Two") == []
    assert _directors("Dune: Part Two, Frank Herbert's sci-fi saga, finally gets the scale it deserves on the "
                      "screen.", "en", "Dune: Part Two",
                      "<p>Frank Herbert's novel sold millions of copies long before anyone filmed it.</p>") == []


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


# --- 3. criteria tables: the overall row is the rating -------------------------------------------------------------

FACTS_DE = "<p>Regie: Mara Lindqvist</p><p>Land/Jahr: Schweden 2024</p>"
FACTS_EN = "<p>Director: Ola Svensk</p><p>Country: Sweden 2024</p>"


def _rating(box: str, lang: str = "de") -> float | None:
    fill, facts = (FILL_DE, FACTS_DE) if lang == "de" else (FILL_EN, FACTS_EN)
    record = extract(_page(f"{fill}{facts}{box}{fill}", lang), URL)
    return record.rating.normalized if record.rating else None


def test_the_overall_row_of_a_criteria_table_is_the_rating() -> None:
    assert _rating("<p>Story 8/10 · Schauspiel 7/10 · Optik 9/10 · Gesamt 84%</p>") == 84
    table = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in
                    (("Story", "8/10"), ("Schauspiel", "7/10"), ("Optik", "9/10"), ("Gesamt", "84%")))
    assert _rating(f"<table>{table}</table>") == 84
    assert _rating("<p>Story: 8/10</p><p>Schauspiel: 7/10</p><p>Musik: 9/10</p><p>Gesamtwertung: 84 %</p>") == 84
    # a bare overall number is on the criteria's scale
    assert _rating("<p>Story: 8/10</p><p>Acting: 7/10</p><p>Visuals: 9/10</p><p>Overall: 8.4</p>", "en") == 84
    assert _rating("<ul><li>Story 8/10</li><li>Acting 7/10</li><li>Visuals 9/10</li><li>Overall 8.4/10</li></ul>",
                   "en") == 84


def test_a_film_row_still_wins_on_a_disc_review() -> None:
    box = "<p>Film: 8/10</p><p>Bild: 9/10</p><p>Ton: 7/10</p><p>Extras: 4/10</p><p>Gesamtwertung: 75 %</p>"
    assert _rating(box) == 80
    # picture, sound and extras without a Film row: the total rates the disc
    assert _rating("<p>Bild: 9/10 · Ton: 8/10 · Extras: 5/10 · Gesamt: 70%</p>") is None
    # a bare overall number beside criteria of different scales is left unread
    assert _rating("<p>Story: 8/10</p><p>Acting: 4/5</p><p>Overall: 8.4</p>", "en") != 84


# --- 4. a verdict heading followed by its score ---------------------------------------------------------------------

def test_a_verdict_heading_followed_by_a_score_line() -> None:
    assert _rating("<h3>Meine Meinung</h3><p>Ein stilles, genaues Drama, das lange nachwirkt. 8 von 10 "
                   "Punkten</p>") == 80
    assert _rating("<h3>Unsere Meinung</h3><p>Ein stilles Drama, das lange nachwirkt.</p><p>4 von 5 Sternen</p>") == 80
    assert _rating("<h2>Mein Fazit</h2><p>Ein stilles Drama. Die Bilder bleiben. – 7/10</p>") == 70
    assert _rating("<h3>Verdict</h3><p>A quiet, exact drama that lingers long after the end. 4/5</p>", "en") == 80
    # a news site's "Meinung" section is no verdict heading
    assert _rating("<h3>Meinung</h3><p>Ein stilles Drama, das lange nachwirkt. 3 von 5 Sternen</p>") is None
    # a number closing a sentence is no score, nor is a score after the next heading
    assert _rating("<h3>Meine Meinung</h3><p>Ein stilles Drama, das lange nachwirkt, so gut wie 2019.</p>") is None
    assert _rating("<h3>Meine Meinung</h3><p>Ein stilles Drama, das lange nachwirkt.</p><h3>Leserstimmen</h3>"
                   "<p>Ein stilles Drama, das bei mir lange nachwirkt. 3 von 5 Sternen</p>") is None


# --- 5. kickers before the colon, 6. sentence headlines ----------------------------------------------------------

def _title(h1: str, body: str, lang: str = "en", head: str = "", title: str | None = None) -> str | None:
    fill, facts = (FILL_DE, FACTS_DE) if lang == "de" else (FILL_EN, FACTS_EN)
    return extract(_page(f"{facts}{body}{fill}", lang, title or h1, head).replace(f"<h1>{title or h1}</h1>",
                                                                                   f"<h1>{h1}</h1>"), URL).title


RIDGE_EN = ("<p><i>Rebel Ridge</i> is a tense thriller about a former marine who clashes with the police of a small "
            "town, and Rebel Ridge never lets up.</p>")
RIDGE_DE = ("<p>In „Rebel Ridge“ gerät ein ehemaliger Soldat in einer Kleinstadt mit der Polizei aneinander, und das "
            "mit Wucht.</p>")


def test_a_streaming_column_kicker_before_the_colon() -> None:
    assert _title("Now streaming: Rebel Ridge", RIDGE_EN) == "Rebel Ridge"
    assert _title("New on Disney+: Rebel Ridge", RIDGE_EN) == "Rebel Ridge"
    assert _title("Neu im Stream: Rebel Ridge", RIDGE_DE, "de") == "Rebel Ridge"
    # any short kicker, when og:title names the film alone
    assert _title("Zum Träumen schön: Rebel Ridge", FILL_DE, "de",
                  "<meta property='og:title' content='Rebel Ridge'>") == "Rebel Ridge"
    # unconfirmed, the headline stays; so does a name whose first part the prose writes ("Mission: …")
    assert _title("Zum Träumen schön: Rebel Ridge", FILL_DE, "de") == "Zum Träumen schön: Rebel Ridge"
    assert _title("Now streaming: Rebel Ridge", FILL_EN) == "Now streaming: Rebel Ridge"
    # a column's name the prose repeats, never set apart as a film's, stays with its kicker
    week = ("<p>Die Starts der Woche bringen diesmal ein Drama, zwei Komödien und einen Thriller in die "
            "Kinos der Stadt.</p>")
    assert _title("Neu im Kino: Die Starts der Woche", week, "de") == "Neu im Kino: Die Starts der Woche"
    assert _title("Mad Max: Fury Road", "<p>Fury Road is a loud, wild chase through the desert, and it never lets "
                  "up for a second.</p>") == "Mad Max: Fury Road"
    assert _title("Mission: Impossible", "<p>Mission: Impossible is a tense thriller, and the Mission team is back "
                  "in form again.</p>") == "Mission: Impossible"


def test_a_sentence_headline_opening_with_the_film_named_elsewhere() -> None:
    h1 = "Dune: Part Two is a towering sci-fi achievement"
    assert _title(h1, "", head="<meta property='og:title' content='Dune: Part Two'>") == "Dune: Part Two"
    assert _title(h1, "<p>With <em>Dune: Part Two</em>, the saga reaches its peak, and the desert has never looked "
                  "so vast.</p>") == "Dune: Part Two"
    assert _title(h1, "", title="Dune: Part Two review | Filmblog") == "Dune: Part Two"
    assert _title("Nebelhorn ist ein stilles Drama über das Meer", "<p>Mit „Nebelhorn“ legt die Regisseurin ein "
                  "stilles Drama vor, das lange nachwirkt.</p>", "de") == "Nebelhorn"
    # with no other signal the headline stays whole
    assert _title(h1, "") == h1


def test_a_second_director_is_no_actor() -> None:
    line = ("Glass Harbor was directed by Daniel Kwan and Daniel Scheinert, and it stars Michelle Yeoh and Ke Huy Quan "
            "as a couple who run a laundromat.")
    record = extract(_page(f"<p>{line}</p>{FILL_EN}{FILL_EN}", "en", "Glass Harbor"), URL)
    assert (record.directors, record.cast) == (["Daniel Kwan", "Daniel Scheinert"], ["Michelle Yeoh", "Ke Huy Quan"])

"""Field patterns of the sixth real-page probe, on pages of our own: the verdict of pages that declare themselves a
review, disc-test and review kickers in titles, FSK, genres and platform in prose, ratings after a dash."""
from __future__ import annotations

import pytest

from scraper.extract import extract

URL_DE = "https://kinoecho.example/kino/blitz/"
URL_EN = "https://dailyreel.example/culture/glass-harbor/"
FILL_DE = ("Der Film erzählt von einer Familie, die im Krieg auseinandergerissen wird, und er tut das mit großer Ruhe. "
           "Die Kamera bleibt nah an den Gesichtern, die Musik hält sich zurück, und die Darsteller tragen jede Szene.")
FILL_DE2 = ("Am Ende bleibt ein Werk, das lange nachhallt, auch weil es seine Figuren nie verrät und dem Publikum "
            "zutraut, die Lücken selbst zu füllen, die das Drehbuch bewusst offen lässt.")
FILL_EN = ("The film opens on a morning television set, all pastel leotards and forced smiles, and within ten minutes "
           "it has told us everything about the woman at its centre, who is fifty, famous and about to be dropped.")
FILL_EN2 = ("What follows gets stranger and louder with every scene, the effects are practical and wet, and the last "
            "half hour tips into a carnival that some viewers will find far too much, which is part of the point.")


def _page(h1: str, paragraphs: list[str], lang: str = "de", title: str | None = None) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title or h1}</title></head><body><main>"
            f"<article><h1>{h1}</h1>{body}</article></main></body></html>")


# --- 4. a dash between a rating label and its score; a site's "Critics Score" --------------------------------

@pytest.mark.parametrize(("line", "normalized"), [
    ("Critics Score - 8 of 10", 80.0),
    ("Critics Score – 4/5", 80.0),
    ("Score – 4/5", 80.0),
    ("Wertung — 7 von 10", 70.0),
])
def test_a_rating_label_and_its_score_apart_by_a_dash(line: str, normalized: float) -> None:
    html = _page("Review: Glass Harbor", [f"Glass Harbor: {FILL_EN}", FILL_EN2, line], "en")
    rating = extract(html, URL_EN).rating
    assert rating is not None and rating.normalized == normalized


@pytest.mark.parametrize("line", ["Critics Score 85%", "Critics Score average - 8 of 10", "Audience Score - 8 of 10"])
def test_the_critics_aggregate_and_the_audience_score_are_not_the_review_s(line: str) -> None:
    html = _page("Review: Glass Harbor", [f"Glass Harbor: {FILL_EN}", FILL_EN2, line], "en")
    assert extract(html, URL_EN).rating is None


# --- 3. FSK in prose sentences ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "fsk"), [
    ("Der Film hat eine FSK 6 bekommen und läuft ab Donnerstag in den Kinos des ganzen Landes.", 6),
    ("Blitz ist ab 12 Jahren freigegeben.", 12),
    ("Der Film ist ab 16 Jahren freigegeben und dauert knapp zwei Stunden, ohne je lang zu werden.", 16),
    ("Die FSK-Freigabe lautet 16, was angesichts der Bombennächte angemessen ist.", 16),
    ("Von der FSK wurde der Film freigegeben ab 12 Jahren, obwohl manche Szene sehr hart ist.", 12),
])
def test_fsk_stated_in_a_prose_sentence(sentence: str, fsk: int) -> None:
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, sentence])
    assert extract(html, URL_DE).fsk == fsk


@pytest.mark.parametrize("sentence", [
    "In Österreich ist der Film ab 12 Jahren freigegeben, bei uns steht die Prüfung noch aus.",
    "Der Film ist in der Schweiz mit einer Altersfreigabe ab 16 Jahren (CH) gestartet.",
    "Am 12. Dezember 2024 startet der Film, zwölf Jahre nach dem ersten Teil, in 16 Kinos.",
])
def test_another_country_s_rating_and_other_numbers_are_no_fsk(sentence: str) -> None:
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, sentence])
    assert extract(html, URL_DE).fsk is None


# --- 6. the genre the teaser names the film by -------------------------------------------------------------------

@pytest.mark.parametrize(("teaser", "genres"), [
    ("Das schonungslose Drama erzählt von einer Familie, die im Krieg auseinandergerissen wird.", ["drama"]),
    ("Blitz ist ein packender Thriller über eine Nacht in London, in der nichts sicher ist.", ["thriller"]),
    ("Der neue Musical-Film von Ann Berg bringt die Bühne mit viel Farbe auf die Leinwand.", ["musical"]),
    ("Ein düsterer Horrorfilm, der mehr Fragen stellt, als er am Ende beantworten will.", ["horror"]),
    ("Ein kühler Actionthriller, der seine Hauptfigur durch das nächtliche Hamburg jagt.", ["action", "thriller"]),
    ("Ein ambitionierter Science-Fiction-Film über die letzte Station am Rand des Sonnensystems.",
     ["science-fiction"]),
])
def test_the_genre_the_teaser_names_the_film_by(teaser: str, genres: list[str]) -> None:
    html = _page("Filmkritik: Blitz", [teaser, f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).genres == genres


@pytest.mark.parametrize("teaser", [
    "Die Geschichte erzählt von einer Familie, die im Krieg auseinandergerissen wird, und von ihrer Heimkehr.",
    "Der Krieg hat die Stadt verändert, und die Musik der Straßen ist verstummt, bis ein Junge zu singen beginnt.",
    "Das Abenteuer beginnt in einer Bahnhofshalle, in der ein Junge seine Mutter aus den Augen verliert.",
])
def test_a_plot_noun_is_no_genre(teaser: str) -> None:
    html = _page("Filmkritik: Blitz", [teaser, f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).genres == []


def test_a_genre_phrase_deep_in_the_review_is_not_read() -> None:
    late = "Am Ende kippt der Film in einen Thriller, der er nie sein wollte, und verliert dabei etwas."
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, FILL_DE, late])
    assert extract(html, URL_DE).genres == []


# --- 2. titles: disc-test kickers, a review headline's comma tagline, contractions, interviews --------------------

@pytest.mark.parametrize("head", ["Blu-ray-Test: Blitz", "DVD-Kritik: Blitz", "4K-Review: Blitz", "UHD-Test: Blitz",
                                  "Heimkino-Tipp: Blitz", "Blitz im Blu-ray-Test", "Heimkino-Test: Blitz"])
def test_a_disc_test_kicker_is_no_part_of_the_title(head: str) -> None:
    html = _page(head, [f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).title == "Blitz"


def test_a_review_headline_s_comma_tagline_goes() -> None:
    head = "REVIEW: The Substance, Demi Moore Decomposes in Body Horror"
    html = _page(head, [f"The Substance is a fable about vanity. {FILL_EN}", FILL_EN2], "en")
    record = extract(html, URL_EN)
    assert record.title == "The Substance"


def test_a_comma_title_the_prose_writes_whole_stays() -> None:
    head = "Review: Love, Simon and the Quiet Kid Next Door"
    html = _page(head, [f"Love, Simon and the Quiet Kid Next Door is the film of the year. {FILL_EN}", FILL_EN2],
                 "en")
    assert extract(html, URL_EN).title == "Love, Simon and the Quiet Kid Next Door"


@pytest.mark.parametrize("head", ["What's New on Netflix", "What’s New on Netflix"])
def test_a_contraction_is_no_possessive(head: str) -> None:
    body = ["New on Netflix this week are three films and a series, and we have watched all of them for you.",
            FILL_EN, FILL_EN2]
    assert extract(_page(head, body, "en"), "https://dailyreel.example/streaming/whats-new/").title == head


def test_a_possessive_before_the_film_still_goes() -> None:
    body = ["Glass Harbor swallows everyone who enters it, and it does so without a single raised voice.", FILL_EN]
    html = _page("Herzog's Glass Harbor", body, "en")
    assert extract(html, URL_EN).title == "Glass Harbor"


def test_an_interview_kicker_leaves_no_person_as_the_title() -> None:
    head = "Interviews: Director Ann Lee on Glass Harbor"
    html = _page(head, [f"Glass Harbor is her third film. {FILL_EN}", FILL_EN2], "en")
    assert extract(html, "https://dailyreel.example/interviews/ann-lee/").title != "Director Ann Lee on Glass Harbor"


def test_a_dash_subtitle_with_a_comma_stays() -> None:
    head = "Kritik: Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2"
    body = [f"Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2 ist besser als der erste. {FILL_DE}",
            FILL_DE2]
    assert extract(_page(head, body), URL_DE).title == "Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2"

"""Failure patterns of held-out set 4, on pages of our own: compound rating labels, prose paragraphs that open
with a place and date before a colon."""
from __future__ import annotations

from scraper.extract import extract
from scraper.extract.strategies.phrases import RATING_LABEL

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE2 = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
          "und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
URL = "http://127.0.0.5:8080/programm/nebelhorn/"
FACTS = "<aside><h2>Angaben</h2><p>Regie: Mara Lindqvist<br>Mit: Ida Berg, Ole Sand<br>FSK: ab 12 Jahren</p></aside>"


def test_a_german_compound_rating_label_labels_the_score_beside_it() -> None:
    page = (f"<html lang='de'><head><title>Nebelhorn</title></head><body><main><article><h1>Nebelhorn</h1>"
            f"<p>{PROSE2}</p><p>{PROSE}</p>{FACTS}<div class='u'><span>Unser Festivalurteil</span> "
            "<strong>5 von 6 Punkten</strong></div></article></main></body></html>")
    record = extract(page, URL)
    assert record.is_review
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (5, 6)


def test_compound_labels_match_but_prejudice_does_not() -> None:
    assert RATING_LABEL.search("Redaktionsurteil 4")
    assert RATING_LABEL.search("Gesamtwertung: 7")
    assert not RATING_LABEL.search("Vorurteil 3")


def test_a_long_paragraph_opening_with_place_and_date_before_a_colon_is_prose() -> None:
    opening = ("Hafenstadt, Winter 1990: " + PROSE2)
    cast = "In den Hauptrollen: Ida Berg als Wärterin, Ole Sand als Fremder. " + PROSE
    page = (f"<html lang='de'><head><title>Nebelhorn</title></head><body><main><article><h1>Nebelhorn</h1>"
            f"<p class='meta'>Drama · Schweden 2023 · 98 Min. · Regie: Mara Lindqvist</p><p>{opening}</p>"
            f"<p>{cast}</p><div><span>Wertung der Redaktion: 4 von 5 Daumen</span></div>"
            "</article></main></body></html>")
    assert extract(page, URL).is_review


def test_a_line_of_labelled_facts_stays_no_prose() -> None:
    facts = "<p>Regie: Mara Lindqvist. Buch: Ole Sand. Mit: Ida Berg, Ole Sand. Kamera: Per Holm. Musik: Ulla Ek.</p>"
    page = (f"<html lang='de'><head><title>Nebelhorn</title></head><body><main><article><h1>Nebelhorn</h1>"
            f"{facts}<p>{PROSE2}</p><div><span>Wertung: 4 von 5</span></div></article></main></body></html>")
    assert not extract(page, URL).is_review


def test_dir_labels_the_director_in_a_trailing_info_line_over_a_namesake_named_in_prose() -> None:
    prose = ("It should not be confused with Jon Marsh's Foghorn from 1987, though both films share a fondness "
             "for lighthouses and long silences on the northern coast.")
    info = "<p><strong>Foghorn is on Netflix now. Dir: Mara Lindqvist. Starring: Ida Berg, Ole Sand. 98 mins</strong></p>"
    page = (f"<html lang='en'><head><title>Foghorn review</title></head><body><main><article>"
            f"<h1>Foghorn review – cold and beautiful</h1><p>{PROSE.replace('Nebelhorn', 'Foghorn')}</p><p>{prose}</p>"
            f"{info}</article></main></body></html>")
    assert extract(page, "http://127.0.0.5:8080/film/foghorn-review/").directors == ["Mara Lindqvist"]


def test_country_year_runtime_item_of_a_fact_list_beats_a_json_ld_date_of_an_earlier_year() -> None:
    jsonld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Movie", '
              '"name": "Nebelhorn", "dateCreated": "2016-03-01"}</script>')
    cast = "Darsteller: Ida Berg (Wärterin), Ole Sand (Fremder), Per Holm, Ulla Ek, Karin Lund, Sven Ohlsson"
    box = (f"<ul><li>Regie: Mara Lindqvist</li><li>{cast}</li><li>Genre: Drama</li>"
           "<li>Schweden 2023, 98 Minuten</li><li>Kinostart: Mai 2024</li></ul>")
    page = (f"<html lang='de'><head><title>Nebelhorn – Kritik</title>{jsonld}</head><body><main><article>"
            f"<h1>Nebelhorn – Kritik</h1><p>{PROSE2}</p><p>{PROSE}</p>{box}"
            "<div><span>Unser Urteil:</span> <b>70 %</b></div></article></main></body></html>")
    record = extract(page, URL)
    assert (record.year, record.release_date) == (2023, None)


def test_a_uk_cinema_release_sentence_with_day_month_year_gives_the_date_and_the_cinema() -> None:
    info = ("<p><strong>Foghorn is released in UK cinemas on 7 March 2025. Director: Mara Lindqvist. "
            "Cast: Ida Berg, Ole Sand. Cert 12A, 98 mins</strong></p>")
    page = (f"<html lang='en'><head><title>Foghorn review</title></head><body><main><article>"
            f"<h1>Foghorn review – cold and beautiful</h1><p>{PROSE.replace('Nebelhorn', 'Foghorn')}</p>"
            f"<p>{PROSE2.replace('Nebelhorn', 'Foghorn')}</p>{info}</article></main></body></html>")
    record = extract(page, "http://127.0.0.5:8080/film/foghorn-review/")
    assert (record.release_date, record.platform) == ("2025-03-07", "Kino")


def test_an_is_on_platform_from_sentence_gives_the_platform_without_a_yearless_date() -> None:
    def record_of(sentence: str):
        info = f"<p><strong>{sentence} Director: Mara Lindqvist. Cast: Ida Berg, Ole Sand. 98 mins</strong></p>"
        page = (f"<html lang='en'><head><title>Foghorn review</title></head><body><main><article>"
                f"<h1>Foghorn review – cold and beautiful</h1><p>{PROSE.replace('Nebelhorn', 'Foghorn')}</p>"
                f"<p>{PROSE2.replace('Nebelhorn', 'Foghorn')}</p>{info}</article></main></body></html>")
        return extract(page, "http://127.0.0.5:8080/film/foghorn-review/")
    netflix = record_of("Foghorn is on Netflix from 3 March.")
    assert (netflix.platform, netflix.release_date) == ("Netflix", None)
    assert record_of("Foghorn is in cinemas from Friday.").platform == "Kino"
    assert record_of("Foghorn is on Shore Leave from Friday.").platform is None


def test_an_english_review_headline_keeps_the_lowercase_words_of_the_title_before_review() -> None:
    page = ("<html lang='en'><head><title>x</title></head><body><main><article>"
            "<h1>The Sound of Foghorns review – the horror is all in the silence</h1>"
            f"<p>The Sound of Foghorns {PROSE_EN_TAIL}</p><p>{PROSE_EN_TAIL}</p>"
            "<p><b>Director: Mara Lindqvist. Cast: Ida Berg, Ole Sand. 98 mins</b></p></article></main></body></html>")
    assert extract(page, "http://127.0.0.5:8080/film/foghorn-review/").title == "The Sound of Foghorns"


PROSE_EN_TAIL = ("is cool and exact, the editing gives every scene its time, and the score never pushes itself "
                 "forward, so that one follows the story of a lighthouse keeper in rapt attention.")

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

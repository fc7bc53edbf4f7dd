"""Rating patterns of held-out set 13, on pages of our own: a row of star images told apart by their alt texts
(glyphs or words) or only by a bold "N von M Sternen" beside it, glyph stars in the byline header of a diary
entry's section, a scale stated right after glyph stars ("★★½ (out of 4)"), and letter grades with a typographic
minus."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.normalize import parse_rating
from scraper.record import ReviewRecord
from tests.extract.test_heldout12_patterns import PROSE_DE, PROSE_DE2, PROSE_EN, PROSE_EN2

FACTS_DE = ("<ul class='fakten'><li><b>Produktionsjahr:</b> 2023</li><li><b>Regie:</b> Mara Lindqvist</li>"
            "<li><b>Mit:</b> Ida Berg, Ole Sand</li><li><b>Genre:</b> Drama</li></ul>")
URL_DE = "http://127.0.0.13:8080/kritik/nebelhorn/"
URL_EN = "http://127.0.0.13:8080/logs/ana/foghorn/"


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"{body}</body></html>")


def _kritik(box: str) -> str:
    return _page(f"<main><h1>Nebelhorn</h1>{FACTS_DE}<p>{PROSE_DE}</p>{box}<p>{PROSE_DE2}</p></main>")


def _score(record: ReviewRecord) -> tuple[object, object] | None:
    return (record.rating.value, record.rating.scale) if record.rating is not None else None


def _imgs(*alts: str) -> str:
    return "".join(f"<img src='/bilder/icon{i}.gif' alt='{a}' width='12'>" for i, a in enumerate(alts))


def test_a_row_of_star_images_is_one_score_on_the_row_length_never_one_image_each() -> None:
    # glyph alt texts in a plain paragraph: 7 of 10 (each image alone read "★" = 1/5 before)
    row = f"<p>Unser Urteil:<br>{_imgs(*'★★★★★★★☆☆☆')}</p>"
    assert _score(extract(_kritik(row), URL_DE)) == (7, 10)
    # alt words in a rating box, file names that say nothing: 2.5 of 5
    words = _imgs("voller Stern", "voller Stern", "halber Stern", "leerer Stern", "leerer Stern")
    assert _score(extract(_kritik(f"<div class='bewertung'>{words}</div>"), URL_DE)) == (2.5, 5)
    # English alt words, full/half/empty in the title attribute of the images
    titled = "".join(f"<img src='/i/{i}.png' title='{t} star'>" for i, t in enumerate(["full"] * 3 + ["empty"]))
    assert _score(extract(_kritik(f"<span class='score'>{titled}</span>"), URL_DE)) == (3, 4)


def test_one_star_image_beside_a_heading_is_no_score() -> None:
    lone = "<h2><img src='/bilder/tipp.gif' alt='★'> Tipp der Redaktion</h2>"
    assert extract(_kritik(lone), URL_DE).rating is None


def test_a_bold_stated_score_with_its_unit_beside_a_row_of_images_is_the_score() -> None:
    # the images tell nothing apart (no alt, one file): the bold statement is the score
    box = ("<div class='box'><div>" + "<img src='/bilder/s.gif' alt=''>" * 6 + "</div>"
           "<div><b>4 von 6 Sternen</b> – Kritik von <a href='/user/eule/'>Eule</a></div></div>")
    assert _score(extract(_kritik(box), URL_DE)) == (4, 6)
    en = _page(f"<main><h1>Foghorn</h1><p>Directed by Mara Lindqvist, 2023.</p><p>{PROSE_EN}</p>"
               f"<p><strong>3 out of 4 stars</strong><br>{PROSE_EN2}</p></main>", "en", "Foghorn")
    assert _score(extract(en, URL_EN)) == (3, 4)
    # a bold score inside a sentence is no such statement
    inline = "<p>Die Leser geben <b>4 von 6 Sternen</b>, ich nicht.</p>"
    assert extract(_kritik(inline), URL_DE).rating is None


def _entry(stars: str, banner: str = "") -> str:
    return _page(f"{banner}<div id='wrap'><section class='entry-main'><header class='entry-head'>"
                 f"<span class='by'>Logged by <a href='/ana/'>Ana Ruiz</a></span> {stars}</header>"
                 f"<h1><a href='/film/foghorn/'>Foghorn</a> <small>2023</small></h1>"
                 f"<p class='credit'>Directed by <a href='/director/mara-lindqvist/'>Mara Lindqvist</a></p>"
                 f"<div class='review-text'><p>{PROSE_EN}</p><p>{PROSE_EN2}</p></div></section></div>",
                 "en", "Ana Ruiz’s log of Foghorn (2023)")


def test_glyph_stars_in_the_header_of_the_entrys_section_are_its_score() -> None:
    # was dropped with the header as page furniture: no rating
    assert _score(extract(_entry("<span class='stars rated-7'>★★★½</span>"), URL_EN)) == (3.5, 5)
    assert _score(extract(_entry("<span class='rating r-3' title='★½'>★½</span>"), URL_EN)) == (1.5, 5)
    # the site's own banner stays furniture: its stars are no score
    banner = "<header class='site'><p class='claim'>★★★★★ film diaries since 2011</p></header>"
    assert extract(_entry("", banner), URL_EN).rating is None


@pytest.mark.parametrize(("text", "expected"), [
    ("★★★½ (out of 4)", (3.5, 4, 87.5)),
    ("★★½ von 4", (2.5, 4, 62.5)),
    ("★★★/4", (3, 4, 75.0)),
    ("★★★ (of four)", (3, 4, 75.0)),
    ("★★★½ out of 4 stars", (3.5, 4, 87.5)),
    ("★★★½", (3.5, 5, 70.0)),            # no stated scale: five
    ("★★★½☆☆", (3.5, 6, 58.3)),          # the row length
])
def test_a_scale_stated_right_after_glyph_stars_wins_over_the_assumed_five(text: str, expected: tuple) -> None:
    found = parse_rating(text)
    assert found is not None and (found.value, found.scale, found.normalized) == expected


def test_more_stars_than_the_stated_scale_are_no_score() -> None:
    assert parse_rating("★★★★★ (out of 4)") is None


def test_a_labelled_glyph_rating_with_its_stated_scale_on_a_page() -> None:
    page = _page(f"<main><h1>Foghorn</h1><p>Directed by Mara Lindqvist, 2023.</p><p>{PROSE_EN}</p>"
                 f"<p>{PROSE_EN2}</p><p>Sam’s verdict: ★★½ (out of 4)</p></main>", "en", "Foghorn")
    assert _score(extract(page, URL_EN)) == (2.5, 4)


@pytest.mark.parametrize(("text", "grade"), [("Grade: B−", "B-"), ("Note: C−", "C-"), ("Grade: A–", "A-"),
                                             ("Dana’s grade: D+", "D+")])
def test_letter_grades_with_a_typographic_minus_parse(text: str, grade: str) -> None:
    page = _page(f"<main><h1>Foghorn</h1><p>Directed by Mara Lindqvist, 2023.</p><p>{PROSE_EN}</p>"
                 f"<p>{PROSE_EN2}</p><p>{text}</p></main>", "en", "Foghorn")
    record = extract(page, URL_EN)
    assert record.rating is not None and record.rating.value == grade

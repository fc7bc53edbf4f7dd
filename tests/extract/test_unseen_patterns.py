"""Failure patterns measured on unseen sites: qualified labels, FSK 0, split decimal ratings, English facts lines."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.normalize import parse_fsk, parse_rating

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE_EN = ("The images are cool and exact, the editing gives every scene its time, and the score never pushes "
            "itself forward, so that one follows the story in rapt attention.")


def _review(box: str, head: str = "Kritik: Der Nebel", lang: str = "de") -> str:
    return (f"<html lang='{lang}'><head><title>{head}</title></head><body><article><h1>{head}</h1>"
            f"<p>{PROSE}</p><p>{PROSE}</p>{box}</article></body></html>")


URL = "https://zeitung.example/kultur/der-nebel"


@pytest.mark.parametrize(("label", "value", "date", "platform"), [
    ("Kinostart (DE)", "12.03.2024", "2024-03-12", "Kino"),
    ("Streamingstart (DE)", "14.06.2024 (Netflix)", "2024-06-14", "Netflix"),
    ("Release (US)", "12.03.2024 (Netflix)", "2024-03-12", "Netflix"),
    ("Start (AT)", "12.03.2024 (Netflix)", "2024-03-12", "Netflix"),
    ("Start (Netflix)", "12.03.2024", "2024-03-12", "Netflix"),
])
def test_a_label_with_a_qualifier_is_the_label(label: str, value: str, date: str, platform: str) -> None:
    for box in ((f"<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>{label}</td><td>{value}</td></tr>"
                "</table>"), f"<p>Regie: Mara Lindqvist<br>{label}: {value}</p>"):
        record = extract(_review(box), URL)
        assert (record.release_date, record.platform) == (date, platform), box
        assert record.is_review, record.verdict


def test_a_qualifier_does_not_make_a_label_of_any_word() -> None:
    record = extract(_review("<p>Regie: Mara Lindqvist</p><p>Drama (DE): 12.03.2024</p>"), URL)
    assert record.release_date is None


@pytest.mark.parametrize(("text", "fsk"), [
    ("FSK 0", 0), ("FSK 0.", 0), ("FSK 12.", 12), ("FSK 0, 98 Min.", 0), ("FSK-16", 16), ("FSK12", 12),
    ("FSK: o. A.", 0), ("o.A.", 0), ("FSK 12.03.2024", None), ("ab 16. Juli", None), ("FSK 100 Minuten", None),
])
def test_fsk_numbers_after_the_word_fsk(text: str, fsk: int | None) -> None:
    assert parse_fsk(text) == fsk


@pytest.mark.parametrize("box", [
    "<div class='info'><p>Regie: X Y</p><p>FSK 0.</p><p>Genre: Drama</p></div>",
    "<p>Deutschland 2023, 98 Min., FSK 0, Drama</p><p>Regie: X Y</p>",
    "<table><tr><td>Regie</td><td>X Y</td></tr><tr><td>FSK</td><td>o.A.</td></tr></table>",
    "<p>Regie: X Y · FSK 0 · 98 Min.</p>",
])
def test_fsk_0_in_an_info_box(box: str) -> None:
    assert extract(_review(box), URL).fsk == 0


@pytest.mark.parametrize(("markup", "value"), [
    ("<p>Wertung: <span class='score'>5<span>,5</span></span>/10</p>", 5.5),
    ("<p>Wertung: <span>5</span>,<span>5</span>/10</p>", 5.5),
    ("<p>Wertung: 5,<small>5</small> von 10</p>", 5.5),
    ("<div class='score'><span class='int'>7</span><span class='dec'>,5</span><span class='max'>/10</span></div>",
     7.5),
    ("<p><span class='score'>5,5</span>/10</p>", 5.5),
    ("<p><b>7,5</b> von 10</p>", 7.5),
    ("<p><span class='score'>6</span>/10</p>", 6),
])
def test_a_decimal_split_by_markup(markup: str, value: float) -> None:
    record = extract(_review(f"<p>Regie: X Y</p>{markup}"), URL)
    assert record.rating is not None and record.rating.value == value


def test_split_decimals_stay_apart_in_lists() -> None:
    assert parse_rating("1, 2, 3") is None
    found = parse_rating("8 , 5 /10")
    assert found is not None and found.value == 8.5


def _essay(box: str, head: str = "Herzog's cold sea swallows everyone") -> str:
    return (f"<html lang='en'><head><title>{head} | Night Screen</title></head><body><article><h1>{head}</h1>"
            f"{box}<p>Glass Harbor is a film about waiting. {PROSE_EN}</p><p>{PROSE_EN}</p></article></body></html>")


ESSAY_URL = "https://nightscreen.example/reviews/herzogs-cold-sea"


@pytest.mark.parametrize("box", [
    "<p><em>Glass Harbor</em></p><p>Director Ola Svensk · USA, 2019 · 128 min · R · Netflix, December 8, 2023</p>",
    "<p>Glass Harbor · Director Ola Svensk · USA, 2019 · 128 min · R · Netflix, December 8, 2023</p>",
    "<h2>Glass Harbor</h2><p>Directed by Ola Svensk | USA, 2019 | 128 min | R | Netflix, December 8, 2023</p>",
])
def test_an_english_facts_line_read_segment_by_segment(box: str) -> None:
    record = extract(_essay(box), ESSAY_URL)
    assert (record.title, record.year, record.directors) == ("Glass Harbor", 2019, ["Ola Svensk"])
    assert (record.platform, record.release_date) == ("Netflix", "2023-12-08")
    assert record.is_review, record.verdict


def test_a_facts_line_of_a_heading_and_a_director() -> None:
    # the emphasis above names the film; the line's first segment is then its director, not its title
    box = "<p><strong>Glass Harbor</strong></p><p>Ola Svensk | USA, 2019 | 128 min | R | In theaters June 6, 2025</p>"
    record = extract(_essay(box), ESSAY_URL)
    assert (record.title, record.year, record.platform, record.release_date) == \
        ("Glass Harbor", 2019, "Kino", "2025-06-06")


def test_a_byline_with_dots_is_no_facts_line() -> None:
    box = "<p>By Anna Meier · December 8, 2023 · 5 min read</p><p>Director Ola Svensk · USA, 2019 · 128 min</p>"
    record = extract(_essay(box), ESSAY_URL)
    assert record.title == "Herzog's cold sea swallows everyone"  # nothing else names the film
    assert (record.year, record.release_date) == (2019, None)


def test_fact_lines_of_several_films_name_no_title() -> None:
    box = ("<p>Glass Harbor · USA, 2019 · 128 min</p><p>Salt Flats · UK, 2021 · 98 min</p>"
           "<p>Regie: Ola Svensk</p>")
    record = extract(_essay(box, head="Two films about the sea"), ESSAY_URL)
    assert record.title == "Two films about the sea"


@pytest.mark.parametrize(("box", "original"), [
    ("<div class='infobox'><b>Der Nebel</b> (The Fog)<br>Regie: X Y<br>FSK 0</div>", "The Fog"),
    ("<div class='infobox'><p><strong>Der Nebel</strong> (The Fog), USA 2023</p><p>Regie: X Y</p></div>", "The Fog"),
    ("<aside><p><strong>Der Nebel</strong> (OT: The Fog)<br>Regie: X Y</p></aside>", "The Fog"),
])
def test_an_original_title_in_parentheses_after_the_bold_title(box: str, original: str) -> None:
    record = extract(_review(box), URL)
    assert (record.title, record.original_title) == ("Der Nebel", original)


@pytest.mark.parametrize("box", [
    "<p><b>Jonas Feld</b> (Max) spielt den Bruder, <b>Ilse Brandt</b> (Lena) die Schwester.</p><p>Regie: X Y</p>",
    "<p><b>Berlin</b> (dpa) – Der Film läuft ab Donnerstag.</p><p>Regie: X Y</p>",
    "<div class='infobox'><b>Der Nebel</b> (2023)<br>Regie: X Y</div>",
    "<div class='infobox'><b>Der Nebel</b> (Netflix)<br>Regie: X Y</div>",
])
def test_other_parentheses_after_bold_text_are_no_original_title(box: str) -> None:
    record = extract(_review(box), URL)
    assert (record.title, record.original_title) == ("Der Nebel", None)


LONG = f"<p>Der stille Hafen ist ein Film über das Warten. {PROSE} {PROSE}</p><p>{PROSE} {PROSE}</p><p>{PROSE}</p>"


@pytest.mark.parametrize("info", [
    "<p><i>Der stille Hafen, Deutschland 2023, 104 Minuten. Im Kino.</i></p>",
    "<p>Der stille Hafen. Deutschland 2023. Regie: Anna Berg. Mit Jonas Feld, Ilse Brandt. 104 Minuten.</p>",
    "<p><em>Der stille Hafen</em> (D 2023), Regie: Anna Berg, 104 Minuten, FSK 12</p>",
    "<p>„Der stille Hafen“ (Deutschland 2023), Regie: Anna Berg. Mit Jonas Feld. Ab 12. Oktober im Kino.</p>",
    "<p>Info: Der stille Hafen. D 2023. 104 Min. Regie: Anna Berg. Mit Jonas Feld.</p>",
    "<p><b>Der stille Hafen</b><br>Deutschland 2023, 104 Minuten<br>Regie: Anna Berg</p>",
    "<p><strong>Der stille Hafen</strong></p><p>Deutschland 2023. 104 Min. Jetzt im Kino.</p>",
    "<p>Der stille Hafen (Deutschland 2023) – 104 Min. Im Kino.</p>",
])
def test_a_prose_review_with_an_info_paragraph(info: str) -> None:
    html = ("<html lang='de'><head><title>Der stille Hafen | Tageszeitung</title></head><body><article>"
            f"<h1>Der stille Hafen</h1>{LONG}{info}</article></body></html>")
    record = extract(html, "https://tageszeitung.example/kultur/der-stille-hafen")
    assert (record.title, record.year) == ("Der stille Hafen", 2023)
    assert record.is_review, record.verdict


def test_an_info_paragraph_of_another_film_is_no_evidence() -> None:
    html = ("<html lang='de'><head><title>Der stille Hafen | Tageszeitung</title></head><body><article>"
            f"<h1>Der stille Hafen</h1>{LONG}<p>Salzwiesen, Deutschland 2021, 98 Minuten.</p></article></body></html>")
    record = extract(html, "https://tageszeitung.example/kultur/der-stille-hafen")
    assert not record.is_review, record.verdict


def test_an_info_paragraph_the_prose_never_names_does_not_title_the_page() -> None:
    html = ("<html lang='de'><head><title>Der stille Hafen | Tageszeitung</title></head><body><article>"
            f"<h1>Der stille Hafen</h1>{LONG}<p>Salzwiesen, Deutschland 2021, 98 Minuten.</p></article></body></html>")
    assert extract(html, "https://tageszeitung.example/kultur/der-stille-hafen").title == "Der stille Hafen"


@pytest.mark.parametrize(("h1", "title", "head"), [
    ("Herzog's Glass Harbor swallows everyone whole", "Herzog's Glass Harbor swallows everyone whole", ""),
    ("Svensk’s Glass Harbor is a cold, slow descent", "Night Screen", ""),
    ("Herzog's cold sea swallows everyone", "Review: Glass Harbor | Night Screen", ""),
    ("Herzog's cold sea swallows everyone", "Night Screen", "<meta property='og:title' content='Glass Harbor'>"),
])
def test_an_essay_headline_yields_to_the_film_the_prose_names(h1: str, title: str, head: str) -> None:
    html = (f"<html lang='en'><head><title>{title}</title>{head}</head><body><article><h1>{h1}</h1>"
            f"<p>Glass Harbor is a film about waiting. {PROSE_EN}</p><p>{PROSE_EN}</p><p>Rating: 4/5</p>"
            "</article></body></html>")
    assert extract(html, ESSAY_URL).title == "Glass Harbor"


@pytest.mark.parametrize("name", ["Schindler's List", "Ocean's Eleven"])
def test_a_possessive_title_the_prose_writes_so_stays(name: str) -> None:
    html = (f"<html lang='en'><head><title>{name} review</title></head><body><article><h1>{name}</h1>"
            f"<p>The heist in {name} is a film about waiting. {PROSE_EN}</p><p>{PROSE_EN}</p><p>Rating: 4/5</p>"
            "</article></body></html>")
    assert extract(html, ESSAY_URL).title == name


@pytest.mark.parametrize("box", [
    ("<ul class='facts'><li>Director Ola Svensk</li><li>USA, 2019</li><li>128 min</li><li>R</li>"
    "<li>Netflix, December 8, 2023</li></ul>"),
    "<p>Glass Harbor (2019) · Directed by Ola Svensk · 128 min · Netflix, December 8, 2023</p>",
])
def test_fact_lines_as_list_items_or_with_the_year_beside_the_title(box: str) -> None:
    record = extract(_essay(box), ESSAY_URL)
    assert (record.year, record.directors, record.platform, record.release_date) == \
        (2019, ["Ola Svensk"], "Netflix", "2023-12-08")


def test_a_first_segment_the_prose_names_as_a_person_is_no_title() -> None:
    box = "<p>Ola Svensk · USA, 2019 · 128 min · Netflix</p><p>Directed by Ola Svensk, the film is very cold indeed.</p>"
    record = extract(_essay(box), ESSAY_URL)
    assert record.title == "Herzog's cold sea swallows everyone"
    assert (record.year, record.platform) == (2019, "Netflix")


def test_a_menu_list_is_no_fact_line() -> None:
    box = ("<ul><li><a href='/'>Home</a></li><li><a href='/r'>Reviews</a></li><li><a href='/n'>Netflix</a></li>"
           "<li><a href='/a'>Archive 2019</a></li></ul>")
    record = extract(_essay(box), ESSAY_URL)
    assert (record.year, record.platform) == (None, None)


@pytest.mark.parametrize("heading", ["Gleicher Titel", "Weitere Verfilmungen", "Gleichnamige Filme",
                                     "Other versions", "Remakes"])
def test_a_box_of_namesakes_or_other_versions_is_boilerplate(heading: str) -> None:
    box = ("<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>Jahr</td><td>2023</td></tr></table>"
           f"<div class='box'><h3>{heading}</h3><ul><li><a href='/der-nebel-1980'>Der Nebel</a> (1980), "
           "Regie: John Carpenter – Nutzer Ø 8,1/10</li></ul></div>")
    record = extract(_review(box), URL)
    assert record.directors == ["Mara Lindqvist"] and record.year == 2023
    assert record.is_review, record.verdict

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
    for box in (f"<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>{label}</td><td>{value}</td></tr>"
                "</table>", f"<p>Regie: Mara Lindqvist<br>{label}: {value}</p>"):
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

"""Unit fixture pages (tests/fixtures/pages/NAME.html beside NAME.json): verdict and every stated field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.extract import extract
from scraper.record import FIELDS
from tests.extract.gate import load_field_ok

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
# pages that fail for a reason outside the extraction rules, with the reason; strict: the mark must go once fixed
KNOWN_FAILURES: dict[str, str] = {}
CASES = [pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_FAILURES[name], strict=True))
         if name in KNOWN_FAILURES else name for name in sorted(p.stem for p in PAGES.glob("*.html"))]


@pytest.fixture(scope="module")
def field_ok(shared_dir: Path):
    return load_field_ok(shared_dir)


@pytest.mark.parametrize("name", CASES)
def test_fixture_page(name: str, field_ok) -> None:
    expected = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    record = extract((PAGES / f"{name}.html").read_bytes(), expected["url"])
    assert record.is_review is expected["is_review"], record.verdict
    if not expected["is_review"]:
        return
    got = record.to_dict()
    wrong = {f: (expected[f], got[f]) for f in FIELDS if f in expected and not field_ok(f, expected, got)}
    assert not wrong, wrong


def test_page_builder_wrappers_are_not_boilerplate() -> None:
    """Elementor-style pages wrap everything in "…-widget" boxes and hero banners; the review survives."""
    def box(inner: str, kind: str) -> str:
        return (f'<div class="elementor-element elementor-widget elementor-widget-{kind}">'
                f'<div class="elementor-widget-container">{inner}</div></div>')
    html = ("<html><head><title>Kritik: Civil War</title></head><body>"
            + box("<h1>Kritik: Civil War</h1>", "heading")
            + '<section class="hero-banner more-info">'
            + box("<p><strong>Regie:</strong> Alex Garland</p><p><strong>Genre:</strong> Action, Drama</p>", "text")
            + "</section>"
            + box("<p>Alex Garland schickt zwei Fotografinnen durch ein zerrissenes Amerika, und der Film "
                  "beobachtet sie dabei mit einer Kälte, die lange nachwirkt.</p><p>Kirsten Dunst trägt den "
                  "Film mit einer müden Entschlossenheit, Cailee Spaeny spielt die junge Kollegin.</p>"
                  "<p><strong>Wertung: 8/10</strong></p>", "text-editor")
            + "</body></html>")
    record = extract(html, "https://example.test/kritik/civil-war/")
    assert record.is_review, record.verdict
    assert (record.title, record.directors, record.genres) == ("Civil War", ["Alex Garland"], ["action", "drama"])
    assert record.rating is not None and record.rating.normalized == 80.0


def test_logo_h1_outside_the_content_is_not_the_headline() -> None:
    html = ("<html><head><title>Kinoblog Süd</title></head><body><div class='site'><h1>Kinoblog Süd</h1></div>"
            "<main><h2>Anatomie eines Falls (2023)</h2><p>Regie: Justine Triet</p><p>Land: Frankreich</p>"
            "<p>Ein Mann stürzt aus dem Fenster eines Chalets, und bald steht seine Frau unter Verdacht, eine "
            "erfolgreiche Schriftstellerin, die nichts erklären will.</p><p>Sandra Hüller spielt sie mit einer "
            "Undurchschaubarkeit, die einen bis zum Schluss rätseln lässt, und der Film lässt ihr Raum.</p>"
            "<p>Bewertung: 9 von 10</p></main></body></html>")
    record = extract(html, "https://kinoblog-sued.example/anatomie/")
    assert (record.title, record.year) == ("Anatomie eines Falls", 2023)
    assert record.is_review, record.verdict


def test_teaser_cards_do_not_protect_their_box() -> None:
    """Teaser <article>s in a related box go with the box; a page of one <article> keeps it whatever its class."""
    prose = "<p>" + "The film holds its nerve and its pace from the first scene to the very last one. " * 3 + "</p>"
    cards = "".join(f"<article class='card'><h2><a href='/{n}/'>{n} review</a></h2><p>Directed by X Y. 3/5</p>"
                    "</article>" for n in ("salt-road", "night-ferry"))
    html = (f"<html lang='en'><head><title>Glass Harbor review</title></head><body><main><article>"
            f"<h1>Glass Harbor review</h1><p>Directed by Ola Svensk · Starring Mia Holm</p>{prose}{prose}"
            f"<p>Rating: 4/5</p></article><div class='related-posts'>{cards}</div></main></body></html>")
    record = extract(html, "https://night.example/glass-harbor-review/")
    assert record.is_review, record.verdict
    assert record.directors == ["Ola Svensk"]
    single = html.replace(f"<div class='related-posts'>{cards}</div>", "").replace(
        "<main><article>", "<main><div class='related-posts'><article>").replace("</article></main>",
                                                                             "</article></div></main>")
    assert extract(single, "https://night.example/glass-harbor-review/").directors == ["Ola Svensk"]

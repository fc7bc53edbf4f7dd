"""Rating widgets as review sites draw them: icon classes, star images, aria-labels; teasers do not count."""
from __future__ import annotations

import pytest

from scraper.extract import extract

PROSE = ("<p>Eine ausführliche Besprechung des Films, die genug Wörter hat, um als Text eines Artikels "
         "zu zählen, und noch ein paar mehr.</p><p>Ein zweiter Absatz mit weiteren Gedanken zum Film, "
         "zur Regie und zu den Darstellern.</p>")


def _page(widget: str, extra: str = "") -> str:
    return (f"<html><head><title>Kritik: Testfilm</title></head><body><main><article><h1>Kritik: Testfilm</h1>"
            f"<p>Regie: Erika Muster</p><p>Genre: Drama</p>{PROSE}{widget}{extra}</article></main></body></html>")


@pytest.mark.parametrize("widget, normalized", [
    ('<div class="rating">' + '<i class="fa fa-star"></i>' * 3 + '<i class="fa fa-star-half-o"></i>'
     '<i class="fa fa-star-o"></i></div>', 70.0),
    ('<p class="score">' + '<img src="/img/star-full.png">' * 3 + '<img src="/img/star-empty.png">' * 2 + "</p>",
     60.0),
    ('<span class="stars" aria-label="4 stars out of 5">★★★★☆</span>', 80.0),
    ('<div class="wertung"><img class="wertung-img" src="/w/8.png" alt="8 von 10"></div>', 80.0),
])
def test_editorial_widgets(widget: str, normalized: float) -> None:
    record = extract(_page(widget), "http://example.test/kritik/")
    assert record.rating is not None and record.rating.normalized == normalized, record.candidates.get("rating")


def test_teaser_ratings_in_linked_list_items_do_not_count() -> None:
    teasers = ('<ul><li><a href="/a/">Anderer Film</a> <span class="stars" aria-label="2 von 5 Sternen"></span></li>'
               '<li><a href="/b/">Noch einer</a> <span class="pct">91 %</span></li></ul>')
    record = extract(_page("", teasers), "http://example.test/kritik/")
    assert record.rating is None


def test_own_rating_in_a_linked_fact_item_counts() -> None:
    facts = '<ul><li>Wertung: <a href="/wertungssystem/">8/10</a></li></ul>'
    record = extract(_page(facts), "http://example.test/kritik/")
    assert record.rating is not None and record.rating.normalized == 80.0

"""JSON-LD: the editorial review's rating, never the aggregate, and no guess among several user reviews."""
from __future__ import annotations

import json

from scraper.extract import extract

PROSE = ("<p>Eine ausführliche Besprechung des Films, die genug Wörter hat, um als Text eines Artikels zu "
         "zählen, und noch ein paar mehr.</p><p>Ein zweiter Absatz mit weiteren Gedanken zum Film, zur Regie "
         "und zu den Darstellern.</p>")


def _page(movie: dict) -> str:
    return (f'<html><head><script type="application/ld+json">{json.dumps(movie)}</script></head>'
            f"<body><main><h1>Kritik: {movie['name']}</h1>{PROSE}</main></body></html>")


def _movie(**extra) -> dict:
    return {"@context": "https://schema.org", "@type": "Movie", "name": "Testfilm", "genre": ["Drama"],
            "director": {"@type": "Person", "name": "Erika Muster"},
            "aggregateRating": {"@type": "AggregateRating", "ratingValue": "2.1", "bestRating": "5"}, **extra}


def test_editorial_review_rating_not_aggregate() -> None:
    movie = _movie(review={"@type": "Review", "author": {"@type": "Person", "name": "A"},
                           "reviewRating": {"@type": "Rating", "ratingValue": "4", "bestRating": "5"}})
    record = extract(_page(movie), "http://example.test/k/")
    assert record.rating is not None and record.rating.normalized == 80.0


def test_aggregate_alone_is_no_rating() -> None:
    assert extract(_page(_movie()), "http://example.test/k/").rating is None


def test_several_user_reviews_give_no_rating_unless_one_is_the_publishers() -> None:
    users = [{"@type": "Review", "author": {"@type": "Person", "name": n},
              "reviewRating": {"ratingValue": v, "bestRating": "10"}} for n, v in (("a", "3"), ("b", "9"))]
    assert extract(_page(_movie(review=users)), "http://example.test/k/").rating is None
    house = {"@type": "Review", "publisher": {"@type": "Organization", "name": "Portal"},
             "reviewRating": {"ratingValue": "7", "bestRating": "10"}}
    record = extract(_page(_movie(review=[*users, house])), "http://example.test/k/")
    assert record.rating is not None and record.rating.normalized == 70.0


def test_graph_and_review_root() -> None:
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "Seite"},
        {"@type": "Review", "itemReviewed": {"@type": "Movie", "name": "Testfilm", "alternateName": "Other",
                                             "director": [{"@type": "Person", "name": "Erika Muster"}]},
         "reviewRating": {"ratingValue": 3.5, "bestRating": 5}}]}
    html = (f'<html><head><script type="application/ld+json">{json.dumps(graph)}</script></head>'
            f"<body><main><h1>Kritik: Testfilm</h1><p>Genre: Drama</p>{PROSE}</main></body></html>")
    record = extract(html, "http://example.test/k/")
    assert (record.title, record.original_title, record.directors) == ("Testfilm", None, ["Erika Muster"])
    assert record.rating is not None and record.rating.normalized == 70.0


def test_broken_jsonld_is_ignored() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "Movie", "name": </script></head>'
            f"<body><main><h1>Kritik: Testfilm</h1>{PROSE}</main></body></html>")
    record = extract(html, "http://example.test/k/")
    assert record.title == "Testfilm" and not record.verdict.startswith("extraction failed")


def test_bare_year_in_date_created_is_the_film_year() -> None:
    record = extract(_page(_movie(dateCreated="1979")), "http://example.test/k/")
    assert (record.year, record.release_date) == (1979, None)

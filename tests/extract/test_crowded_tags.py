"""A tag with absurdly many attributes (libxml2 checks each against the earlier ones: quadratic) is cut
before the parse, so one hostile page cannot hold an extraction worker for minutes."""
from __future__ import annotations

import time

from scraper.extract import extract
from scraper.extract.attrcap import MAX_ATTRIBUTES, SCAN_FROM, cap_attributes
from scraper.spiders.links import page_links

URL = "http://blog.test/kritik/der-lange-weg/"
REVIEW = ("<html><head><title>Der lange Weg – Kritik | Filmblog</title></head><body><article{attrs}>"
          "<h1>Der lange Weg – Kritik</h1><table class='info'><tr><td>Regie</td><td>Mira Lenz</td></tr>"
          "<tr><td>Jahr</td><td>2023</td></tr><tr><td>Genre</td><td>Drama</td></tr></table>"
          + "<p>Der Film erzählt ruhig von einer Familie, die sich in einer fremden Stadt neu erfinden muss.</p>" * 3
          + "<p><strong>Bewertung: 4 von 5</strong></p><a href='/weiter/'>weiter</a></article></body></html>")


def _crowded(n: int, value: str = "{i}") -> bytes:
    attrs = "".join(f' a{i}="{value.format(i=i)}"' for i in range(n))
    return REVIEW.format(attrs=attrs).encode()


def test_a_tag_of_100000_attributes_is_read_in_a_second() -> None:
    body = _crowded(100_000)          # before: 15-20 s in libxml2, a million attributes for hours
    started = time.monotonic()
    record = extract(body, URL)
    links = page_links(body, URL, {}, frozenset({"http://blog.test"}))
    assert time.monotonic() - started < 5
    assert record.title == "Der lange Weg" and record.directors == ["Mira Lenz"] and record.year == 2023
    assert "http://blog.test/weiter/" in links


def test_only_the_attributes_past_the_limit_go() -> None:
    out = cap_attributes(_crowded(SCAN_FROM + 5000, value="x > {i} < y"))   # quotes may hold > and <
    assert out.count(b' a') - REVIEW.count(" a") == MAX_ATTRIBUTES
    assert f' a{MAX_ATTRIBUTES - 1}="x > {MAX_ATTRIBUTES - 1} < y">'.encode() in out and b"<h1>Der lange Weg" in out


def test_pages_without_such_a_tag_are_left_as_they_are() -> None:
    many = REVIEW.format(attrs="").replace("<p>", "<p class='c' data-x='1'>").encode()
    for body in (_crowded(MAX_ATTRIBUTES), many * (SCAN_FROM // many.count(b"=") + 1), _crowded(50)):
        assert cap_attributes(body) is body

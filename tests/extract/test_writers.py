"""Writers: labelled credits, crew lists, JSON-LD/microdata author of the Movie (never the review's), creators
with a writing role; byline words ("Autor", "Written by") only among film credits."""
from __future__ import annotations

import json

import pytest

from scraper.extract import extract

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
URL = "https://kino.example/kritik/nebelhorn"


def _review(box: str, head: str = "") -> str:
    return (f"<html lang='de'><head><title>Kritik: Nebelhorn</title>{head}</head><body><article>"
            f"<h1>Kritik: Nebelhorn</h1><p>{PROSE}</p><p>{PROSE}</p>{box}<p>Wertung: 7/10</p></article></body></html>")


@pytest.mark.parametrize("box", [
    "<p>Regie: Mara Lindqvist<br>Drehbuch: Anna Berg, Piet Haber<br>Darsteller: Jonas Feld</p>",
    "<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>Buch</td><td>Anna Berg, Piet Haber</td></tr></table>",
    "<dl><dt>Director</dt><dd>Mara Lindqvist</dd><dt>Screenplay</dt><dd>Anna Berg and Piet Haber</dd></dl>",
    "<p>Regie: Mara Lindqvist · Writer(s): Anna Berg, Piet Haber · Mit Jonas Feld</p>",
    "<p>Directed by Mara Lindqvist · Written by Anna Berg, Piet Haber · Starring Jonas Feld</p>",
    "<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>Autor</td><td>Anna Berg, Piet Haber</td></tr></table>",
    "<p>Regie: Mara Lindqvist</p><p>Autoren: Anna Berg, Piet Haber</p>",
    ("<h2>Cast &amp; Crew</h2><ul><li><a href='/p/1'>Mara Lindqvist</a> Regie</li>"
    "<li><a href='/p/2'>Anna Berg</a> Drehbuch</li><li><a href='/p/3'>Piet Haber</a> Drehbuch</li>"
    "<li><a href='/p/4'>Jonas Feld</a> Max</li></ul>"),
])
def test_labelled_writers(box: str) -> None:
    record = extract(_review(box), URL)
    assert record.writers == ["Anna Berg", "Piet Haber"], box
    assert record.directors == ["Mara Lindqvist"]
    assert "Anna Berg" not in record.cast
    assert record.to_dict()["writers"] == ["Anna Berg", "Piet Haber"]


def test_writer_and_director_in_one_label() -> None:
    record = extract(_review("<p>Buch und Regie: Mara Lindqvist<br>Darsteller: Jonas Feld</p>"), URL)
    assert (record.directors, record.writers) == (["Mara Lindqvist"], ["Mara Lindqvist"])


@pytest.mark.parametrize("box", [
    "<p class='author'>Autor: Kai Ostwald</p><p>Regie: Mara Lindqvist</p>",
    "<p>Autor: Kai Ostwald</p>",
    "<p>Written by Kai Ostwald</p><p>Genre: Drama</p><p>Regie: Mara Lindqvist</p>",
])
def test_byline_words_alone_name_no_writer(box: str) -> None:
    record = extract(_review(box), URL)
    assert record.writers == []
    assert "writers" not in record.to_dict()


def _ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


def test_the_movie_author_is_the_writer_the_review_author_is_not() -> None:
    head = _ld({"@context": "https://schema.org", "@type": "Review",
                "author": {"@type": "Person", "name": "Kai Ostwald"},
                "publisher": {"@type": "Organization", "name": "Kinoblatt"},
                "itemReviewed": {"@type": "Movie", "name": "Nebelhorn",
                                 "director": {"@type": "Person", "name": "Mara Lindqvist"},
                                 "author": [{"@type": "Person", "name": "Anna Berg"},
                                            {"@type": "Organization", "name": "Nordfilm GmbH"}]}})
    record = extract(_review("", head), URL)
    assert record.writers == ["Anna Berg"]
    review_only = head.replace('"author": [{"@type": "Person", "name": "Anna Berg"}, '
                               '{"@type": "Organization", "name": "Nordfilm GmbH"}]', '"genre": "Drama"')
    assert extract(_review("", review_only), URL).writers == []


def test_creators_count_only_with_a_writing_role() -> None:
    head = _ld({"@context": "https://schema.org", "@type": "Movie", "name": "Nebelhorn",
                "creator": [{"@type": "Role", "roleName": "Screenplay",
                             "creator": {"@type": "Person", "name": "Anna Berg"}},
                            {"@type": "Person", "name": "Olaf Produzent"}]})
    assert extract(_review("", head), URL).writers == ["Anna Berg"]


def test_microdata_movie_author() -> None:
    box = ("<div itemscope itemtype='https://schema.org/Movie'><span itemprop='name'>Nebelhorn</span>"
           "<span itemprop='director' itemscope itemtype='https://schema.org/Person'><span itemprop='name'>"
           "Mara Lindqvist</span></span><span itemprop='author' itemscope itemtype='https://schema.org/Person'>"
           "<span itemprop='name'>Anna Berg</span></span></div>")
    assert extract(_review(box), URL).writers == ["Anna Berg"]

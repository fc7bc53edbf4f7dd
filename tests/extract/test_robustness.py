"""Property-based robustness: no input makes extract() raise, and pages without film facts give no guesses."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scraper.extract import extract
from scraper.extract.labels import FACT_LABELS
from scraper.normalize.vocab import fold
from scraper.record import FIELDS

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
SAMPLE = (PAGES / "microdata_review.html").read_bytes()
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

HTML_BITS = st.sampled_from([
    "<p>", "</p>", "<div class='related'>", "</div>", "<table><tr><td>Regie</td><td>", "</td></tr></table>",
    "<li><strong>Genre:</strong> ", "Bewertung: 3,5 von 5", "★★★½", "<br>", "<script>", "</script>",
    "<script type='application/ld+json'>{\"@type\":\"Movie\",", "\"name\": [1, {}]}", "<h1>", "</h1>",
    "FSK 16", "&#0;", "&amp;", "\x00", "\ufeff", "<!--", "-->", "<?xml version='1.0' encoding='latin-1'?>",
    "<dl><dt>Cast</dt><dd>", "OT: „", "“", "<img alt='7 von 10'>", "<article><h2><a href=/x>T</a></h2>",
])


def _check(record) -> None:
    # extract() catches everything; an internal error would still lose the page, so it fails here
    assert not record.verdict.startswith("extraction failed"), record.verdict
    data = record.to_dict()
    assert set(FIELDS) <= set(data)
    assert isinstance(record.is_review, bool) and isinstance(record.verdict, str)
    rating = data["rating"]
    assert rating is None or 0 <= rating["normalized"] <= 100
    assert data["fsk"] in (None, 0, 6, 12, 16, 18)


@QUICK
@given(st.binary(max_size=3000))
def test_random_bytes_never_raise(body: bytes) -> None:
    _check(extract(body, "http://example.test/x"))


@QUICK
@given(st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_page_never_raises(cut: int) -> None:
    _check(extract(SAMPLE[:cut], "http://example.test/film/"))


@QUICK
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=len(SAMPLE) - 1), st.binary(min_size=1, max_size=8)),
                max_size=12))
def test_mutated_page_never_raises(edits: list[tuple[int, bytes]]) -> None:
    body = bytearray(SAMPLE)
    for pos, chunk in edits:
        body[pos:pos + len(chunk)] = chunk
    _check(extract(bytes(body), "http://example.test/film/"))


@QUICK
@given(st.lists(HTML_BITS | st.text(max_size=20), max_size=40))
def test_html_soup_never_raises(parts: list[str]) -> None:
    _check(extract("".join(parts), "http://example.test/"))


@pytest.mark.parametrize("body", [b"", b"   ", None, "\x00\x00", b"<html>", "<html><body></body></html>",
                                  b"\xff\xfe\x00\x00", "<" * 5000, "<div>" * 3000, b"%PDF-1.4 \x00\x01",
                                  "<div>" * 100_000, "<p>x<font>" * 30_000, "<div><span><font>" * 40_000])
def test_degenerate_inputs(body) -> None:
    record = extract(body, "not a url")
    _check(record)
    assert record.is_review is False


@pytest.mark.parametrize("url", ["", "http://[::1", "http://host:99999/", "ftp://x", "//x"])
def test_bad_urls_do_not_raise(url: str) -> None:
    _check(extract(SAMPLE, url))


LABEL_KEYS = frozenset(fold(k) for k in FACT_LABELS)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
                min_size=1, max_size=8))
def test_page_without_film_facts_gives_nulls(paragraphs: list[str]) -> None:
    """Prose without any labelled facts, ratings or structured data: nothing is guessed."""
    # a paragraph that is a fact label ("ORGTITEL") labels the next one: that is a stated fact, not prose
    assume(not any(fold(p) in LABEL_KEYS for p in paragraphs))
    body = "".join(f"<p>{p.replace('<', ' ').replace(':', ' ').replace('&', ' ')}</p>" for p in paragraphs)
    record = extract(f"<html><body><main>{body}</main></body></html>", "http://example.test/about/")
    assert record.is_review is False
    assert record.directors == [] and record.fsk is None and record.release_date is None
    assert record.genres == [] and record.original_title is None


def test_imprint_like_page_is_not_a_review() -> None:
    body = ("<html><head><title>Impressum | Filmblog</title></head><body><main><h1>Impressum</h1>"
            "<p>Angaben gemäß § 5 TMG: Filmblog GmbH, Musterstraße 1, 12345 Berlin.</p>"
            "<p>Vertreten durch: Erika Mustermann. Kontakt: Telefon 030 123456, E-Mail info@example.test.</p>"
            "</main></body></html>")
    record = extract(body, "http://example.test/impressum/")
    assert record.is_review is False
    assert (record.year, record.rating, record.directors, record.cast) == (None, None, [], [])

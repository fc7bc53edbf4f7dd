"""Decoding: header charset, BOM, <meta charset>, mislabelled cp1252/latin-1 bytes."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.decode import decode

TEXT = "Komödie über Größenwahn – „Österreich“ · Bewertung: 4 von 5"


@pytest.mark.parametrize("body, headers", [
    (TEXT.encode("utf-8"), None),
    (TEXT.encode("utf-8"), {"Content-Type": "text/html; charset=ISO-8859-1"}),   # mislabelled UTF-8
    (TEXT.encode("cp1252"), None),                                                # unlabelled cp1252
    (TEXT.encode("cp1252"), {"content-type": "text/html; charset=iso-8859-1"}),   # latin-1 label, cp1252 bytes
    (TEXT.encode("cp1252"), {"Content-Type": "text/html; charset=utf-8"}),        # wrong header
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), None),
    (b"\xff\xfe" + TEXT.encode("utf-16-le"), None),
    (b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), None),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=utf-16le">' , None),
])
def test_decode_keeps_umlauts(body: bytes, headers) -> None:
    out = decode(body, headers)
    if TEXT.encode("utf-8") in body or TEXT.encode("cp1252") in body or body.startswith((b"\xef", b"\xff")):
        assert TEXT in out


def test_declared_legacy_charset_is_used() -> None:
    body = '<meta charset="koi8-r"><p>Привет</p>'.encode("koi8-r")
    assert "Привет" in decode(body, None)


def test_unknown_charset_label_falls_back() -> None:
    assert "Größe" in decode("Größe".encode(), {"Content-Type": "text/html; charset=x-no-such"})


def test_extract_reads_cp1252_page() -> None:
    html = ("<html><body><main><h1>Die Schöne und das Biest – Kritik</h1><table>"
            "<tr><td>Regie</td><td>Jérôme Müller</td></tr><tr><td>Genre</td><td>Komödie</td></tr></table>"
            "<p>Eine lange Besprechung über einen Film, der Größe zeigt, und noch ein paar Wörter mehr.</p>"
            "<p>Zweiter Absatz der Kritik mit genug Wörtern, damit er als Text des Artikels zählt.</p>"
            "<p>Bewertung: 4 von 5</p></main></body></html>")
    record = extract(html.encode("cp1252"), "http://example.test/k/", {"Content-Type": "text/html; charset=latin-1"})
    assert record.title == "Die Schöne und das Biest"
    assert record.directors == ["Jérôme Müller"] and record.genres == ["comedy"]


@pytest.mark.parametrize("declared", ['<meta charset="utf-8">', "", '<meta charset="iso-8859-1">'])
def test_cp1252_bytes_whatever_the_page_claims(declared: str) -> None:
    """The parser reads such pages as UTF-8 first; on invalid UTF-8 they are decoded as cp1252 and parsed again."""
    html = (f"<html><head>{declared}<title>Schöne Grüße – Kritik</title></head><body><main>"
            "<h1>Schöne Grüße – Kritik</h1><p>Regie: Jürgen Müller</p><p>Genre: Komödie</p>"
            "<p>Eine Besprechung über einen Film, der Größe zeigt, und noch ein paar Wörter mehr dazu, "
            "damit der Absatz nach einer echten Kritik aussieht.</p>"
            "<p>Zweiter Absatz der Kritik mit genug Wörtern, damit er als Text des Artikels zählt und "
            "nicht als Bildunterschrift.</p><p>Bewertung: 4 von 5</p></main></body></html>")
    record = extract(html.encode("cp1252"), "http://example.test/k/")
    assert record.title == "Schöne Grüße" and record.directors == ["Jürgen Müller"]
    assert record.is_review, record.verdict


@pytest.mark.parametrize("headers", [
    {b"Content-Type": [b"text/html; charset=windows-1252"]}, {b"content-type": b"text/html; charset=cp1252"},
    {"Content-Type": None}, {"X-Other": "1"},
])
def test_headers_as_scrapy_gives_them(headers) -> None:
    assert "Größe" in decode("Größe".encode("cp1252"), headers)


def test_utf8_page_with_cp1252_bytes_mixed_in_keeps_both() -> None:
    """A UTF-8 page with a pasted cp1252 quote: the UTF-8 text stays, only the stray bytes are read as cp1252."""
    html = ("<html><body><main><h1>Schöne Grüße – Kritik</h1><p>Regie: Jürgen Müller</p><p>Genre: Komödie</p>"
            "<p>Eine Besprechung über einen Film, der Größe zeigt, und noch ein paar Wörter mehr dazu, damit "
            "der Absatz nach einer echten Kritik aussieht.</p><p>Zweiter Absatz mit genug Wörtern, damit er "
            "als Text des Artikels zählt und nicht als Bildunterschrift.</p>").encode()
    html += "<p>Ein Leser schreibt: „Soße“ – Bewertung: 4 von 5</p></main></body></html>".encode("cp1252")
    record = extract(html, "http://example.test/k/")
    assert record.title == "Schöne Grüße" and record.directors == ["Jürgen Müller"]
    assert record.rating is not None and record.rating.normalized == 80.0


def test_utf32_byte_order_mark() -> None:
    assert "Größe" in decode(b"\xff\xfe\x00\x00" + "<p>Größe</p>".encode("utf-32-le"))

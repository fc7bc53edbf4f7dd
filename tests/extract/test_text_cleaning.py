"""Page text is composed (NFC) and rid of invisible format characters once, before any strategy reads it."""
from __future__ import annotations

import json
import unicodedata

import pytest

from scraper.extract import extract
from scraper.extract.decode import clean_source, clean_text
from scraper.normalize.rating import parse_rating

URL = "http://kritiken.example/kritik/ueber-die-grenze/"


def review(title: str = "Über die Grenze", director: str = "Jörg Buttgereit",
           cast: str = "Sandra Hüller, Jürgen Vogel", rating: str = "8 von 10", head: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">{head}
<title>„{title}“ – Kritik | Filmkammer</title></head><body><main><article>
<h1>„{title}“ – Kritik</h1>
<table><tr><td>Titel</td><td>{title}</td></tr><tr><td>Genre</td><td>Drama</td></tr>
<tr><td>Jahr</td><td>2019</td></tr><tr><td>Regie</td><td>{director}</td></tr>
<tr><td>Darsteller</td><td>{cast}</td></tr></table>
<p>In „{title}“ spielt Sandra Hüller eine Frau, die ihre Vergangenheit nicht loslässt. Der Regisseur erzählt
das mit großer Ruhe und langen Einstellungen, fast eine halbe Stunde lang ohne ein einziges Wort.</p>
<h3>Fazit</h3>
<p>Ein Film über Schuld, Sühne und Äpfel, der seinem Publikum viel Geduld abverlangt und sie belohnt.</p>
<p><strong>Bewertung: {rating}.</strong></p>
</article></main></body></html>"""


def test_decomposed_umlauts_read_like_composed_ones() -> None:
    composed = extract(review().encode("utf-8"), URL)
    decomposed = extract(unicodedata.normalize("NFD", review()).encode("utf-8"), URL)
    assert composed.is_review and decomposed.is_review, decomposed.verdict
    assert decomposed.title == composed.title == "Über die Grenze"
    assert decomposed.directors == ["Jörg Buttgereit"]
    assert decomposed.cast == ["Sandra Hüller", "Jürgen Vogel"]
    assert decomposed.rating is not None and decomposed.rating.normalized == 80.0  # not the "A" of "Äpfel"


def test_a_letter_with_a_combining_mark_is_no_grade() -> None:
    assert parse_rating("Fazit: Ein Film über Schuld und A\u0308pfel.", letters=True) is None
    assert parse_rating("Note: E\u0301", letters=True) is None
    grade = parse_rating("Note: A", letters=True)
    assert grade is not None and grade.value == "A"


@pytest.mark.parametrize("dirty", [
    "Grüße aus\u200b Köln",              # zero-width space
    "Grüße aus Kö\u00adln",              # soft hyphen
    "Grüße aus Kö&shy;ln",               # ... as an entity
    "Grüße aus &#8203;Köln",             # zero-width space as a numeric entity
    "Grüße \ufeffaus Köln",              # a byte-order mark inside the text
    "Grüße aus K\u200cöln",              # zero-width non-joiner between Latin letters
    "\u200eGrüße aus Köln\u200f",        # left-to-right / right-to-left marks
])
def test_invisible_characters_leave_the_title(dirty: str) -> None:
    record = extract(review(title=dirty).encode("utf-8"), URL)
    assert record.is_review, record.verdict
    assert record.title == "Grüße aus Köln"


def test_invisible_entities_on_an_ascii_page() -> None:
    page = review(title="Der Donau&shy;dampfer", director="Kai Holm", cast="Ann Berg, Tom Weber")
    page = page.replace("„", "&bdquo;").replace("“", "&ldquo;").replace("ü", "&uuml;").replace("ö", "&ouml;")
    page = page.replace("ä", "&auml;").replace("ß", "&szlig;").replace("Ü", "&Uuml;")
    page = page.replace("Ä", "&Auml;").replace("–", "&ndash;")
    assert page.isascii()
    record = extract(page.encode("ascii"), URL)
    assert record.is_review and record.title == "Der Donaudampfer"


def test_joiners_in_emoji_and_other_scripts_stay() -> None:
    family = "\U0001F468\u200d\U0001F469\u200d\U0001F467"  # one emoji glyph joined by ZWJ
    assert clean_text(f"Familie {family}") == f"Familie {family}"
    assert clean_text("\u0915\u094d\u200d\u0937") == "\u0915\u094d\u200d\u0937"  # Devanagari half form
    assert clean_text("Auf\u200clage") == "Auflage"
    assert clean_source(f"<p>{family}</p>".encode()) == f"<p>{family}</p>".encode()


def test_json_ld_escapes_are_cleaned() -> None:
    data = {"@context": "https://schema.org", "@type": "Movie", "name": "U\u0308ber die Grenze\u200b",
            "director": {"@type": "Person", "name": "Jo\u0308rg Buttgereit"}}
    head = f'<script type="application/ld+json">{json.dumps(data)}</script>'  # ensure_ascii: "U\\u0308ber"
    assert "\\u0308" in head
    record = extract(review(head=head).encode("utf-8"), URL)
    assert record.is_review and record.title == "Über die Grenze"
    assert record.directors == ["Jörg Buttgereit"]
    from_jsonld = [c.value for c in record.candidates.get("title", []) if c.strategy == "jsonld"]
    assert from_jsonld and set(from_jsonld) == {"Über die Grenze"}


def test_invalid_utf8_bytes_still_fall_back_after_cleaning() -> None:
    """A UTF-8 page with a cp1252 byte pasted in and decomposed umlauts: the cleaning keeps the stray byte
    (the parser finds it and the cp1252 fallback reads it), and the fallback's text is cleaned too."""
    body = unicodedata.normalize("NFD", review(title="Über die Grenze")).encode("utf-8")
    body = body.replace(b"fast eine halbe", b"fast \x96 eine halbe")  # cp1252 en dash
    record = extract(body, URL)
    assert record.is_review and record.title == "Über die Grenze"
    assert record.cast == ["Sandra Hüller", "Jürgen Vogel"]


def test_clean_source_leaves_plain_pages_alone() -> None:
    body = review().encode("utf-8")
    assert clean_source(body) is body
    assert clean_source(b"<p>plain &amp; simple</p>") == b"<p>plain &amp; simple</p>"


def _combining_entities(text: str) -> str:
    """`text` decomposed, every combining mark written as a numeric entity (decimal and hex alike)."""
    out = []
    for i, ch in enumerate(unicodedata.normalize("NFD", text)):
        out.append((f"&#{ord(ch)};" if i % 2 else f"&#x{ord(ch):X};") if unicodedata.combining(ch) else ch)
    return "".join(out)


@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_combining_marks_written_as_entities_compose_like_raw_ones(encoding: str) -> None:
    """"A&#776;pfel", "Jo&#776;rg": the entity is decoded after the NFC step, so it must be composed too; on an
    ASCII page (every other letter an entity as well) as on a UTF-8 one."""
    entitied = _combining_entities(review())
    assert "&#776;" in entitied and "&#x308;" in entitied
    body = entitied.encode("ascii", errors="xmlcharrefreplace") if encoding == "ascii" else entitied.encode("utf-8")
    record = extract(body, URL)
    assert record.is_review, record.verdict
    assert record.title == "Über die Grenze"
    assert record.directors == ["Jörg Buttgereit"]
    assert record.cast == ["Sandra Hüller", "Jürgen Vogel"]
    assert clean_source(b"Jo&#776;rg &amp; &#8217;") == "Jörg &amp; &#8217;".encode()

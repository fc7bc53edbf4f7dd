"""Credit lines -> statements, as real pages write them."""
from __future__ import annotations

import pytest

from scraper.extract.credits import colon_pairs, is_credit_line, quoted_title, sentences, statements


def _labelled(text: str) -> dict[str, str]:
    return {st.label.lower(): st.value for st in statements(text) if st.label}


@pytest.mark.parametrize("line, expected", [
    ("Regie: David Fincher. Drehbuch: Andrew Kevin Walker. Darsteller: Michael Fassbender, Tilda Swinton.",
     {"regie": "David Fincher", "drehbuch": "Andrew Kevin Walker", "darsteller": "Michael Fassbender, Tilda Swinton"}),
    ("Regie: Jeremy Saulnier Darsteller: Aaron Pierre, Don Johnson",
     {"regie": "Jeremy Saulnier", "darsteller": "Aaron Pierre, Don Johnson"}),
    ("Directed by Celine Song · Starring Greta Lee, Teo Yoo and John Magaro · Genre: Drama, Romance",
     {"directed by": "Celine Song", "starring": "Greta Lee, Teo Yoo and John Magaro", "genre": "Drama, Romance"}),
    (("„Oppenheimer“, USA 2023, Regie: Christopher Nolan, mit Cillian Murphy, Emily Blunt, Robert Downey Jr., "
      "180 Minuten, FSK 12. Ab 20. Juli im Kino."),
     {"regie": "Christopher Nolan", "mit": "Cillian Murphy, Emily Blunt, Robert Downey Jr.", "ab": "20. Juli im Kino"}),
    ("„Ballerina“ // Deutschland-Start: 6. Oktober 2023 (Netflix)", {"deutschland-start": "6. Oktober 2023 (Netflix)"}),
    ("R: Christopher Nolan, D: Cillian Murphy, Emily Blunt", {"r": "Christopher Nolan", "d": "Cillian Murphy, Emily Blunt"}),
    ("In theaters August 25, 2017 · Rated PG", {"in theaters": "August 25, 2017"}),
    ("Land/Jahr: Frankreich 2023", {"land/jahr": "Frankreich 2023"}),
])
def test_statements(line: str, expected: dict[str, str]) -> None:
    got = _labelled(line)
    assert {k: got.get(k) for k in expected} == expected


def test_items_and_first_part() -> None:
    found = statements("„Parasite“ (Originaltitel: „Gisaengchung“), Südkorea 2019, Regie: Bong Joon-ho")
    assert found[0].first and quoted_title(found[0].value) == "Parasite"
    assert ("Originaltitel", "„Gisaengchung“") in [(s.label, s.value) for s in found]
    assert any(s.kind == "item" and s.value == "Südkorea 2019" for s in found)


@pytest.mark.parametrize("text, expected", [
    ("FSK 12. Ab 20. Juli im Kino.", ["FSK 12", "Ab 20. Juli im Kino"]),
    ("Mit P. J. Soles und F. W. Murnau. Danach mehr.", ["Mit P. J. Soles und F. W. Murnau", "Danach mehr"]),
    ("Robert Downey Jr. spielt mit.", ["Robert Downey Jr. spielt mit"]),
    ("Kinostart: 29.2.2024. Weiter", ["Kinostart: 29.2.2024", "Weiter"]),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text, credit", [
    ("Regie: Lee Chung-hyun", True), ("Directed by Alexander Payne", True), ("Thriller | USA 2024 | 131 Min.", True),
    ("Ein ganz normaler Satz ohne Fakten.", False), ("Frühjahr 1917: Der junge Paul meldet sich.", False),
])
def test_is_credit_line(text: str, credit: bool) -> None:
    assert is_credit_line(text) is credit


def test_mid_sentence_label_in_prose_is_not_a_statement() -> None:
    prose = ("Herzog erzählt die Geschichte anders als Murnau, und so wird auch der Film: langsamer, trauriger, "
             "durchzogen von der Musik von Popol Vuh und von Bildern holländischer Grachten, durch die Tausende "
             "Ratten strömen, während Klaus Kinski als Graf durch die leeren Gassen einer Stadt im Griff der Pest "
             "schleicht und Isabelle Adjani ihm am Ende allein gegenübertritt, um die Stadt zu retten.")
    assert not [s for s in statements(prose) if s.label]


def test_colon_pairs_keep_separators_inside_values() -> None:
    assert colon_pairs("Genre: Animation · Komödie") == [("Genre", "Animation · Komödie")]


@pytest.mark.parametrize("line, expected", [
    ("Starttermin 20. Juli 2023 | 3 Std. | Biografie, Drama", {"starttermin": "20. Juli 2023"}),
    ("Mit Cillian Murphy, Emily Blunt, Matt Damon", {"mit": "Cillian Murphy, Emily Blunt, Matt Damon"}),
    ("Originaltitel Oppenheimer", {"originaltitel": "Oppenheimer"}),
])
def test_colon_less_portal_lines(line: str, expected: dict[str, str]) -> None:
    got = _labelled(line)
    assert {k: got.get(k) for k in expected} == expected


def test_long_prose_starting_with_mit_is_not_a_cast_line() -> None:
    prose = ("Mit Oppenheimer legt Christopher Nolan einen Film vor, der drei Stunden lang von einem Mann "
             "erzählt, der die Welt verändert hat und daran zerbricht.")
    assert not [s for s in statements(prose) if s.kind == "prefix"]


def test_uk_credit_sentence() -> None:
    line = "(12A, 106 mins) Directed by Celine Song; starring Greta Lee, Teo Yoo, John Magaro. In UK cinemas from 8 September."
    got = _labelled(line)
    assert got["directed by"] == "Celine Song" and got["starring"] == "Greta Lee, Teo Yoo, John Magaro"
    assert got["in uk cinemas from"] == "8 September"
    assert any(s.kind == "item" and s.value == "106 mins" for s in statements(line))


def test_colonless_credit_lines_and_country_year_line() -> None:
    from scraper.extract import extract
    prose = "<p>Ein langer Absatz über den Film, der sehr viel zu erzählen hat und das auch tut, immer weiter.</p>" * 3
    html = ("<html><body><h1>Kritik: Nebelhorn</h1><p>Regie: Mara Lindqvist</p><p>Schweden/Dänemark, 2021</p>"
            "<p>Actors: Jonas Feld, Ilse Brandt</p><p>Start 12. März 2022</p><p>Verfügbar auf Netflix</p>"
            "<p>Bewertung: ***</p>" + prose + "</body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert (record.year, record.cast, record.release_date, record.platform) == (
        2021, ["Jonas Feld", "Ilse Brandt"], "2022-03-12", "Netflix")
    assert record.rating is not None and record.rating.normalized == 60.0


def test_label_and_value_in_sibling_blocks() -> None:
    from scraper.extract import extract
    prose = "<p>Ein langer Absatz über den Film, der sehr viel zu erzählen hat und das auch tut, immer weiter.</p>" * 3
    html = ("<html><body><h1>Kritik: Nebelhorn 2</h1><p>Originaltitel</p><p>Foghorn Two</p><p>Kinostart</p>"
            "<p>12.03.2022</p><p>FSK</p><p>12</p><p>Fazit</p><p>Zwei von drei Szenen sitzen.</p><p>Regie: Mara Lindqvist</p>"
            + prose + "</body></html>")
    record = extract(html, "https://kino.example/nebelhorn-2")
    assert (record.original_title, record.release_date, record.platform, record.fsk) == (
        "Foghorn Two", "2022-03-12", "Kino", 12)
    assert record.rating is None  # a lone "Fazit" heads a sentence, not a score


def test_heading_phrase_before_a_label_word_states_nothing() -> None:
    from scraper.extract import extract
    prose = "<p>Ein langer Absatz über den Film, der sehr viel zu erzählen hat und das auch tut, immer weiter.</p>" * 3
    html = ("<html><body><h1>Kritik: Nebelhorn</h1><p>Regie: Mara Lindqvist</p><p>Genre: Drama</p>"
            "<p>The Wonderful Cast: A Family Affair</p><p>The Verdict: 4/5</p>" + prose + "</body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert record.cast == [] and record.rating is not None and record.rating.normalized == 80.0

"""Search-text normalization: case, accents, umlaut spellings, punctuation, numerals."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalog.query.text import deletions, normalize, words


@pytest.mark.parametrize("raw, key", [
    ("Das Mädchen", "das maedchen"),
    ("DAS MAEDCHEN", "das maedchen"),
    ("Straße", "strasse"),
    ("Amélie", "amelie"),
    ("Æon Flux", "aeon flux"),
    ("Dune: Part Two", "dune part 2"),
    ("Rocky II", "rocky 2"),
    ("Teil zwei", "teil 2"),
    ("Schindler’s List", "schindlers list"),
    ("„Ballerina“ – Kritik", "ballerina kritik"),
    ("  tabs\tand\nnewlines ", "tabs and newlines"),
    ("Malcolm X", "malcolm x"),
    ("기생충", "기생충"),
    ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
    ("", ""),
    (None, ""),
    ("!!! ??? ...", ""),
])
def test_normalize(raw: str | None, key: str) -> None:
    assert normalize(raw) == key


def test_words_keep_order_without_duplicates() -> None:
    assert words("New York, New York") == ["new", "york"]


def test_deletions_include_the_word() -> None:
    assert deletions("abc") == {"abc", "bc", "ac", "ab"}


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_normalize_is_idempotent_and_plain(text: str) -> None:
    key = normalize(text)
    assert normalize(key) == key
    assert all(c.isalnum() or c == " " for c in key)
    assert "  " not in key and key == key.strip()

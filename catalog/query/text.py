"""Search-text normalization: case, accents, German umlaut spellings, punctuation."""
from __future__ import annotations

import functools
import re
import unicodedata

# German transliteration first, so "Mädchen" and "Maedchen" share one key;
# other accents are then stripped ("Amélie" -> "amelie").
TRANSLITERATION = str.maketrans({
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss",
    "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i",
})
# Anything that is neither a letter nor a digit separates words; apostrophes
# join ("Schindler's" -> "schindlers") because people type them either way.
_APOSTROPHES = re.compile(r"['’‘`´]")
_SEPARATORS = re.compile(r"[\W_]+", re.UNICODE)
# Numbers written as words or Roman numerals fold to digits, so "Part Two", "Part II"
# and "Teil 2" meet ("I", "V", "X" stay words: too often they are not numbers).
NUMERALS = {
    "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "zwei": "2", "drei": "3", "vier": "4", "fuenf": "5", "sechs": "6",
    "sieben": "7", "acht": "8", "neun": "9", "zehn": "10",
    "ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8", "ix": "9",
}
# Longest query the search accepts (characters): longer input is a mistake or abuse.
MAX_QUERY_CHARS = 200
# Most words of one query that are looked up (the rest only rank).
MAX_QUERY_WORDS = 12


def fold(text: str) -> str:
    """Case-folded, transliterated, accent-free text (punctuation kept)."""
    if text.isascii():  # the common case, and much cheaper
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold().translate(TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Recompose what is left (Hangul syllables decompose into jamo, which are no accents).
    return unicodedata.normalize("NFC", stripped)


def normalize(text: str | None) -> str:
    """The search key of a title: folded words separated by single spaces."""
    if not text:
        return ""
    return _normalize(text)


@functools.lru_cache(maxsize=1 << 18)  # titles and names repeat across reviews
def _normalize(text: str) -> str:
    folded = _APOSTROPHES.sub("", fold(text))
    return " ".join(NUMERALS.get(w, w) for w in _SEPARATORS.sub(" ", folded).split())


def words(text: str | None) -> list[str]:
    """The words of a text's search key, in order, duplicates removed."""
    seen: dict[str, None] = {}
    for word in normalize(text).split():
        seen.setdefault(word, None)
    return list(seen)


def deletions(word: str) -> set[str]:
    """The word and every variant with one character deleted (for typo look-ups)."""
    out = {word}
    out.update(word[:i] + word[i + 1:] for i in range(len(word)))
    return out


def fuzzy_allowed(word: str) -> bool:
    """Whether a word is long enough for typo tolerance (short words match exactly)."""
    return len(word) >= 4 and not word.isdigit()

"""Genre text -> canonical slugs, splitting lists and compounds ("Actionthriller" -> action, thriller)."""
from __future__ import annotations

import re
from functools import lru_cache

from scraper.normalize.vocab import fold, genre_compounds, genre_words, vocabulary

# separators between genres in one field
LIST_SPLIT = re.compile(r"\s*(?:[,;/|·•]|\s\+\s|\s&\s|\bund\b|\band\b)\s*", re.IGNORECASE)
# German compound stems that are not genre words on their own (folded) -> slug
STEMS = {"kriegs": "war", "liebes": "romance", "familien": "family", "historien": "history",
         "kriminal": "crime", "musik": "music", "sport": "sport", "gangster": "crime",
         "zeichentrick": "animation", "animations": "animation", "dokumentar": "documentary",
         "abenteuer": "adventure", "fantasy": "fantasy", "mystery": "mystery", "psycho": "thriller",
         "scifi": "science-fiction", "sciencefiction": "science-fiction", "katastrophen": "disaster",
         "endzeit": "science-fiction", "coming": "", "roadmovie": "road-movie", "teen": "",
         "rache": "", "revenge": "", "spionage": "thriller", "agenten": "thriller"}
# trailing words that only say "film" (folded)
FILM_SUFFIXES = ("filme", "film", "movie", "streifen")
MAX_WORD = 40  # characters; longer "genres" are prose, not a genre field


def _known(key: str) -> list[str] | None:
    if key in genre_compounds():
        return genre_compounds()[key]
    if key in genre_words():
        return [genre_words()[key]]
    if key in STEMS:
        return [STEMS[key]] if STEMS[key] else []
    return None


def _split_compound(key: str, depth: int = 0, qualifier: bool = True) -> list[str] | None:
    """Split a folded word into known genre parts (prefix + rest), or None; `qualifier` allows an
    unknown first part before a genre word."""
    found = _known(key)
    if found is not None:
        return found
    for suffix in FILM_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            base = _split_compound(key[: -len(suffix)], depth + 1)
            if base is not None:
                return base
    if depth > 3:
        return None
    for cut in range(len(key) - 3, 2, -1):
        head = _known(key[:cut])
        if head is None:
            continue
        tail = _split_compound(key[cut:], depth + 1)
        if tail is not None:
            return head + tail
    if depth == 0 and qualifier:  # an unknown qualifier before a genre word: "Gerichtsdrama" -> drama, "Rachethriller" -> thriller
        for cut in range(4, len(key) - 3):
            tail = _known(key[cut:])
            if tail:
                return tail
    return None


def genre_slugs(word: str) -> list[str]:
    """Slugs of one genre word: vocabulary, compound split; only the contract vocabulary's slugs ("Roadmovie",
    "Literaturverfilmung", "Heimatfilm" name none of them: no genre)."""
    key = fold(word)
    if not key or len(word) > MAX_WORD:
        return []
    return [slug for slug in _split_compound(key) or [] if slug in _canonical()]


@lru_cache(maxsize=1)
def _canonical() -> frozenset[str]:
    return frozenset(vocabulary()["genres"])


def is_genre_word(word: str) -> bool:
    """True when the word is a genre known to the vocabulary (directly or as a compound)."""
    key = fold(word)
    return bool(key) and bool(_split_compound(key, qualifier=False))


def parse_genres(value: str | list[str] | None) -> list[str]:
    """Canonical genre slugs in page order, without duplicates."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        for word in LIST_SPLIT.split(str(item)):
            word = word.strip(" .:-–")
            for slug in genre_slugs(word) if word else []:
                if slug and slug not in out:
                    out.append(slug)
    return out

"""The contract vocabulary (genres, platforms, FSK phrases, letter grades) as lookup tables."""
from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Any

NON_WORD = re.compile(r"[\W_]+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Letters and digits only, accents folded, case folded: the key every lookup uses."""
    if not text.isascii():  # ASCII has no decompositions and no combining marks: the per-character pass is moot
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    return NON_WORD.sub("", text.casefold())


@lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The vocabulary file shipped as package data (a copy of the contract's vocabulary.json)."""
    raw = resources.files("scraper.normalize").joinpath("vocabulary.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


def _lookup(table: dict[str, list[str]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, words in table.items():
        out[fold(canonical)] = canonical
        for word in words:
            out[fold(word)] = canonical
    return out


@lru_cache(maxsize=1)
def genre_words() -> dict[str, str]:
    """Folded genre word -> canonical slug."""
    return _lookup(vocabulary()["genres"])


@lru_cache(maxsize=1)
def genre_compounds() -> dict[str, list[str]]:
    """Folded compound genre word -> list of slugs."""
    return {fold(k): list(v) for k, v in vocabulary()["genre_compounds"].items()}


@lru_cache(maxsize=1)
def letter_grades() -> dict[str, float]:
    """Letter grade (upper case, with +/-) -> 0-100."""
    return {k.upper(): float(v) for k, v in vocabulary()["letter_grades_0_100"].items()}

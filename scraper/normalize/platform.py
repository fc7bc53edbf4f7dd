"""Platform text -> canonical platform name from the vocabulary ("Amazon Prime" -> "Prime Video")."""
from __future__ import annotations

import re
from functools import lru_cache

from scraper.normalize.vocab import vocabulary

# extra phrases that mean a theatrical release (vocabulary has the short forms)
EXTRA = {"Kino": ["in den Kinos", "im Kino", "Kinos", "Kinostart", "theaters", "theatres", "in cinemas",
                  "theatrical release", "Lichtspielhaus"]}


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    pairs: list[tuple[str, str]] = []
    for canonical, words in vocabulary()["platforms"].items():
        for word in [canonical, *words, *EXTRA.get(canonical, [])]:
            pairs.append((word, canonical))
    pairs.sort(key=lambda p: -len(p[0]))  # longest alias first: "Apple TV+" before "TV"
    out = []
    for word, canonical in pairs:
        flags = 0 if word.isupper() and len(word) <= 4 else re.IGNORECASE  # "WOW", "ARD", "TV" as written
        out.append((re.compile(r"(?<![\w+])" + re.escape(word) + r"(?![\w+])", flags), canonical))
    return out


def parse_platform(text: str | None) -> str | None:
    """The first platform named in `text` (longest alias wins at a position), or None."""
    if not text:
        return None
    best: tuple[int, int, str] | None = None
    for pattern, canonical in _patterns():
        match = pattern.search(text)
        if match and (best is None or (match.start(), -len(match.group(0))) < (best[0], best[1])):
            best = (match.start(), -len(match.group(0)), canonical)
    return best[2] if best else None

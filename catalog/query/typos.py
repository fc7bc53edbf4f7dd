"""Typo tolerance: words of the index within a small edit distance, found by deletion variants."""
from __future__ import annotations

from typing import Any

from rapidfuzz.distance import OSA
from sqlalchemy import Connection, bindparam, text
from sqlalchemy.sql.elements import BindParameter

from catalog.query.text import deletions, fuzzy_allowed

# Edits tolerated per word length (optimal string alignment: a swap of neighbours is one edit).
LONG_WORD = 8          # characters; from here on two edits are tolerated
MAX_CORRECTIONS = 8    # alternatives kept per misspelt word, closest first
_WORDS: BindParameter[Any] = bindparam("words", expanding=True)


def max_edits(word: str) -> int:
    """Edits tolerated for a word of this length."""
    return 2 if len(word) >= LONG_WORD else 1


def known_words(conn: Connection, words: list[str]) -> set[str]:
    """The words that occur in some indexed title."""
    if not words:
        return set()
    rows = conn.execute(text("SELECT word FROM search_words WHERE word IN :words").bindparams(_WORDS),
                        {"words": words})
    return {r[0] for r in rows}


def corrections(conn: Connection, word: str) -> list[str]:
    """Indexed words close to `word` (not the word itself), closest first."""
    if not fuzzy_allowed(word):
        return []
    rows = conn.execute(text("SELECT DISTINCT word FROM search_word_variants WHERE variant IN :words")
                        .bindparams(_WORDS), {"words": sorted(deletions(word))})
    limit = max_edits(word)
    scored = sorted((OSA.distance(word, w), w) for (w,) in rows if w != word)
    return [w for d, w in scored if d <= limit][:MAX_CORRECTIONS]

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


def look_up(conn: Connection, words: list[str]) -> tuple[set[str], dict[str, list[str]]]:
    """Which words occur in some indexed title, and the close indexed spellings of the others
    (closest first) — in one round trip: PostgreSQL latency is mostly round trips."""
    if not words:
        return set(), {}
    variants = sorted({v for w in words if fuzzy_allowed(w) for v in deletions(w)})
    sql = "SELECT '', word FROM search_words WHERE word IN :words"
    if variants:
        sql += " UNION ALL SELECT variant, word FROM search_word_variants WHERE variant IN :variants"
    statement = text(sql).bindparams(_WORDS, *([bindparam("variants", expanding=True)] if variants else []))
    rows = conn.execute(statement, {"words": words, **({"variants": variants} if variants else {})}).all()
    known = {word for variant, word in rows if variant == ""}
    near: dict[str, set[str]] = {}
    for variant, word in rows:
        if variant:
            near.setdefault(variant, set()).add(word)
    return known, {w: _closest(w, near) for w in words if w not in known and fuzzy_allowed(w)}


def _closest(word: str, near: dict[str, set[str]]) -> list[str]:
    found = {c for v in deletions(word) for c in near.get(v, ()) if c != word}
    limit = max_edits(word)
    scored = sorted((OSA.distance(word, w), w) for w in found)
    return [w for d, w in scored if d <= limit][:MAX_CORRECTIONS]

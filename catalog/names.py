"""Person-name keys that ignore order, hyphens, diacritics and common romanisation variants."""
from __future__ import annotations

import re
from functools import lru_cache

from catalog.titles import fold, lossy

PARENTHESES = re.compile(r"\s*\([^)]*\)")
NON_LETTER = re.compile(r"[^\w]+|\d+|_")
# Romanisation variants folded to one spelling (Korean RR vs McCune–Reischauer, English habits):
# Jeon/Jun, Ji-hoon/Ji-hun, Joon-ho/Jun-ho, Seong/Sung.
ROMANISATION = (("eo", "u"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("ph", "f"), ("kh", "k"), ("y", "i"))
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])


@lru_cache(maxsize=500_000)
def tokens(name: str) -> tuple[str, ...]:
    """Sorted folded tokens of a name ('Chung-hyun Lee' → ('chung', 'hyun', 'lee'))."""
    text = PARENTHESES.sub(" ", name)
    if text.count(",") == 1:  # "Surname, Given"
        last, first = text.split(",")
        text = f"{first} {last}"
    toks = [t for t in NON_LETTER.sub(" ", fold(text)).split() if t not in SUFFIXES]
    return tuple(sorted(toks))


@lru_cache(maxsize=500_000)
def key(name: str) -> str:
    """Order- and romanisation-insensitive key of a person's name ('' for no name)."""
    return " ".join(sorted(_loose(t) for t in tokens(name)))


def _loose(token: str) -> str:
    for a, b in ROMANISATION:
        token = token.replace(a, b)
    return token


def keys(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Keys of several names (empty ones dropped), plus the key of what survives a broken encoding."""
    out = {key(n) for n in names}
    out |= {key(lossy(n)) for n in names if lossy(n) != n}  # "Rodr?guez" and "Rodríguez" share "rodrguez"
    out.discard("")
    return frozenset(out)


def surname_tokens(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Loose tokens of ≥ 3 letters of every name (surname candidates in any name order)."""
    return frozenset(_loose(t) for n in names for t in tokens(n) if len(t) >= 3)

"""Platform text -> canonical platform name from the vocabulary ("Amazon Prime" -> "Prime Video")."""
from __future__ import annotations

import re
from functools import lru_cache

from scraper.normalize.vocab import vocabulary

# extra phrases that mean a theatrical release (vocabulary has the short forms)
EXTRA = {"Apple TV+": ["Apple TV"], "Prime Video": ["Prime"], "Disney+": ["Disney Plus+"],
         "DVD/Blu-ray": ["4K Ultra HD", "Ultra HD Blu-ray", "UHD Blu-ray", "4K UHD Blu-ray"],
         "Kino": ["in den Kinos", "im Kino", "Kinos", "Kinostart", "theaters", "theatres", "in cinemas", "cinemas",
                  "theatrical release", "Lichtspielhaus", "general release", "limited release"]}


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """One alternation for aliases matched in any case, one for short upper-case ones ("WOW", "ARD", "TV")
    that must be written so; and alias (lower case) -> canonical name."""
    canon: dict[str, str] = {}
    loose: list[str] = []
    exact: list[str] = []
    for canonical, words in vocabulary()["platforms"].items():
        for word in [canonical, *words, *EXTRA.get(canonical, [])]:
            canon.setdefault(word.lower(), canonical)
            (exact if word.isupper() and len(word) <= 4 else loose).append(word)

    def alternation(words: list[str], flags: int) -> re.Pattern[str]:
        body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # longest first
        return re.compile(r"(?<![\w+])(?:" + body + r")(?![\w+])", flags)

    return alternation(loose, re.IGNORECASE), alternation(exact, 0), canon


def parse_platform(text: str | None) -> str | None:
    """The first platform named in `text` (the longest alias at that position), or None."""
    if not text:
        return None
    loose, exact, canon = _patterns()
    found = [m for m in (loose.search(text), exact.search(text)) if m]
    if not found:
        return None
    best = min(found, key=lambda m: (m.start(), -len(m.group(0))))
    return canon.get(best.group(0).lower())


# a trade paper's release credit: "A Netflix release.", "(Sweden) A Prime Video release of a … production",
# "Released by Netflix"; the releasing company between the words, up to a comma (a second company) or the end
RELEASE_CREDIT = re.compile(r"\b(?:An?\s+(?P<a>[^.;:,()]{2,40}?)\s+release\b|(?:[Rr]eleased|[Dd]istributed)\s+by\s+"
                            r"(?P<b>[^.;:,()]{2,40}?)\s*(?:[.;,()]|$))")
NOT_SERVICES = frozenset({"Kino", "DVD/Blu-ray", "TV"})  # a theatrical or disc release names no service


def release_credit_platform(text: str) -> str | None:
    """The streaming service a release credit names as the releasing company, the whole name one of the
    vocabulary's ("A Netflix release" -> Netflix); a distributor ("A Searchlight Pictures release", "An Apple
    Original Films, Paramount Pictures release") is none."""
    m = RELEASE_CREDIT.search(text)
    if m is None:
        return None
    name = canon_of(m.group("a") or m.group("b") or "")
    return name if name not in NOT_SERVICES else None


def canon_of(alias: str) -> str | None:
    """The canonical platform whose alias `alias` is as a whole (in any case), or None."""
    return _patterns()[2].get(" ".join(alias.split()).lower())

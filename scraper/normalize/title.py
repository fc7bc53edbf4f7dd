"""Headline/title text -> the film's title, cleaned of page furniture ("– Kritik / Netflix", "Review:", "(2023)")."""
from __future__ import annotations

import re

QUOTES = "„“”\"«»‚‘’'›‹「」"
# words that mark a review in headlines (German and English)
REVIEW_WORDS = r"(?:Film[- ]?)?(?:Kritik|Rezension|Review|Besprechung|Filmkritik|Filmreview|Kurzkritik|Retro[- ]Review|" \
               r"Movie Review|Film Review|Serienkritik|Heimkino-Kritik|Blu-ray-Kritik|DVD-Kritik)"
PREFIX = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(?:(?:" + REVIEW_WORDS + r"|Im Kino|Neu auf \w+|Kinostart|Klassiker)\s*[:–—-]"
                    r"|(?:" + REVIEW_WORDS + r")\s+(?:zu|of|von|zum Film)\b)\s*", re.IGNORECASE)
ONLY_FURNITURE = re.compile(r"^\s*(?:" + REVIEW_WORDS + r")?\s*$", re.IGNORECASE)
SUFFIX = re.compile(r"\s*(?:[–—|-]|:)\s*(?:(?:unsere?|meine?|die|our|my|the)\s+)?(?:" + REVIEW_WORDS + r")\b.*$|\s+(?:" + REVIEW_WORDS + r")\s*$"
                    r"|\s+(?:" + REVIEW_WORDS + r")\s*[:–—|-]\s.*$", re.IGNORECASE)
# a quoted film name in a review headline: "‘The Holdovers’ Review: …", "Kritik zu „Poor Things“: …"
QUOTED = re.compile(r"[„“\"«»‚‘’›‹]([^„“”\"«»‚‘’›‹]{2,80})[“”\"»«‘’‹›]")
REVIEW_WORD = re.compile(REVIEW_WORDS, re.IGNORECASE)
BRACKETS = re.compile(r"\s*\[(?:draft|entwurf|update|spoiler|video)[^\]]*\]\s*", re.IGNORECASE)
YEAR_PAREN = re.compile(r"\s*\(((?:18|19|20)\d{2})\)")
SITE_SEP = re.compile(r"\s+[|•·»]\s+")


def title_year(text: str | None) -> int | None:
    """The year in "(YYYY)" of a headline, or None."""
    m = YEAR_PAREN.search(text or "")
    return int(m.group(1)) if m else None


def strip_quotes(text: str) -> str:
    """Remove quotes that wrap the whole text."""
    text = text.strip()
    while len(text) >= 2 and text[0] in QUOTES and text[-1] in QUOTES:
        text = text[1:-1].strip()
    if text.count("„") == 1 and text.startswith("„") and "“" in text[-2:]:
        text = text.lstrip("„").rstrip("“").strip()
    return text


def clean_title(text: str | None, site_name: str | None = None) -> str | None:
    """The film's title from a headline or <title>, or None when nothing is left."""
    if not text:
        return None
    title = " ".join(text.split())
    parts = SITE_SEP.split(title)
    if len(parts) > 1:
        title = parts[0]
    if site_name:
        title = re.sub(r"\s*[–—|-]\s*" + re.escape(site_name) + r"\s*$", "", title, flags=re.IGNORECASE)
    title = BRACKETS.sub(" ", title).strip()
    quoted = QUOTED.search(title)
    if quoted and (REVIEW_WORD.search(title) or ":" in title) and len(QUOTED.findall(title)) == 1:
        return strip_quotes(quoted.group(1)) or None
    for _ in range(2):
        title = PREFIX.sub("", title)
        title = SUFFIX.sub("", title).strip()
        title = YEAR_PAREN.sub("", title).strip()
    title = strip_quotes(title).strip(" :–—-")
    return None if ONLY_FURNITURE.match(title) else title

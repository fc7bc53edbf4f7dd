"""Fallback strategy: a score spoken in running text ("bekommt Anora von mir neun von zehn Punkten")."""
from __future__ import annotations

import re

from scraper.extract.page import Page
from scraper.extract.text import in_teaser
from scraper.normalize.rating import may_speak_rating, spoken_ratings
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "prose"
W_SPOKEN = 20  # below every stated rating: prose also scores other films ("the first one got an eight")
MIN_LINE = 30  # characters: shorter lines are captions or credits
WINDOW = 60    # characters before the score where the film's title or a first-person verdict must stand
# first-person verdict words before a score: the reviewer's own ("ich gebe", "von mir", "I give it")
VERDICT_WORDS = re.compile(r"\b(?:ich\s+gebe|gebe\s+ich|ich\s+vergebe|von\s+mir|ich\s+lande\s+bei|meine\s+wertung|"
                           r"i\s+give|i'd\s+give|i\s+would\s+give|i'm\s+giving|i\s+land\s+on|my\s+score)\b",
                           re.IGNORECASE)


def _titles(page: Page) -> list[str]:
    best = sorted(page.cache.get("titles", []), key=lambda c: -c.weight)
    return [fold(str(best[0].value))] if best and str(best[0].value).strip() else []


def rating(page: Page) -> list[Candidate]:
    """The first spoken score whose sentence names the film or the reviewer's verdict right before it."""
    if page.main is None:
        return []
    rows = [ln for ln in page.main_lines if len(ln.text) >= MIN_LINE]
    if not may_speak_rating("\n".join(ln.text for ln in rows)):  # one plain test for the page, not per line
        return []
    titles = _titles(page)
    for line in rows:
        text = line.text
        for start, found in spoken_ratings(text):
            before = text[max(0, start - WINDOW):start]
            if (VERDICT_WORDS.search(before) or any(t and t in fold(before) for t in titles)) and \
                    not in_teaser(line.el, page.main):
                return [Candidate("rating", found, NAME, text[max(0, start - WINDOW):start + 40], W_SPOKEN)]
    return []

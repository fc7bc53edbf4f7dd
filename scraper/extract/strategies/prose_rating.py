"""Fallback strategy: a score spoken in running text ("bekommt Anora von mir neun von zehn Punkten")."""
from __future__ import annotations

import re

from scraper.extract.page import Page
from scraper.extract.text import in_teaser
from scraper.normalize.rating import make_rating, may_speak_rating, parse_rating, spoken_ratings
from scraper.normalize.vocab import fold, letter_grades
from scraper.record import Candidate

NAME = "prose"
W_SPOKEN = 20  # below every stated rating: prose also scores other films ("the first one got an eight")
MIN_LINE = 30  # characters: shorter lines are captions or credits
WINDOW = 60    # characters before the score where the film's title or a first-person verdict must stand
# first-person verdict words before a score: the reviewer's own ("ich gebe", "von mir", "I give it")
VERDICT_WORDS = re.compile(r"\b(?:ich\s+gebe|gebe\s+ich|ich\s+vergebe|von\s+mir|ich\s+lande\s+bei|meine\s+wertung|"
                           r"i\s+give|i'd\s+give|i\s+would\s+give|i'm\s+giving|i\s+land\s+on|my\s+score)\b",
                           re.IGNORECASE)


# a score closing a paragraph of the review: "… Pflichtprogramm. 9.0/10", "… only the most profound can offer. [A-]"
# (a fraction after a sentence's end, a letter grade only in brackets)
CLOSING = re.compile(r"(?:(?<=[.!?…])\s+(?P<num>\d{1,2}(?:[.,]\d)?\s*/\s*(?:5|10|100))|"
                     r"\s+[\[(](?P<grade>[A-F][+-]?)[\])])\s*$")
MIN_CLOSING_WORDS = 20  # the paragraph is prose, not a line of facts


def _closing(page: Page) -> list[Candidate]:
    """The score a paragraph of prose ends with, when exactly one paragraph of the page ends with one."""
    found = []
    for line in page.main_lines:
        text = line.text
        if line.block not in ("p", "div", "blockquote") or len(text.split()) < MIN_CLOSING_WORDS or \
                not (text[-1:].isdigit() or text[-1:] in ")]"):
            continue
        m = CLOSING.search(text)
        if m and not in_teaser(line.el, page.main):
            grade = m.group("grade")
            rating = make_rating(grade, grade, None, letter_grades()[grade]) if grade and grade in letter_grades() \
                else parse_rating(m.group("num")) if m.group("num") else None
            if rating is not None:
                found.append(Candidate("rating", rating, NAME, text[max(0, m.start() - 50):], W_SPOKEN))
    return found if len(found) == 1 else []


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


MAX_SCORE_LINE = 40  # characters of a line that is a spoken score and nothing else ("Vier von fünf Sternen")


def _score_line(page: Page) -> list[Candidate]:
    """A line that is one spoken score and nothing more ("Vier von fünf Sternen", "Four out of five stars.",
    "acht von zehn Punkten"), when exactly one line of the page is one: the review's own score set apart, as a
    rating box writes it ("Die Bewertung auf einen Blick" above it)."""
    found = []
    for line in page.main_lines:
        text = line.text.strip().rstrip(".!")
        if len(text) > MAX_SCORE_LINE or not may_speak_rating(f" {text}") or in_teaser(line.el, page.main):
            continue
        spoken = spoken_ratings(text)
        if len(spoken) == 1 and spoken[0][0] == 0 and spoken[0][1].raw == text:
            found.append(Candidate("rating", spoken[0][1], NAME, f"score line: {text}", W_SPOKEN))
    return found if len(found) == 1 else []


def rating_or_closing(page: Page) -> list[Candidate]:
    """A spoken score (above), else the score a paragraph of prose closes with, else a line that is a spoken
    score alone."""
    if page.main is None:
        return []
    return rating(page) or _closing(page) or _score_line(page)

"""Does a page present itself as a review of one film? Review words in kicker lines and URL, its title in prose."""
from __future__ import annotations

import re
import urllib.parse

from scraper.extract.page import Page
from scraper.normalize.title import REVIEW_WORD, clean_title
from scraper.normalize.vocab import fold

KICKER_LINES = 6      # the first lines of the main content: kicker, headline, byline
MAX_KICKER = 120      # characters: a longer line is prose
# URL path segments: a singular review word in the page's own slug ("filmkritik-nebelhorn", "review-glass-harbor")
# or a review section ("/kritiken/", "/filmkritiken/"); plurals inside a slug ("erste-kritiken") report on reviews
SLUG_REVIEW_WORDS = frozenset({"kritik", "filmkritik", "review", "rezension", "besprechung", "filmreview"})
SECTION_REVIEW_WORDS = SLUG_REVIEW_WORDS | {"kritiken", "filmkritiken", "reviews", "rezensionen", "movie-review",
                                            "movie-reviews", "reviews-movies-en"}
# path segments of lists and reports: these pages are not one review however they are named
LIST_SEGMENTS = frozenset({"category", "kategorie", "tag", "tags", "page", "seite", "news", "nachrichten",
                           "userkritiken", "archiv", "archive", "search", "suche"})
# a short line opening with a review word and naming a film: "Kritik: Glass Harbor (2023)"
HEADING_INITIALS = frozenset("FfKkRr")
REVIEW_HEADING = re.compile(r"^\s*(?:Film)?(?:Kritik|Review|Rezension)\s*[:–—-]\s*\S", re.IGNORECASE)

# a review's conclusion opening a line: "Fazit: …", "Unser Fazit: …", "Verdict: …"
CONCLUSION = re.compile(r"^\s*(?:(?:unser|mein|our|my|the)\s+)?(?:fazit|verdict|urteil)\s*[:–—-]\s*\S",
                        re.IGNORECASE)


def _segments(url: str) -> list[str]:
    try:
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lower()
    except ValueError:
        return []
    return [s for s in path.split("/") if s]


def url_says_review(url: str) -> bool:
    """The URL names a review section or its slug a review, and no list/news section."""
    segments = _segments(url)
    if any(s in LIST_SEGMENTS for s in segments):
        return False
    if any(s in SECTION_REVIEW_WORDS for s in segments[:-1]):
        return True
    last = re.split(r"[-_.]+", segments[-1]) if segments else []
    return any(w in SLUG_REVIEW_WORDS for w in last)


def kicker_says_review(page: Page) -> bool:
    """A review word in one of the first short lines of the main content ("Eine Filmkritik von …")."""
    short = [ln.text for ln in page.main_lines[:KICKER_LINES] if len(ln.text) <= MAX_KICKER]
    return any(REVIEW_WORD.search(text) for text in short)


def concludes(page: Page) -> bool:
    """A line of the main content opens with a review's conclusion ("Fazit: …")."""
    return any(CONCLUSION.match(ln.text) for ln in page.main_lines)


def review_headings(page: Page) -> int:
    """How many different films short "Kritik: Film" lines name (a list of reviews names several)."""
    names = {fold(clean_title(ln.text) or "") for ln in page.main_lines  # first letter before the regex: speed
             if ln.text[:1] in HEADING_INITIALS and len(ln.text) <= MAX_KICKER and REVIEW_HEADING.match(ln.text)}
    return len(names - {""})


def title_in_prose(page: Page, title: str, min_chars: int) -> bool:
    """The film's title recurs in a paragraph of prose (not only in the headline)."""
    key = fold(title)
    return bool(key) and any(len(ln.text) >= min_chars and key in fold(ln.text) for ln in page.main_lines)

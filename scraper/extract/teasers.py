"""Is the page's one film item a teaser of that film's review on its own page (a newsletter issue, a digest)?"""
from __future__ import annotations

import urllib.parse
from itertools import takewhile

from lxml import etree

from scraper.extract.page import Page
from scraper.extract.presentation import READ_FULL_REVIEW
from scraper.extract.strategies.prose import FOLD
from scraper.extract.text import REVIEW_LINK, same_page, squash, text_content
from scraper.normalize.vocab import fold

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
ITEM_HEADINGS = ("h2", "h3", "h4", "h5", "h6")  # an item below the page's headline: an h1 is the page's own
MIN_TITLE_KEY = 3   # folded characters of a heading a link's slug must name ("Up" is too short to tell)
MIN_SHARE = 0.5     # of the main content's words: the item is the page's content, not a tip after it


def _slug_names(href: str, url: str, keys: set[str]) -> bool:
    """`href` leads to another page whose last path segment names the film ("/kritik/nebelhorn/?utm_source=…",
    "Fallende Blätter" -> "/kritik/fallende-blaetter/")."""
    if same_page(href, url):
        return False
    try:
        path = urllib.parse.urlsplit(urllib.parse.urljoin(url, href)).path
    except ValueError:
        return False
    segments = [s for s in urllib.parse.unquote(path).split("/") if s]
    return bool(segments) and any(key in fold(segments[-1]) for key in keys)


def _has_heading(el: etree._Element) -> bool:
    return el.tag in HEADINGS or next(el.iter(*HEADINGS), None) is not None


def _words(els: list[etree._Element]) -> int:
    return sum(len(text_content(el).split()) for el in els)


def _teases(heading: etree._Element, section: list[etree._Element], url: str) -> bool:
    """The heading links to the review of its film on another page, or a read-more link of its section does."""
    text = squash(text_content(heading))
    keys = {fold(text), fold(text.lower().translate(FOLD))}  # a slug writes umlauts as "ae", "oe", "ue"
    if min(len(k) for k in keys) < MIN_TITLE_KEY:
        return False
    if any(REVIEW_LINK.search(h := a.get("href") or "") and _slug_names(h, url, keys) for a in heading.iter("a")):
        return True
    return any(READ_FULL_REVIEW.search(squash(text_content(a))) and _slug_names(a.get("href") or "", url, keys)
               for el in section for a in el.iter("a"))


def teases_own_review(page: Page) -> bool:
    """The page's content is one film item whose heading links to the film's review on another page, or whose
    read-more link does ("Zur Einzelkritik →", "Read the full review"): the page only points to that review (a
    newsletter issue of one item). The item holds most of the page's words: a tip of another film after a
    review, or a review linking back to its issue, is no such teaser; an h1 is the page's own headline."""
    if page.main is None:
        return False
    total = 0
    for heading in page.main.iter(*ITEM_HEADINGS):
        section = list(takewhile(lambda el: not _has_heading(el), heading.itersiblings()))
        if not _teases(heading, section, page.url):
            continue
        total = total or len(text_content(page.main).split())
        if _words([heading, *section]) >= MIN_SHARE * total:
            return True
    return False

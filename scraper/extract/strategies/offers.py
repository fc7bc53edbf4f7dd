"""Strategy: "where to watch" blocks: a list of provider offers; the one available by subscription or for free
names the platform, and its "seit 25.12.2020" the streaming start."""
from __future__ import annotations

import re

from lxml import etree

from scraper.extract.page import Page
from scraper.extract.text import element_text
from scraper.normalize import parse_date, parse_platform
from scraper.record import Candidate

NAME = "offers"
WEIGHT = 80  # below labelled facts (90), above phrases in prose
HEADING = re.compile(r"^\s*(?:wo\s+läuft|wo\s+kann\s+man|wo\s+(?:gibt\s+es|streamen)|where\s+to\s+(?:watch|stream)|"
                     r"streaming(?:-|\s)?(?:anbieter|angebote)?\b|jetzt\s+(?:ansehen|streamen)|verfügbar\s+bei)", re.IGNORECASE)
CLASS_WORDS = ("where-to-watch", "offers", "providers", "watch-options", "streaming-offers")
# offers that are not a release on the platform
UNAVAILABLE = re.compile(r"nicht\s+verfügbar|not\s+available|kaufen|leihen|\bbuy\b|\brent\b|ab\s+\d+,\d{2}|€|\$", re.IGNORECASE)


def _blocks(page: Page) -> list[etree._Element]:
    assert page.main is not None
    found = []
    for el in page.main.iter("section", "div", "aside"):
        cls = f"{el.get('class', '')} {el.get('id', '')}".lower()
        heading = next((c for c in el if c.tag in ("h2", "h3", "h4", "h5", "h6")), None)
        if any(w in cls for w in CLASS_WORDS) or (heading is not None and HEADING.match(element_text(heading))):
            found.append(el)
    return found


def _offer(item: etree._Element) -> tuple[str, str | None] | None:
    """(platform, date or None) of one available offer."""
    text = element_text(item)
    if UNAVAILABLE.search(text):
        return None
    names = " ".join([*(img.get("alt", "") for img in item.iter("img")), text])
    platform = parse_platform(names)
    return (platform, parse_date(text)) if platform else None


def candidates(page: Page) -> list[Candidate]:
    """Platform and start date of the first available offer of a where-to-watch block."""
    if page.main is None:
        return []
    for block in _blocks(page):
        for item in block.iter("li"):
            found = _offer(item)
            if found:
                platform, date = found
                snippet = element_text(item)[:160]
                out = [Candidate("platform", platform, NAME, snippet, WEIGHT)]
                return out + ([Candidate("release_date", date, NAME, snippet, WEIGHT)] if date else [])
    return []

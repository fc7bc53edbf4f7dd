"""Strategy: labelled fact blocks in any shape: table rows, <dl>, "Label: value" lines and <br> credit lines."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from scraper.extract.labels import COUNTRIES, FACT_LABELS, RELEASE_PLATFORM
from scraper.extract.page import Page
from scraper.extract.text import element_text
from scraper.normalize import parse_date, parse_fsk, parse_genres, parse_names, parse_platform, parse_rating
from scraper.normalize.genres import LIST_SPLIT, is_genre_word
from scraper.normalize.title import strip_quotes
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "factbox"
WEIGHT = 90          # labelled facts are the page's own statement
UNLABELLED = 65      # fact lines recognised by their content only ("Südkorea 2023", "Action, Thriller")
MAX_LABEL = 40       # characters
MAX_VALUE = 400      # characters
LABEL_LINE = re.compile(r"^\s*([^\W\d][^:：]{0,%d}?)\s*[:：]\s*(.+)$" % MAX_LABEL)
SEGMENT_SPLIT = re.compile(r"\s+(?://|\||·|•)\s+")
SEGMENT_MARKS = ("//", "|", "·", "•")
YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d{2})(?!\d)")
_COUNTRY = "|".join(re.escape(c) for c in sorted(COUNTRIES, key=len, reverse=True))
COUNTRY_YEAR = re.compile(r"^(?:(?:%s)\s*[,/&]?\s*)+\s*((?:18|19|20)\d{2})$" % _COUNTRY, re.I)
FSK_HINT = re.compile(r"\d|frei|jugend|ohne", re.I)  # a bare FSK cell names a number or a phrase
LIST_BLOCKS = ("li", "dd", "td", "span")  # unlabelled facts come as items of a list, not as paragraphs
LABEL_TRIM = re.compile(r"^[\s*•·–-]+|[\s*•·–-]+$")


FOLDED_LABELS = {fold(k): (v, k) for k, v in FACT_LABELS.items()}


def _label_field(label: str) -> tuple[str, str] | None:
    """(field, vocabulary label) of a label as written ("Heimkino-Start", "Land / Jahr"), or None."""
    return FOLDED_LABELS.get(fold(LABEL_TRIM.sub("", label)))


def pairs(page: Page) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of the main content, in document order."""
    main = page.main
    if main is None:
        return
    for row in main.iter("tr"):
        cells = [c for c in row if c.tag in ("td", "th")]
        if len(cells) == 2:
            yield element_text(cells[0]), element_text(cells[1])
    for dl in main.iter("dl"):
        label = None
        for child in dl:
            if child.tag == "dt":
                label = element_text(child)
            elif child.tag == "dd" and label:
                yield label, element_text(child)
    for line in page.main_lines:
        text = line.text
        if ":" not in text and "：" not in text:
            continue
        segments = SEGMENT_SPLIT.split(text) if any(s in text for s in SEGMENT_MARKS) else [text]
        for segment in segments:
            colon = segment.find(":")
            if 0 < colon <= MAX_LABEL + 2 or "：" in segment[:MAX_LABEL + 2]:
                m = LABEL_LINE.match(segment)
                if m:
                    yield m.group(1), m.group(2)


def _value_candidates(field: str, label: str, value: str,
                      scale: Callable[[], float | None]) -> list[tuple[str, object]]:
    """(field, normalized value) pairs stated by one labelled value."""
    value = value.strip()[:MAX_VALUE]
    if field in ("title", "original_title"):
        text = strip_quotes(value)
        return [(field, text)] if text else []
    if field in ("year", "country"):
        m = YEAR.search(value)
        return [("year", int(m.group(1)))] if m else []
    if field == "genres":
        return [("genres", parse_genres(value))]
    if field == "fsk":
        return [("fsk", parse_fsk(value if FSK_HINT.search(value) else None))]
    if field in ("directors", "cast"):
        return [(field, parse_names(value))]
    if field == "platform":
        return [("platform", parse_platform(value))]
    if field == "release":
        platform = parse_platform(value) or parse_platform(RELEASE_PLATFORM.get(label, ""))
        return [("release_date", parse_date(value)), ("platform", platform)]
    if field == "rating":
        found = parse_rating(value, letters=True)
        return [("rating", found or parse_rating(value, bare=True, scale_hint=scale()))]
    return []


def _unlabelled(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    for line in page.main_lines:
        text = line.text
        if len(text) > 60 or line.block not in LIST_BLOCKS:
            continue
        if text[-1:].isdigit():
            m = COUNTRY_YEAR.match(text)
            if m:
                out.append(Candidate("year", int(m.group(1)), NAME, text, UNLABELLED))
            continue
        if ":" in text or any(c.isdigit() for c in text):
            continue
        words = [w.strip() for w in LIST_SPLIT.split(text) if w.strip()]
        if words and all(is_genre_word(w) for w in words):
            out.append(Candidate("genres", parse_genres(text), NAME, text, UNLABELLED))
    return out


def candidates(page: Page) -> list[Candidate]:
    """One candidate per labelled fact; repeated labels give repeated candidates (seen by the verdict)."""
    out: list[Candidate] = []
    for label, value in pairs(page):
        known = _label_field(label)
        if not known:
            continue
        field, key = known
        for name, normalized in _value_candidates(field, key, value, page.scale_hint):
            if normalized not in (None, "", []):
                out.append(Candidate(name, normalized, NAME, f"{label}: {value}"[:160], WEIGHT))
    # content-only lines count beside labelled facts, never alone: alone they are guesses
    return out + _unlabelled(page) if out else out

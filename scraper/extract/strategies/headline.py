"""Strategy: the page's headline (<h1>), <title> and og:title, cleaned of decoration; "(YYYY)" gives a year."""
from __future__ import annotations

import re
import urllib.parse

from scraper.extract.page import Page
from scraper.extract.text import element_text
from scraper.normalize.platform import parse_platform
from scraper.normalize.title import QUOTED, QUOTES, clean_title, names_site, title_year
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "headline"
# trust: the <h1> names the film more often than <title>, which carries the site's furniture
SOURCES = (("h1", 70, 75), ("h2", 60, 65), ("og:title", 50, 55), ("title", 45, 50))
QUOTE_CHARS = frozenset(QUOTES)
HOST_NOISE = {"www", "m", "blog", "de", "com", "net", "org"}
W_HEAD_QUOTED = 72  # the part of "Film: tagline" before the colon, when the page quotes it elsewhere
MAX_HEAD = 80       # characters
# what follows a colon that continues the film's name instead of starting a tagline ("Dune: Teil 2")
SEQUEL = re.compile(r"^(?:Teil|Part|Chapter|Kapitel|Episode|Vol\.?|Volume)\s+(?:\d+|[IVX]+|One|Two|Three|Four|"
                    r"Eins|Zwei|Drei|Vier)\b|^(?:\d+|[IVX]+)$", re.IGNORECASE)
DASH = re.compile(r"\s+[-–—]\s+")
# a platform named right before a review or start word: "Nebelhorn (2024) Netflix Review", "Netflix-Start: …"
PLATFORM_BESIDE = re.compile(r"(\S+(?:\s+(?:TV\+?|Video|Max|Plus|\+))?)[\s-]+(?:Review|Kritik|Filmkritik|Start)\b",
                             re.IGNORECASE)
W_PLATFORM = 40  # below every stated platform: a headline names it in passing
MIN_TAGLINE_WORDS = 5  # words after a dash: shorter tails are subtitles ("Halloween – Die Nacht des Grauens")
MIN_TAGLINE_CONTENT = 2  # lower-case words that are not function words: subtitles are names, taglines sentences
FUNCTION_WORDS = frozenset([
    "der", "die", "das", "des", "dem", "den", "ein", "eine", "einer", "eines", "und", "oder", "von", "vom", "zu",
    "zum", "zur", "im", "in", "am", "an", "auf", "aus", "mit", "für", "the", "a", "an", "of", "and", "or", "to",
    "in", "on", "at", "for", "with", "from", "de", "la", "le", "et",
])


def headline(page: Page) -> str:
    """Text of the main <h1> (inside the main content when there is one there)."""
    if page.root is None:
        return ""
    if "headline" not in page.cache:
        inside = [t for t in (element_text(h) for h in page.main.iter("h1")) if t] if page.main is not None else []
        # an <h1> outside the main content that names the site is the logo, not the headline
        outside = [t for t in (element_text(h) for h in page.root.iter("h1")) if t and not _names_site(t, page)]
        page.cache["headline"] = (inside or outside or [""])[0]
    return str(page.cache["headline"])


def _names_site(text: str, page: Page) -> bool:
    return names_site(text, site_names(page))


def _quoted_mentions(page: Page) -> set[str]:
    """Folded names the main content quotes („Soul“, "Soul")."""
    return {fold(m.group(1)) for line in page.main_lines for m in QUOTED.finditer(line.text)}


def _before_colon(text: str, page: Page) -> Candidate | None:
    """"Soul: Pixars schönster Film" -> "Soul" when the page quotes „Soul“ elsewhere (a headline with a tagline);
    "Nebelhorn - Lindqvists stiller Film ist sehenswert" likewise; "Familiendrama - Nebelhorn"
    -> the quoted part after a one-word kicker."""
    head = _colon_head(text) or _dash_part(text, page)
    if not head or len(head) > MAX_HEAD:
        return None
    if fold(head) in _quoted_mentions(page):
        return Candidate("title", head, NAME, f"h1: {text}"[:160], W_HEAD_QUOTED)
    return None


def _colon_head(text: str) -> str | None:
    if ": " not in text or text[:1] in QUOTE_CHARS:  # a quoted headline is cleaned as a whole
        return None
    head, tail = text.split(": ", 1)
    return None if SEQUEL.match(tail.strip()) else clean_title(head)


def _dash_part(text: str, page: Page) -> str | None:
    parts = DASH.split(text, 1)
    if len(parts) != 2:
        return None
    head, tail = parts
    if len(head.split()) == 1 and fold(tail) in _quoted_mentions(page):
        return clean_title(tail)  # a one-word kicker ("Kriegsdrama") before the film's name
    return clean_title(head) if _is_tagline(tail) else None


def _is_tagline(text: str) -> bool:
    """A sentence, not a subtitle: five words or more, two of them lower-case content words ("Lindqvists Film
    ist leise und schön"; not "Die Nacht des Grauens (1978)", "und der Stein der Weisen")."""
    words = re.sub(r"\([^)]*\)", " ", text).split()
    content = [w for w in words if w[:1].islower() and w.lower() not in FUNCTION_WORDS]
    return len(words) >= MIN_TAGLINE_WORDS and len(content) >= MIN_TAGLINE_CONTENT


def site_names(page: Page) -> list[str]:
    """Names the site goes by: og:site_name and the label of the URL's host ("filmtagebuch")."""
    try:
        host = urllib.parse.urlsplit(page.url).hostname or ""
    except ValueError:  # a malformed URL ("http://[::1") names no site
        host = ""
    labels = [p for p in host.split(".") if p not in HOST_NOISE]
    return [n for n in (page.meta_first("og:site_name"), labels[0] if labels else "") if n]


def _first_heading(page: Page) -> str:
    """The main content's first <h2>, for pages without a headline <h1> (older blog themes, logo <h1>s)."""
    if page.main is None or page.root is None or clean_title(headline(page)):
        return ""  # the <h1> names something beyond furniture ("Filmkritik" alone does not)
    h2 = next(page.main.iter("h2"), None)
    return element_text(h2) if h2 is not None else ""


def candidates(page: Page) -> list[Candidate]:
    """Title and year candidates from headline texts."""
    site = site_names(page)
    texts = {"h1": headline(page), "h2": _first_heading(page), "og:title": page.meta_first("og:title") or "",
             "title": page.title_tag}
    out: list[Candidate] = []
    if (tagline := _before_colon(texts["h1"], page)) is not None:
        out.append(tagline)
    for source in ("h1", "og:title", "title"):
        found = PLATFORM_BESIDE.search(texts[source])
        platform = parse_platform(found.group(1)) if found else None
        if platform and platform != "Kino":  # "Kino-Kritik" is the section, not where the film runs
            out.append(Candidate("platform", platform, NAME, f"{source}: {texts[source]}"[:160], W_PLATFORM))
            break
    for source, w_title, w_year in SOURCES:
        text = texts[source]
        title = clean_title(text, site)
        if title:
            out.append(Candidate("title", title, NAME, f"{source}: {text}"[:160], w_title))
        year = title_year(text)
        if year:
            out.append(Candidate("year", year, NAME, f"{source}: {text}"[:160], w_year))
    return out

"""Fact lines read segment by segment ("Director X · USA, 2019 · 128 min · R · Netflix, December 8, 2023") and
info-box leads ("<b>Der Film</b> (The Film)"): the film's title, year, platform and start (pure tree reading)."""
from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from lxml import etree

from scraper.extract.credits import (
    NAME_PART,
    SEGMENT_SPLIT,
    has_segments,
    label_matches,
    starts_with_prefix,
    statements,
)
from scraper.extract.labels import (
    COUNTRIES,
    COUNTRY_CODES,
    FACT_LABELS,
    INFO_HEADINGS,
    REVIEW_WORDS,
    STOP_LABELS,
)
from scraper.extract.page import Page
from scraper.extract.presentation import title_in_prose
from scraper.extract.strategies.context import month_first
from scraper.extract.strategies.headline import PERSON_CONTEXT, headline, recurs_as_film
from scraper.extract.strategies.prose import is_person
from scraper.extract.text import Line, in_teaser, lines, text_content
from scraper.normalize import parse_date, parse_fsk, parse_platform
from scraper.normalize.genres import LIST_SPLIT, is_genre_word, parse_genres
from scraper.normalize.title import YEAR_PAREN, clean_title, strip_quotes
from scraper.normalize.vocab import fold
from scraper.record import Candidate

NAME = "factbox"
W_SEGMENT = 85     # a fact segment of a line of three or more segments, two of them facts: the page's statement
W_LINE_TITLE = 75  # the film named first in such a line, or alone in an emphasis right above it, named in prose
W_LINE_ALONE = 65  # such a title the prose never names: below the headline (a box about another film)
W_LEAD = 75        # "<b>Der Film</b> (The Film)": the title and the original title of an info box
MAX_LINE = 300     # characters; longer lines are prose
MAX_TITLE = 70     # characters
MIN_SEGMENTS = 3
MIN_FACT_SEGMENTS = 2
MAX_PLATFORM_WORDS = 3  # "on Prime Video"
MIN_NAME_WORDS, MAX_NAME_WORDS = 2, 4
MIN_LIST_ITEMS, MAX_LIST_ITEMS = 3, 12  # a list of fact items read like a fact line
MAX_ITEM = 60  # characters of one list item
# "USA, 2019", "Deutschland / Frankreich 2023", "(D 2023)", "F 2023": countries then a year
_COUNTRY = "|".join(re.escape(c) for c in sorted([*COUNTRIES, *COUNTRY_CODES], key=len, reverse=True))
COUNTRY_YEAR = re.compile(r"^\(?(?:(?:" + _COUNTRY + r")\s*[,/&]?\s*)+\(?((?:18|19|20)\d{2})\)?\)?$", re.IGNORECASE)
# "Der stille Hafen (D 2023)": the title with its country and year in parentheses
TITLE_PAREN_YEAR = re.compile(r"^(.{1,80}?)\s*\((?:(?:" + _COUNTRY + r")\s*[,/&]?\s*)*((?:18|19|20)\d{2})\)$",
                              re.IGNORECASE)
RUNTIME = re.compile(r"^(?:\d\s*(?:h|hr|hrs|std\.?)\s*)?\d{1,3}\s*(?:min\.?|mins\.?|minutes|minuten|m)$|^\dh\s*\d{1,2}m?$",
                     re.IGNORECASE)
# age ratings of other systems: a fact of the line, not an FSK value
RATING_CODE = re.compile(r"^(?:Rated\s+)?(?:G|PG|PG-13|R|NC-17|NR|Unrated|TV-(?:Y7?|G|PG|14|MA)|U|12A|15|18)$",
                         re.IGNORECASE)
# "Netflix, December 8, 2023", "in theaters June 6, 2025": a platform, then a date
PLATFORM_DATE = re.compile(r"^(?:(?:now\s+)?(?:on|in|im|auf|bei)\s+)?([^,\d]{2,30}?)\s*[,:–-]?\s+(\S.*\d{4})$",
                           re.IGNORECASE)
# an info paragraph naming the film first: "Der stille Hafen, Deutschland 2023, 104 Minuten. Im Kino."
MAX_INFO_LINE = 160  # characters
INFO_PLATFORM = re.compile(r"^(?:(?:jetzt|ab\s+sofort|now)\s+)?(?:im\s+kino|in\s+den\s+kinos|in\s+theat(?:er|re)s|"
                           r"in\s+cinemas|(?:streaming\s+)?(?:bei|auf|on)\s+\S.{0,20})(?:\s+(?:now|jetzt))?$",
                           re.IGNORECASE)
INFO_PARTS = re.compile(r"[,.]\s+|\s[–—]\s")  # the parts of an info line, for a plain first look
QUOTED_PAREN = re.compile(r"(?<=[“”\"»«‘’])\s*\(\s*[„“\"«»‚‘][^()]{1,80}[“”\"»«‘’]\s*\)\s*$")
BARE_YEAR = re.compile(r"^(?:18|19|20)\d{2}$")
INFO_DASH = re.compile(r"\s[–—]\s")  # "Glass Harbor (USA 2019) – 128 min.": a dash separates facts too
INFO_TITLES = "info_titles"  # page.cache key: titles a fact line names and the prose repeats (read by the verdict)
EMPHASIS = ("em", "i", "strong", "b", "cite")
TITLE_BLOCKS = ("h2", "h3", "h4", "p", "div")
TITLE_START = re.compile(r"^(?!\d{1,3}[.)]\s)[\"„“«‘'A-ZÄÖÜÉ0-9]")  # not a list number ("1. Ballerina")
# a bold lead's parenthesis that is no original title: a year, a label ("OT: …" is read as a label), a runtime
LEAD_PAREN = re.compile(r"^\s*\(([^()]{2,80})\)\s*(?:$|[,.;:·|–-])")
YEAR = re.compile(r"(?<!\d)(?:18|19|20)\d{2}(?!\d)")
MAX_BOX_TEXT = 600  # characters of a lead's block read for the facts beside it
KNOWN_LABELS = frozenset(fold(k) for k in [*FACT_LABELS, *STOP_LABELS, *INFO_HEADINGS])


def _fact(segment: str, us_dates: bool) -> list[tuple[str, object]] | None:
    """(field, value) pairs one segment states ([] for a fact we do not keep), or None when it is no fact."""
    # COUNTRY_YEAR's alternation is slow: the segment's ending is tested first
    if (segment[-1:].isdigit() or segment.endswith(")")) and (m := COUNTRY_YEAR.match(segment)):
        return [("year", int(m.group(1)))]
    head, _, tail = segment.rpartition(",")
    if head and RUNTIME.match(tail.strip()) and (m := COUNTRY_YEAR.match(head.strip())):
        return [("year", int(m.group(1)))]  # "USA 2024, 138 Minuten": production and runtime in one item
    if head and (pieces := _country_year_genres(segment)) is not None:
        return pieces  # "USA 2024, Animation, Komödie": production, then the genres, in one item
    if RUNTIME.match(segment) or RATING_CODE.match(segment):
        return []
    if segment.upper().startswith("FSK") and (fsk := parse_fsk(segment)) is not None:
        return [("fsk", fsk)]
    if starts_with_prefix(segment) or ((found := label_matches(segment)) and found[0].start == 0):
        return []  # "Director X", "Regie: Y": read by the credit lines of factbox
    if (m := PLATFORM_DATE.match(segment)) and (platform := parse_platform(m.group(1))) and \
            (date := parse_date(m.group(2), us_dates)):
        return [("platform", platform), ("release_date", date)]
    if len(segment.split()) <= MAX_PLATFORM_WORDS and not YEAR.search(segment) and \
            (platform := parse_platform(segment)):
        return [("platform", platform)]  # "Netflix", "In theaters", "on Prime Video"
    words = [w.strip() for w in LIST_SPLIT.split(segment) if w.strip()]  # genres last: the costly test
    return [] if words and all(is_genre_word(w) for w in words) else None


def _person(segment: str) -> bool:
    """A bare name in a fact line ("Ola Svensk"): neither a fact we read nor a sign of prose."""
    return MIN_NAME_WORDS <= len(segment.split()) <= MAX_NAME_WORDS and bool(NAME_PART.match(segment))


def _line_title(text: str) -> str:
    """A title as a fact line writes it: without quotes, its "(2018)" and a quoted original title after it
    ("„Der Killer“ („The Killer“)")."""
    return YEAR_PAREN.sub("", strip_quotes(QUOTED_PAREN.sub("", text))).strip()


def _title_like(text: str) -> bool:
    text = text.strip()
    low = text.lower()
    return 0 < len(text) <= MAX_TITLE and bool(TITLE_START.match(text)) and ":" not in text and \
        fold(text) not in KNOWN_LABELS and fold(text) not in COUNTRIES and not text.isdigit() and \
        not any(low.startswith(w) for w in REVIEW_WORDS) and \
        not any(is_genre_word(w.strip()) for w in LIST_SPLIT.split(text) if w.strip())  # "Spielfilm, Drama"


def _segment_line(text: str, us_dates: bool) -> tuple[list[tuple[str, object]], str | None] | None:
    """The facts of a segmented fact line and the title it names first, or None for any other line."""
    segments = [s.strip() for s in SEGMENT_SPLIT.split(text) if s.strip()]
    if len(segments) < MIN_SEGMENTS:
        return None
    read = [_fact(segments[0], us_dates)]
    for segment in segments[1:]:
        read.append(_fact(segment, us_dates))
        if read[-1] is None and not _person(segment):
            return None  # a line of facts has nothing else after its first segment (bylines, menus)
    if sum(1 for r in read if r is not None) < MIN_FACT_SEGMENTS:
        return None
    pairs = [pair for r in read if r for pair in r]
    title = _line_title(segments[0]) if read[0] is None and _title_like(_line_title(segments[0])) else None
    if title and (lead := TITLE_PAREN_YEAR.match(segments[0])) and not any(f == "year" for f, _ in pairs):
        pairs.append(("year", int(lead.group(2))))  # "Glass Harbor (2019) · Directed by …"
    return pairs, title


def _country_year_genres(segment: str) -> list[tuple[str, object]] | None:
    """"USA 2024, Animation, Komödie", "Frankreich/Belgien 2023, Drama, 104 Min." -> the year and the genres;
    None unless the item opens with its countries and year and every other part is a genre or a runtime."""
    first, *rest = [p.strip() for p in segment.split(",")]
    if not rest or not (m := COUNTRY_YEAR.match(first)):
        return None
    words = [w.strip() for part in rest for w in LIST_SPLIT.split(part) if w.strip()]
    kinds = [RUNTIME.match(w) is not None or is_genre_word(w) for w in words]
    if not words or not all(kinds):
        return None
    genres = parse_genres([w for w in words if not RUNTIME.match(w)])
    return [("year", int(m.group(1)))] + ([("genres", genres)] if genres else [])


def _info_line(text: str, title_above: Callable[[], bool], limit: int = MAX_INFO_LINE,
               under_headline: Callable[[], bool] = lambda: False) -> tuple[list[tuple[str, object]], str | None] | None:
    """Facts and title of a line that names the film (or follows a line that does), then only its facts: a
    country and year and others (runtime, age rating, genre, where it runs; labelled credits factbox reads)."""
    if len(text) > limit or ("," not in text and ". " not in text) or not YEAR.search(text):
        return None  # the year is needed: a plain test before the statement split
    if not any(_states_production(part) for part in INFO_PARTS.split(text)):
        return None  # no "Deutschland 2023" / "(D 2023)" part: prose that names a year
    found = statements(INFO_DASH.sub(", ", text))
    pairs: list[tuple[str, object]] = []
    title, led_by_person = None, False
    if found and found[0].kind == "item" and is_person(found[0].value.strip()) and _fact(found[0].value, False) is None \
            and len(found) > 1 and under_headline():
        # "Mara Lindqvist, Schweden, 2023" right under the <h1>: a film database's line, its director first (not
        # under another film's name in a box of other films: "Anora – Sean Baker, USA 2024")
        pairs.append(("directors", [found[0].value.strip()]))
        found, led_by_person = found[1:], True
    elif found and found[0].kind == "item" and _fact(found[0].value, False) is None:
        lead = TITLE_PAREN_YEAR.match(found[0].value)
        if lead:
            pairs.append(("year", int(lead.group(2))))
        title = _line_title(lead.group(1) if lead else found[0].value)
        if not _title_like(title):
            return None
        found = found[1:]
    elif not title_above():  # asked only now: most lines fail before
        return None
    stated = len(pairs)  # statements of facts: the year in "Title (D 2023)", items, credits
    after_country = False
    for st in found:
        stated += 1
        if st.kind != "item":
            continue  # "Regie: X", "mit A, B", "Ab 12. Oktober im Kino": credits of the line
        # "…, Schweden, 2023": a country item, and a bare year right after it
        country = led_by_person and fold(st.value.strip(" .")) in COUNTRIES
        fact = [] if country else [("year", int(st.value.strip(" .")))] if after_country and \
            BARE_YEAR.match(st.value.strip(" .")) else _info_item(st.value)
        after_country = country
        if fact is None:
            return None
        stated += max(0, len(fact) - 1)  # "104 Min. Im Kino" states two
        pairs.extend(fact)
    return (pairs, title) if stated >= MIN_FACT_SEGMENTS and any(f == "year" for f, _ in pairs) else None


def _states_production(part: str) -> bool:
    """A country and year ("USA, 2019" comes split: "2019" after a country), or a title with them in parentheses."""
    part = part.strip().rstrip(".")
    if not (part[-1:].isdigit() or part.endswith(")")):
        return False
    return bool(COUNTRY_YEAR.match(part) or TITLE_PAREN_YEAR.match(part) or BARE_YEAR.match(part))


def _info_item(value: str) -> list[tuple[str, object]] | None:
    """The facts of one item of an info line; "104 Min. Im Kino" (the abbreviation kept the sentence whole)
    is read as its two parts."""
    fact = _fact(value, False)
    if fact is None and INFO_PLATFORM.match(value) and (platform := parse_platform(value)):
        fact = [("platform", platform)]
    if fact is None and ". " in value:
        head, tail = value.split(". ", 1)
        first, rest = _info_item(head + "."), _info_item(tail)
        fact = first + rest if first is not None and rest is not None else None
    return fact


def _has_title_above(rows: list[Line], index: int) -> bool:
    return _title_above(rows, index) is not None


def _under_headline(rows: list[Line], index: int) -> bool:
    """The line comes right after the page's <h1>, in a block of its own."""
    return index > 0 and rows[index - 1].block == "h1" and rows[index - 1].el is not rows[index].el


def _title_above(rows: list[Line], index: int) -> str | None:
    """The film's title set apart on the line above: an emphasis or heading block of its own, or the bold
    first line of the same block ("<p><b>Der stille Hafen</b><br>Deutschland 2023, 104 Minuten</p>")."""
    if index == 0:
        return None
    above, line = rows[index - 1], rows[index]
    if above.el is not line.el:
        ok = _emphasis_only(above.el)
    else:
        el = line.el
        ok = el is not None and len(el) > 0 and el[0].tag in EMPHASIS and not (el.text or "").strip() and \
            " ".join(el[0].xpath("string()").split()) == above.text
    title = _line_title(above.text) if ok else ""
    return title if _title_like(title) else None


def _emphasis_only(el: etree._Element | None) -> bool:
    """A heading, or a block holding one emphasis element and nothing else ("<p><em>Glass Harbor</em></p>")."""
    if el is None or el.tag not in TITLE_BLOCKS:
        return False
    if el.tag.startswith("h"):
        return True
    return len(el) == 1 and el[0].tag in EMPHASIS and not (el.text or "").strip() and not (el[0].tail or "").strip()


def _segment_candidates(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    rows = page.main_lines
    us_dates = month_first(page)
    for index, line in enumerate(rows):
        text = line.text
        if len(text) > MAX_LINE or ("," not in text and ". " not in text and not has_segments(text)):
            continue
        found = _segment_line(text, us_dates) if has_segments(text) else \
            _info_line(text, functools.partial(_has_title_above, rows, index),
                       MAX_LINE if _emphasis_only(line.el) else MAX_INFO_LINE,  # a newspaper's italic info paragraph
                       functools.partial(_under_headline, rows, index))
        if found is None or in_teaser(line.el, page.main):
            continue
        pairs, title = found
        above = _title_above(rows, index)
        out.extend(Candidate(field, value, NAME, text[:160], W_SEGMENT) for field, value in pairs)
        # a title set apart right above the line names the film; the line's first segment may be its director
        title = above or title
        if title:
            out.append(Candidate("title", title, NAME, text[:160], W_LINE_TITLE))
    titles = {fold(c.value) for c in out if c.field == "title" and isinstance(c.value, str)}
    if len(titles) > 1:
        return []  # fact lines of several films: a list page
    return out


def _labelled(item: str) -> bool:
    """A list item led by a fact label ("Darsteller: A (Rolle), B, …"): read by the credit lines, however long."""
    found = label_matches(item)
    return bool(found) and found[0].start == 0


def _list_candidates(page: Page) -> list[Candidate]:
    """A list whose items are the segments of a fact line (<li>Director X</li><li>USA, 2019</li><li>128 min</li>)."""
    out: list[Candidate] = []
    assert page.main is not None
    for lst in page.main.iter("ul", "ol"):
        if not MIN_LIST_ITEMS <= len(lst) <= MAX_LIST_ITEMS or any(li.tag != "li" for li in lst) or \
                all(len(li) == 1 and li[0].tag == "a" and not (li.text or "").strip() for li in lst):
            continue  # a menu or a list of links is no line of facts
        texts = [" ".join(text_content(li).split()) for li in lst]
        if any(not t or (len(t) > MAX_ITEM and not _labelled(t)) for t in texts) or in_teaser(lst, page.main):
            continue
        joined = " · ".join(texts)
        found = _segment_line(joined, month_first(page))
        if found is not None:
            pairs, title = found
            out.extend(Candidate(field, value, NAME, joined[:160], W_SEGMENT) for field, value in pairs)
            if title:
                out.append(Candidate("title", title, NAME, joined[:160], W_LINE_TITLE))
    return out


def _lead_candidates(page: Page) -> list[Candidate]:
    """Title and original title of an info box that opens with the bold title and the original in parentheses."""
    out: list[Candidate] = []
    assert page.main is not None
    for el in page.main.iter("b", "strong"):
        parent = el.getparent()
        if parent is None or (parent.text or "").strip() or el.getprevious() is not None and \
                el.getprevious().tag != "br" or not (m := LEAD_PAREN.match(el.tail or "")):
            continue
        title, original = strip_quotes(" ".join(el.xpath("string()").split())), strip_quotes(m.group(1).strip())
        if not _title_like(title) or not _title_like(original) or fold(original) == fold(title) or \
                _fact(original, False) is not None or parse_platform(original) or any(c.isdigit() for c in original):
            continue
        if not _in_info_box(el, parent):
            continue
        snippet = f"{title} ({original})"
        out.append(Candidate("title", title, NAME, snippet, W_LEAD))
        out.append(Candidate("original_title", original, NAME, snippet, W_LEAD))
        break  # the first box of the page is the film's own
    return out


def _states_facts(text: str) -> bool:
    """The text states a film fact: a year or a known label with a colon ("Regie: X")."""
    return bool(YEAR.search(text)) or bool(label_matches(text))


def _in_info_box(lead: etree._Element, parent: etree._Element) -> bool:
    """A bold lead opens an info box when its block, or the block after it, states facts (not a cast list's
    "<b>Name</b> (Role)" or a news lead "<b>Berlin</b> (dpa)")."""
    rows = [ln.text for ln in lines(parent)]
    rest = " | ".join(rows)[len(" ".join(lead.xpath("string()").split())):][:MAX_BOX_TEXT]
    after = parent.getnext()
    return _states_facts(rest) or (after is not None and _states_facts(" | ".join(
        ln.text for ln in lines(after))[:MAX_BOX_TEXT]))


def candidates(page: Page) -> list[Candidate]:
    """Candidates of segmented fact lines and bold info-box leads (factbox.candidates() gates them)."""
    if page.main is None:
        return []
    out = _segment_candidates(page) + _list_candidates(page)
    page.cache[INFO_TITLES] = [c.value for c in out if c.field == "title" and _in_prose(page, c)]
    leads = _lead_candidates(page)
    named = _headline_title(page) if any(c.field == "title" for c in out) else None
    # a title the prose never names is below the headline: the box may be about another film, or, beside a
    # headline of another name, the film's original title ("The Thing · Horror · USA 1982" under "Das Ding …")
    return [c if c.field != "title" or _in_prose(page, c) else
            dataclasses.replace(c, field="original_title", weight=W_LINE_ALONE) if _original(page, c, named, out)
            else dataclasses.replace(c, weight=W_LINE_ALONE) for c in out] + [
            c if c.field != "title" or _in_prose(page, c) else dataclasses.replace(c, weight=W_LINE_ALONE)
            for c in leads]


def _headline_title(page: Page) -> str | None:
    """The film's title as the <h1> writes it, when og:title or <title> write it too (not an essay headline)."""
    h1 = clean_title(headline(page))
    if not h1:
        return None
    other = [clean_title(page.meta_first("og:title") or ""), clean_title(page.title_tag)]
    return h1 if any(t and fold(t).startswith(fold(h1)) for t in other) else None


FOLDED_COUNTRIES = frozenset(fold(c) for c in COUNTRIES)  # "Großbritannien" and the Swiss "Grossbritannien"


def _original(page: Page, cand: Candidate, named: str | None, out: list[Candidate]) -> bool:
    """`cand` (a line's first segment) names the film in another language than its headline: no part of
    the headline title, no credited person, never a person in the prose."""
    value = str(cand.value)
    if not named or not fold(cand.snippet).startswith(fold(value)):  # not a title set apart above the line
        return False
    if fold(value) in FOLDED_COUNTRIES:  # "Grossbritannien, USA 2007 – 127min." under the headline: countries
        return False
    if fold(value) in fold(named) or fold(named) in fold(value):
        return False
    if any(c.field in ("directors", "cast") and value in c.value for c in out):
        return False
    person = re.compile(PERSON_CONTEXT.format(re.escape(value)))
    return not any(value in ln.text and person.search(ln.text) for ln in page.main_lines)


def _in_prose(page: Page, cand: Candidate) -> bool:
    """The prose names the title, and never as a person ("directed by X", "X's"): a line's first segment
    may be its director."""
    return title_in_prose(page, str(cand.value), MAX_INFO_LINE + 1) and recurs_as_film(str(cand.value), page)

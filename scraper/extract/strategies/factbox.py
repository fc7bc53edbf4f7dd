"""Strategy: labelled fact blocks in any shape: table rows, <dl>, key/value elements, "Label: value" lines,
<br> credit lines, several labels in one paragraph, and "·"-separated credit lines ("Directed by X · Starring Y")."""
from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Iterator

from lxml import etree

from scraper.extract.credits import (
    NAME_PART,
    NICKNAME,
    Statement,
    colon_pairs,
    has_segments,
    is_credit_line,
    name_list,
    quoted_title,
    statements,
)
from scraper.extract.labels import (
    AGE_ADVICE_LABELS,
    CONTEXT_PREFIXES,
    CONTEXT_WRITER_LABELS,
    COUNTRIES,
    COUNTRY_CODES,
    LABEL_QUALIFIER,
    PREFIX_LABELS,
    W_SUPERSEDED,
    WEAK_PREFIXES,
    superseded_score,
)
from scraper.extract.page import Page
from scraper.extract.strategies import disc_scores, factline, phrases
from scraper.extract.strategies.bylines import (
    COUNTRY_YEAR,
    MAX_CREDIT_LINE,
    credit_context,
    film_credit_near,
    in_publication_line,
    label_key,
)
from scraper.extract.strategies.context import month_first, published
from scraper.extract.strategies.crew import crew_pairs
from scraper.extract.strategies.fact_values import MAX_VALUE, value_candidates
from scraper.extract.strategies.tables import label_field as _label_field
from scraper.extract.strategies.tables import table_pairs
from scraper.extract.text import (
    BLOCK,
    Line,
    element_text,
    in_teaser,
    keyed_run,
    lines,
    squash,
    teaser_link_end,
    text_content,
)
from scraper.normalize import parse_fsk, parse_genres, parse_names, parse_platform, parse_rating
from scraper.normalize.dates import nearest_year, on_or_after
from scraper.normalize.fsk import OTHER_COUNTRY
from scraper.normalize.genres import LIST_SPLIT, is_genre_word
from scraper.normalize.names import CAST, CREW, runs_into_prose
from scraper.record import Candidate

NAME = "factbox"
WEIGHT = 90          # labelled facts are the page's own statement
W_PREFIX = 85        # a label without colon at the start of a credits segment ("Directed by X")
W_PROSE_PAREN = 60   # "(Regie: Y)" inside a prose sentence: below the page's own credit lines and boxes
MIN_PROSE_WORDS = 12  # words outside the parentheses of a line that make it prose
W_PAREN_YEAR = 80    # "Title (2023)" as the first segment of a credits line
W_YEARLESS = 84      # a labelled start without a year, dated from the page's date or the film year
W_WEEKDAY = 60       # a start named by its weekday, dated from the page's publication date
W_QUOTED_TITLE = 75  # "„Title“, USA 2023, Regie: …" (a press info line names the film first)
UNLABELLED = 65      # fact items recognised by their content only ("Südkorea 2023", "Action, Thriller")
MAX_LABEL = 40       # characters
MAX_ITEM = 60        # characters of an unlabelled list item
BARE_YEAR = re.compile(r"^(?:18|19|20)\d{2}$")
_COUNTRY = "|".join(re.escape(c) for c in sorted([*COUNTRIES, *COUNTRY_CODES], key=len, reverse=True))
# "Title (2023)", "Title (D 2023)", "„Title“ (Deutschland/Frankreich 2023)"
PAREN_YEAR = re.compile(r"^.{1,80}?\s*\((?:(?:" + _COUNTRY + r")\s*[,/&]?\s*)*((?:18|19|20)\d{2})\)$", re.IGNORECASE)
FSK_ITEM = re.compile(r"^(?:FSK|Freigegeben|ab)\b", re.IGNORECASE)
BARE_AGE = re.compile(r"^(?:ab\s+)?(\d{1,2})(?:\s+Jahren)?$", re.IGNORECASE)
TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
# a runtime item: "112 Min.", "112 Minuten", "106 mins", "1 Std. 52 Min.", "2h 21m"
RUNTIME = re.compile(r"^(?:\d\s*(?:Std\.?|Stunden?|h)\s*)?\d{1,3}\s*(?:Min\.?|Minuten|mins?\.?|minutes|m)$",
                     re.IGNORECASE)
MAX_ITEM_LINE = 100  # characters of a line of unlabelled fact items
MIN_ITEM_PARTS = 2
LIST_BLOCKS = ("li", "dd", "td", "span")  # unlabelled facts come as items of a list, not as paragraphs
KEY_TAGS = ("span", "b", "strong", "em", "label", "dt", "th", "i", "small")
KEYED_BLOCKS = ("li", "div", "p", "dd")
LINK_LIST_TAGS = ("div", "ul", "ol", "p", "section")
HEADINGS = ("h2", "h3", "h4", "h5", "h6")
HEADING_TAGS = ("h1", *HEADINGS)
LINK_LIST_FIELDS = ("cast", "genres", "directors")
INLINE_ITEMS = ("span", "a")
# a heading opening a capsule of another film beside the review: "Also this week: X (2023)", "Außerdem neu: Y"
ALSO_KICKER = re.compile(r"^(?:also|außerdem|ausserdem|auch|ebenfalls)\b[^:–—]{0,30}[:–—]", re.IGNORECASE)  # items of a tag or chip list set side by side
MORE_LINK = re.compile(r"^(?:show all|alle anzeigen|mehr|more|weitere|…|\.\.\.|\[mehr\])", re.IGNORECASE)
SIBLING_BLOCKS = ("p", "div", "span", "dt")  # a label alone in its block, its value in the next block
MAX_SIBLING_VALUE = 120  # characters
MAX_SIBLING_LIST = 600  # characters of a credit's list of names below its label
LIST_CREDITS = ("cast", "directors", "writers")
MIN_SIBLING_LABEL = 3    # characters: a lone "R" or "D" (short labels of inline credits) labels nothing alone
CLASS_SPLIT = re.compile(r"[\s_-]+")
# a parenthetical credit and the year in it or right before it: "Im ersten Teil (2015, Regie: X)",
# "der Film von 1951 (Regie: Y)"; with a year other than the page's film it credits another film
PAREN_GROUP = re.compile(r"(?:\b((?:18|19|20)\d{2})\s*)?\(([^()]*)\)")
YEAR_IN = re.compile(r"\b((?:18|19|20)\d{2})\b")
AGE_ADVICE = frozenset(AGE_ADVICE_LABELS)


def _age_advice(label: str) -> bool:
    """The label names an age recommendation ("Altersempfehlung", "Pädagogische Empfehlung (Disney+)"), not the FSK."""
    text = " ".join(LABEL_QUALIFIER.sub("", label).lower().strip(" :：*•·–-").split())
    return text in AGE_ADVICE


def _qualified(field: str, label: str, value: str) -> str:
    """The value of a start whose label names the platform ("Start (Netflix): 12.03.2024") with that name; an
    age rating's with the country its label names ("Altersfreigabe (CH): ab 12" is no FSK)."""
    m = LABEL_QUALIFIER.search(label) if field in ("release", "fsk") and label.rstrip().endswith(")") else None
    if m and field == "fsk":
        return f"{value} ({m.group(1)})" if OTHER_COUNTRY.match(m.group(1)) else value
    return f"{value} ({m.group(1)})" if m and parse_platform(m.group(1)) and not parse_platform(value) else value


def _dl_items(dl: etree._Element) -> Iterator[etree._Element]:
    """The <dt> and <dd> of a list, also where each pair sits in a <div> (HTML allows that wrapper)."""
    for child in dl:
        if child.tag == "div":
            yield from (c for c in child if c.tag in ("dt", "dd"))
        else:
            yield child


# a score split into blocks: the bare number, then a line holding only its scale ("/100", "von 10", "out of 10")
SCORE_NUMBER = re.compile(r"^\d{1,3}(?:[.,]\d{1,2})?$")
SCORE_SCALE = re.compile(r"^(?:/|(?:von|out\s+of|of|aus|auf)\s)\s*\d{1,3}$", re.IGNORECASE)


def _keyed(el: etree._Element) -> tuple[str, str] | None:
    """("Label", "value") of an element that starts with a key element: <span class="k">Regie</span> X."""
    if len(el) == 0 or (el.text or "").strip():
        return None
    key = el[0]
    if key.tag not in KEY_TAGS and not (key.tag == "div" and len(el) == 2):  # <div>label</div><div>value</div>
        return None
    if key.tag == "dt" and el.getparent() is not None and el.getparent().tag == "dl":
        return None  # a <dl>'s wrapped pair: read whole by pairs() (its <dd> may be a list)
    label = squash(text_content(key))
    if not label or len(label) > MAX_LABEL or not _label_field(label):
        return None
    if (row := _label_row(el, key)) is not None:
        return label.rstrip(" :："), row
    rows = [ln.text for ln in lines(el)]
    if not rows:
        return None
    if rows[0].rstrip(" :：") == label.rstrip(" :："):  # the key is a block of its own: the value follows
        if len(rows) > 2 and SCORE_NUMBER.match(rows[1]) and SCORE_SCALE.match(rows[2]):
            value = f"{rows[1]} {rows[2]}"  # a score whose number and scale are blocks of their own: "72" / "/100"
        else:
            value = (_item_list(el[1]) if len(el) == 2 else None) or (rows[1] if len(rows) > 1 else "")
    elif (chips := _chips_after(el, label)):   # "<span>Darsteller</span> <span>A</span><span>B</span>"
        value = ", ".join(chips)
    else:  # an inline key: the value is the rest of the first line (a <br> ends the statement)
        value = rows[0][len(label):] if rows[0].startswith(label) else ""
    value = value.lstrip(" :：·|•")
    if len(el) > 2 and (known := _label_field(label)) and known[0] == "rating" and \
            parse_rating(value, letters=True) is None:
        value = _score_element(key) or value
    # the label without its colon: the caller re-joins "label: value" and a doubled colon would
    # leave ": value" as the value
    return (label.rstrip(" :："), value) if value else None


def _chips_after(el: etree._Element, label: str) -> list[str]:
    """The items of a credit key followed only by a row of inline elements with nothing between them
    ("<span>Darsteller</span> <span>A B</span><span>C D</span>": chips CSS spaces apart), or [] (the
    row's text then reads as one run of words, and the names as one name)."""
    known = _label_field(label)
    if not known or known[0] not in LIST_CREDITS or (el[0].tail or "").strip():
        return []
    return _chip_texts(list(el)[1:])


def _label_row(el: etree._Element, key: etree._Element) -> str | None:
    """The values of a row of colon-less labels set apart as elements of the key's kind, each followed by its value
    as text or as items (`<span class="lbl">Regie</span> X <span class="lbl">Besetzung</span> <span>A</span><span>B</span>`),
    as "X Besetzung: A, B" (the key's own value first); None when the key is the row's only label. Without this
    the row reads as one run of words ("Regie X Besetzung A B") and the first label swallows the others."""
    # the label elements themselves are kept (lxml's element proxies, and so their ids, live only while referenced)
    labels = [c for c in el[1:] if c.tag == key.tag and c.get("class") == key.get("class")
              and len(text := squash(text_content(c))) <= MAX_LABEL and _label_field(text)]
    if not labels:
        return None
    parts: list[str] = []
    values: list[str] = [squash(key.tail)]
    for child in el[1:]:
        if isinstance(child.tag, str) and any(child is c for c in labels):
            parts.append(", ".join(v for v in values if v))
            values = [f"{squash(text_content(child)).rstrip(' :：')}:"]
        elif isinstance(child.tag, str):
            values.append(squash(text_content(child)))
        values.append(squash(child.tail))
    parts.append(", ".join(v for v in values if v))
    row = " ".join(p.replace(":,", ":") for p in parts)
    return row if row and not row.startswith(":") else None


def _is_label_row(el: etree._Element) -> bool:
    """`el` is a row of labels set apart as elements (see _label_row), led by a label."""
    if el.tag not in KEYED_BLOCKS or len(el) < 3 or (el.text or "").strip() or el[0].tag not in KEY_TAGS:
        return False
    label = squash(text_content(el[0]))
    return len(label) <= MAX_LABEL and bool(_label_field(label)) and _label_row(el, el[0]) is not None


def _score_element(key: etree._Element) -> str | None:
    """The text of the element right after a rating key when it alone is a score, the elements after it a caption
    ("<span>Verdict</span> <span class="grade">A−</span> <span>letter grade</span>": the grade, not "A− letter
    grade", which reads as a sentence opening with "A")."""
    score = key.getnext()
    if score is None or len(score) or (key.tail or "").strip() or not isinstance(score.tag, str):
        return None
    text = squash(score.text)
    return text if text and parse_rating(text, letters=True) is not None else None


def _item_list(el: etree._Element | None) -> str | None:
    """"A, B, C" of a value element made of several short items, one block each (a CMS's multi-value field:
    <div class="field__items"><div>A</div><div>B</div></div>), or None when it holds one line or prose."""
    if el is None or not isinstance(el.tag, str) or el.tag not in BLOCK:
        return None
    rows = [ln.text for ln in lines(el)]
    if len(rows) < MIN_ITEM_PARTS or any(len(r) > MAX_ITEM or ":" in r for r in rows):
        return None
    return ", ".join(rows)


def _link_list(el: etree._Element) -> tuple[str, str] | None:
    """("Cast", "A, B, C") of a list of links labelled by its heading or its class/id ("cast-list")."""
    names = CLASS_SPLIT.split(f"{el.get('class', '')} {el.get('id', '')}".lower())
    heading = next((c for c in el if c.tag in ("h2", "h3", "h4", "h5", "h6", "strong", "b")), None)
    if heading is not None:
        names.insert(0, text_content(heading).strip())
    label = next((n for n in names if n and (k := _label_field(n)) and k[0] in LINK_LIST_FIELDS), None)
    if label is None:  # the label is checked first: collecting the links of every box is the costly part
        return None
    scope = [el]
    if heading is not None and label == names[0] and heading.tag in HEADINGS:
        # a heading labels the links after it, up to the next heading ("<h3>Cast</h3>…<h3>Genres</h3>…")
        scope = list(itertools.takewhile(lambda c: c.tag not in HEADINGS, heading.itersiblings()))
    texts = [squash(text_content(a)) for box in scope for a in box.iter("a") if (a.get("href") or "#")[:1] != "#"]
    texts = [t for t in texts if t and not MORE_LINK.match(t)]
    return (label, ", ".join(texts)) if len(texts) >= 2 else None


def _headed_list(heading: etree._Element) -> tuple[str, str] | None:
    """("Cast", "A, B") of a heading that names a fact, followed by a list or a short paragraph."""
    label = squash(text_content(heading))  # headings are plain text: the C serializer is enough
    if not label or len(label) > MAX_LABEL or not _label_field(label):
        return None
    sibling = heading.getnext()
    if sibling is None or sibling.tag not in ("ul", "ol", "p", "div"):
        return None
    items = [element_text(li) for li in sibling.iter("li")] or _inline_items(sibling)
    value = ", ".join(i for i in items if i) if items else element_text(sibling, ", ")
    return (label, value) if value and len(value) <= MAX_VALUE else None


def _inline_items(el: etree._Element) -> list[str]:
    """The texts of a row of inline elements with nothing between them ("<span>A</span><span>B</span>", tag
    lists and chips that CSS spaces apart), or [] when text stands between them or there is one."""
    return [] if (el.text or "").strip() else _chip_texts(list(el))


def _chip_texts(children: list[etree._Element]) -> list[str]:
    """The texts of two or more inline elements with no text and nothing else between them, else []."""
    kids = [c for c in children if isinstance(c.tag, str)]
    if len(kids) < MIN_ITEM_PARTS or len(kids) != len(children) or \
            any(c.tag not in INLINE_ITEMS or (c.tail or "").strip() for c in kids):
        return []
    return [t for c in kids if (t := squash(text_content(c)))]


def pairs(page: Page) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of tables, <dl>, key/value elements and labelled link lists."""
    main = page.main
    if main is None:
        return
    yield from table_pairs(main)
    for dl in main.iter("dl"):
        label = None
        for child in _dl_items(dl):
            if child.tag == "dt":
                label = element_text(child)
            elif child.tag == "dd" and label:
                yield label, element_text(child, ", ")
    for el in main.iter(*KEYED_BLOCKS, "span"):
        # a span only as an item of a spec strip, which lines() gives a line of its own (text.keyed_run)
        found = _keyed(el) if el.tag != "span" or (len(el) and keyed_run(el)) else None
        if found:  # "Regie: X Darsteller: Y" in one element: split at the labels, not at "·" in values
            yield from colon_pairs(f"{found[0]}: {found[1]}")
    for el in main.iter(*LINK_LIST_TAGS):
        found = _link_list(el)
        if found:
            yield found
    for heading in main.iter(*HEADINGS):
        found = _headed_list(heading)
        if found:
            yield found
    yield from crew_pairs(main)
    yield from _sibling_lines(page)


def _sibling_lines(page: Page) -> Iterator[tuple[str, str]]:
    """("Originaltitel", "Dune: Part Two") of a block holding only a label, followed by a block with its value."""
    rows = page.main_lines
    for line, nxt in itertools.pairwise(rows):
        if line.block not in SIBLING_BLOCKS or len(line.text) > MAX_LABEL or len(nxt.text) > MAX_SIBLING_LIST:
            continue
        known = _label_field(line.text)
        # a longer value only as a list of names under a credit label ("Darsteller" over "A (Rolle) · B (Rolle) · …")
        if len(nxt.text) > MAX_SIBLING_VALUE and not (known and known[0] in LIST_CREDITS and name_list(nxt.text)):
            continue
        # ratings are left to their own strategies: a lone "Fazit" heads a sentence, not a score
        if known and known[0] != "rating" and len(known[1]) >= MIN_SIBLING_LABEL and not _label_field(nxt.text) \
                and (nxt.el is not line.el or _br_pairs(line, nxt)):
            value = _item_list(line.el.getnext()) if line.el is not None and nxt.el is not line.el else None
            text: str | None = value if value and value.startswith(nxt.text) else nxt.text
            if known[0] in ("cast", "directors") and text is not None and HEADING_START.match(text) and "," not in text:
                continue  # "Cast" over the heading "Die Handlung von Nebelhorn": a tab's label, no credit
            if known[0] == "cast" and text is not None:
                text = _spaced_names(text, page, nxt)
            if text is not None:
                yield line.text.rstrip(" :："), text


# a value opening with an article or pronoun is a heading or a sentence, no name ("Die Handlung von Nebelhorn")
HEADING_START = re.compile(r"^\s*(?:Die|Der|Das|Den|Dem|Des|Ein|Eine|Einer|The|A|An|Unsere?|Our|Mehr|More|Alle|All)\s")
SPACED_NAME_WORDS = 4  # capitalised words from which a separator-less credit is several names
LIST_MARKS = frozenset(",;/|·•&")


def _spaced_names(value: str, page: Page, line: Line) -> str | None:
    """A cast value whose names lost their separators with their links ("Ann Berg Ola Svensk Jo Lind"): the
    names the rest of the page writes, split where each begins (three words, else two); None when the words do
    not split so (the value is one run of capitals, no list of names the page can confirm)."""
    words = value.split()
    if len(words) < SPACED_NAME_WORDS or any(c in LIST_MARKS for c in value) or \
            not all(w[:1].isupper() for w in words) or " und " in value or " and " in value:
        return value
    rest = "\n".join(ln.text for ln in page.main_lines if ln is not line and ln.text != value)
    names, at = [], 0
    while at < len(words):
        for size in (3, 2):
            name = " ".join(words[at:at + size])
            if at + size <= len(words) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", rest):
                names.append(name)
                at += size
                break
        else:
            return None
    return ", ".join(names)


def _br_pairs(line: Line, nxt: Line) -> bool:
    """The label and its value are two `<br>` lines of one block (`<p>Regie<br>Ann Berg<br>Jahr<br>2023</p>`):
    the block is a column of label lines, each followed by its value line, as a CMS prints a fact box."""
    return line.el is not None and any(br.tag == "br" for br in line.el.iterchildren())


def _fact_items(text: str) -> list[str] | None:
    """The parts of a short comma line made of fact items only (country and year, runtime, FSK, genres)."""
    if "," not in text or len(text) > MAX_ITEM_LINE:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < MIN_ITEM_PARTS or not any(COUNTRY_YEAR.match(p) for p in parts):
        return None
    ok = all(COUNTRY_YEAR.match(p) or p.lower() in COUNTRIES or RUNTIME.match(p) or is_genre_word(p)
             or (FSK_ITEM.match(p) and parse_fsk(p) is not None) for p in parts)
    return parts if ok else None


def _item_candidates(text: str, first: bool, segmented: bool = False) -> list[Candidate]:
    """Candidates of one unlabelled item: "Title (2023)", "„Title“", "USA 2024", "FSK 18", genre words; a bare
    year only as a segment of a "·"/"|" fact line ("Drama · 2024 · 112 Min."; a lone "2019" is an archive link)."""
    if len(text) > MAX_ITEM or not text:
        return []
    if segmented and BARE_YEAR.match(text):
        return [Candidate("year", int(text), NAME, text, UNLABELLED)]
    if first and (title := quoted_title(text)):
        return [Candidate("title", title, NAME, text, W_QUOTED_TITLE)]
    if first and (m := PAREN_YEAR.match(text)):
        return [Candidate("year", int(m.group(1)), NAME, text, W_PAREN_YEAR)]
    if text[-1:].isdigit() or text.endswith(")"):
        if (m := COUNTRY_YEAR.match(text)):
            return [Candidate("year", int(m.group(1)), NAME, text, UNLABELLED)]
        if FSK_ITEM.match(text) and (fsk := parse_fsk(text)) is not None:
            return [Candidate("fsk", fsk, NAME, text, UNLABELLED)]
        return []
    if ":" in text or any(c.isdigit() for c in text):
        return []
    words = [w.strip() for w in LIST_SPLIT.split(text) if w.strip()]
    if words and all(is_genre_word(w) for w in words):
        return [Candidate("genres", parse_genres(text), NAME, text, UNLABELLED)]
    return []


MIN_PREFIX_NAME = 2  # characters of a name credited without a colon


def _prefix_candidates(st: Statement, us_dates: bool = False) -> list[Candidate]:
    """Candidates of "Directed by X", "mit A, B", "Ab 12", "In theaters June 2, 2023"; a start date
    without a year ("Ab 4. Januar im Kino") is dated by _date_days (the publication's year first: a film
    of 2023 often starts in January 2024)."""
    field = PREFIX_LABELS.get(" ".join((st.label or "").lower().split()), "")
    value = st.value
    if field == "release" and (age := BARE_AGE.match(value)):
        field, value = "fsk", age.group(1)
    if field in ("directors", "cast"):
        value = TRAILING_PAREN.sub("", value)  # "Directed by X (Film A, Film B)": the filmography aside
        names = parse_names(value, CAST if field == "cast" else CREW)
        # "Regie und Drehbuch" alone (a label cell read as a line) names a second job, no one
        if not names or not all(NAME_PART.match(NICKNAME.sub(" ", n)) and not _label_field(n) for n in names):
            return []
        if any(len(n.strip(" .")) < MIN_PREFIX_NAME for n in names):
            return []  # "REGIE A": a lone letter after a credit word is a heading's or a list's letter, no one
        if (st.label or "").lower() in WEAK_PREFIXES and runs_into_prose(value, CAST if field == "cast" else CREW):
            return []  # "Mit A und B hat der Film zwei Darsteller, …": a sentence, left to the prose
    return [Candidate(name, v, NAME, f"{st.label} {st.value}"[:160], W_PREFIX)
            for name, v in value_candidates(field, (st.label or "").lower(), value, lambda: None, us_dates)
            if v not in (None, "", [])]


# a word right before a rating label that makes it other people's score: "Average Grade: A", "Member Rating:",
# "Durchschnittliche Wertung:", "Leser-Wertung:", "Community score:"
AGGREGATE_BEFORE = re.compile(r"(?:\b(?:average|avg|mean|overall\s+average|durchschnittliche?|durchschnitts|"
                              r"mittlere|members?['’]?|users?['’]?|readers?['’]?|leser|(?:be)?nutzer|community|audience|"
                              r"zuschauer|publikums?)|Ø)[\s-]*$", re.IGNORECASE)


def _aggregate_label(text: str, label: str) -> bool:
    """The rating label is other people's ("Average Grade: A", "Leser-Wertung: 4/5"): a word of an average or of
    readers' votes right before it in its line."""
    at = text.find(label)
    return at > 0 and bool(AGGREGATE_BEFORE.search(text[max(0, at - 40):at]))


def _labelled(page: Page, label: str, value: str, snippet: str) -> list[Candidate]:
    known = _label_field(label)
    if not known:
        return []
    field, key = known
    value = _qualified(field, label, value)
    return [Candidate(name, normalized, NAME, snippet[:160], WEIGHT)
            for name, normalized in value_candidates(field, key, value, page.scale_hint, month_first(page))
            if normalized not in (None, "", [])]


def _ends_in_year(text: str) -> bool:
    """Four digits at the end, before at most one ")": what COUNTRY_YEAR needs (its alternation is slow)."""
    return (text.removesuffix(")"))[-4:].isdigit()


def _paren_years(text: str) -> list[tuple[str, int]]:
    """(inside, year) of the parenthetical credits of a line that name a year in or right before them."""
    out = []
    for m in PAREN_GROUP.finditer(text):
        inner = m.group(2)
        if ":" in inner and (year := m.group(1) or (y.group(1) if (y := YEAR_IN.search(inner)) else None)):
            out.append((inner, int(year)))
    return out


def _in_parenthesis(text: str, st: Statement) -> bool:
    """The labelled statement is a parenthesis of a prose sentence ("… die Neuverfilmung mit X (Regie: Y)"):
    a credit of what the sentence names, often another film."""
    if not any(f"{st.label}:" in m.group(2) and st.value in m.group(2) for m in PAREN_GROUP.finditer(text)):
        return False
    return len(PAREN_GROUP.sub(" ", text).split()) >= MIN_PROSE_WORDS  # an info line's "(Regie: X)" is its own


def _other_films(out: list[Candidate], asides: list[tuple[Candidate, int]]) -> list[Candidate]:
    """`out` without the credits of parentheses dated in another year than the page's film (stated outside
    such parentheses)."""
    inside = {id(c) for c, _ in asides}
    years = {c.value for c in out if c.field == "year" and id(c) not in inside and c.weight >= W_PREFIX}
    if not years:
        return out
    other = {id(c) for c, year in asides if year not in years}
    return [c for c in out if id(c) not in other]


def _other_film_lines(page: Page) -> set[int]:
    """Indexes of the main lines in a section headed as another film's ("Also this week: Perfect Days (2023)",
    "Außerdem neu: …"), up to the next heading of its level or above: a capsule beside the review."""
    out: set[int] = set()
    level = 0
    for index, line in enumerate(page.main_lines):
        if line.block in HEADINGS:
            if level and int(line.block[1]) <= level:
                level = 0
            if not level and ALSO_KICKER.match(line.text):
                level = int(line.block[1])
                continue
        if level:
            out.add(index)
    return out


def _line_candidates(page: Page, asides: list[tuple[Candidate, int]], stated: list[Candidate]) -> list[Candidate]:
    """Candidates of every main line; those of a section or a line about another film weigh W_PROSE_PAREN."""
    per_line: list[list[Candidate]] = []
    other = _other_film_lines(page) if any(ln.block in HEADINGS for ln in page.main_lines) else set()
    for index in range(len(page.main_lines)):
        found = _line_candidates_at(page, index, asides)
        per_line.append([_other_film(c) for c in found] if index in other else found)
    dated = [i for i, found in enumerate(per_line) if _dates_its_film(found)]
    if dated:
        # the film year the page states apart from such lines (its fact box, a "Land/Jahr" line)
        own = {c.value for c in stated if c.field == "year" and c.weight >= W_PREFIX} | \
            {c.value for i, found in enumerate(per_line) if i not in dated for c in found
             if c.field == "year" and c.weight >= W_PREFIX}
        for i in dated if own else ():
            if not any(c.value in own for c in per_line[i] if c.field == "year"):
                per_line[i] = [_other_film(c) for c in per_line[i]]  # "Film (USA 2013) · Regie: Y": a remake's
    return [c for found in per_line for c in found]


def _other_film(cand: Candidate) -> Candidate:
    return dataclasses.replace(cand, weight=min(cand.weight, W_PROSE_PAREN))


def _dates_its_film(found: list[Candidate]) -> bool:
    """The candidates of one line state a year and credit a film (director, cast or rating) as well: a credit
    line that dates its own film ("Oldboy (USA 2013) · Regie: Spike Lee · mit Josh Brolin")."""
    return any(c.field == "year" for c in found) and \
        any(c.field in ("directors", "cast", "rating") and c.weight >= W_PREFIX for c in found)


def _line_candidates_at(page: Page, index: int, asides: list[tuple[Candidate, int]]) -> list[Candidate]:
    out: list[Candidate] = []
    line = page.main_lines[index]
    text = line.text
    if not is_credit_line(text):
        # "Deutschland/Frankreich, 2020" alone on a line is the production line, whatever its block
        if len(text) <= MAX_ITEM and (line.block in LIST_BLOCKS or
                                      (_ends_in_year(text) and COUNTRY_YEAR.match(text))):
            out.extend(_item_candidates(text, False))
        elif (items := _fact_items(text)) is not None:  # "Deutschland 2024, 112 Min., FSK 12"
            out.extend(c for item in items for c in _item_candidates(item, False))
        return out
    if line.el is not None and _is_label_row(line.el):
        return out  # read by pairs(), label by label; as a line the first label would swallow the others
    found = statements(text)
    segmented = has_segments(text)
    short = len(text) <= MAX_CREDIT_LINE or has_segments(text)
    teaser = in_teaser(line.el, page.main) and not (found and found[0].kind == "colon" and
                                                     text.startswith(found[0].label or "\0"))
    # statements after a link to another page's review are that page's ("READ ALSO: <a>…</a> – Rating: 4/5")
    teased = teaser_link_end(line.el, text, page.url) if any(st.kind == "colon" for st in found) else -1
    for st in found:
        if line.block in HEADING_TAGS and not text.lower().startswith((st.label or "\0").lower()):
            continue  # a heading "The Wonderful Cast: A Family Affair" ends in a label word; it states nothing
        if label_key(st) in CONTEXT_WRITER_LABELS and not film_credit_near(page, index, found, st):
            continue  # "Autor: Kai Ostwald", "Written by X" alone are the article's byline
        if st.kind == "colon" and st.label:
            found_here = [c for c in _labelled(page, st.label, st.value, f"{st.label}: {st.value}")
                          if not ((teaser or _aggregate_label(text, st.label)) and c.field == "rating")]
            if teased >= 0 and text.find(st.label, teased) >= 0:
                found_here = [dataclasses.replace(c, weight=min(c.weight, W_PROSE_PAREN)) for c in found_here]
            if any(c.field == "rating" for c in found_here) and _superseded(text, st.label):
                found_here = [dataclasses.replace(c, weight=W_SUPERSEDED) if c.field == "rating" else c
                              for c in found_here]  # "Original 2017 rating: ★★★☆☆": a revisit's earlier score
            if "(" in text:
                asides.extend((c, year) for inner, year in _paren_years(text) if st.value in inner
                              for c in found_here)
                if _in_parenthesis(text, st):
                    found_here = [dataclasses.replace(c, weight=W_PROSE_PAREN) for c in found_here]
            out.extend(found_here)
        elif st.kind == "prefix":
            if label_key(st) in CONTEXT_PREFIXES and not credit_context(page, index, found, st):
                continue  # "Von Lukas Rehm" alone is a byline
            out.extend(_prefix_candidates(st, month_first(page)))
        elif short and (len(found) > 1 or line.block in LIST_BLOCKS):
            out.extend(_item_candidates(st.value, st.first, segmented))
    if any(c.field in RELEASE_FIELDS for c in out) and in_publication_line(line.el, page.main):
        out = [c for c in out if c.field not in RELEASE_FIELDS]  # "Veröffentlicht: 14. März 2019" dates the article
    if any(c.field == "rating" for c in out) and phrases.in_aggregate(line.el, page.main):
        out = [c for c in out if c.field != "rating"]  # a vote plugin's AggregateRating: the readers' average
    return out


RELEASE_FIELDS = frozenset({"release_date", "platform", "release_day", "release_weekday"})


def _superseded(text: str, label: str) -> bool:
    """The words of `label`'s segment of the line up to the label date its score as an earlier one
    ("Original 2017 rating: …"; in "Rating: 4/5 · Original rating: 3/5" only the second)."""
    at = text.find(label)
    if at < 0:
        return False
    start = max(text.rfind(sep, 0, at) for sep in SEGMENT_SEPARATORS) + 1
    return superseded_score(text[start:at + len(label)])


SEGMENT_SEPARATORS = ("·", "|", ";", "•")


def _date_days(page: Page, out: list[Candidate]) -> list[Candidate]:
    """Year-less starts ("Kinostart: 6. Oktober") dated: the year nearest the page's publication date,
    else the film year the page states; without either they are dropped."""
    days = [c for c in out if c.field in ("release_day", "release_weekday")]
    if not days:
        return out
    rest = [c for c in out if c.field not in ("release_day", "release_weekday")]
    stamp = published(page)
    film_year = next((c.value for c in sorted(rest, key=lambda c: -c.weight) if c.field == "year"), None)
    for cand in days:
        if cand.field == "release_weekday":  # "ab Donnerstag im Kino": the next such day after publication
            date = on_or_after(int(cand.value), stamp) if stamp and isinstance(cand.value, int) else None
            weight = W_WEEKDAY
        else:
            month, day = cand.value  # type: ignore[misc]
            date = nearest_year(month, day, stamp) if stamp else \
                (f"{film_year}-{month:02d}-{day:02d}" if isinstance(film_year, int) else None)
            weight = W_YEARLESS
        if date:
            rest.append(Candidate("release_date", date, NAME, cand.snippet, weight))
    return rest


def candidates(page: Page) -> list[Candidate]:
    """One candidate per stated fact; repeated labels give repeated candidates (seen by the verdict)."""
    out: list[Candidate] = []
    found = list(pairs(page))
    # "Autor" in a fact table credits the writer only beside the film's director or cast
    credits = any((k := _label_field(label)) and k[0] in ("directors", "cast") for label, _ in found)
    # values of age ratings labelled with another country ("Altersfreigabe (CH)") or of age recommendations
    foreign: set[str] = set()
    for label, value in found:
        if not credits and (k := _label_field(label)) and k[1] in CONTEXT_WRITER_LABELS:
            continue
        if ((k := _label_field(label)) and k[0] == "fsk" and _qualified("fsk", label, value) != value) \
                or _age_advice(label):
            foreign.add(" ".join(value.split()))
        out.extend(_labelled(page, label, value, f"{label}: {value}"))
    asides: list[tuple[Candidate, int]] = []
    lined = _line_candidates(page, asides, out)
    # the value line of such a label, read alone ("ab 12"), states no FSK either
    out.extend(c for c in lined if not (foreign and c.field == "fsk" and c.snippet in foreign))
    out.extend(factline.candidates(page))
    out = _date_days(page, _other_films(out, asides) if asides else out)
    overall = None
    if film := disc_scores.film_score(page, found):  # a disc's score box: the Film row, not the disc's total
        out = [c for c in out if c.field != "rating"] + [film]
    elif overall := disc_scores.criteria_score(page, found):  # a criteria table: its overall row
        out = [c for c in out if c.field != "rating"]
    # content-only items count beside stated facts, never alone: alone they are guesses
    return (out if any(c.weight >= W_PREFIX for c in out) else []) + ([overall] if overall else [])

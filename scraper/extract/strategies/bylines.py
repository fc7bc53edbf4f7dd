"""Credit context: when a byline word ("Von X", "Autor: Y", "Written by Z") is a film credit (pure tree reading)."""
from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from scraper.extract.credits import Statement, is_credit_line, statements
from scraper.extract.labels import (
    CONTEXT_PREFIXES,
    CONTEXT_WRITER_LABELS,
    COUNTRIES,
    COUNTRY_CODES,
    CREW_STOP_LABELS,
    FACT_LABELS,
    PREFIX_LABELS,
)
from scraper.extract.page import Page
from scraper.extract.text import BLOCK
from scraper.normalize.vocab import fold

_COUNTRY = "|".join(re.escape(c) for c in sorted([*COUNTRIES, *COUNTRY_CODES], key=len, reverse=True))
COUNTRY_YEAR = re.compile(r"^(?:(?:" + _COUNTRY + r")\s*[,/&]?\s*)+\s*\(?((?:18|19|20)\d{2})\)?$", re.IGNORECASE)
BYLINE_CLASSES = ("author", "byline", "autor", "writer", "credit-author", "meta-author", "posted")
# marks of an element stating when the article was published: schema.org's date properties, HTML's old pubdate,
# and class words of CMS date blocks (not "article-info": a paper's "article__info" is the film's info line)
PUBLICATION_PROPS = frozenset({"datepublished", "datecreated", "datemodified", "uploaddate"})
PUBLICATION_WORDS = frozenset({"published", "pubdate", "publishdate", "publicationdate", "postdate", "entrydate",
                               "blogdate"})
MAX_CREDIT_LINE = 300  # characters; longer lines are prose, whose comma parts are not fact items
FOLDED_LABELS = {fold(k): (v, k) for k, v in FACT_LABELS.items()}
CREDIT_FIELDS = ("directors", "cast", "writers")
CREW_LABELS = frozenset(fold(k) for k in CREW_STOP_LABELS)


def label_key(st: Statement) -> str:
    return " ".join((st.label or "").lower().split())


def _is_credit(st: Statement) -> bool:
    """A statement of a fact other than through a context prefix ("Mit A, B", "Originaltitel X", "F 2023")."""
    if st.kind == "item":
        return bool(COUNTRY_YEAR.match(st.value))
    return bool(st.label) and label_key(st) not in CONTEXT_PREFIXES


def _byline_mark(node: etree._Element) -> bool:
    marks = f"{node.get('class', '')} {node.get('id', '')} {node.get('rel', '')} {node.get('itemprop', '')}"
    return any(b in marks.lower() for b in BYLINE_CLASSES)


def _marked(el: etree._Element | None, stop: etree._Element | None, mark: Callable[[etree._Element], bool]) -> bool:
    """The line's block `el` is, sits in (below `stop`) or holds inline an element that `mark` accepts."""
    if el is not None and any(mark(d) for d in el.iterdescendants(etree.Element) if d.tag not in BLOCK):
        return True
    node = el
    while node is not None and node is not stop:
        if mark(node):
            return True
        node = node.getparent()
    return False


def _bylined(el: etree._Element | None, stop: etree._Element | None) -> bool:
    """The line's block `el` is, sits in or holds inline an author/byline element (class, rel, itemprop)."""
    return _marked(el, stop, _byline_mark)


def _publication_mark(node: etree._Element) -> bool:
    if node.get("pubdate") is not None or (node.get("itemprop") or "").lower() in PUBLICATION_PROPS:
        return True
    names = f"{node.get('class', '')} {node.get('id', '')}".lower().split()
    return any(n.replace("-", "").replace("_", "") in PUBLICATION_WORDS for n in names) or _byline_mark(node)


def in_publication_line(el: etree._Element | None, stop: etree._Element | None) -> bool:
    """The line's block `el` is, sits in or holds inline the article's byline or publication date
    (`<time itemprop="datePublished">`, `class="published"`, `class="post-date"`): a date there dates the
    article, never the film's release."""
    return _marked(el, stop, _publication_mark)


def credit_context(page: Page, index: int, found: list[Statement], st: Statement) -> bool:
    """A "Von X" statement is a director credit among other credits: in the same line ("F 2023. Von X. Mit Y"),
    or alone in a block whose neighbouring blocks state credits ("Mit A, B" below it); never in a byline."""
    line = page.main_lines[index]
    if _bylined(line.el, page.main) or any(map(str.isdigit, st.value)):
        return False  # "Von Lukas Rehm, 12.03.2024"
    if any(_is_credit(other) for other in found if other is not st):
        return True
    rows = page.main_lines
    near = [rows[i] for i in (index - 1, index + 1) if 0 <= i < len(rows)]
    # beside a block, only a cast credit ("Von X" / "Mit A, B" is the info-box pair): a byline above a
    # "Kinostart: …" line stays a byline
    return any(len(n.text) <= MAX_CREDIT_LINE and is_credit_line(n.text) and n.el is not line.el
               and any(_is_cast_credit(o) for o in statements(n.text)) for n in near)


def _film_label(st: Statement) -> bool:
    """A film credit by its label: the director, cast, writer or other crew ("Regie: X", "Mit A, B", "Kamera: Y")."""
    key = label_key(st)
    if not st.label or key in CONTEXT_PREFIXES or key in CONTEXT_WRITER_LABELS:
        return False
    field = PREFIX_LABELS.get(key) or FOLDED_LABELS.get(fold(key), ("",))[0]
    return field in CREDIT_FIELDS or fold(key) in CREW_LABELS


def film_credit_near(page: Page, index: int, found: list[Statement], st: Statement) -> bool:
    """A writer label that is also a byline word ("Autor", "Written by") credits the film only among other
    film credits: in the same line, or in the line before or after it; never in or beside a byline element."""
    line = page.main_lines[index]
    if _bylined(line.el, page.main):
        return False
    if any(_film_label(other) for other in found if other is not st):
        return True
    rows = page.main_lines
    near = [rows[i] for i in (index - 1, index + 1) if 0 <= i < len(rows)]
    return any(len(n.text) <= MAX_CREDIT_LINE and is_credit_line(n.text) and any(map(_film_label, statements(n.text)))
               for n in near)


def _is_cast_credit(st: Statement) -> bool:
    key = label_key(st)
    return bool(st.label) and (PREFIX_LABELS.get(key) == "cast" or FOLDED_LABELS.get(fold(key), ("",))[0] == "cast")

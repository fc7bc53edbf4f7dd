"""Block-aware text of an lxml tree: one line per block element or <br>-separated part."""
from __future__ import annotations

import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from lxml import etree

BLOCK = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "tbody", "thead", "section",
    "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
    "figcaption", "pre", "body", "html", "address", "details", "summary", "fieldset", "hr", "caption",
})
# inline elements whose boundaries separate words ("<span>3</span><span>/5</span>" -> "3 /5")
SPACED = frozenset({"span", "time", "img", "small", "label", "abbr", "data", "meter", "sup", "sub"})
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "title", "meta", "link"})
# a key element opening an inline item of a spec strip: "<span><em>Directed by</em> X</span><span><em>Genre</em> …"
KEY_LEAD = frozenset({"em", "strong", "b", "i", "label", "small"})
MAX_KEY = 40  # characters of such a key


def _keyed_item(el: etree._Element) -> bool:
    """`el` is an inline item that starts with a short key element and has a value after it, and nothing but
    space stands between it and its neighbours."""
    if len(el) == 0 or (el.text or "").strip() or (el.tail or "").strip():
        return False
    key = el[0]
    if key.tag not in KEY_LEAD or len(key) or not (key.text or "").strip() or len(key.text) > MAX_KEY:
        return False
    return bool((key.tail or "").strip() or len(el) > 1)


def keyed_run(el: etree._Element) -> bool:
    """`el` is one of a row of two or more keyed inline items side by side (a spec strip of spans:
    "<span><em>Directed by</em> X</span><span><em>Starring</em> A, B</span>"): each is a line of its own, as
    CSS shows it, or the labels of the strip run into the values before them."""
    if not _keyed_item(el):
        return False
    for sib in (el.getprevious(), el.getnext()):
        if sib is not None and sib.tag == el.tag and _keyed_item(sib):
            return True
    return False


class Line(NamedTuple):
    """One line of visible text and the block element it came from."""

    text: str
    block: str                  # tag of the enclosing block element ("p", "li", "td", ...)
    el: etree._Element | None   # that element


def squash(text: str | None) -> str:
    """Collapse whitespace (including no-break spaces) to single spaces."""
    if not text:
        return ""
    if "  " in text or "\n" in text or "\t" in text or "\xa0" in text or "\r" in text or text[0] == " " \
            or text[-1] == " ":
        return " ".join(text.split())
    return text  # already single-spaced: the common case, and split/join of long text is not free


def element_text(el: etree._Element, sep: str = " ") -> str:
    """Visible text of one element, words separated as in lines(); `sep` joins its lines."""
    return sep.join(line.text for line in lines(el))


# block element -> (start, end) in the shared lines: see shared_lines()
Spans = dict[etree._Element, tuple[int, int]]
_SHARED = threading.local()  # per thread: the crawl may extract in a thread pool


@contextmanager
def shared_lines(rows: list[Line], spans: Spans) -> Iterator[None]:
    """Within the block, lines(el) of a block element listed in `spans` is its slice of `rows` (the lines of
    the main content, computed once): the strategies ask for the same cells and headings many times. The tree
    must not change meanwhile (extraction only reads it after the boilerplate is gone)."""
    before = getattr(_SHARED, "value", None)
    _SHARED.value = (rows, spans)
    try:
        yield
    finally:
        _SHARED.value = before


def lines(root: etree._Element) -> list[Line]:
    """Visible text of `root` split at block elements and <br>."""
    shared = getattr(_SHARED, "value", None)
    if shared is not None:
        span = shared[1].get(root)
        if span is not None:
            return shared[0][span[0]:span[1]]
    return lines_and_spans(root, None)


def lines_and_spans(root: etree._Element, spans: Spans | None) -> list[Line]:
    """lines(root); each block element's (start, end) in them is put into `spans` when one is given. A
    block element's own lines(el) is the run of lines emitted while it was open: the flush on entering it
    closes the line before it, the flush on leaving it closes its last line."""
    out: list[Line] = []
    buf: list[str] = []
    blocks: list[etree._Element] = [root]
    append = buf.append

    def flush() -> None:
        if buf:
            text = squash("".join(buf))
            if text:
                block = blocks[-1]
                out.append(Line(text, block.tag if isinstance(block.tag, str) else "div", block))
            buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or tag in SKIP:
            return
        block = tag in BLOCK or (tag == "span" and len(el) and keyed_run(el))
        if block:
            if buf:
                flush()
            start = len(out)
            if len(el) == 0:  # a leaf block (most cells, items, headings): its text is its one line
                text = squash(el.text)
                if text:
                    out.append(Line(text, tag, el))
                if spans is not None:
                    spans[el] = (start, len(out))
                return
            blocks.append(el)
        elif tag in SPACED:
            append(" ")
        elif tag == "br" and buf:
            flush()
        if el.text:
            append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                append(child.tail)
        if block:
            if buf:
                flush()
            blocks.pop()
            if spans is not None:
                spans[el] = (start, len(out))
        elif tag in SPACED:
            append(" ")

    walk(root)  # the root's own tail is not its text
    flush()
    return out


def text_content(el: etree._Element) -> str:
    """All text inside `el` (no tail), as the browser would concatenate it."""
    if len(el) == 0 and isinstance(el.tag, str):  # a leaf element's own text: no serializer needed
        return el.text or ""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def drop(el: etree._Element) -> None:
    """Remove `el` and its subtree, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        try:
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        except ValueError:  # lxml keeps control characters it parsed but refuses them when set
            text = CONTROL.sub("", el.tail)
            if prev is not None:
                prev.tail = CONTROL.sub("", prev.tail or "") + text
            else:
                parent.text = CONTROL.sub("", parent.text or "") + text
    parent.remove(el)


def in_teaser(el: etree._Element | None, stop: etree._Element | None) -> bool:
    """`el` sits in a list item that links to another page (a teaser of another film), below `stop`."""
    node = el
    while node is not None and node is not stop:
        if node.tag == "li" and any((a.get("href") or "#")[:1] not in ("#", "") for a in node.iter("a")):
            return True
        node = node.getparent()
    return False


# a link to reviews or scores (its path or text): what a teaser of another review links to ("/movie-review/…",
# "Film (1998) Review", "/kritik/…"); not a reviewer's profile
REVIEW_LINK = re.compile(r"kritik|review(?!er)|rezension|besprechung|critic", re.IGNORECASE)
# a byline right before a link: "Review by <a>Ann Berg</a>", "Von <a>Kai Holm</a>"
BYLINE_END = re.compile(r"\b(?:by|von)\s*$", re.IGNORECASE)
MAX_TEASER_LINKS = 3  # links of a line that teases another page: a box of more is a list (read as such)


def teaser_link_end(el: etree._Element | None, text: str, url: str) -> int:
    """Where, in `text` (a line of `el`), a link to another page's review ends: the statements after it are
    about that page ("READ ALSO: <a>Foghorn (1998) Review</a> – Our rating: 4.5/5"); -1 when the line has no
    such link (a byline's link to the author, "Review by <a>Ann Berg</a>", is none)."""
    if el is None:
        return -1
    links = [a for a in el.iter("a") if a.get("href")]
    if not links or len(links) > MAX_TEASER_LINKS:
        return -1
    for a in links:
        href = a.get("href") or ""
        name = squash(text_content(a))
        if not name or same_page(href, url) or not REVIEW_LINK.search(f"{href} {name}"):
            continue
        at = text.find(name)
        if at >= 0 and not BYLINE_END.search(text[:at]):
            return at + len(name)
    return -1


def same_page(href: str, url: str) -> bool:
    """`href` (relative to `url`) leads to the page at `url` itself (query and fragment aside); an empty or
    fragment-only link, or one that does not parse, counts as this page."""
    if href[:1] in ("", "#"):
        return True
    try:
        there, here = urllib.parse.urlsplit(urllib.parse.urljoin(url, href)), urllib.parse.urlsplit(url)
    except ValueError:
        return True
    return (there.netloc, there.path.rstrip("/")) == (here.netloc, here.path.rstrip("/"))

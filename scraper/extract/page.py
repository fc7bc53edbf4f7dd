"""One parsed page: the lxml tree (parsed once), its JSON-LD and meta tags, and the cleaned main content."""
from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from scraper.extract.attrcap import cap_attributes
from scraper.extract.boilerplate import remove_boilerplate
from scraper.extract.decode import clean_text
from scraper.extract.depthcap import cap_depth, is_too_deep
from scraper.extract.text import Line, Spans, drop, lines_and_spans, squash, text_content

# elements dropped before anything else: they hold no visible text
INVISIBLE = ("script", "style", "noscript", "template", "link", "object", "embed", "canvas", "video", "audio")
# a rating legend: "auf einer Skala von 1 bis 10", "scale of 0 to 100", "Wertung: 1–10 Punkte"
LEGEND = re.compile(r"(?:skala|scale)\s+(?:von|of|from)\s+[01]\s*(?:bis|to|-|–)\s*(\d{1,3})\b", re.IGNORECASE)
MAX_BYTES = 8_000_000  # longer inputs are cut (no review page is that long)
# The tree is cut to MAX_DEPTH levels: page builders and unclosed <font>/<div> tags nest content hundreds
# of levels deep, the tree walks that follow are recursive, and Python's recursion limit is 1000 frames.
# Below FLAT_DEPTH, subtrees up to KEEP levels high (a fact table, a paragraph) are kept whole; the
# deeper wrappers around them are unwrapped, so their content sits at FLAT_DEPTH + 1 in document order.
MAX_DEPTH = 200
KEEP = 40
FLAT_DEPTH = MAX_DEPTH - KEEP
# the elements at FLAT_DEPTH with content below MAX_DEPTH: one C-level XPath (ordinary pages stop early)
TOO_DEEP = "/*" * FLAT_DEPTH + "[" + "/".join(["*"] * (KEEP + 1)) + "]"


@dataclass
class Page:
    """What every strategy reads; built once per extract() call."""

    url: str
    root: etree._Element | None = None          # the whole document (scripts and styles removed)
    main: etree._Element | None = None          # the main content element inside root, boilerplate removed
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object, @graph flattened
    meta: dict[str, list[str]] = field(default_factory=dict)    # meta name/property (lower case) -> contents
    title_tag: str = ""                           # text of <title>
    microdata: bool = False                       # the source mentions itemscope/typeof at all
    cache: dict[str, Any] = field(default_factory=dict)      # values strategies compute once per page
    markers: str = ""                             # alert/banner texts and classes (draft notices)
    main_lines: list[Line] = field(default_factory=list)
    spans: Spans = field(default_factory=dict)  # block element of the main content -> its slice of main_lines
    dropped: list[etree._Element] = field(default_factory=list)  # boilerplate removed from main (detached)

    def scale_hint(self) -> float | None:
        """The rating scale a legend anywhere on the page states; computed on first use (it reads
        the whole text, and most pages never need it)."""
        if "scale" not in self.cache:
            self.cache["scale"] = scale_legend(text_content(self.root)) if self.root is not None else None
        return self.cache["scale"]  # type: ignore[no-any-return]

    def meta_first(self, *names: str) -> str | None:
        """The first meta content for any of `names`."""
        for name in names:
            for value in self.meta.get(name, []):
                if value.strip():
                    return value.strip()
        return None


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        out.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], out)


# a JSON escape of a combining mark or an invisible format character: the page's text was cleaned before
# the parse (decode.clean_source), JSON-LD strings written "U\\u0308ber" or "aus\\u200b" are cleaned after it
ESCAPED_MARK = re.compile(r"\\u(?:03[0-6][0-9a-f]|200[b-f]|2060|feff|00ad)", re.IGNORECASE)


def _cleaned(data: Any) -> Any:
    if isinstance(data, str):
        return clean_text(data)
    if isinstance(data, list):
        return [_cleaned(item) for item in data]
    if isinstance(data, dict):
        return {key: _cleaned(value) for key, value in data.items()}
    return data


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:
        data = json.loads(text, strict=False)
    except (ValueError, RecursionError):
        try:  # trailing commas are the commonest hand-written JSON-LD error
            data = json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return None
    try:
        return _cleaned(data) if ESCAPED_MARK.search(text) else data
    except RecursionError:
        return data


def _jsonld(root: etree._Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            _flatten(_load_json(script.text or ""), out)
    return out


def _meta(root: etree._Element) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content") is not None:
            out.setdefault(key, []).append(el.get("content", ""))
    return out


_LOCAL = threading.local()  # one parser per thread: the crawl may extract in a thread pool


def _parser() -> etree.HTMLParser:
    """The plain etree parser (lxml.html's element classes cost a Python-level lookup per element proxy),
    always fed UTF-8 bytes: the page's <meta charset> no longer applies once decode.to_utf8 ran."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        # huge_tree: without it libxml2 drops everything nested below 256 elements (see flatten_deep)
        parser = _LOCAL.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                                  huge_tree=True)
    return parser


def flatten_deep(root: etree._Element) -> None:
    """Bound the tree's depth at MAX_DEPTH, keeping every element and its text in document order."""
    too_deep = getattr(_LOCAL, "too_deep", None)
    if too_deep is None:  # per thread: a compiled XPath serializes its callers on a lock
        too_deep = _LOCAL.too_deep = etree.XPath(TOO_DEEP)
    for top in too_deep(root):
        _flatten_into(top)


def _heights(top: etree._Element) -> dict[etree._Element, int]:
    """Levels of each element's subtree (1: no element children); iterative, O(n)."""
    heights: dict[etree._Element, int] = {}
    for _, el in etree.iterwalk(top, events=("end",)):
        heights[el] = 1 + max((heights[child] for child in el), default=0)
    return heights


def _flatten_into(top: etree._Element) -> None:
    """Make `top`'s subtree at most KEEP + 1 levels high: a descendant more than KEEP levels high is
    unwrapped (it stays, empty but for its text, and its children follow it as siblings); tails move
    to the last element placed before them, so the text order stays the same."""
    heights = _heights(top)
    placed: list[etree._Element] = []
    tails: dict[etree._Element, str] = {}
    stack: list[tuple[etree._Element, bool]] = [(child, False) for child in reversed(top)]
    while stack:
        el, ended = stack.pop()
        if ended:  # an unwrapped element's tail follows its last descendant
            tails[placed[-1]] += el.tail or ""
            continue
        placed.append(el)
        if heights[el] <= KEEP:
            tails[el] = el.tail or ""
            continue
        tails[el] = ""
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    for el in placed:
        if heights[el] > KEEP:
            del el[:]
    del top[:]
    for el in placed:
        el.tail = tails[el] or None
        top.append(el)


# containers: where main content, film items (microdata/RDFa scopes) and alert banners sit
CONTAINERS = ("html", "main", "article", "body", "div", "section", "aside", "figure", "header", "ul", "ol", "table")
NOTICE_ROLES = ("alert",)


def _markers(root: etree._Element, roles: list[etree._Element]) -> str:
    """Texts of alert banners and the classes of <body> and the first <article> (draft notices)."""
    parts = [squash(text_content(el))[:200] for el in roles if el.get("role") in NOTICE_ROLES]
    body = root.find("body")
    parts.append(body.get("class", "") if body is not None else "")
    article = next(root.iter("article"), None)  # C-level iteration: an XPath "(//article)[1]" costs more
    parts.append(article.get("class", "") if article is not None else "")
    return " ".join(parts)


@dataclass
class _Survey:
    """What one pass over the page's containers finds."""

    main: etree._Element
    notices: list[etree._Element]  # role=alert banners (draft notices)
    microdata: bool                # a container opens a microdata or RDFa scope


def _survey(root: etree._Element) -> _Survey:
    """The main content (<main>, role=main, the <article> with the <h1>, any <article>, <body>), alert
    banners and microdata scopes, in one pass over the containers (film items sit on containers)."""
    groups: dict[str, list[etree._Element]] = {t: [] for t in ("main", "role", "article-h1", "article", "body")}
    notices: list[etree._Element] = []
    microdata = False
    for el in root.iter(*CONTAINERS):
        attrs = el.attrib
        role = None
        if attrs:
            role = attrs.get("role")
            if role in NOTICE_ROLES:
                notices.append(el)
            microdata = microdata or "itemscope" in attrs or "typeof" in attrs
        tag = el.tag
        if tag == "main":
            groups["main"].append(el)
        elif role == "main":
            groups["role"].append(el)
        elif tag == "article":
            groups["article-h1" if next(el.iter("h1"), None) is not None else "article"].append(el)
        elif tag == "body":
            groups["body"].append(el)
    if not groups["main"] and not groups["role"] and not groups["article-h1"] and groups["article"]:
        groups["article"] = _beside_headline(root, groups["article"])
    main = next((el for found in groups.values() for el in found if _has_text(el)), root)
    return _Survey(_holding_text(main), notices, microdata)


def _holding_text(main: etree._Element) -> etree._Element:
    """`main`, or its nearest ancestor with the page's paragraphs when `main` holds the <h1> and hardly any
    paragraph text (a theme's <main> or <article> around the headline only, the text in a <div> after it)."""
    if main.tag in ("body", "html") or next(main.iter("h1"), None) is None or \
            _paragraph_words(main) >= MIN_HEADLINE_TEXT:
        return main
    el = main.getparent()
    while el is not None and el.tag != "html":
        if _paragraph_words(el) >= MIN_HEADLINE_TEXT:
            return el
        el = el.getparent()
    return main


def _paragraph_words(el: etree._Element) -> int:
    return sum(len("".join(p.itertext()).split()) for p in el.iter("p"))


def _beside_headline(root: etree._Element, articles: list[etree._Element]) -> list[etree._Element]:
    """The page's text when its <h1> stands outside every <article>: the nearest container of the <h1> that holds
    more paragraph text than the first <article> — a news page's teaser cards ("<article><h3><a>…") are the
    only <article>s there, and its headline and text sit in plain <div>s — else the <article>s as they are."""
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return articles
    first = next((a for a in articles if _has_text(a)), None)
    if first is None:
        return articles
    least = _paragraph_words(first)
    el = h1.getparent()
    while el is not None and el.tag not in ("body", "html"):
        if el.tag in CONTAINERS and _paragraph_words(el) > max(least, MIN_HEADLINE_TEXT) and \
                not any(a is el or el in a.iterancestors() for a in articles):
            return [el]
        el = el.getparent()
    return articles


MIN_HEADLINE_TEXT = 50  # paragraph words in the container of an <h1> outside the <article>s: the page's text


def _has_text(el: etree._Element) -> bool:
    """Some visible text inside `el`: stops at the first piece (serializing a whole <main> costs more)."""
    return any(piece.strip() for piece in el.itertext())


def scale_legend(text: str) -> float | None:
    """The top of a rating scale stated anywhere on the page ("Skala von 1 bis 10" -> 10)."""
    low = text.lower()
    if "skala" not in low and "scale" not in low:  # plain search first: the regex is slow on long text
        return None
    legend = LEGEND.search(low)
    return float(legend.group(1)) if legend and int(legend.group(1)) > 1 else None


def parse(source: bytes, fallback: Callable[[], bytes] | None = None) -> etree._Element | None:
    """The lxml tree of UTF-8 `source`, or None when there is nothing to parse. When the parser finds
    invalid UTF-8 and a `fallback` is given, the page is parsed again from the fallback's bytes."""
    source = source[:MAX_BYTES]
    if b"\x00" in source:  # a NUL ends libxml2's input early
        source = source.replace(b"\x00", b"")
    source = cap_attributes(source)  # a tag of 100,000 attributes costs libxml2 minutes
    if not source.strip():
        return None
    parser = _parser()
    try:
        root = etree.fromstring(source, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    if fallback is not None and any(e.type_name == "ERR_INVALID_ENCODING" for e in parser.error_log):
        return parse(fallback())
    if is_too_deep([e.message for e in parser.error_log]):  # libxml2 stopped at its depth limit
        try:
            root = etree.fromstring(cap_depth(source), parser)
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            return None
    if root is not None:
        flatten_deep(root)
    return root


def build_page(source: bytes, url: str, fallback: Callable[[], bytes] | None = None) -> Page:
    """Parse (UTF-8 `source`, see decode.to_utf8; `fallback` for invalid UTF-8) and clean one page."""
    page = Page(url=url)
    root = parse(source, fallback)
    if root is None:
        return page
    page.jsonld = _jsonld(root)
    page.meta = _meta(root)
    title = next(root.iterdescendants("title"), None)  # iteration: ElementPath's ".//title" costs more
    page.title_tag = squash(title.text if title is not None else "")
    for el in list(root.iter(*INVISIBLE, etree.Comment, etree.ProcessingInstruction)):
        drop(el)
    survey = _survey(root)
    page.microdata = survey.microdata
    page.markers = _markers(root, survey.notices)
    page.root = root
    page.main = survey.main
    # the removed boxes are kept: breadcrumb trails inside the main content are among them, read as markup
    page.dropped = remove_boilerplate(page.main)
    page.main_lines = lines_and_spans(page.main, page.spans)
    return page

"""One parsed page: the lxml tree (parsed once), its JSON-LD and meta tags, and the cleaned main content."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree, html

from scraper.extract.boilerplate import remove_boilerplate
from scraper.extract.text import Line, lines, squash

# elements dropped before anything else: they hold no visible text
INVISIBLE = ("script", "style", "noscript", "template", "link", "object", "embed", "canvas", "video", "audio")
XML_DECL = re.compile(r"^\s*<\?xml[^>]*>", re.I)
# a rating legend: "auf einer Skala von 1 bis 10", "scale of 0 to 100", "Wertung: 1–10 Punkte"
LEGEND = re.compile(r"(?:skala|scale)\s+(?:von|of|from)\s+[01]\s*(?:bis|to|-|–)\s*(\d{1,3})\b", re.I)
MAX_CHARS = 3_000_000  # characters; longer inputs are cut (no review page is that long)


@dataclass
class Page:
    """What every strategy reads; built once per extract() call."""

    url: str
    root: html.HtmlElement | None = None          # the whole document, boilerplate removed
    main: html.HtmlElement | None = None          # the main content element inside root
    jsonld: list[dict[str, Any]] = field(default_factory=list)  # every JSON-LD object, @graph flattened
    meta: dict[str, list[str]] = field(default_factory=dict)    # meta name/property (lower case) -> contents
    title_tag: str = ""                           # text of <title>
    full_text: str = ""                           # visible text before boilerplate removal, raw whitespace
    scale_hint: float | None = None               # rating scale stated in a legend anywhere on the page
    markers: str = ""                             # alert/banner texts and classes (draft notices)
    main_lines: list[Line] = field(default_factory=list)

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


def _load_json(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        try:  # trailing commas are the commonest hand-written JSON-LD error
            return json.loads(re.sub(r",\s*([}\]])", r"\1", text), strict=False)
        except (ValueError, RecursionError):
            return None


def _jsonld(root: html.HtmlElement) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in X_JSONLD(root):
        _flatten(_load_json(script.text or ""), out)
    return out


def _meta(root: html.HtmlElement) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content") is not None:
            out.setdefault(key, []).append(el.get("content", ""))
    return out


X_JSONLD = etree.XPath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")
X_NOTICES = etree.XPath("//*[@role='alert' or @role='status']")


def _markers(root: html.HtmlElement) -> str:
    """Texts of alert banners and the classes of <body> and the first <article> (draft notices)."""
    parts = [squash(el.text_content())[:200] for el in X_NOTICES(root)]
    for tag in ("body", "article"):
        el = next(root.iter(tag), None)
        parts.append(el.get("class", "") if el is not None else "")
    return " ".join(parts)


def _main(root: html.HtmlElement) -> html.HtmlElement:
    """The main content: <main>, role=main, the <article> with the <h1>, any <article>, <body>."""
    groups: dict[str, list[html.HtmlElement]] = {t: [] for t in ("main", "role", "article-h1", "article", "body")}
    for el in root.iter("main", "article", "body", "div", "section"):
        if el.tag == "main":
            groups["main"].append(el)
        elif el.get("role") == "main":
            groups["role"].append(el)
        elif el.tag == "article":
            groups["article-h1" if next(el.iter("h1"), None) is not None else "article"].append(el)
        elif el.tag == "body":
            groups["body"].append(el)
    for found in groups.values():
        for el in found:
            if el.text_content().strip():
                return el
    return root


def parse(text: str) -> html.HtmlElement | None:
    """The lxml tree of `text`, or None when there is nothing to parse."""
    text = XML_DECL.sub("", text[:MAX_CHARS]).replace("\x00", "")
    if not text.strip():
        return None
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    return root


def build_page(text: str, url: str) -> Page:
    """Parse and clean one page."""
    page = Page(url=url)
    root = parse(text)
    if root is None:
        return page
    page.jsonld = _jsonld(root)
    page.meta = _meta(root)
    page.title_tag = squash(root.findtext(".//title") or "")
    for el in list(root.iter(*INVISIBLE)):
        el.drop_tree()
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        el.drop_tree()
    page.markers = _markers(root)
    body = root.find("body")
    page.full_text = (body if body is not None else root).text_content()
    legend = LEGEND.search(page.full_text)
    page.scale_hint = float(legend.group(1)) if legend and int(legend.group(1)) > 1 else None
    remove_boilerplate(root)
    page.root = root
    page.main = _main(root)
    page.main_lines = lines(page.main)
    return page

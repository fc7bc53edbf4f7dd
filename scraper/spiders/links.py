"""A page's followable links, from its bytes alone: the rules of the spider's link extractor, no I/O."""
from __future__ import annotations

import posixpath
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from scrapy.linkextractors import IGNORED_EXTENSIONS
from w3lib.url import safe_url_string

from scraper.urls import canonicalize, origin

LINK_TAGS = ("a", "area")
LINK_SCHEMES = ("http", "https")
# Files no review page is (images, media, archives, documents), as Scrapy's LinkExtractor skips them.
SKIPPED_EXTENSIONS = frozenset(f".{ext}" for ext in IGNORED_EXTENSIONS)
HTML_WHITESPACE = " \t\n\r\x0c"


def page_links(body: bytes, url: str, headers: Mapping[str, str] | None, origins: frozenset[str]) -> list[str]:
    """Canonical links of an HTML page that stay on `origins`, unique, in page order.

    As the spider's LinkExtractor: `<a href>` and `<area href>`, resolved against `<base href>`;
    `rel=nofollow`, other schemes and links to files (images, archives, …) are skipped.
    """
    root = _parse(body, headers)
    if root is None:
        return []
    base = _base(root, url)
    seen: set[str] = set()
    out: list[str] = []
    for element in root.iter(*LINK_TAGS):
        link = _link(element, base)
        if link is None or link in seen:
            continue
        seen.add(link)
        if origin(link) in origins:
            out.append(link)
    return out


def _parse(body: bytes, headers: Mapping[str, str] | None) -> etree._Element | None:
    from scraper.extract.decode import decode

    try:
        return lxml.html.fromstring(decode(body, headers))
    except ValueError:  # a str with an XML encoding declaration: let lxml read the bytes
        pass
    except etree.ParserError:
        return None
    try:
        return lxml.html.fromstring(body)
    except (ValueError, etree.ParserError):
        return None


def _base(root: etree._Element, url: str) -> str:
    for href in root.xpath("//base/@href"):
        href = str(href).strip(HTML_WHITESPACE)
        if href:
            return urljoin(url, href)
    return url


def _link(element: etree._Element, base: str) -> str | None:
    href = element.get("href")
    if href is None:
        return None
    rel = (element.get("rel") or "").lower().split()
    if "nofollow" in rel:  # drafts and private pages hide behind it
        return None
    try:
        # percent-encoded as Scrapy's requests are (UTF-8), so a link and its page share one URL
        absolute = safe_url_string(urljoin(base, href.strip(HTML_WHITESPACE)))
        parts = urlsplit(absolute)
        if parts.scheme.lower() not in LINK_SCHEMES or not parts.hostname:
            return None
        _ = parts.port  # raises on a malformed port
    except ValueError:
        return None
    if posixpath.splitext(parts.path)[1].lower() in SKIPPED_EXTENSIONS:
        return None
    return canonicalize(absolute)

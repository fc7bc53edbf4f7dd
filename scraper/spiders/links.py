"""A page's followable links, from its bytes alone: the rules of the spider's link extractor, no I/O."""
from __future__ import annotations

import posixpath
import threading
from collections.abc import Mapping
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from w3lib.url import safe_url_string

from scraper.urls import canonicalize, names_a_page, origin

LINK_TAGS = ("a", "area")
# Files no review page is, skipped by extension as Scrapy's LinkExtractor does (this module stays
# free of Scrapy: workers import it, and Scrapy's import alone costs each one ≈ 0.2 s of CPU).
IMAGE_EXTENSIONS = ("jpg", "jpeg", "jpe", "png", "gif", "webp", "avif", "bmp", "tif", "tiff", "svg", "ico", "psd",
                    "ai", "eps", "heic", "raw", "cdr", "pct", "drw", "dxf", "mng")
MEDIA_EXTENSIONS = ("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "wma", "flac", "mid", "midi", "ra", "aiff", "au",
                    "mp4", "m4v", "mkv", "webm", "avi", "mov", "qt", "wmv", "flv", "swf", "mpg", "mpeg", "3gp",
                    "3gpp", "asf", "asx", "rm", "vob", "m4p")
DOCUMENT_EXTENSIONS = ("pdf", "ps", "doc", "docx", "docm", "odt", "rtf", "xls", "xlsx", "xlsm", "ods", "csv", "ppt",
                       "pptx", "pptm", "pps", "odp", "odg", "epub", "mobi", "rss")
ARCHIVE_EXTENSIONS = ("zip", "rar", "7z", "7zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "iso", "dmg", "exe", "msi",
                      "bin", "apk", "deb", "rpm", "jar", "bat", "sh", "py", "css", "js")
SKIPPED_EXTENSIONS = frozenset("." + ext for group in (IMAGE_EXTENSIONS, MEDIA_EXTENSIONS, DOCUMENT_EXTENSIONS,
                                                       ARCHIVE_EXTENSIONS) for ext in group)
HTML_WHITESPACE = " \t\n\r\x0c"
# Resolved links by (base, href): navigation, sidebars and footers repeat the same hrefs on every
# page of a site, and resolving one costs ≈ 50 µs (join, percent-encoding, canonical form).
CACHE_ENTRIES = 20_000
_RESOLVED: dict[tuple[str, str], tuple[str, str] | None] = {}


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
    base_origin = origin(base)
    for element in root.iter(*LINK_TAGS):
        href = element.get("href")
        if href is None or "nofollow" in (element.get("rel") or "").lower().split():
            continue  # rel=nofollow: drafts and private pages hide behind it
        resolved = _resolve(base, base_origin, href)
        if resolved is None or resolved[0] in seen:
            continue
        seen.add(resolved[0])
        if resolved[1] in origins:
            out.append(resolved[0])
    return out


def _resolve(base: str, base_origin: str, href: str) -> tuple[str, str] | None:
    """(canonical link, its origin) of `href` on a page at `base`, or None when not followable; cached."""
    # an absolute or root-relative href resolves the same on every page of the origin
    key = (base_origin if href.lstrip(HTML_WHITESPACE).startswith(("/", "http://", "https://")) else base, href)
    try:
        return _RESOLVED[key]
    except KeyError:
        pass
    link = _link(base, href)
    resolved = (link, origin(link)) if link is not None else None
    if len(_RESOLVED) >= CACHE_ENTRIES:
        _RESOLVED.clear()
    _RESOLVED[key] = resolved
    return resolved


_LOCAL = threading.local()  # one parser per thread: pages are parsed in worker threads


def _parser() -> lxml.html.HTMLParser:
    """huge_tree: without it libxml2 drops every element (and link) nested below 256 elements; the
    links are read by C-level iteration, so only libxml2's own 2048-level stop needs a cap (`_parse`)."""
    parser = getattr(_LOCAL, "parser", None)
    if parser is None:
        parser = _LOCAL.parser = lxml.html.HTMLParser(huge_tree=True)
    return parser


def _parse(body: bytes, headers: Mapping[str, str] | None) -> etree._Element | None:
    from scraper.extract.attrcap import cap_attributes
    from scraper.extract.depthcap import cap_depth, is_too_deep

    body = cap_attributes(body)  # a tag of 100,000 attributes costs libxml2 minutes
    root = _parse_once(body, headers)
    if root is not None and is_too_deep([e.message for e in _parser().error_log]):
        # libxml2 stopped at 2048 open tags and every link after them was lost: parse a copy of bounded depth
        capped = _parse_once(cap_depth(body), headers)
        root = capped if capped is not None else root
    return root


def _parse_once(body: bytes, headers: Mapping[str, str] | None) -> etree._Element | None:
    from scraper.extract.decode import decode

    try:
        return lxml.html.fromstring(decode(body, headers), parser=_parser())
    except ValueError:  # a str with an XML encoding declaration: let lxml read the bytes
        pass
    except etree.ParserError:
        return None
    try:
        return lxml.html.fromstring(body, parser=_parser())
    except (ValueError, etree.ParserError):
        return None


def _base(root: etree._Element, url: str) -> str:
    for href in root.xpath("//base/@href"):
        href = str(href).strip(HTML_WHITESPACE)
        if href:
            return urljoin(url, href)
    return url


def _link(base: str, href: str) -> str | None:
    try:
        # percent-encoded as Scrapy's requests are (UTF-8), so a link and its page share one URL
        absolute = safe_url_string(urljoin(base, href.strip(HTML_WHITESPACE)))
    except ValueError:
        return None
    if not names_a_page(absolute):   # another scheme, no host, a bad port, userinfo
        return None
    parts = urlsplit(absolute)
    if posixpath.splitext(parts.path)[1].lower() in SKIPPED_EXTENSIONS:
        return None
    return canonicalize(absolute)

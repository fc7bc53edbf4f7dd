"""Reading a sitemap's bytes: XML sitemaps and indexes, RSS and Atom feeds, text sitemaps; no I/O.

What a sitemap may be (sitemaps.org, and what Google accepts as one):

- XML `<urlset>` (entries `<url><loc>`, `<lastmod>`) and `<sitemapindex>` (`<sitemap><loc>`),
  also namespace-prefixed (`<sm:urlset xmlns:sm="…">`);
- an RSS 2.0 feed (`<item><link>`, `<pubDate>` as lastmod) or RSS 1.0 (`<rdf:RDF>`, `<item><link>`,
  `<dc:date>`), an Atom feed (`<entry><link href>` without `rel` or `rel="alternate"`, `<updated>`);
- a text file, UTF-8, one absolute URL per line (only for a URL asked for as a sitemap: a page
  is never read as one).

XML in UTF-16 or UTF-32 (with a byte order mark, or a `<?xml` declaration in that encoding) is
transcoded to UTF-8 first, so the same sniffing and parsing apply.
"""
from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import lxml.etree

URLSET, INDEX, FEED, TEXT = "urlset", "sitemapindex", "feed", "text"

# The root element of an XML sitemap or a feed, also namespace-prefixed (<sm:urlset xmlns:sm="…">).
ROOT_SNIFF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(urlset|sitemapindex|rss|feed|RDF)[\s>/]")
SNIFF_BYTES = 2048
ROOT_KINDS = {"urlset": URLSET, "sitemapindex": INDEX, "rss": FEED, "feed": FEED, "RDF": FEED}
# Entry elements per kind and what of them is read (by local name, any namespace).
ENTRY_TAGS = {URLSET: {"url"}, INDEX: {"sitemap"}, FEED: {"item", "entry"}}
# In order of preference: a feed's <updated> (Atom) before <pubDate> (RSS 2.0), <dc:date> (RSS 1.0).
LASTMOD_TAGS = {URLSET: ("lastmod",), INDEX: ("lastmod",), FEED: ("updated", "pubDate", "date", "modified", "published")}
HTML_START = (b"<!doctype", b"<html", b"<head", b"<body")
# Byte order marks, and the first bytes of "<?" in BOM-less UTF-16/32 (XML 1.0 appendix F).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
BOMLESS = ((b"<\x00\x00\x00", "utf-32-le"), (b"\x00\x00\x00<", "utf-32-be"),
           (b"<\x00?\x00", "utf-16-le"), (b"\x00<\x00?", "utf-16-be"))
XML_ENCODING = re.compile(r"""\A(\s*<\?xml[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2""")


# (location as written, lastmod or None, whether the date is a modification date). An RSS <pubDate>,
# Atom <published> or RSS 1.0 <dc:date> says when an item was published: a later edit keeps it, so
# it may show that a page changed (newer than stored) but never that it did not.
Entry = tuple[str, str | None, bool]
PUBLISHED_TAGS = frozenset({"pubDate", "published", "date"})


def to_utf8(body: bytes) -> bytes:
    """The body with a UTF-16/32 XML document transcoded to UTF-8 (its encoding declaration with it);
    other bodies unchanged. A broken code unit becomes U+FFFD (it spoils one URL, not the sitemap;
    a sniffed prefix may end inside a surrogate pair)."""
    for prefix, encoding in BOMS:
        if body.startswith(prefix):
            return _transcode(body[len(prefix):], encoding)
    for prefix, encoding in BOMLESS:
        if body.startswith(prefix):
            return _transcode(body, encoding)
    return body


def _transcode(body: bytes, encoding: str) -> bytes:
    text = body.decode(encoding, errors="replace")
    return XML_ENCODING.sub(r"\g<1>\g<2>UTF-8\g<2>", text, count=1).encode("utf-8")


def sniff(body: bytes) -> str | None:
    """The kind of XML sitemap or feed the body's root element names, or None."""
    match = ROOT_SNIFF.search(body[:SNIFF_BYTES])
    return ROOT_KINDS[match.group(1).decode()] if match else None


def looks_like_text_sitemap(body: bytes) -> bool:
    """True when the first non-empty line is an absolute http(s) URL and the body is no markup."""
    head = body[:SNIFF_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.lower().startswith(HTML_START) or head.startswith(b"<") or b"\x00" in head:
        return False
    first = head.split(b"\n", 1)[0].strip()
    return first.lower().startswith((b"http://", b"https://")) and not any(c in first for c in b" \t<>\"")


def entries(body: bytes, kind: str) -> Iterator[Entry]:
    """The entries of a sitemap of `kind` (sniff(), or TEXT), in document order.

    XML is parsed incrementally with recovery, no entities resolved and no network (lxml's
    defaults for untrusted input), each entry freed once read. Raises lxml errors on garbage.
    """
    if kind == TEXT:
        yield from _text_entries(body)
        return
    wanted = ENTRY_TAGS[kind]
    parser = lxml.etree.iterparse(io.BytesIO(body), events=("end",), recover=True, remove_comments=True,
                                  resolve_entities=False, remove_pis=True, collect_ids=False,
                                  no_network=True, huge_tree=False)
    for _, elem in parser:
        if _local(elem.tag) not in wanted:
            continue
        entry = _entry(elem, kind)
        elem.clear()
        parent = elem.getparent()
        if parent is not None:   # drop the entries read so far: memory stays flat on a 50 MB sitemap
            while elem.getprevious() is not None:
                del parent[0]
        if entry is not None:
            yield entry


def _entry(elem: lxml.etree._Element, kind: str) -> Entry | None:
    loc: str | None = None
    guid: str | None = None
    date_tags = LASTMOD_TAGS[kind]
    dates: dict[str, str] = {}
    for child in elem:
        name = _local(child.tag)
        if name == "loc" and loc is None:
            loc = (child.text or "").strip()
        elif name == "link" and loc is None and kind == FEED:   # in a urlset: xhtml:link hreflang alternates
            href = child.get("href")
            if href is not None:   # Atom: the entry's own page is the link without rel or rel=alternate
                if (child.get("rel") or "alternate").strip().lower() == "alternate":
                    loc = href.strip()
            elif child.text and child.text.strip():   # RSS: the text of <link>
                loc = child.text.strip()
        elif name == "guid" and kind == FEED and child.text and (child.get("isPermaLink") or "true") == "true":
            guid = child.text.strip()   # RSS 2.0: a permalink guid is the item's URL when it has no <link>
        elif name in date_tags and child.text and name not in dates:
            dates[name] = child.text.strip()
    loc = loc or guid
    if not loc:
        return None
    tag = next((n for n in date_tags if n in dates), None)
    if tag is None:
        return loc, None, True
    return loc, _w3c_date(dates[tag]), tag not in PUBLISHED_TAGS


def _w3c_date(text: str | None) -> str | None:
    """A lastmod as written when it is a W3C datetime; an RFC 822 date (RSS pubDate) as ISO 8601."""
    if not text:
        return text
    try:
        datetime.fromisoformat(text)
        return text
    except ValueError:
        pass
    try:
        value = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return text
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


def _text_entries(body: bytes) -> Iterator[Entry]:
    for line in io.TextIOWrapper(io.BytesIO(body), encoding="utf-8-sig", errors="replace"):  # line by line
        line = line.strip()
        if line.lower().startswith(("http://", "https://")) and not any(c.isspace() for c in line):
            yield line, None, True


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]

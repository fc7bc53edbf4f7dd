"""Cut the attribute lists of tags with absurdly many attributes before libxml2 parses a page."""
from __future__ import annotations

import re

# libxml2's HTML parser checks each new attribute against the element's earlier ones: one tag of
# n attributes costs O(n²) (measured: 10,000 → 0.2 s, 40,000 → 4 s, 100,000 → 15-20 s; a 16 MB
# page could hold a million). No real element has a thousand attributes.
MAX_ATTRIBUTES = 1000
# Below this many "=" a page cannot hold a tag worth cutting at a cost that matters (20,000
# attributes in one tag parse in under a second): the scan is skipped, as for every normal page.
SCAN_FROM = 20_000

# one attribute: a name, optionally "=" and a double-, single- or unquoted value (quotes may hold > and <)
ATTRIBUTE = rb"""[\s/]+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?"""
# a tag name and its first MAX_ATTRIBUTES attributes (repetition in the regex engine, not in Python)
CROWDED = re.compile(rb"<[A-Za-z][^\s/>]*(?:" + ATTRIBUTE + rb"){%d}" % MAX_ATTRIBUTES)
REST = re.compile(rb"(?:" + ATTRIBUTE + rb")*")


def cap_attributes(source: bytes) -> bytes:
    """`source` with every tag's attributes after the first MAX_ATTRIBUTES removed (the page as it was
    when no tag has more; browsers keep the first of duplicated names anyway, and nothing reads the rest)."""
    if source.count(b"=") < SCAN_FROM:
        return source
    parts: list[bytes] = []
    last = 0
    for crowded in CROWDED.finditer(source):
        rest = REST.match(source, crowded.end())
        if rest is not None and rest.end() > crowded.end():
            parts.append(source[last:crowded.end()])
            last = rest.end()
    if not parts:
        return source
    parts.append(source[last:])
    return b"".join(parts)

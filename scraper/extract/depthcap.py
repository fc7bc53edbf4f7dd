"""Bound the nesting of a page's tags before libxml2 parses it again: libxml2 stops at 2048 levels."""
from __future__ import annotations

import re

# libxml2 (XML_PARSE_HUGE, which lxml's huge_tree sets) ends the parse with "Excessive depth in document:
# 2048": everything after the 2048th unclosed tag is lost. A page that hit it is parsed again from a copy
# in which no more than LIVE tags are open at once; the limit leaves room for the implied elements and
# the end tags this count treats more simply than the HTML parser does.
LIVE = 1000
# the outermost levels (html, body, the page's frame) stay; the wrappers just inside them are unwrapped
# first, so the innermost content (a fact table, a paragraph) keeps its markup
FLOOR = 20
VOID = frozenset(b"area base br col embed hr img input keygen link meta param source track wbr".split())
RAW = frozenset(b"script style textarea title xmp iframe noembed noframes".split())
TOKEN = re.compile(rb"<!--.*?(?:-->|\Z)|<(/?)([A-Za-z][^\s/>]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*>", re.DOTALL)


def is_too_deep(messages: list[str]) -> bool:
    """Whether a parse ended at libxml2's depth limit (its error log's messages)."""
    return any(m.startswith("Excessive depth") for m in messages)


def cap_depth(source: bytes) -> bytes:
    """`source` with the start and end tags of outer wrappers removed wherever more than LIVE tags
    would be open at once; the text, and the markup of everything else, stay in document order."""
    pieces: list[bytes] = []   # the source cut at every tag; a removed tag's piece becomes b""
    stack: list[tuple[bytes, int]] = []    # open tags: (name, index of the start tag's piece)
    where: dict[bytes, list[int]] = {}     # tag name -> its positions in the stack, innermost last
    cut = FLOOR                            # stack[FLOOR:cut] are unwrapped
    last = 0
    pos = 0
    while True:
        token = TOKEN.search(source, pos)
        if token is None:
            break
        pos = token.end()
        if token.group(2) is None:  # a comment
            continue
        name = token.group(2).lower()
        pieces.append(source[last:token.start()])
        last = token.end()
        pieces.append(token.group())
        if name in RAW and not token.group(1):  # its content is text up to its end tag
            end = re.compile(rb"</" + re.escape(name), re.IGNORECASE).search(source, pos)
            pos = end.start() if end else len(source)
            continue
        if token.group(1):  # an end tag closes its innermost open namesake and everything inside it
            open_at = where.get(name)
            if not open_at:
                continue
            top = open_at[-1]
            if FLOOR <= top < cut:
                pieces[-1] = b""
            for open_name, _ in stack[top:]:
                where[open_name].pop()
            del stack[top:]
            cut = max(FLOOR, min(cut, len(stack)))
            continue
        if name in VOID or token.group().endswith(b"/>"):
            continue
        where.setdefault(name, []).append(len(stack))
        stack.append((name, len(pieces) - 1))
        if len(stack) - (cut - FLOOR) > LIVE:
            pieces[stack[cut][1]] = b""
            cut += 1
    if not pieces:
        return source
    pieces.append(source[last:])
    return b"".join(pieces)

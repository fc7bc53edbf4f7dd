"""Bytes -> text: HTTP charset, BOM, <meta charset>, then strict UTF-8, then cp1252 for mislabelled pages."""
from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
META_SCAN = 4096  # bytes: <meta charset> must sit in the first 1024 by spec; real pages put it later
# labels that mean "probably cp1252 really" (browsers treat latin-1 as windows-1252)
LATIN = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii", "windows-1252", "cp1252"}


def _text(value: object) -> str:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("latin-1")
    return "" if value is None else str(value)


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def declared_charset(body: bytes, headers: Mapping[Any, Any] | None) -> str | None:
    """The charset the server or the page declares, as a Python codec name."""
    for key, value in (headers or {}).items():
        key, value = _text(key), _text(value)  # Scrapy hands headers over as bytes (or lists of bytes)
        if key.lower() == "content-type":
            found = HEADER_CHARSET.search(value)
            if found and _codec(found.group(1)):
                return _codec(found.group(1))
    meta = META_CHARSET.search(body[:META_SCAN])
    return _codec(meta.group(1).decode("ascii", "ignore")) if meta else None


def decode(body: bytes | str, headers: Mapping[Any, Any] | None = None) -> str:
    """Decode a page body; never raises (undecodable bytes become U+FFFD)."""
    if isinstance(body, str):
        return body
    for bom, codec in BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(codec, errors="replace")
    declared = declared_charset(body, headers)
    if declared and declared.replace("_", "-") not in LATIN and declared != "utf-8":
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return body.decode("utf-8")  # strict: mislabelled UTF-8 is common, and UTF-8 rarely decodes by accident
    except UnicodeDecodeError:
        return body.decode("cp1252", errors="replace")


def to_utf8(body: bytes | str, headers: Mapping[Any, Any] | None = None) -> tuple[bytes, bool]:
    """(the page as UTF-8 bytes, whether they may still be invalid UTF-8). Pages declared UTF-8, latin-1
    or nothing are passed through unchecked: the parser reports invalid UTF-8, and only then does
    utf8_fallback() decode them (a Python-level check of every page would cost a quarter of a parse)."""
    if isinstance(body, str):
        return body.encode("utf-8", errors="replace"), False
    if body.startswith(codecs.BOM_UTF8):
        return body[len(codecs.BOM_UTF8):], True
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or body[:200].count(b"\x00") > 20:
        return decode(body, headers).encode("utf-8", errors="replace"), False
    if body.isascii():
        return body, False
    declared = declared_charset(body, headers)
    if declared in (None, "utf-8") or declared.replace("_", "-") in LATIN:
        return body, True
    return decode(body, headers).encode("utf-8", errors="replace"), False


def utf8_fallback(body: bytes, headers: Mapping[Any, Any] | None = None) -> bytes:
    """UTF-8 bytes of a page that turned out not to be valid UTF-8 (cp1252 for latin-1 and unlabelled)."""
    return decode(body, headers).encode("utf-8", errors="replace")

"""Bytes -> text: BOM, HTTP charset, <meta charset>, then strict UTF-8, UTF-8 with cp1252 bytes mixed in, cp1252."""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from bs4.dammit import EncodingDetector, UnicodeDammit

HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)
META_SCAN = 4096  # bytes: <meta charset> must sit in the first 1024 by spec; real pages put it later
# labels that mean "probably cp1252 really" (browsers treat latin-1 as windows-1252)
LATIN = {"iso-8859-1", "latin-1", "latin1", "iso8859-1", "us-ascii", "ascii", "windows-1252", "cp1252"}
# after a declared legacy charset fails: UTF-8 (mislabelled pages are common), then cp1252; never latin-1,
# whose C1 controls would stand where cp1252 has its quotes and dashes
FALLBACK_CODECS = ["utf-8", "windows-1252"]
NEVER = ["iso-8859-1", "latin-1", "ascii"]


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
    """Decode a page body; never raises (undecodable bytes become U+FFFD). A byte-order mark wins over any
    declaration; a declared legacy charset is tried first, then UTF-8, then cp1252 (bs4's UnicodeDammit)."""
    if isinstance(body, str):
        return body
    stripped, bom_codec = EncodingDetector.strip_byte_order_mark(body)
    if bom_codec:
        return stripped.decode(bom_codec, errors="replace")
    declared = declared_charset(body, headers)
    legacy = [declared] if declared and declared.replace("_", "-") not in LATIN and declared != "utf-8" else []
    dammit = UnicodeDammit(body, known_definite_encodings=legacy, user_encodings=FALLBACK_CODECS,
                           exclude_encodings=NEVER, is_html=True)
    return dammit.unicode_markup if dammit.unicode_markup is not None else body.decode("cp1252", errors="replace")


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


def _cp1252_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as cp1252 (a pasted quote in a UTF-8 page)."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start:error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("filmcat-cp1252-bytes", _cp1252_bytes)


def _mostly_utf8(text: str) -> bool:
    """More valid UTF-8 characters than invalid bytes (U+FFFD): UTF-8 with some cp1252 bytes mixed in; a
    cp1252 or other legacy page is nearly all invalid."""
    bad = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", errors="ignore"))
    return wide - bad > bad


def utf8_fallback(body: bytes, headers: Mapping[Any, Any] | None = None) -> bytes:
    """UTF-8 bytes of a page that turned out not to be valid UTF-8: a UTF-8 page with cp1252 bytes mixed in
    (a pasted quote, an ad) keeps its UTF-8 text and only those bytes are read as cp1252 (a codec error
    handler: bs4's detwingle does the same 20x slower and fails on cp1252 letters such as ß and ä);
    anything else goes through decode()."""
    plain = body.removeprefix(codecs.BOM_UTF8)
    if _mostly_utf8(plain.decode("utf-8", errors="replace")):
        return plain.decode("utf-8", errors="filmcat-cp1252-bytes").encode("utf-8")
    return decode(body, headers).encode("utf-8", errors="replace")


# Text cleaning, once per page on its UTF-8 bytes (before the parse, so every strategy reads the same text:
# element text, attributes, JSON-LD): decomposed letters are composed (NFC: "A" + U+0308 -> "Ä", as macOS
# and some editors write them), and invisible format characters go: zero-width space, word joiner, a BOM
# inside the text, soft hyphens, left/right marks, and a zero-width (non-)joiner next to a Latin letter
# (between emoji or in Indic scripts the joiners mean something and stay). Their entities go as well.
COMBINING_BYTES = (b"\xcc", b"\xcd")  # UTF-8 lead bytes of U+0300-U+037F (combining diacritical marks)
# one byte of each invisible character in UTF-8: the last of U+200B-U+200F and U+00AD, the middle one of
# U+2060, the first of U+FEFF; single bytes are found at memchr speed, a multi-byte search costs 50x more
# (pages with a hit, such as a "č" C4 8D, are decoded and searched for the characters themselves)
INVISIBLE_BYTES = (b"\x8b", b"\x8c", b"\x8d", b"\x8e", b"\x8f", b"\xad", b"\x81", b"\xef")
INVISIBLE_CHARS = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\xad")
LETTER = "A-Za-z\u00c0-\u024f"  # Latin letters
INVISIBLE = re.compile(f"[\u200b\u200e\u200f\u2060\ufeff\xad]"
                       f"|(?<=[{LETTER}])[\u200c\u200d]|[\u200c\u200d](?=[{LETTER}])")
INVISIBLE_ENTITY = re.compile(r"&(?:shy|lrm|rlm|NoBreak|ZeroWidthSpace|#0*(?:173|820[3678]|8288|65279)"
                              r"|#[xX]0*(?:ad|AD|200[bBeEfF]|2060|[fF][eE][fF][fF]));")
INVISIBLE_ENTITY_BYTES = re.compile(INVISIBLE_ENTITY.pattern.encode("ascii"))
# a combining mark of U+0300-U+036F written as a numeric entity ("A&#776;pfel", "Jo&#x308;rg"): the parser would
# decode it after the NFC step, leaving the letter decomposed, so it is written out before (768-879 decimal)
COMBINING_ENTITY_BYTES = re.compile(rb"&#(?:0*(7(?:6[89]|[7-9][0-9])|8(?:[0-6][0-9]|7[0-9]))|[xX]0*(3[0-6][0-9a-fA-F]));")


def _combining_entities(source: bytes) -> bytes:
    """`source` with its combining-mark entities written as UTF-8 characters (cheap when it has none)."""
    if b"&#" not in source:
        return source
    return COMBINING_ENTITY_BYTES.sub(
        lambda m: chr(int(m.group(1)) if m.group(1) else int(m.group(2), 16)).encode("utf-8"), source)


def clean_text(text: str) -> str:
    """`text` composed (NFC) and without invisible format characters (see above)."""
    if text.isascii():
        return text
    if any(ch in text for ch in INVISIBLE_CHARS):
        text = INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean_source(source: bytes) -> bytes:
    """The UTF-8 page `source` cleaned as clean_text() does; bytes that are not UTF-8 stay as they are (the
    parser still finds them: see utf8_fallback). Most pages need nothing, and are returned unchanged."""
    source = _combining_entities(source)
    entities = b"&" in source and INVISIBLE_ENTITY_BYTES.search(source) is not None
    if source.isascii():
        return INVISIBLE_ENTITY_BYTES.sub(b"", source) if entities else source
    combining = any(lead in source for lead in COMBINING_BYTES)
    invisible = any(byte in source for byte in INVISIBLE_BYTES)
    if not (entities or combining or invisible):
        return source
    text = source.decode("utf-8", errors="surrogateescape")
    if invisible and any(ch in text for ch in INVISIBLE_CHARS):
        text = INVISIBLE.sub("", text)
    elif not (entities or combining):
        return source
    if entities:
        text = INVISIBLE_ENTITY.sub("", text)
    if combining:
        text = unicodedata.normalize("NFC", text)
    return text.encode("utf-8", errors="surrogateescape")

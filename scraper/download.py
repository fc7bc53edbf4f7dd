"""Scrapy's HTTP/1.1 download handler, except that a response whose headers are too large, or whose
Transfer-Encoding Twisted cannot read, says so.

Twisted reads response headers line by line with a LineReceiver capped at 16 KiB a line
(`LineReceiver.MAX_LENGTH`); a longer line makes it close the connection itself, so the request
failed as "ConnectionDone: Connection was closed cleanly", as if the server had hung up. And it
caps nothing else: a server sending header lines for ever fills memory until the timeout. Here
both are an error with its cause, which Twisted's client protocol turns into the request's
failure (scraper.spiders.failures: "response headers too large (…)"). Likewise a body in a
transfer coding other than chunked (`Transfer-Encoding: gzip`) fails as "unsupported
Transfer-Encoding 'gzip'", not "KeyError: b'gzip'"; the obsolete `identity` is read as no coding.

The parser is swapped in the way Scrapy swaps in its own lenient one (a class change on the
parser the protocol creates); it relies on Scrapy's private http11 classes, which a Scrapy
upgrade may rename (tests/faults/test_faults.py "/bigheader" fails then).
"""
from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

try:  # private classes of Scrapy's handler: without them the plain handler runs (reasons as before)
    from scrapy.core.downloader.handlers.http11 import (
        _LenientHTTP11ClientFactory,
        _LenientHTTP11ClientProtocol,
        _LenientHTTPClientParser,
    )
except ImportError:  # pragma: no cover - another Scrapy release
    _LenientHTTP11ClientFactory = _LenientHTTP11ClientProtocol = _LenientHTTPClientParser = None  # type: ignore

# All header lines of one response together (with their line ends); Chrome allows 256 KiB too.
MAX_HEADER_BYTES = 256 * 1024


class HeadersTooLarge(Exception):
    """A response header line longer than the parser's limit, or too many header bytes in all."""


class UnsupportedTransferEncoding(Exception):
    """A Transfer-Encoding other than chunked: Twisted would fail the request with a bare KeyError."""


class _HeaderLimitParser(_LenientHTTPClientParser or object):  # type: ignore[misc]
    """Scrapy's lenient response parser with both header limits raised as HeadersTooLarge, and a
    body in a transfer coding it cannot read named as such."""

    def allHeadersReceived(self) -> None:
        codings = self.connHeaders.getRawHeaders(b"Transfer-Encoding") or []
        coding = codings[0].strip().lower() if codings else None
        if coding == b"identity":  # RFC 2616's "no coding", dropped by RFC 7230: the body as it comes
            self.connHeaders.removeHeader(b"Transfer-Encoding")
        elif coding is not None and coding not in self._transferDecoders and self._reads_body():
            raise UnsupportedTransferEncoding(
                f"unsupported Transfer-Encoding '{codings[0].decode('latin-1')[:60]}' (only chunked is read)")
        super().allHeadersReceived()

    def _reads_body(self) -> bool:
        code = self.response.code
        return not 100 <= code < 200 and code not in self.NO_BODY_CODES and self.request.method != b"HEAD"

    def lineLengthExceeded(self, line: bytes) -> None:
        raise HeadersTooLarge(f"a header line over {self.MAX_LENGTH} bytes")

    def lineReceived(self, line: bytes) -> None:
        # no __init__ here: the class is swapped onto a parser made by Twisted, so the count starts lazily
        seen = getattr(self, "_filmcat_header_bytes", 0) + len(line) + 2
        self._filmcat_header_bytes = seen
        if seen > MAX_HEADER_BYTES:
            raise HeadersTooLarge(f"over {MAX_HEADER_BYTES // 1024} KiB of header lines")
        super().lineReceived(line)


class _HeaderLimitProtocol(_LenientHTTP11ClientProtocol or object):  # type: ignore[misc]
    def request(self, request: Any) -> Any:
        d = super().request(request)
        assert self._parser is not None
        self._parser.__class__ = _HeaderLimitParser
        return d


class _HeaderLimitFactory(_LenientHTTP11ClientFactory or object):  # type: ignore[misc]
    def buildProtocol(self, addr: Any) -> _HeaderLimitProtocol:
        return _HeaderLimitProtocol(self._quiescentCallback)  # type: ignore[no-untyped-call]


class HTTPDownloadHandler(HTTP11DownloadHandler):
    """DOWNLOAD_HANDLERS for http and https (scraper/settings.py)."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        if _LenientHTTP11ClientFactory is not None and hasattr(self, "_pool"):
            self._pool._factory = _HeaderLimitFactory

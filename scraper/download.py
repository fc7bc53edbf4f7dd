"""Scrapy's HTTP/1.1 download handler, except that a response whose headers are too large says so.

Twisted reads response headers line by line with a LineReceiver capped at 16 KiB a line
(`LineReceiver.MAX_LENGTH`); a longer line makes it close the connection itself, so the request
failed as "ConnectionDone: Connection was closed cleanly", as if the server had hung up. And it
caps nothing else: a server sending header lines for ever fills memory until the timeout. Here
both are an error with its cause, which Twisted's client protocol turns into the request's
failure (scraper.spiders.failures: "response headers too large (…)").

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


class _HeaderLimitParser(_LenientHTTPClientParser or object):  # type: ignore[misc]
    """Scrapy's lenient response parser with both header limits raised as HeadersTooLarge."""

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

"""A page body that is still gzip after HTTP decoding (no Content-Encoding, or gzip applied twice) is unpacked."""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import Response, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils.gz import gunzip

from scraper.pipelines import count

GZIP_MAGIC = b"\x1f\x8b\x08"   # RFC 1952: ID1 ID2 and CM=deflate; no HTML, XML or text starts so
MAX_LAYERS = 3                  # gzip inside gzip: a proxy and the application each compressing


try:  # what Scrapy's gunzip raises past max_size (a private class of Scrapy's)
    from scrapy.utils._compression import _DecompressionMaxSizeExceeded as TooLarge
except ImportError:  # pragma: no cover - another Scrapy release
    class TooLarge(Exception):  # type: ignore[no-redef]
        """The unpacked body grew past the size limit."""


def gunzip_capped(data: bytes, limit: int) -> bytes | None:
    """The unpacked members of gzip `data`, at most `limit` bytes (0: no limit; over it: TooLarge);
    None when not even the first bytes unpack. A truncated stream, or garbage after the members,
    gives what it holds (Scrapy's gunzip)."""
    if data[:3] != GZIP_MAGIC:
        return None
    try:
        return gunzip(data, max_size=limit)
    except TooLarge:
        raise
    except Exception:  # noqa: BLE001 - not even the first bytes unpack: a broken archive
        return None


class UnlabelledGzipMiddleware:
    """Unpacks a response body that starts with the gzip signature, up to MAX_LAYERS times.

    Misconfigured servers send gzip without `Content-Encoding` (a pre-compressed file served as
    is), or compress twice (application and proxy) while naming gzip once: Scrapy's
    HttpCompressionMiddleware then leaves gzip bytes, stored and extracted as a page with no text
    (counted `gzip_unlabelled`). Sitemaps are left to the sitemap reader, which unpacks gzip itself
    up to its own limit; a body that unpacks past DOWNLOAD_MAXSIZE is left as it came (counted
    `gzip_unlabelled_too_large`: a bomb stays a few compressed bytes, a big gzipped sitemap reached
    by a link is still read by the spider). Runs after HttpCompressionMiddleware in
    process_response order.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Any) -> UnlabelledGzipMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.body[:3] != GZIP_MAGIC or request.meta.get("filmcat_sitemap"):
            return response
        limit = int(request.meta.get("download_maxsize", self.max_size) or 0)
        body = response.body
        try:
            for _ in range(MAX_LAYERS):
                if (unpacked := gunzip_capped(body, limit)) is None:  # not (or no longer) gzip
                    break
                body = unpacked
        except TooLarge:  # a bomb, or a big gzipped sitemap reached by a link: left as it came
            count(self.crawler, "gzip_unlabelled_too_large")
            return response
        if body is response.body:
            return response
        count(self.crawler, "gzip_unlabelled")
        cls = responsetypes.from_args(headers=response.headers, url=response.url, body=body)
        kwargs: dict[str, Any] = {"body": body}
        if issubclass(cls, TextResponse):
            kwargs["encoding"] = None  # from the headers and the new body, not the gzip bytes
        return response.replace(cls=cls, **kwargs)

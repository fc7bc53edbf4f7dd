"""`Content-Encoding: identity` (no transformation, RFC 9110 8.4.1) is dropped from a response before it is decoded."""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import Response

IDENTITY = b"identity"


def without_identity(values: list[bytes]) -> list[bytes]:
    """The Content-Encoding codings of `values` (header lines, each a comma list) minus `identity`,
    in order; empty when identity (or nothing) was all they named."""
    codings = (c.strip() for line in values for c in line.split(b","))
    return [c for c in codings if c and c.lower() != IDENTITY]


class IdentityEncodingMiddleware:
    """Removes `identity` from Content-Encoding, and the header when nothing else is left.

    Some servers label an unencoded body `identity`; Scrapy's HttpCompressionMiddleware keeps
    it as an unknown coding and warns "unsupported encoding(s) 'identity'" for a page that is
    stored right. Runs before HttpCompressionMiddleware (590) in process_response order.
    """

    @classmethod
    def from_crawler(cls, crawler: Any) -> IdentityEncodingMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        values = response.headers.getlist("Content-Encoding")
        if not any(IDENTITY in v.lower() for v in values):
            return response
        kept = without_identity(values)
        if kept:
            response.headers["Content-Encoding"] = b", ".join(kept)
        else:
            del response.headers["Content-Encoding"]
        return response

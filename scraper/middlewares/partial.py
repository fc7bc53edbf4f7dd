"""A 206 Partial Content answer to a request that asked for no range is no page (RFC 9110 15.3.7)."""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.http import Response

from scraper.middlewares.robots import is_robots_fetch
from scraper.middlewares.signals import PartialContent

PARTIAL = 206


class PartialContentMiddleware:
    """Refuses a 206 to a request without a Range header: its body is a piece of the page.

    Scrapy counts any 2xx as success, so the piece would be stored and extracted in place of the
    page (and its review). The request fails as a rejection (scraper.spiders.failures) instead;
    a stored copy and its review stay as they are. robots.txt is left to the robots middlewares.
    """

    @classmethod
    def from_crawler(cls, crawler: Any) -> PartialContentMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == PARTIAL and b"Range" not in request.headers and not is_robots_fetch(request):
            raise PartialContent("partial content (206) to a full request")
        return response

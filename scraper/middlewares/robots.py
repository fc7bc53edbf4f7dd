"""robots.txt answered with a server error means "disallow everything" (RFC 9309, 2.3.1.4)."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.http import Response

from scraper.pipelines import count

DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
# 5xx and 429: the site cannot say what it allows right now (Google treats 429 as 5xx too).
UNREACHABLE = (429, *range(500, 600))


class RobotsUnreachableMiddleware:
    """Scrapy hands any robots.txt body to the parser, so a 503 error page allows everything.

    Placed after RetryMiddleware in process_response order: only the answer that is left
    once retries gave up is turned into a complete disallow.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsUnreachableMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in UNREACHABLE or urlsplit(request.url).path != "/robots.txt":
            return response
        if not request.meta.get("dont_obey_robotstxt"):  # our own fetch of the file, not the parser's
            return response
        count(self.crawler, "robots_unreachable")
        return response.replace(status=200, body=DISALLOW_ALL)

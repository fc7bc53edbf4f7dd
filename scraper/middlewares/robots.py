"""robots.txt answered with a server error means "disallow everything" (RFC 9309 2.3.1.4); a huge one is cut."""
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
        self.maxsize = crawler.settings.getint("FILMCAT_ROBOTS_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsUnreachableMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        # only the robots middleware's own fetch of the file (it marks it dont_obey_robotstxt)
        asked = (request.meta.get("redirect_urls") or [request.url])[0]   # a redirected robots.txt too
        if not request.meta.get("dont_obey_robotstxt") or urlsplit(asked).path != "/robots.txt":
            return response
        if response.status in UNREACHABLE:
            count(self.crawler, "robots_unreachable")
            return response.replace(status=200, body=DISALLOW_ALL)
        if self.maxsize and len(response.body) > self.maxsize:
            # RFC 9309 2.5: parse at least 500 KiB; the rest of a huge file is ignored, so a
            # runaway robots.txt costs neither memory nor parse time
            count(self.crawler, "robots_truncated")
            head = response.body[:self.maxsize]
            return response.replace(body=head[:head.rfind(b"\n") + 1] or head)
        return response

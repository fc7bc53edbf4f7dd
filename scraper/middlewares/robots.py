"""An unreachable robots.txt (server or network error) means "disallow everything" (RFC 9309 2.3.1.4);
its redirects are followed across hosts (2.3.1.2); a huge one is cut; a UTF-16/32 one is read as text."""
from __future__ import annotations

import codecs
import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.http import Response
from scrapy.robotstxt import RobotParser
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from scraper.middlewares.signals import RobotsServerError, RobotsUnreachable
from scraper.pipelines import count
from scraper.spiders.failures import classify_failure

logger = logging.getLogger(__name__)

# 5xx and 429: the site cannot say what it allows right now (Google treats 429 as 5xx too).
UNREACHABLE = (429, *range(500, 600))
# RFC 9309 2.3.1.2: follow at least five consecutive redirects of robots.txt, even to another host.
ROBOTS_REDIRECTS = 5


def is_robots_fetch(request: Request) -> bool:
    """The robots middleware's own fetch of a robots.txt (it marks it dont_obey_robotstxt), redirected or not."""
    asked = (request.meta.get("redirect_urls") or [request.url])[0]
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(asked).path == "/robots.txt"


class UnreachableRobots(RobotParser):
    """The parser of a robots.txt that could not be fetched: nothing is allowed, and it says why."""

    sitemaps: tuple[str, ...] = ()

    def __init__(self, reason: str) -> None:
        self.reason = reason

    @classmethod
    def from_crawler(cls, crawler: Any, robotstxt_body: bytes) -> UnreachableRobots:
        return cls("robots.txt unreachable")

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False


class ObeyRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware, except that a robots.txt download error disallows the whole site.

    Scrapy stores no parser for such a host (None: everything allowed); here the host gets an
    UnreachableRobots, and every page refused for it is recorded with the error as its reason.
    """

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        cause = str(exc) if isinstance(exc, RobotsServerError) else classify_failure(Failure(exc))[1]
        reason = f"robots.txt unreachable: {cause}"
        count(self.crawler, "robots_unreachable")
        logger.warning("%s: %s, nothing of it is crawled", netloc, reason)
        waiting = self._parsers[netloc]
        self._parsers[netloc] = parser = UnreachableRobots(reason)
        if isinstance(waiting, Deferred):
            waiting.callback(parser)

    def process_request_2(self, rp: Any, request: Request) -> None:
        if isinstance(rp, UnreachableRobots):
            self._stats.inc_value("robotstxt/forbidden")
            raise RobotsUnreachable(rp.reason)
        super().process_request_2(rp, request)


class RobotsUnreachableMiddleware:
    """Scrapy hands any robots.txt body to the parser, so a 503 error page allows everything.

    Placed after RetryMiddleware in process_response order: only the answer that is left
    once retries gave up becomes a download error (RobotsServerError), which the robots
    middleware turns into a complete disallow that names the status.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.maxsize = crawler.settings.getint("FILMCAT_ROBOTS_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsUnreachableMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if is_robots_fetch(request):  # more hops than ROBOTS_REDIRECTS: unreachable, so disallow all
            request.meta.setdefault("redirect_ttl", ROBOTS_REDIRECTS)

    def process_response(self, request: Request, response: Response) -> Response:
        if not is_robots_fetch(request):
            return response
        if response.status in UNREACHABLE:  # counted as robots_unreachable by ObeyRobotsTxtMiddleware
            raise RobotsServerError(f"HTTP {response.status}")
        if (text := _wide_text(response.body)) is not None:
            # RFC 9309 2.3 wants UTF-8, but Windows editors save "Unicode" as UTF-16 with a BOM: read as
            # UTF-8 it is NUL-interleaved bytes, no rule matches and the site's Disallow lines are ignored
            count(self.crawler, "robots_transcoded")
            response = response.replace(body=text.encode("utf-8"))
        if self.maxsize and len(response.body) > self.maxsize:
            # RFC 9309 2.5: parse at least 500 KiB; the rest of a huge file is ignored, so a
            # runaway robots.txt costs neither memory nor parse time
            count(self.crawler, "robots_truncated")
            head = response.body[:self.maxsize]
            return response.replace(body=head[:head.rfind(b"\n") + 1] or head)
        return response


# Byte order marks of the wide encodings, UTF-32 first (its little-endian mark starts with UTF-16's).
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _wide_text(body: bytes) -> str | None:
    """The text of a robots.txt in UTF-16 or UTF-32 with its byte order mark, or None (any other body,
    or one that does not decode: left to the parser as it is)."""
    for bom, codec in WIDE_BOMS:
        if body.startswith(bom):
            try:
                return body.decode(codec)
            except UnicodeDecodeError:
                return None
    return None

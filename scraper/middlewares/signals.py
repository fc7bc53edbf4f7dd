"""Exceptions our middlewares raise to drop a request, so the spider can tell why."""
from __future__ import annotations

from scrapy.exceptions import IgnoreRequest


class NotModified(IgnoreRequest):
    """The page has not changed since it was stored (304, or sitemap lastmod not newer)."""


class OffOrigin(IgnoreRequest):
    """The request (usually a redirect target) leaves the crawled origins."""


class OffOriginLink(IgnoreRequest):
    """A non-redirect request for another origin (already counted; nothing to record)."""


class CrawlLimit(IgnoreRequest):
    """The request is past a site's crawl limits or looks like a crawler trap (the reason says which)."""


class PageBudgetSpent(IgnoreRequest):
    """`--max-pages N`: N page requests went out already (scraper.middlewares.budget); nothing to record."""


class CrawlStopped(IgnoreRequest):
    """A stop signal came before the request was sent (scraper.middlewares.stopping); nothing to record."""


class RobotsUnreachable(IgnoreRequest):
    """The site's robots.txt could not be fetched (a network error): nothing of the site is allowed."""


class RobotsServerError(IgnoreRequest):
    """robots.txt answered 5xx or 429 after retries (its message: "HTTP 503"): RFC 9309 2.3.1.4 makes
    that a complete disallow, recorded as unreachable, not as the site's own rules."""


class PartialContent(IgnoreRequest):
    """A 206 Partial Content to a request that sent no Range: a piece of the page, not the page."""

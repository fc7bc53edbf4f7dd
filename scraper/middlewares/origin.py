"""Same-origin confinement: spider output and redirect targets stay on the crawled origins."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from scraper.middlewares.robots import is_robots_fetch
from scraper.middlewares.signals import OffOrigin, OffOriginLink
from scraper.urls import canonicalize, origin


def _origins(spider: Spider | None) -> frozenset[str] | None:
    return getattr(spider, "origins", None)


class CanonicalOriginSpiderMiddleware:
    """Drops spider requests for other origins and rewrites the rest to their canonical URL."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> CanonicalOriginSpiderMiddleware:
        return cls(crawler)

    async def process_spider_output(self, response: Response, result: AsyncIterator[Any]
                                    ) -> AsyncIterator[Any]:
        origins = _origins(self.crawler.spider)
        async for obj in result:
            if not isinstance(obj, Request) or origins is None:
                yield obj
                continue
            url = canonicalize(obj.url)
            if origin(url) not in origins:
                self.crawler.stats.inc_value("filmcat/offsite_links")
                continue
            yield obj if url == obj.url else obj.replace(url=url)


class OriginDownloaderMiddleware:
    """Refuses requests that leave the origins, above all redirect targets (counted).

    A redirect of a start URL itself (http→https, bare host→www) moves the site: its
    target origin is adopted, since the operator named the site, not the exact spelling.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> OriginDownloaderMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        spider = self.crawler.spider
        origins = _origins(spider)
        if origins is None or origin(request.url) in origins:
            return
        redirects = request.meta.get("redirect_urls") or []
        if redirects and is_robots_fetch(request):
            # RFC 9309 2.3.1.2: robots.txt redirects are followed even to another host (up to
            # ROBOTS_REDIRECTS hops); it is no page of the site, and what it says applies to the origin
            self.crawler.stats.inc_value("filmcat/robots_offsite_redirects")
            return
        if redirects and canonicalize(redirects[0]) in getattr(spider, "start_urls", ()):
            spider.origins = origins | {origin(request.url)}
            self.crawler.stats.inc_value("filmcat/start_redirects")
            return
        if redirects:  # counted by the pipeline from the spider's failure item
            raise OffOrigin(f"redirect from {redirects[-1]} leaves the site for {request.url}")
        self.crawler.stats.inc_value("filmcat/offsite_links")
        raise OffOriginLink(f"{request.url} is not on a crawled origin")


REDIRECT_STATUSES = (301, 302, 303, 307, 308)   # what Scrapy's RedirectMiddleware follows
BAD_REDIRECT = "bad redirect: "   # IgnoreRequest prefix: the rest is the run record's reason


def _shown(location: str) -> str:
    text = " ".join(location.split())
    return f"Location {text[:100]!r}"


class RedirectLoopMiddleware:
    """Stops a redirect back to a URL of its own chain (A→A, A→B→A) and says so; a redirect
    without a Location, to a malformed URL or to a non-HTTP scheme fails with that reason.

    Without it the scheduler's duplicate filter drops the looping request silently and the
    page vanishes from the run record.
    """

    @classmethod
    def from_crawler(cls, crawler: Any) -> RedirectLoopMiddleware:
        return cls()

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status not in REDIRECT_STATUSES or request.meta.get("dont_redirect"):
            return response
        location = (response.headers.get(b"Location") or b"").decode("latin-1").strip()
        if not location:
            raise IgnoreRequest(f"{BAD_REDIRECT}redirect without Location (HTTP {response.status})")
        try:
            raw = response.urljoin(location)
            parts = urlsplit(raw)
            host = parts.hostname
        except ValueError:
            host, parts = None, None
        if parts is not None and parts.scheme.lower() not in ("http", "https"):
            raise IgnoreRequest(f"{BAD_REDIRECT}redirect to a non-HTTP URL ({_shown(location)})")
        if parts is None or not host:
            raise IgnoreRequest(f"{BAD_REDIRECT}redirect to a malformed URL ({_shown(location)})")
        target, earlier = canonicalize(raw), request.meta.get("redirect_urls") or []
        # a first hop to the same canonical URL under another raw one is a server adding its session
        # token (/x → /(S(token))/x): followed once; back to any URL of the chain again is a loop
        if raw in (*earlier, request.url) or target in {canonicalize(u) for u in earlier}:
            raise IgnoreRequest(f"redirect loop: back to {target}")
        return response

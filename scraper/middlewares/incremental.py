"""Incremental fetching: skip pages the sitemap says are unchanged, send conditional requests, count 304s."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request
from scrapy.http import Response

from catalog.errors import CatalogUnwritable
from scraper.items import FOLLOWS_LINKS
from scraper.middlewares.signals import NotModified
from scraper.normalize.dates import http_date
from scraper.pipelines import CatalogGateway, count
from scraper.spiders.links import page_links
from scraper.urls import canonicalize, origin


def parse_lastmod(text: str | None) -> datetime | None:
    """A sitemap <lastmod> (W3C datetime: date only, or with time and offset) as aware UTC."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.strip())  # 3.11+: also "Z" and date-only
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


# How far a sitemap <lastmod> may lie ahead of our clock before it is not believed.
LASTMOD_SKEW = timedelta(days=1)


def plausible_lastmod(text: str | None, now: datetime | None = None) -> datetime | None:
    """A sitemap <lastmod> as aware UTC, or None when it is unreadable or later than now plus a day:
    a lastmod in the future ("9999-12-31") would make every later one "not newer" and freeze the page."""
    value = parse_lastmod(text)
    if value is None or value > (now or datetime.now(UTC)) + LASTMOD_SKEW:
        return None
    return value


# Request meta: its sitemap_lastmod is a publication date (an RSS pubDate), which a later edit keeps:
# stored with the page, never a reason to skip it.
PUBLISHED_ONLY = "filmcat_lastmod_published"


def newest_lastmod(*texts: str | None) -> str | None:
    """The latest plausible lastmod of several (as written), or None: a page listed twice (a sitemap
    and a feed, two sitemaps) is as new as its newest entry says."""
    best: tuple[datetime, str] | None = None
    for text in texts:
        value = plausible_lastmod(text)
        if value is not None and text and (best is None or value > best[0]):
            best = (value, text)
    return best[1] if best else None


def unchanged_since(lastmod: str | None, stored: str | None) -> bool:
    """True when the sitemap's lastmod is known and not newer than the one stored with the page
    (a future or unreadable one on either side counts as unknown)."""
    new, old = plausible_lastmod(lastmod), plausible_lastmod(stored)
    return new is not None and old is not None and new <= old


class IncrementalMiddleware:
    """Uses the catalogue's page state so a re-crawl fetches only what may have changed."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.enabled = not settings.getbool("FILMCAT_FULL_RECRAWL") and bool(settings.get("FILMCAT_DB_URL"))
        self.conditional = settings.getbool("FILMCAT_CONDITIONAL_REQUESTS")
        self.trust_lastmod = settings.getbool("FILMCAT_TRUST_SITEMAP_LASTMOD")
        days = settings.getfloat("FILMCAT_LASTMOD_TRUST_DAYS")
        self.lastmod_trust = timedelta(days=days) if days > 0 else None
        self.known: dict[str, asyncio.Future[bool]] = {}   # origin -> the catalogue holds pages of it

    @classmethod
    def from_crawler(cls, crawler: Any) -> IncrementalMiddleware:
        return cls(crawler)

    def _is_page(self, request: Request) -> bool:
        return (self.enabled and not request.meta.get("filmcat_sitemap")
                and not request.meta.get("dont_obey_robotstxt") and request.method == "GET")

    async def process_request(self, request: Request) -> None:
        if not self._is_page(request) or request.meta.get("filmcat_state_checked"):
            return
        request.meta["filmcat_state_checked"] = True
        url = canonicalize(request.url)
        if not await self._origin_known(url):
            return
        # only a copy whose review or rejection was recorded may spare the fetch (see outcome_recorded)
        state = await CatalogGateway.for_crawler(self.crawler).call("trusted_page_state", url)
        if state is None:
            return
        lastmods = getattr(self.crawler.spider, "lastmods", {})
        own = None if request.meta.get(PUBLISHED_ONLY) else request.meta.get("sitemap_lastmod")
        lastmod = newest_lastmod(own, lastmods.get(url))
        if self.trust_lastmod and unchanged_since(lastmod, state.sitemap_lastmod) and self._seen_lately(state):
            count(self.crawler, "not_modified")
            count(self.crawler, "not_modified_by_sitemap")
            raise NotModified(f"{url}: sitemap lastmod {lastmod} not newer than stored")
        if self.conditional:
            _add_validators(request, state)

    def _seen_lately(self, state: Any) -> bool:
        """Whether the server showed or confirmed this copy within FILMCAT_LASTMOD_TRUST_DAYS: many sites
        edit a page (a rating, a name) without touching its sitemap lastmod, so an old copy is asked
        for again (with its validators: a 304 costs little) instead of being trusted for ever."""
        if self.lastmod_trust is None:
            return True
        seen = [t if t.tzinfo else t.replace(tzinfo=UTC)
                for t in (state.fetched_at, getattr(state, "checked_at", None)) if t is not None]
        return bool(seen) and datetime.now(UTC) - max(seen) <= self.lastmod_trust

    async def _origin_known(self, url: str) -> bool:
        """Whether this site was crawled before (its home page is stored).

        A site never crawled has no page states: on a first crawl this saves a catalogue
        lookup per request. After an interrupted crawl the run is a full one anyway.
        """
        site = origin(url)
        if site not in self.known:  # one probe per origin, shared by every request waiting for it
            self.known[site] = asyncio.ensure_future(self._probe(site))
        return await self.known[site]

    async def _probe(self, site: str) -> bool:
        gateway = CatalogGateway.for_crawler(self.crawler)
        starts = [u for u in getattr(self.crawler.spider, "start_urls", []) if origin(u) == site]
        for url in dict.fromkeys([f"{site}/", *starts]):
            if await gateway.call("page_state", url) is not None:
                return True
        return False

    async def process_response(self, request: Request, response: Response) -> Response:
        if response.status != 304 or not self._is_page(request) or not asked_conditionally(request):
            return response  # a 304 nobody asked for confirms no copy: an HTTP error (scraper.spiders.failures)
        url = canonicalize(request.url)
        gateway = CatalogGateway.for_crawler(self.crawler)
        count(self.crawler, "not_modified")
        try:
            await gateway.call("mark_not_modified", url, run_id=gateway.run_id)
        except CatalogUnwritable:  # the gateway stops the crawl, said once; the next crawl asks again
            raise NotModified(f"{url}: 304 Not Modified (not noted: the catalogue accepts no writes)") from None
        await self._follow_stored(url, int(request.meta.get("depth") or 0))
        raise NotModified(f"{url}: 304 Not Modified")

    async def _follow_stored(self, url: str, depth: int) -> None:
        """Follow the links of the stored copy a 304 confirmed, as if it had been fetched.

        Unchanged pages still lead to changed ones: a start page or category page answering
        304 must not end the crawl there. Parsed off the reactor (the same parser the workers
        use); a copy that cannot be read leaves nothing to follow.
        """
        spider = self.crawler.spider
        follow = getattr(spider, "follow_page_links", None)
        if follow is None or not getattr(self.crawler, FOLLOWS_LINKS, False):
            return  # without the catalogue pipeline the spider parses its responses itself
        stored = await CatalogGateway.for_crawler(self.crawler).call("stored_page", url)
        if stored is None or not stored.body:
            return
        origins = frozenset(getattr(spider, "origins", ()))
        try:
            links = await asyncio.to_thread(page_links, stored.body, url, stored.headers, origins)
        except Exception:  # noqa: BLE001 - an unreadable stored copy: nothing to follow, the 304 stands
            return
        count(self.crawler, "links_from_stored")
        follow(links, depth)


def asked_conditionally(request: Request) -> bool:
    """Whether `request` sent a validator: only then may a 304 stand for the stored copy (RFC 9110 15.4.5)."""
    return b"If-None-Match" in request.headers or b"If-Modified-Since" in request.headers


def _add_validators(request: Request, state: Any) -> None:
    if state.etag and b"If-None-Match" not in request.headers:
        request.headers[b"If-None-Match"] = state.etag
    # only the server's own Last-Modified: our fetch time would trust two clocks to agree
    if state.last_modified and b"If-Modified-Since" not in request.headers and \
            plausible_last_modified(state.last_modified, state.fetched_at):
        request.headers[b"If-Modified-Since"] = state.last_modified


# How far a server's clock may run ahead of ours before its Last-Modified is not believed.
CLOCK_SKEW = timedelta(hours=1)


def plausible_last_modified(value: str, fetched_at: datetime | None) -> bool:
    """Whether a stored Last-Modified may be sent back as If-Modified-Since: an HTTP date no later than
    when the page was fetched (RFC 9110 8.8.2.1: an origin must not send one later than its Date). A date
    in the future ("2100-01-01") would answer 304 for ever and hide every change; an unreadable one is
    ignored by servers anyway (RFC 9110 13.1.3)."""
    when = http_date(value)
    if when is None:
        return False
    seen = fetched_at or datetime.now(UTC)
    seen = seen if seen.tzinfo else seen.replace(tzinfo=UTC)
    return when <= seen + CLOCK_SKEW

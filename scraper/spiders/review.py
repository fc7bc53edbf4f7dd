"""The one generic review spider: starts from a site URL, follows same-origin links and sitemaps."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gzip_magic_number
from twisted.python.failure import Failure

from scraper.items import FOLLOWS_LINKS, FailureItem, PageItem, RetireItem
from scraper.middlewares.gzipped import TooLarge, gunzip_capped
from scraper.middlewares.incremental import PUBLISHED_ONLY, newest_lastmod, plausible_lastmod
from scraper.middlewares.signals import CrawlStopped, NotModified
from scraper.profiles import SiteProfile
from scraper.spiders import sitemaps
from scraper.spiders.copies import (
    DUPLICATE_COUNTER,
    KEEP_META,
    REQUERY_META,
    CopyTracker,
    declared_canonical,
    page_digests,
)
from scraper.spiders.failures import classify_failure
from scraper.urls import canonicalize, names_a_page, origin, same_site

# Sitemaps and review pages go first so a crawl stopped early has the reviews. The pages of a
# sitemap are held until every sitemap the site names (robots.txt, its profile, /sitemap.xml) is
# answered, so a page listed twice (a sitemap and a feed) is judged by its newest date. The pages go before the sitemaps
# an index lists (an index of 10,000 children): each child's pages are fetched soon after it is
# read, with its lastmod. Pages found through links wait behind every sitemap, so their sitemap
# lastmod is known when they are fetched.
SITEMAP_PRIORITY = 30
SITEMAP_PAGE_PRIORITY = 21   # + 1 for a profile's review pattern
CHILD_SITEMAP_PRIORITY = 20
NAMED_META = "filmcat_sitemap_named"   # request meta: a sitemap named by robots.txt, a profile or the default
REVIEW_PRIORITY = 10
REFETCH_META = "filmcat_refetch_bare"   # request meta: a 304'd bare path fetched in full for held query pages
MAX_HELD = 256           # query pages held in memory at most while their bare path is fetched
HTML_TYPES = (b"text/html", b"application/xhtml+xml")
HTML_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")
GONE = (404, 410)        # RFC 9110 15.5.5 / 15.5.11: the page is not there (410: for good); its review retires
MOVED = (301, 308)       # RFC 9110 15.4.2 / 15.4.9: moved permanently (302/307 are temporary: nothing retires)


class ReviewSpider(Spider):
    """Crawls the sites of its start URLs; every HTML page becomes a PageItem."""

    name = "reviews"

    def __init__(self, start_urls: list[str], profiles: list[SiteProfile] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.profiles = {p.origin: p for p in profiles or []}
        starts = [canonicalize(u) for u in start_urls]
        for prof in self.profiles.values():
            starts += [u for u in prof.start_urls if u not in starts]
        self.start_urls = starts
        self.origins = frozenset(origin(u) for u in starts)
        self.links = LinkExtractor(tags=("a", "area"), attrs=("href",), unique=True)
        self.lastmods: dict[str, str] = {}      # canonical URL -> its sitemap <lastmod>
        self._sitemaps_seen: set[str] = set()
        self._sitemaps_open = 0                  # sitemap requests not answered yet
        self._named_open = 0                     # of them, named by robots.txt, a profile or /sitemap.xml
        self._held_pages: list[Request] = []     # sitemap pages waiting for the named sitemaps to be read
        self._sitemaps_done: asyncio.Event | None = None
        self._linked: set[int] = set()           # hashes of URLs handed in by follow_page_links
        self.copies = CopyTracker(starts)         # pages that are copies of another URL
        self._held: dict[str, list[Response]] = {}   # bare URL -> query pages waiting for its answer
        self._held_count = 0
        self._revisited = False                  # the stored reviews no link led to were asked for

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ReviewSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.spider_idle, signal=signals.spider_idle)
        return spider

    async def start(self) -> AsyncIterator[Request]:
        self._sitemaps_done = asyncio.Event()
        for site in sorted(self.origins):
            prof = self.profiles.get(site)
            for url in (prof.sitemaps if prof else ()) or (f"{site}/sitemap.xml",):
                if (req := self.sitemap_request(url)) is not None:
                    yield req
        # Sitemaps first: their <lastmod> lets a re-crawl skip unchanged pages, which only works
        # if a page is not requested through a link before its sitemap entry is known.
        try:
            await asyncio.wait_for(self._sitemaps_done.wait(), self.settings.getfloat("FILMCAT_SITEMAP_WAIT"))
        except TimeoutError:
            self.crawler.stats.inc_value("filmcat/sitemap_wait_timeouts")
        for url in self.start_urls:
            yield Request(url, callback=self.parse, errback=self.failed, priority=REVIEW_PRIORITY)

    def sitemap_request(self, url: str, child: bool = False) -> Request | None:
        """A request for a sitemap not asked for yet (None for a repeat), counted as open; `child`:
        listed by a sitemap index (it goes after the pages of the sitemaps read already)."""
        url = canonicalize(url)
        if url in self._sitemaps_seen:
            return None
        self._sitemaps_seen.add(url)
        self._sitemaps_open += 1
        self._named_open += not child
        return Request(url, callback=self.parse_sitemap, errback=self.sitemap_failed,
                       priority=CHILD_SITEMAP_PRIORITY if child else SITEMAP_PRIORITY,
                       # a plain sitemap may be as large as the protocol allows, over the page cap
                       meta={"filmcat_sitemap": True, NAMED_META: not child,
                             "download_maxsize": self.settings.getint("FILMCAT_SITEMAP_MAXSIZE")})

    def _sitemap_answered(self, meta: dict[str, Any]) -> None:
        self._sitemaps_open -= 1
        if self._sitemaps_open <= 0 and self._sitemaps_done is not None:
            self._sitemaps_done.set()
        if meta.get(NAMED_META):
            self._named_open -= 1
            if self._named_open <= 0 and self._held_pages:   # every named sitemap read: the pages go
                held, self._held_pages = self._held_pages, []
                for request in held:
                    self.crawler.engine.crawl(request)

    def request_dropped(self, request: Request, **_: Any) -> None:
        """A sitemap the scheduler refused (already seen, e.g. by a shared frontier) is never
        answered here: count it as settled, or start() would wait FILMCAT_SITEMAP_WAIT for it."""
        if request.meta.get("filmcat_sitemap") and not request.meta.get("filmcat_settled"):
            request.meta["filmcat_settled"] = True
            self.crawler.stats.inc_value("filmcat/sitemap_dropped")
            self._sitemap_answered(request.meta)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        """Queue the sitemaps robots.txt names (Protego keeps them as `.sitemaps`)."""
        parser = getattr(robotparser, "rp", None)
        for line in list(getattr(parser, "sitemaps", None) or []):
            url = _entry_url(request.url, line)  # a relative line ("/sitemap.xml") is the site's own
            if url is None:
                self.crawler.stats.inc_value("filmcat/sitemap_urls_invalid")
            elif origin(url) in self.origins and (req := self.sitemap_request(url)) is not None:
                self.crawler.engine.crawl(req)

    # ---------------------------------------------------------------- pages

    def parse(self, response: Response, **_: Any) -> Iterator[PageItem | FailureItem | RetireItem | Request]:
        if self._looks_like_sitemap(response):  # a sitemap linked from a page
            yield from self._sitemap_requests(response)
            return
        for hop in response.meta.get("redirect_urls") or ():   # copies naming a hop wait for this page
            self.copies.redirect(canonicalize(hop), canonicalize(response.url))
        if not self._is_html(response):
            kind = (response.headers.get(b"Content-Type") or b"none").decode("latin-1")
            yield FailureItem(canonicalize(response.url), f"not an HTML page (Content-Type {kind})",
                              counter="rejected")
            yield from self._release(response.url, *(response.meta.get("redirect_urls") or ()))
            return
        url = canonicalize(response.url)
        for seen in (response.url, *(response.meta.get("redirect_urls") or ())):
            self.copies.answered.add(hash(canonicalize(seen)))
        yield from moved_pages(response, url)
        if not response.meta.get(KEEP_META) and (instead := self._copy_check(response, url)) is not None:
            yield from instead
        else:
            yield from self._page_item(response, url)
        yield from self._release(response.url, *(response.meta.get("redirect_urls") or ()))

    def _page_item(self, response: Response, url: str) -> Iterator[PageItem | Request]:
        yield PageItem(
            url=url, status=response.status,
            headers=_headers(response), body=response.body,
            sitemap_lastmod=newest_lastmod(response.meta.get("sitemap_lastmod"), self.lastmods.get(url)),
            depth=int(response.meta.get("depth") or 0),
        )
        # the catalogue pipeline finds the links in its worker, which parses the page anyway
        if not getattr(self.crawler, FOLLOWS_LINKS, False):
            yield from self.follow_links(response)

    def _copy_check(self, response: Response, url: str) -> list[FailureItem | RetireItem | Request] | None:
        """What to do instead of storing a page that is a copy of another URL (None: store it).

        A trusted rel=canonical (scraper.spiders.copies) makes the page a duplicate and its
        canonical is scheduled; a query URL whose bare path is not answered yet is fetched again
        after it; a query URL with the bytes of a page stored on the same path is a duplicate.
        """
        depth = int(response.meta.get("depth") or 0)
        aliases = {canonicalize(u) for u in response.meta.get("redirect_urls") or ()}
        target = self.copies.trusted_target(url, declared_canonical(response), self._can_follow, aliases)
        digests = page_digests(response.body, response.url)
        if target is not None and (released := self.copies.count_copy(url, target, digests=digests)) is not None:
            for copy in released:   # one canonical named by too many pages: none of them is a copy
                self._keep(copy)
            target = None
        if target is not None:
            return [FailureItem(url, f"duplicate of {target}", counter=DUPLICATE_COUNTER), copy_retired(url, target),
                    Request(target, callback=self.parse, errback=self.failed, priority=REVIEW_PRIORITY,
                            meta={"depth": depth})]
        bare = self.copies.bare_pending(url)
        if (bare is not None and not response.meta.get(REQUERY_META) and self._can_follow(bare)
                and self._held_count < MAX_HELD):
            # held until the bare path is answered: then its bytes are compared with the bare
            # page's, whichever order the links came in
            self._held.setdefault(bare, []).append(response)
            self._held_count += 1
            return [Request(bare, callback=self.parse, errback=self.failed, priority=REVIEW_PRIORITY + 1,
                            meta={"depth": depth})]
        same = self.copies.same_bytes(url, digests)
        if same is not None:
            self.copies.count_copy(url, same, limited=False)
            return [FailureItem(url, f"duplicate of {same}", counter=DUPLICATE_COUNTER), copy_retired(url, same)]
        return None

    def _release(self, *answered: str) -> Iterator[PageItem | FailureItem | RetireItem | Request]:
        """The query pages held for a bare path that has now been answered, judged now."""
        for url in answered:
            for held in self._held.pop(canonicalize(url), []):
                self._held_count -= 1
                yield from self.parse(held)

    def spider_idle(self, **_: Any) -> None:
        """Query pages still held (their bare path never answered): fetched once more and judged then."""
        held, self._held, self._held_count = self._held, {}, 0
        for responses in held.values():
            for resp in responses:
                self.crawler.engine.crawl(Request(resp.url, callback=self.parse, errback=self.failed,
                                                  dont_filter=True, meta={REQUERY_META: True}))
        if held:
            raise DontCloseSpider("query pages held for their bare path are fetched once more")
        if self._revisit_stored():
            raise DontCloseSpider("stored reviews no link or sitemap led to are asked for")

    def _revisit_stored(self) -> bool:
        """Once, when the crawl would end: request the stored reviews of these sites that this run
        did not reach (the scheduler drops those it requested). A site that deletes a review or
        moves it (301) usually stops linking the old URL too; asked for, it answers 404/410/301 and
        its review retires instead of staying current for ever. True if any request went out."""
        if self._revisited or not self.settings.getbool("FILMCAT_REVISIT_STORED") \
                or not self.settings.get("FILMCAT_DB_URL") or self.settings.get("FILMCAT_FRONTIER_NAMESPACE"):
            return False
        self._revisited = True
        from scraper.pipelines import CatalogGateway

        gateway = CatalogGateway.for_crawler(self.crawler)
        try:  # one indexed query, run on the catalogue thread while the crawl is idle
            urls = gateway.call_waiting("review_urls", sorted(self.origins), timeout=60)
        except Exception as exc:  # noqa: BLE001 - the crawl is done; the next one tries again
            self.logger.warning("could not list the stored reviews to revisit: %s", exc)
            return False
        engine = self.crawler.engine
        for url in urls:   # the scheduler drops the URLs this run requested already
            engine.crawl(Request(url, callback=self.parse, errback=self.failed, priority=REVIEW_PRIORITY))
        scheduler = engine.scheduler
        if scheduler is None or not scheduler.has_pending_requests():
            return False
        size = getattr(scheduler, "__len__", None)
        self.crawler.stats.set_value("filmcat/stored_revisited", size() if size is not None else 1)
        return True

    def page_outcome(self, url: str, counter: str) -> None:
        """The pipeline's word on a page: a canonical that holds no review gets its copies back."""
        released, again = self.copies.outcome(url, counter)
        for copy in released:
            self._keep(copy)
        for copy in again:
            self._judge_again(copy)

    def _keep(self, copy: str) -> None:
        """A page counted as a copy is fetched once more and stored as it is (its canonical failed it)."""
        self.crawler.stats.inc_value("filmcat/copies_kept")
        self.crawler.stats.inc_value(f"filmcat/{DUPLICATE_COUNTER}", -1)   # stored after all
        self.crawler.engine.crawl(Request(copy, callback=self.parse, errback=self.failed, dont_filter=True,
                                          priority=REVIEW_PRIORITY, meta={KEEP_META: True}))

    def _judge_again(self, copy: str) -> None:
        """A copy counted through a chain whose end holds no review is fetched once more: it names a
        page that is no copy any more, and is that page's copy now (or stored, if that fails too)."""
        self.crawler.stats.inc_value(f"filmcat/{DUPLICATE_COUNTER}", -1)   # counted again when judged
        self.crawler.engine.crawl(Request(copy, callback=self.parse, errback=self.failed, dont_filter=True,
                                          priority=REVIEW_PRIORITY))

    def _can_follow(self, url: str) -> bool:
        return origin(url) in self.origins and self._worth_following(url)

    def follow_links(self, response: Response) -> Iterator[Request]:
        if not isinstance(response, TextResponse):
            return
        try:
            links = self.links.extract_links(response)
        except (AttributeError, ValueError, TypeError):  # body that is not text after all
            return
        for link in links:
            if link.nofollow:  # rel=nofollow: never followed (drafts and private pages hide there)
                continue
            url = canonicalize(link.url)
            if not names_a_page(url):   # userinfo, a bad port (scraper.urls.names_a_page)
                continue
            if origin(url) in self.origins and self._worth_following(url):
                yield Request(url, callback=self.parse, errback=self.failed,
                              priority=self._priority(url))

    def follow_page_links(self, links: list[str], depth: int) -> None:
        """Schedule a page's links found elsewhere (scraper.spiders.links, in a worker): canonical
        URLs on the crawled origins. Each URL is handed to the scheduler once per crawl: a link
        repeated on every page costs a set lookup here, not a request and its fingerprint."""
        engine = self.crawler.engine
        for url in links:
            key = hash(url)
            if key in self._linked:
                continue
            self._linked.add(key)
            if origin(url) in self.origins and self._worth_following(url):
                engine.crawl(Request(url, callback=self.parse, errback=self.failed,
                                     priority=self._priority(url), meta={"depth": depth + 1}))

    def _worth_following(self, url: str) -> bool:
        prof = self.profiles.get(origin(url))
        return prof is None or prof.allows(_path(url))

    def _priority(self, url: str) -> int:
        prof = self.profiles.get(origin(url))
        return REVIEW_PRIORITY if prof and prof.is_review(_path(url)) else 0

    def _sitemap_page_priority(self, url: str) -> int:
        return SITEMAP_PAGE_PRIORITY + (self._priority(url) == REVIEW_PRIORITY)

    def _is_html(self, response: Response) -> bool:
        ctype = (response.headers.get(b"Content-Type") or b"").lower()
        if any(t in ctype for t in HTML_TYPES):
            return True
        head = response.body[:1024].lstrip().lower()
        # a wrong or missing Content-Type: trust the markup (text/plain served HTML happens)
        return (not ctype or ctype.startswith((b"text/", b"application/octet-stream"))) \
            and head.startswith(HTML_SNIFF)

    # ---------------------------------------------------------------- sitemaps

    def parse_sitemap(self, response: Response, **_: Any) -> list[Request]:
        try:
            return self._sitemap_requests(response)
        finally:  # nested sitemaps were counted open before this one is counted answered
            if response.meta.get("filmcat_sitemap"):
                self._sitemap_answered(response.meta)

    def _sitemap_requests(self, response: Response) -> list[Request]:
        stats = self.crawler.stats
        read = self._sitemap_document(response)
        if read is None:
            stats.inc_value("filmcat/sitemap_invalid")
            return []
        kind, body = read
        if kind is None:   # over FILMCAT_SITEMAP_MAXSIZE once unpacked: counted and logged already
            return []
        limit = self.settings.getint("FILMCAT_SITEMAP_MAX_URLS")
        try:
            found: list[sitemaps.Entry] = []
            over = 0
            for entry in sitemaps.entries(body, kind):  # the protocol's limit per sitemap: the rest is counted
                if len(found) < limit:
                    found.append(entry)
                else:
                    over += 1
        except Exception:  # noqa: BLE001 - lxml raises several types on garbage; a bad sitemap is only skipped
            stats.inc_value("filmcat/sitemap_invalid")
            return []
        if over:
            stats.inc_value("filmcat/sitemap_urls_over_limit", over)
        stats.inc_value("filmcat/sitemaps")
        if kind in (sitemaps.FEED, sitemaps.TEXT):
            stats.inc_value(f"filmcat/sitemaps_{kind}")
        out: list[Request] = []
        for raw, lastmod, modified in found:
            loc = _entry_url(response.url, raw)
            if loc is None:   # userinfo, a bad port, another scheme: dropped, counted
                stats.inc_value("filmcat/sitemap_urls_invalid")
                continue
            if origin(loc) not in self.origins:
                continue
            if kind == sitemaps.INDEX:
                if (req := self.sitemap_request(loc, child=True)) is not None:
                    out.append(req)
            elif self._worth_following(loc):
                if plausible_lastmod(lastmod) is None:  # future or unreadable: as if it had none
                    lastmod = None
                meta: dict[str, Any] = {"sitemap_lastmod": lastmod}
                if lastmod and modified:   # listed twice (a sitemap and a feed): the newest date counts
                    self.lastmods[loc] = newest_lastmod(lastmod, self.lastmods.get(loc)) or lastmod
                elif lastmod:              # a publication date: stored, never a reason to skip the page
                    meta[PUBLISHED_ONLY] = True
                out.append(Request(loc, callback=self.parse, errback=self.failed,
                                   priority=self._sitemap_page_priority(loc), meta=meta))
        if self._named_open > 0:   # a named sitemap not read yet may list these pages with a newer date
            pages = [r for r in out if not r.meta.get("filmcat_sitemap")]
            self._held_pages += pages
            out = [r for r in out if r.meta.get("filmcat_sitemap")]
        return out

    def _sitemap_document(self, response: Response) -> tuple[str | None, bytes] | None:
        """(kind, body) of a sitemap response (sitemaps.sniff: an XML sitemap or a feed; TEXT, only
        for a URL asked for as a sitemap), (None, b"") when it unpacks to over the size limit, or None
        when it is none of these."""
        body = response.body
        maxsize = self.settings.getint("FILMCAT_SITEMAP_MAXSIZE")
        if gzip_magic_number(response):
            try:
                unpacked = gunzip_capped(body, maxsize)
            except TooLarge:
                self._sitemap_over_limit(response.url, f"unpacks to over {maxsize} bytes")
                return None, b""
            if unpacked is None:  # a broken archive
                return None
            body = unpacked
        body = sitemaps.to_utf8(body)
        kind = sitemaps.sniff(body)
        if kind is None and response.meta.get("filmcat_sitemap") and sitemaps.looks_like_text_sitemap(body):
            kind = sitemaps.TEXT
        return (kind, body) if kind is not None else None

    def _sitemap_over_limit(self, url: str, why: str) -> None:
        self.crawler.stats.inc_value("filmcat/sitemap_over_limit")
        self.logger.warning("sitemap %s %s (FILMCAT_SITEMAP_MAXSIZE): not read", url, why)

    def _looks_like_sitemap(self, response: Response) -> bool:
        """A page that is an XML sitemap or a feed (linked from a page, or a start URL)."""
        return sitemaps.sniff(sitemaps.to_utf8(response.body[:sitemaps.SNIFF_BYTES])) is not None \
            and not self._is_html(response)

    # ---------------------------------------------------------------- failures

    def failed(self, failure: Failure) -> Iterator[FailureItem | PageItem | RetireItem | Request]:
        request = failure.request  # type: ignore[attr-defined]
        counter, reason = classify_failure(failure)
        self.copies.answered.add(hash(canonicalize(request.url)))
        # recorded under the URL the site linked, not the redirect target
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        if counter:
            for hop in (*(request.meta.get("redirect_urls") or ())[1:], request.url):   # copies naming a hop
                self.copies.redirect(canonicalize(hop), canonicalize(first))
            yield FailureItem(canonicalize(first), reason, counter=counter)
        url = canonicalize(request.url)
        if isinstance(failure.value, HttpError) and failure.value.response.status in GONE:
            gone = f"gone: HTTP {failure.value.response.status}"
            yield RetireItem(url, gone)  # after retries: 404/410 are not retried
            # the URLs that moved permanently to it are gone with it (their old review too)
            for old in moved_from(request.meta, url):
                yield RetireItem(old, f"{gone} (moved permanently to {url})")
        if isinstance(failure.value, NotModified) and self._held.get(url) and not request.meta.get(REFETCH_META):
            # a bare path unchanged since the last crawl: its bytes are needed to judge the query
            # pages held for it, so it is fetched once more without validators
            yield Request(url, callback=self.parse, errback=self.failed, dont_filter=True,
                          priority=REVIEW_PRIORITY + 1, meta={"filmcat_state_checked": True, REFETCH_META: True})
            return
        yield from self._release(request.url, *(request.meta.get("redirect_urls") or ()))

    def sitemap_failed(self, failure: Failure) -> Iterator[FailureItem]:
        exc, limit = failure.value, self.settings.getint("FILMCAT_SITEMAP_MAXSIZE")
        url = failure.request.url  # type: ignore[attr-defined]
        if isinstance(exc, DownloadCancelledError):   # announced or grown over download_maxsize
            self._sitemap_over_limit(url, f"is over {limit} bytes")
        elif isinstance(exc.__cause__, TooLarge):   # Content-Encoding: gzip, unpacked
            self._sitemap_over_limit(url, f"unpacks to over {limit} bytes")
        elif isinstance(exc, CrawlStopped):   # a stop signal came before it was sent: not missing
            pass
        else:  # a missing sitemap is normal (many sites have none); only count it
            self.crawler.stats.inc_value("filmcat/sitemap_missing")
        self._sitemap_answered(failure.request.meta)  # type: ignore[attr-defined]
        return iter(())


def copy_retired(url: str, original: str) -> RetireItem:
    """A page found to be a copy of `original`: a review an earlier run stored for it retires when the
    crawl ends, its film kept by the original's (which copy survives may change between runs: the
    first one answered, a canonical added later). A copy kept after all in this run stays."""
    return RetireItem(url, f"a copy of {original}: its review retired", successor=original)


def moved_pages(response: Response, url: str) -> Iterator[RetireItem]:
    """The URLs of this response's redirect chain that moved permanently to `url` on their own site."""
    for old in moved_from(response.meta, url):
        yield RetireItem(old, f"moved permanently to {url}", successor=url)


def moved_from(meta: dict[str, Any], url: str) -> Iterator[str]:
    """The URLs of a request's redirect chain (its meta) that moved permanently to `url` on their
    site (scraper.urls.same_site: an http→https move of the host counts): each hop from there on
    answered 301 or 308 (a 302/307 on the way makes the move temporary)."""
    hops = list(meta.get("redirect_urls") or ())
    reasons = list(meta.get("redirect_reasons") or ())
    if len(reasons) != len(hops):
        return
    for n, old in enumerate(hops):
        old = canonicalize(old)
        if old != url and same_site(old, url) and all(r in MOVED for r in reasons[n:]):
            yield old


def _entry_url(base: str, raw: str) -> str | None:
    """The canonical URL of a sitemap entry or robots.txt Sitemap line (relative ones resolved against
    `base`), or None when it cannot be fetched as a page of a site: another scheme, no host, a
    malformed port, or userinfo (`http://user:pw@host/`: credentials in a URL are no page of the site)."""
    try:
        url = canonicalize(urljoin(base, raw.strip()))
    except ValueError:
        return None
    return url if names_a_page(url) else None


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()}

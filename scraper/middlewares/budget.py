"""`filmcat crawl --max-pages N` (FILMCAT_MAX_PAGES): at most N page requests go to the network.

Scrapy's CLOSESPIDER_PAGECOUNT counts responses and then closes the spider, which first lets every
request already handed to the downloader finish: up to CONCURRENT_REQUESTS more (32 on loopback;
measured: --max-pages 5 → 34 pages fetched, 20 → 48, 50 → 78). Here the budget is spent when a
request is handed to the network, so no more than N are:

- counted: each page request that reaches the network, once — after the duplicate filter, the
  off-origin check, robots.txt, the trap limits and the incremental check (a page the sitemap's
  lastmod says is unchanged is not fetched and not counted; a conditional request answered 304
  is counted). A retry or a redirect hop of a counted request is part of it (its meta carries the
  mark), so the server may see a few more requests than N when pages are retried or redirected.
- not counted: robots.txt and sitemaps (they find the pages; a crawl stopped before its sitemaps
  are read would find nothing).
- when the N-th is handed on, the spider is closed (finish reason `closespider_pagecount`, a
  completed run): the requests in flight are answered and stored; a request the engine hands on
  after that, before the close takes effect, is dropped quietly (`max_pages_dropped`), like the
  ones still queued. With a shared frontier the budget is per worker process.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.utils.defer import deferred_from_coro

from scraper.middlewares.signals import PageBudgetSpent

COUNTED = "filmcat_budget_counted"
CLOSE_REASON = "closespider_pagecount"


class PageBudgetMiddleware:
    """Downloader middleware: refuses page requests past FILMCAT_MAX_PAGES and closes the spider."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.budget = crawler.settings.getint("FILMCAT_MAX_PAGES")
        self.used = 0
        self._closing: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> PageBudgetMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        meta = request.meta
        if (not self.budget or meta.get(COUNTED) or meta.get("dont_obey_robotstxt")
                or meta.get("filmcat_sitemap")):
            return
        if self.used >= self.budget:
            self.crawler.stats.inc_value("filmcat/max_pages_dropped")
            raise PageBudgetSpent(f"--max-pages {self.budget} reached")
        self.used += 1
        meta[COUNTED] = True
        if self.used == self.budget and self._closing is None:
            self._closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=CLOSE_REASON))

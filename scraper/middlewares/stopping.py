"""After the first stop signal (Ctrl-C, SIGTERM) no request waits out a politeness delay.

Scrapy's graceful stop lets every request the engine already handed to the downloader finish. A
request queued in a download slot waits for the slot's delay first, and with a robots.txt
Crawl-delay that is up to FILMCAT_CRAWL_DELAY_MAX seconds per request still queued (measured:
Crawl-delay 20, SIGTERM during the wait: the crawl ended 14.6 s later having fetched nothing more).
A stop should stop: requests that were never sent are dropped like the ones still in the
scheduler (the next crawl finds them again); requests on the wire are answered and stored.

- `drop_waiting(crawler)` (called by the crawl's first-signal handler, scraper.crawl) marks the
  crawl as stopping and fails every request waiting in a download slot's queue with CrawlStopped,
  except robots.txt fetches (pages waiting for them would otherwise be refused as robots-forbidden);
- `StopMiddleware`, the last downloader middleware before the network, refuses requests that reach
  it after that (a page that was waiting for its robots.txt, a retry) with CrawlStopped.

CrawlStopped records nothing (scraper.spiders.failures): the page was not fetched, not failed.
With a shared frontier the dropped requests are remembered (`unsent`): their leases are not
released as done, so the worker's leave puts them back in the queue for the other workers.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request
from twisted.python.failure import Failure

from scraper.middlewares.robots import is_robots_fetch
from scraper.middlewares.signals import CrawlStopped

STOPPING = "_filmcat_stopping"
UNSENT = "_filmcat_unsent"
REASON = "the crawl was stopped before this request was sent"


def stopping(crawler: Any) -> bool:
    return bool(getattr(crawler, STOPPING, False))


def unsent(crawler: Any) -> set[int]:
    """id() of the requests dropped by the stop: never sent, so not done (scraper.distributed)."""
    found: set[int] | None = getattr(crawler, UNSENT, None)
    if found is None:
        found = set()
        setattr(crawler, UNSENT, found)
    return found


def drop_waiting(crawler: Any) -> int:
    """Mark the crawl as stopping and fail the requests queued in its download slots; how many."""
    setattr(crawler, STOPPING, True)
    engine = getattr(crawler, "engine", None)
    downloader = getattr(engine, "downloader", None)
    dropped = 0
    for slot in list(getattr(downloader, "slots", {}).values()):
        kept = [(request, d) for request, d in slot.queue if is_robots_fetch(request)]
        waiting = [(request, d) for request, d in slot.queue if not is_robots_fetch(request)]
        slot.queue.clear()
        slot.queue.extend(kept)
        if not kept and slot.latercall:   # nothing left to wait for
            slot.latercall.cancel()
            slot.latercall = None
        for request, d in waiting:
            dropped += 1
            unsent(crawler).add(id(request))
            d.errback(Failure(CrawlStopped(REASON)))
    if dropped and crawler.stats:
        crawler.stats.inc_value("filmcat/stop_dropped", dropped)
    return dropped


class StopMiddleware:
    """Downloader middleware, last before the network: nothing new goes out once the crawl is stopping."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> StopMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        if stopping(self.crawler) and not is_robots_fetch(request):
            self.crawler.stats.inc_value("filmcat/stop_dropped")
            unsent(self.crawler).add(id(request))
            raise CrawlStopped(REASON)

"""Per-host delays Scrapy does not apply itself: robots.txt Crawl-delay and Retry-After back-off."""
from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, signals
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response

from scraper.pipelines import count
from scraper.urls import origin

logger = logging.getLogger(__name__)


class HostDelays:
    """Delay floors per download slot (one slot per host): Crawl-delay, and temporary back-offs."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.floors: dict[str, float] = {}                        # slot -> seconds (Crawl-delay)
        self.backoffs: dict[str, tuple[float, float]] = {}        # slot -> (until monotonic, seconds)
        self.own: dict[str, float] = {}       # slot -> its delay without the back-off (s), while one holds

    @classmethod
    def for_crawler(cls, crawler: Any) -> HostDelays:
        delays = getattr(crawler, "_filmcat_delays", None)
        if delays is None:
            delays = crawler._filmcat_delays = cls(crawler)
        return delays

    def slot_key(self, request: Request) -> str:
        return self.crawler.engine.downloader.get_slot_key(request)

    def set_floor(self, key: str, seconds: float) -> None:
        self.floors[key] = max(self.floors.get(key, 0.0), seconds)
        self.enforce(key)

    def back_off(self, key: str, seconds: float) -> None:
        """Hold the host's next request back for `seconds` (a Retry-After answer)."""
        until = max(time.monotonic() + seconds, self.backoffs.get(key, (0.0, 0.0))[0])
        self.backoffs[key] = (until, max(seconds, self.backoffs.get(key, (0.0, 0.0))[1]))
        self.enforce(key)

    def backoff(self, key: str) -> float:
        """Seconds of the back-off in force for the slot (0: none); drops one whose time is up."""
        until, seconds = self.backoffs.get(key, (0.0, 0.0))
        if until and time.monotonic() >= until:
            self.backoffs.pop(key, None)
            return 0.0
        return seconds

    def enforce(self, key: str) -> None:
        """Slot delay = max(its own delay, Crawl-delay floor[, back-off]).

        Its own delay (DOWNLOAD_DELAY, or AutoThrottle's) is kept aside while a back-off holds the
        slot, so the slot relaxes to it at the first call after the back-off ends, whoever calls.
        """
        slot = self.crawler.engine.downloader.slots.get(key)
        if slot is None:
            return
        held = self.backoff(key)
        if held:
            own = self.own.setdefault(key, slot.delay)
            slot.delay = max(own, self.floors.get(key, 0.0), held)
        else:
            slot.delay = max(self.own.pop(key, slot.delay), self.floors.get(key, 0.0))

    @contextmanager
    def own_delay(self, key: str | None) -> Iterator[None]:
        """Within the block the slot shows its own delay (no back-off), e.g. for AutoThrottle to adjust."""
        slot = self.crawler.engine.downloader.slots.get(key) if key is not None else None
        if slot is None or key not in self.own:
            yield
            return
        slot.delay = self.own[key]
        try:
            yield
        finally:
            self.own[key] = slot.delay
            self.enforce(key)


class _BackOffAwareAutoThrottle(AutoThrottle):
    """AutoThrottle adjusting a slot's own delay, never the Retry-After back-off laid over it."""

    def __init__(self, crawler: Any, delays: HostDelays) -> None:
        super().__init__(crawler)
        self.delays = delays

    def _response_downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        with self.delays.own_delay(request.meta.get("download_slot")):
            super()._response_downloaded(response, request, spider)


class PoliteThrottle:
    """AutoThrottle (when enabled) plus the per-host floors of HostDelays, applied to every slot."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.delays = HostDelays.for_crawler(crawler)
        self.max_crawl_delay = crawler.settings.getfloat("FILMCAT_CRAWL_DELAY_MAX")
        self.agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT")
        enabled = crawler.settings.getbool("AUTOTHROTTLE_ENABLED")
        self.auto = _BackOffAwareAutoThrottle(crawler, self.delays) if enabled else None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.reached, signal=signals.request_reached_downloader)
        # connected after AutoThrottle's own handler, so the floor has the last word
        crawler.signals.connect(self.downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PoliteThrottle:
        return cls(crawler)

    def opened(self, spider: Any) -> None:
        """Profiles may ask for a longer delay than a site's robots.txt does."""
        for site, prof in getattr(spider, "profiles", {}).items():
            if prof.crawl_delay:
                host = urlsplit(site).hostname or ""
                self.delays.set_floor(host, min(prof.crawl_delay, self.max_crawl_delay))

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        crawl_delay = getattr(robotparser, "crawl_delay", None)
        value = crawl_delay(self.agent) if callable(crawl_delay) else None
        if value:
            applied = min(float(value), self.max_crawl_delay)
            self.delays.set_floor(self.delays.slot_key(request), applied)
            count(self.crawler, "crawl_delay_hosts")
            if applied < float(value):  # the site asked for more than a crawl waits: say so, once per host
                count(self.crawler, "crawl_delay_capped")
                logger.warning("robots.txt of %s asks Crawl-delay %g s; using %g s (FILMCAT_CRAWL_DELAY_MAX)",
                               origin(request.url), float(value), applied)
            else:
                logger.info("robots.txt Crawl-delay %.1f s for %s (applied %.1f s)", value, request.url, applied)

    def reached(self, request: Request, spider: Any = None) -> None:
        self.delays.enforce(self.delays.slot_key(request))

    def downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        self.delays.enforce(self.delays.slot_key(request))

"""Run heartbeats: a crawl stamps its run (with its counts so far) every FILMCAT_HEARTBEAT seconds."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured

from scraper.pipelines import CatalogGateway, count, run_counts

logger = logging.getLogger(__name__)
# Scrapy's finish_reason when another crawl declared this run dead (its heartbeat looked stale).
RUN_CLOSED_ELSEWHERE = "run_closed_elsewhere"


class Heartbeat:
    """Tells other hosts this run is alive, so a live crawl is never marked interrupted.

    A beat that finds the run no longer running (another crawl saw it stale and closed it)
    stops this crawl: its run record is closed, and writing on would mix into a finished run.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("FILMCAT_HEARTBEAT")
        self.run_id = crawler.settings.get("FILMCAT_RUN_ID")
        if self.interval <= 0 or self.run_id is None or not crawler.settings.get("FILMCAT_DB_URL"):
            raise NotConfigured
        self._task: asyncio.Task[None] | None = None
        self._closing: asyncio.Future[None] | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Heartbeat:
        return cls(crawler)

    def opened(self, spider: Any = None) -> None:
        self._task = asyncio.ensure_future(self._beat())

    async def _beat(self) -> None:
        gateway = CatalogGateway.for_crawler(self.crawler)
        while True:
            await asyncio.sleep(self.interval)
            try:
                alive = await gateway.call("heartbeat", self.run_id, run_counts(self.crawler.stats.get_stats()))
            except Exception as exc:  # noqa: BLE001 - a missed beat is only late; the next one retries
                count(self.crawler, "heartbeat_failed")
                logger.warning("run %s: heartbeat failed: %s", self.run_id, exc)
                continue
            count(self.crawler, "heartbeats")
            if not alive:
                logger.error("run %s was closed by another crawl (its heartbeat looked stale): stopping",
                             self.run_id)
                self._closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason=RUN_CLOSED_ELSEWHERE))
                return

    def closed(self, spider: Any = None, reason: str = "") -> None:
        if self._task is not None:
            self._task.cancel()

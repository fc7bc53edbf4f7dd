"""Progress on stderr while a crawl runs: a rich status line on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from scraper.pipelines import run_counts

SHOWN = ("fetched", "reviews_new", "reviews_changed", "not_modified", "rejected", "failed")


def progress_line(counts: dict[str, int], seconds: float) -> str:
    """One line of the counters that matter while crawling."""
    parts = [f"{name.replace('reviews_', '')} {counts.get(name, 0)}" for name in SHOWN]
    rate = counts.get("fetched", 0) / seconds if seconds > 0 else 0.0
    return f"crawl {seconds:6.1f} s | " + " | ".join(parts) + f" | {rate:.1f} pages/s"


class Progress:
    """Prints the run's counters every FILMCAT_PROGRESS_INTERVAL seconds."""

    def __init__(self, crawler: Any) -> None:
        mode = crawler.settings.get("FILMCAT_PROGRESS", "auto")
        if mode == "off":
            raise NotConfigured
        self.crawler = crawler
        self.interval = crawler.settings.getfloat("FILMCAT_PROGRESS_INTERVAL")
        self.rich = mode == "auto" and sys.stderr.isatty()
        self.loop: task.LoopingCall | None = None
        self.status: Any = None
        self.started = time.monotonic()
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        return cls(crawler)

    def opened(self, spider: Any = None) -> None:
        self.started = time.monotonic()
        if self.rich:
            from rich.console import Console

            self.status = Console(stderr=True).status("crawling …")
            self.status.start()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def show(self) -> None:
        line = progress_line(run_counts(self.crawler.stats.get_stats()), time.monotonic() - self.started)
        if self.status is not None:
            self.status.update(line)
        else:
            print(line, file=sys.stderr, flush=True)

    def closed(self, spider: Any = None, reason: str = "") -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        if self.status is not None:
            self.status.stop()

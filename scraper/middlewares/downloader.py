"""A downloader whose per-host concurrency limit holds even with no download delay."""
from __future__ import annotations

from collections import deque
from typing import Any

from scrapy.core.downloader import Downloader, Slot


class _ReservingQueue(deque):  # type: ignore[type-arg]
    """A slot queue that marks a request as transferring the moment it leaves the queue.

    Scrapy (2.19, asyncio reactor) starts each download as a task and only adds it to
    `slot.transferring` once the task runs; with DOWNLOAD_DELAY 0 one queue pass therefore
    launches every queued request at once, whatever CONCURRENT_REQUESTS_PER_DOMAIN says.
    """

    def __init__(self, slot: Slot, items: Any = ()) -> None:
        super().__init__(items)
        self.slot = slot

    def popleft(self) -> Any:
        request, deferred = super().popleft()
        self.slot.transferring.add(request)  # removed again when its download ends
        return request, deferred


class PerHostLimitDownloader(Downloader):
    """Scrapy's downloader with slot queues that reserve transfer capacity on dequeue."""

    def _get_slot(self, request: Any, spider: Any = None) -> tuple[str, Slot]:
        key, slot = super()._get_slot(request)
        if not isinstance(slot.queue, _ReservingQueue):
            slot.queue = _ReservingQueue(slot, slot.queue)
        return key, slot

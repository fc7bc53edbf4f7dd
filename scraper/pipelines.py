"""The item pipeline: store each page, extract it off the reactor, upsert reviews in batches."""
from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from scraper.items import ExtractResult, FailureItem, PageItem, extract_page, warm_up

STATS_PREFIX = "filmcat/"
_WORKER_CATALOGS: dict[str, Any] = {}  # one open Catalog per database URL in each worker
# Run statuses after which every page the run stored had its outcome recorded (the pipeline flushed).
COMPLETED_RUNS = ("finished", "stopped")
_COMPLETED_RUN_IDS: set[tuple[str, int]] = set()  # (db URL, run id): a completed run stays completed


@dataclasses.dataclass(frozen=True)
class PageOutcome:
    """What a worker did with one page: stored it, and extracted it unless its bytes were known."""

    changed: bool
    result: ExtractResult | None


def _worker_catalog(db_url: str) -> Any:
    catalog = _WORKER_CATALOGS.get(db_url)
    if catalog is None:
        from catalog import Catalog

        catalog = _WORKER_CATALOGS[db_url] = Catalog(db_url)
    return catalog


def _stored_by(catalog: Any, url: str) -> tuple[bool, int | None]:
    """Whether `url` is stored, and the id of the run that stored (or last confirmed) its copy."""
    from sqlalchemy import select

    from catalog.models import Page

    with catalog.engine.connect() as conn:
        row = conn.execute(select(Page.run_id).where(Page.url == url)).first()
    return (row is not None, row[0] if row is not None else None)


def outcome_recorded(catalog: Any, url: str, stored_run: int | None) -> bool:
    """Whether the stored copy of `url` (stored by run `stored_run`) had its review or rejection recorded.

    A run that completed flushed every outcome, so its pages are trusted as they are. A page
    stored by a run that was killed, failed or is still running (on any host) is trusted only
    when that run recorded a review or rejection for it; a page of no run needs any outcome.
    """
    from sqlalchemy import exists, select

    from catalog.models import Rejection, Review, Run

    if stored_run is not None and (catalog.url, stored_run) in _COMPLETED_RUN_IDS:
        return True
    with catalog.engine.connect() as conn:
        if stored_run is not None:
            status = conn.execute(select(Run.status).where(Run.id == stored_run)).scalar()
            if status in COMPLETED_RUNS:
                _COMPLETED_RUN_IDS.add((catalog.url, stored_run))
                return True
        review, rejection = select(Review.id).where(Review.url == url), select(Rejection.id).where(Rejection.url == url)
        if stored_run is not None:
            review, rejection = review.where(Review.run_id == stored_run), rejection.where(Rejection.run_id == stored_run)
        return bool(conn.execute(select(exists(review) | exists(rejection))).scalar())


def trusted_page_state(catalog: Any, url: str) -> Any:
    """The stored page state of `url` when its outcome was recorded, else None (fetch and extract anew)."""
    known, stored_run = _stored_by(catalog, url)
    if not known or not outcome_recorded(catalog, url, stored_run):
        return None
    return catalog.page_state(url)


def store_and_extract(db_url: str, run_id: int | None, item: PageItem, full: bool) -> PageOutcome:
    """Store the page, then extract it if it changed or its last outcome was never recorded (runs in
    a worker: compression, SQL and parsing all stay off the reactor's process)."""
    try:
        catalog = _worker_catalog(db_url)
        known, stored_run = _stored_by(catalog, item.url) if not full else (False, None)
        stored = catalog.store_page(
            url=item.url, status=item.status, headers=item.headers, body=item.body,
            fetched_at=item.fetched_at, run_id=run_id, sitemap_lastmod=item.sitemap_lastmod)
        # same bytes as stored: extraction would only repeat itself, if its outcome was kept
        if known and not stored.changed and outcome_recorded(catalog, item.url, stored_run):
            return PageOutcome(False, None)
    except Exception as exc:  # noqa: BLE001 - the catalogue's errors are one-liners; the page is counted as failed
        return PageOutcome(True, ExtractResult({"url": item.url}, False, "", f"storing failed: {exc}"[:300]))
    return PageOutcome(stored.changed, extract_page(item.body, item.url, item.headers))


def count(crawler: Any, name: str, n: int = 1) -> None:
    """Add to one of the run's counters (kept in Scrapy's stats under filmcat/)."""
    crawler.stats.inc_value(f"{STATS_PREFIX}{name}", n)


def run_counts(stats: dict[str, Any]) -> dict[str, int]:
    """The run's counters out of Scrapy's stats."""
    return {k[len(STATS_PREFIX):]: int(v) for k, v in stats.items()
            if k.startswith(STATS_PREFIX) and isinstance(v, (int, float))}


class CatalogGateway:
    """The crawl's one way into the catalogue: every call runs on one dedicated thread.

    SQLAlchemy calls block; on their own thread they never stall the reactor, and one
    thread means one writer, which is what SQLite wants anyway.
    """

    def __init__(self, db_url: str, run_id: int | None) -> None:
        self.db_url, self.run_id = db_url, run_id
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="filmcat-db")
        self._catalog: Any = None

    @classmethod
    def for_crawler(cls, crawler: Any) -> CatalogGateway:
        gateway = getattr(crawler, "_filmcat_gateway", None)
        if gateway is None:
            gateway = cls(crawler.settings.get("FILMCAT_DB_URL"), crawler.settings.get("FILMCAT_RUN_ID"))
            crawler._filmcat_gateway = gateway
        return gateway

    def _call(self, method: str, args: tuple, kwargs: dict) -> Any:  # type: ignore[type-arg]
        if self._catalog is None:
            from catalog import Catalog

            self._catalog = Catalog(self.db_url)
        if method == "trusted_page_state":  # a query of this module, not a Catalog method
            return trusted_page_state(self._catalog, *args, **kwargs)
        return getattr(self._catalog, method)(*args, **kwargs)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Await Catalog.<method>(*args, **kwargs) run on the catalogue thread."""
        return await asyncio.wrap_future(self._executor.submit(self._call, method, args, kwargs))

    def close(self) -> None:
        if self._catalog is not None:
            self._executor.submit(self._catalog.close).result()
        self._executor.shutdown(wait=True)


def _lower_priority(increment: int) -> None:
    """Worker initializer: yield the CPU to the reactor, which is the crawl's critical path.

    Extraction only falls behind; Scrapy's scraper-slot limit then holds downloads back,
    so memory stays bounded while the reactor never waits for a parse to get a core.
    """
    if increment and hasattr(os, "nice"):
        os.nice(increment)


def store_and_extract_many(jobs: list[tuple[str, int | None, PageItem, bool]]) -> list[PageOutcome]:
    """store_and_extract for a batch of pages: one round trip to the worker for several pages."""
    return [store_and_extract(*job) for job in jobs]


Job = tuple[str, int | None, PageItem, bool]


class Extractor:
    """Stores and extracts pages off the reactor: in a process pool, or in threads.

    Pages are handed over in small batches: every hand-over costs the reactor thread a
    system call and a thread wake-up, and on a busy machine each of those can cost it its
    time slice (measured: ≈ 4.5 ms of wall time per page at load 6, one hand-over per page).
    """

    def __init__(self, kind: str, workers: int, nice: int = 0, batch: int = 16, delay: float = 0.005) -> None:
        self.kind = kind
        self.workers = workers or max(1, (os.cpu_count() or 2) - 1)
        self.nice = nice
        self.batch_size, self.delay = max(1, batch), delay   # pages; seconds a batch waits to fill
        self._pool: Executor | None = None
        self._batch: list[tuple[Job, asyncio.Future[PageOutcome]]] = []
        self._timer: asyncio.TimerHandle | None = None

    def _new_pool(self) -> Executor:
        if self.kind == "thread":
            return ThreadPoolExecutor(self.workers, thread_name_prefix="filmcat-extract")
        # spawn, not fork: the parent runs a reactor and threads, which fork would copy mid-flight
        ctx = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_lower_priority, initargs=(self.nice,))

    def start(self) -> None:
        self._pool = self._new_pool()
        for _ in range(self.workers):
            self._pool.submit(warm_up)

    async def run(self, db_url: str, run_id: int | None, item: PageItem, full: bool) -> PageOutcome:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[PageOutcome] = loop.create_future()
        self._batch.append(((db_url, run_id, item, full), future))
        if len(self._batch) >= self.batch_size:
            self._submit()
        elif self._timer is None:
            self._timer = loop.call_later(self.delay, self._submit)
        return await future

    def _submit(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if not batch:
            return
        assert self._pool is not None
        loop = asyncio.get_running_loop()
        try:
            done = self._pool.submit(store_and_extract_many, [job for job, _ in batch])
        except BrokenProcessPool:
            self._pool = self._new_pool()
            self._deliver(batch, None)
            return
        done.add_done_callback(lambda f: loop.call_soon_threadsafe(self._deliver, batch, f))

    def _deliver(self, batch: list[tuple[Job, asyncio.Future[PageOutcome]]], done: Any) -> None:
        try:
            outcomes = done.result() if done is not None else None
        except BrokenProcessPool:  # a worker died (e.g. out of memory): replace the pool
            self._pool = self._new_pool()
            outcomes = None
        for i, (job, future) in enumerate(batch):
            if future.done():
                continue
            if outcomes is None:
                future.set_result(PageOutcome(True, ExtractResult({"url": job[2].url}, False, "",
                                                                   "extraction worker died")))
            else:
                future.set_result(outcomes[i])

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)


class CatalogPipeline:
    """PageItem → stored page → extracted record → review (batched) or rejection."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.full = settings.getbool("FILMCAT_FULL_RECRAWL")
        self.batch_size = max(1, settings.getint("FILMCAT_WRITE_BATCH"))
        self.extractor = Extractor(settings.get("FILMCAT_EXTRACT_EXECUTOR"),
                                   settings.getint("FILMCAT_EXTRACT_WORKERS"), settings.getint("FILMCAT_EXTRACT_NICE"),
                                   settings.getint("FILMCAT_EXTRACT_BATCH"), settings.getfloat("FILMCAT_EXTRACT_BATCH_DELAY"))
        self.pending: list[dict[str, Any]] = []
        self.gateway: CatalogGateway | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> CatalogPipeline:
        return cls(crawler)

    async def open_spider(self) -> None:
        self.gateway = CatalogGateway.for_crawler(self.crawler)
        self.extractor.start()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            await self._page(item)
        elif isinstance(item, FailureItem):
            count(self.crawler, item.counter)
            await self._reject(item.url, item.reason)
        return None if isinstance(item, (PageItem, FailureItem)) else item

    async def _page(self, item: PageItem) -> None:
        assert self.gateway is not None
        count(self.crawler, "fetched")
        outcome = await self.extractor.run(self.gateway.db_url, self.gateway.run_id, item, self.full)
        result = outcome.result
        if result is None:
            count(self.crawler, "pages_unchanged")  # same bytes as stored: extraction would repeat itself
            return
        if result.error:
            count(self.crawler, "failed")
            await self._reject(item.url, f"extraction failed: {result.error}")
        elif result.is_review:
            self.pending.append(result.record)
            if len(self.pending) >= self.batch_size:
                await self.flush()
        else:
            count(self.crawler, "rejected")
            await self._reject(item.url, f"not a review: {result.verdict or 'no verdict'}")

    async def _reject(self, url: str, reason: str) -> None:
        assert self.gateway is not None
        await self.gateway.call("record_rejection", url, reason, run_id=self.gateway.run_id)

    async def flush(self) -> None:
        """Write the pending reviews in one transaction."""
        batch, self.pending = self.pending, []
        if not batch or self.gateway is None:
            return
        results = await self.gateway.call("upsert_reviews", batch, run_id=self.gateway.run_id)
        for res in results:
            count(self.crawler, f"reviews_{res.status}")

    async def close_spider(self) -> None:
        try:
            await self.flush()
            if self.gateway is not None and self.crawler.settings.getbool("FILMCAT_RESOLVE"):
                stats = await self.gateway.call("resolve")
                for key, value in _stats_items(stats):
                    count(self.crawler, f"resolve_{key}", value)
        finally:
            self.extractor.close()
            if self.gateway is not None:
                self.gateway.close()


def _stats_items(stats: Any) -> list[tuple[str, int]]:
    """Integer fields of a ResolveStats (a dataclass, a mapping, or anything with __dict__)."""
    if dataclasses.is_dataclass(stats) and not isinstance(stats, type):
        data = dataclasses.asdict(stats)
    else:
        data = stats if isinstance(stats, dict) else getattr(stats, "__dict__", {})
    return [(k, int(v)) for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)]

"""The item pipeline: worker processes store, extract and write each page; the reactor only counts."""
from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from scraper.items import (
    FOLLOWS_LINKS,
    ROBOTS_DISALLOWED,
    FailureItem,
    PageItem,
    RetireItem,
    extract_page,
    warm_up,
)
from scraper.spiders.links import page_links
from scraper.worker import ProcessWorkers, ThreadWorkers, WorkerDied, WorkerError

STATS_PREFIX = "filmcat/"
# finish_reason of a crawl stopped because the catalogue accepts no writes (disk full, read-only,
# I/O error, server gone): every further page would fail the same way.
CATALOGUE_UNWRITABLE = "catalogue_unwritable"
LINKS_PER_TURN = 500   # links scheduled per event-loop turn (≈ 50 ms of the reactor's time)
_WORKER_CATALOGS: dict[str, Any] = {}  # one open Catalog per database URL in each worker
# What a worker did with one page: the run counter it adds to, a rejection reason it could not
# write itself (the catalogue failed: the crawl process tries again) or None, and the page's links.
Outcome = tuple[str, str | None, list[str] | None]
logger = logging.getLogger(__name__)


def _worker_catalog(db_url: str) -> Any:
    catalog = _WORKER_CATALOGS.get(db_url)
    if catalog is None:
        from catalog import Catalog

        catalog = _WORKER_CATALOGS[db_url] = Catalog(db_url)
    return catalog


def warm_worker(db_url: str | None) -> None:
    """A new worker's head start: the extractor imported, the catalogue opened."""
    warm_up()
    if db_url:
        _worker_catalog(db_url)


def process_pages(db_url: str, run_id: int | None, items: list[PageItem], full: bool,
                  write_batch: int, origins: frozenset[str]) -> list[Outcome]:
    """In a worker: find each page's links on `origins`, store the page, extract it unless its
    bytes and outcome are already known, then write its review (`write_batch` per transaction)
    or its rejection. The crawl process learns a counter and the links per page: link parsing,
    compression, extraction and SQL all stay off its reactor.
    """
    links = [_links(item, origins) for item in items]
    catalog = _worker_catalog(db_url)
    counts: list[tuple[str, str | None]] = []
    reviews: list[tuple[int, dict[str, Any], int]] = []   # (index in items, record, stored page id)
    for item in items:
        outcome, review = _store_and_extract(catalog, run_id, item, full)
        if review is not None:
            reviews.append((len(counts), *review))
        counts.append(outcome)
    for start in range(0, len(reviews), max(1, write_batch)):
        _write_reviews(catalog, run_id, items, reviews[start:start + max(1, write_batch)], counts)
    return [(counter, unwritten, found) for (counter, unwritten), found in zip(counts, links)]


def _links(item: PageItem, origins: frozenset[str]) -> list[str] | None:
    try:
        return page_links(item.body, item.url, item.headers, origins)
    except Exception:  # noqa: BLE001 - None: the crawl process finds them itself
        return None


def _store_and_extract(catalog: Any, run_id: int | None, item: PageItem,
                       full: bool) -> tuple[tuple[str, str | None], tuple[dict[str, Any], int] | None]:
    try:
        # trusted: stored before, and that copy's review or rejection was recorded (Catalog API)
        trusted = None if full else catalog.trusted_page_state(item.url)
        stored = catalog.store_page(
            url=item.url, status=item.status, headers=item.headers, body=item.body,
            fetched_at=item.fetched_at, run_id=run_id, sitemap_lastmod=item.sitemap_lastmod)
    except Exception as exc:  # noqa: BLE001 - the catalogue's errors are one-liners; the page is counted as failed
        return _rejected(catalog, run_id, item.url, "failed", f"extraction failed: storing failed: {exc}"), None
    if trusted is not None and not stored.changed:
        return ("pages_unchanged", None), None  # same bytes, outcome kept: extraction would repeat itself
    result = extract_page(item.body, item.url, item.headers)
    if result.error:
        return _rejected(catalog, run_id, item.url, "failed", f"extraction failed: {result.error}"), None
    if result.is_review:
        return ("reviews_new", None), (result.record, stored.page_id)
    return _rejected(catalog, run_id, item.url, "rejected", f"not a review: {result.verdict or 'no verdict'}"), None


def _write_reviews(catalog: Any, run_id: int | None, items: list[PageItem],
                   chunk: list[tuple[int, dict[str, Any], int]], outcomes: list[tuple[str, str | None]]) -> None:
    """Upsert one transaction of reviews; their outcomes become reviews_new/changed/unchanged."""
    try:
        results = catalog.upsert_reviews([rec for _, rec, _ in chunk], run_id=run_id,
                                         page_ids=[page for *_, page in chunk])
    except Exception as exc:  # noqa: BLE001 - a catalogue error fails these pages, recorded with its reason
        for i, _, _ in chunk:
            outcomes[i] = _rejected(catalog, run_id, items[i].url, "failed", f"storing failed: {exc}"[:300])
        return
    for (i, _, _), res in zip(chunk, results):
        outcomes[i] = (f"reviews_{res.status}", None)


def _rejected(catalog: Any, run_id: int | None, url: str, counter: str, reason: str) -> tuple[str, str | None]:
    try:
        catalog.record_rejection(url, reason, run_id=run_id)
    except Exception:  # noqa: BLE001 - handed back: the crawl process records it (or reports why not)
        return counter, reason
    return counter, None


def resolve_catalog(db_url: str) -> list[tuple[str, int]]:
    """In a worker: resolve films; the integer statistics (its memory stays out of the crawl process)."""
    return _stats_items(_worker_catalog(db_url).resolve())


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
        # called with the message when a call finds the catalogue unwritable (the pipeline stops the
        # crawl, once): whichever component wrote — a 304 note, a heartbeat — the crawl learns of it
        self.on_unwritable: Callable[[str], None] | None = None

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
        return getattr(self._catalog, method)(*args, **kwargs)

    async def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Await Catalog.<method>(*args, **kwargs) run on the catalogue thread."""
        from catalog.errors import CatalogUnwritable

        try:
            return await asyncio.wrap_future(self._executor.submit(self._call, method, args, kwargs))
        except CatalogUnwritable as exc:
            if self.on_unwritable is not None:
                self.on_unwritable(str(exc))
            raise

    def call_waiting(self, method: str, *args: Any, timeout: float, **kwargs: Any) -> Any:
        """Catalog.<method>(*args, **kwargs) run on the catalogue thread, waited for (after the writes queued
        before it): only for a crawl with nothing else to do, since it holds the reactor thread meanwhile."""
        return self._executor.submit(self._call, method, args, kwargs).result(timeout)

    def close(self) -> None:
        if self._catalog is not None:
            self._executor.submit(self._catalog.close).result()
        self._executor.shutdown(wait=True)


class PageBatches:
    """Hands pages to the workers in small batches and gives each page its outcome.

    Every hand-over costs the reactor thread a pickle and a pipe write; batching keeps that
    to one per FILMCAT_EXTRACT_BATCH pages (or what arrived within FILMCAT_EXTRACT_BATCH_DELAY).
    """

    def __init__(self, workers: ProcessWorkers | ThreadWorkers, job: tuple[str, int | None, bool, int],
                 origins: Callable[[], frozenset[str]], size: int = 16, delay: float = 0.005) -> None:
        self.workers, self.job = workers, job   # job: (db URL, run id, full, reviews per transaction)
        self.origins = origins                  # the crawled origins now (a start URL's redirect adds one)
        self.size, self.delay = max(1, size), delay   # pages; seconds a batch waits to fill
        self._batch: list[tuple[PageItem, asyncio.Future[Outcome]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._sending: set[asyncio.Task[None]] = set()

    async def run(self, item: PageItem) -> Outcome:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[Outcome] = loop.create_future()
        self._batch.append((item, future))
        if len(self._batch) >= self.size:
            self._submit()
        elif self._timer is None:
            self._timer = loop.call_later(self.delay, self._submit)
        return await future

    def _submit(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._batch = self._batch, []
        if batch:
            task = asyncio.ensure_future(self._send(batch))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[tuple[PageItem, asyncio.Future[Outcome]]]) -> None:
        db_url, run_id, full, write_batch = self.job
        try:
            outcomes = await self.workers.call(process_pages, db_url, run_id, [item for item, _ in batch],
                                               full, write_batch, self.origins())
        except (WorkerDied, WorkerError) as exc:  # a worker died (e.g. out of memory) or could not start
            outcomes = [("failed", f"extraction failed: {exc}", None)] * len(batch)
        for (_, future), outcome in zip(batch, outcomes):
            if not future.done():
                future.set_result(outcome)


def _workers(settings: Any) -> ProcessWorkers | ThreadWorkers:
    # one per CPU: with links, storing and extraction in the workers the reactor needs about half a
    # core (bench_crawl: 3.8 ms CPU per page, fetch-only 7.6 ms), so the workers set the pace
    n = settings.getint("FILMCAT_EXTRACT_WORKERS") or max(1, os.cpu_count() or 1)
    if settings.get("FILMCAT_EXTRACT_EXECUTOR") == "thread":
        return ThreadWorkers(n)
    return ProcessWorkers(n, settings.getint("FILMCAT_EXTRACT_NICE"), (warm_worker, (settings.get("FILMCAT_DB_URL"),)))


class CatalogPipeline:
    """PageItem → worker: stored page, extracted record, review or rejection written → run counters."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.resolve = settings.getbool("FILMCAT_RESOLVE")
        self.workers = _workers(settings)
        self.workers.start()  # spawned now: they import while the engine opens
        self.batches = PageBatches(
            self.workers, (settings.get("FILMCAT_DB_URL"), settings.get("FILMCAT_RUN_ID"),
                           settings.getbool("FILMCAT_FULL_RECRAWL"), settings.getint("FILMCAT_WRITE_BATCH")),
            self._origins, settings.getint("FILMCAT_EXTRACT_BATCH"), settings.getfloat("FILMCAT_EXTRACT_BATCH_DELAY"))
        setattr(crawler, FOLLOWS_LINKS, True)  # the workers find each page's links: the spider leaves them
        self.gateway: CatalogGateway | None = None
        self.retire: dict[str, tuple[str, str, str | None]] = {}  # url → (url, reason, successor)
        self.withdraw: dict[str, str] = {}  # url robots.txt now disallows → reason (its review is marked)
        self.stored: set[str] = set()   # URLs this run stored a page for (a copy kept after all): not retired
        self._redirected: dict[str, str] = {}   # URL whose redirect target was requested already → target
        self.links_max = settings.getint("FILMCAT_PAGE_LINKS_MAX")
        self._links_capped = False
        self._aliases: dict[str, str] = {}      # ... of those, not (yet) found to loop
        self._recording: set[asyncio.Task[None]] = set()
        self.unwritable: str | None = None   # why the catalogue accepts no writes (the crawl is stopping)
        self._closing: asyncio.Future[None] | None = None
        from scrapy import signals

        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CatalogPipeline:
        return cls(crawler)

    def _origins(self) -> frozenset[str]:
        return frozenset(getattr(self.crawler.spider, "origins", ()))

    async def open_spider(self) -> None:
        self.gateway = CatalogGateway.for_crawler(self.crawler)
        self.gateway.on_unwritable = self._stop_unwritable

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, PageItem):
            await self._page(item)
        elif isinstance(item, FailureItem):
            if item.reason == ROBOTS_DISALLOWED:  # a stored review of it is marked when the crawl ends
                self.withdraw[item.url] = item.reason
            count(self.crawler, item.counter)
            self._outcome(item.url, item.counter)
            await self._reject(item.url, item.reason)
        elif isinstance(item, RetireItem):  # retired when the crawl ends: a moved page's successor is stored by then
            self.retire[item.url] = (item.url, item.reason, item.successor)
        return None if isinstance(item, (PageItem, FailureItem, RetireItem)) else item

    async def _page(self, item: PageItem) -> None:
        count(self.crawler, "fetched")
        counter, unwritten, links = await self.batches.run(item)
        if links is None:  # the worker could not say (it died): find them here
            links = page_links(item.body, item.url, item.headers, self._origins())
        await self._follow(item.url, links, item.depth)
        count(self.crawler, counter)
        self._outcome(item.url, counter)
        self.stored.add(item.url)
        if unwritten:  # the worker could not record the rejection: try once more, or fail loudly
            await self._reject(item.url, unwritten)

    async def _follow(self, url: str, links: list[str], depth: int) -> None:
        """Hand a page's links to the spider, at most FILMCAT_PAGE_LINKS_MAX of them (a page of
        100,000 links is a trap or a dump, not navigation; the rest are counted and said once),
        LINKS_PER_TURN at a time so the event loop (downloads, the progress line) keeps running."""
        if self.links_max and len(links) > self.links_max:
            count(self.crawler, "links_over_limit", len(links) - self.links_max)
            if not self._links_capped:
                self._links_capped = True
                logger.warning("%s has %d links; following the first %d (FILMCAT_PAGE_LINKS_MAX; "
                               "said once, counted as links_over_limit)", url, len(links), self.links_max)
            links = links[:self.links_max]
        for start in range(0, len(links), LINKS_PER_TURN):
            if start:
                await asyncio.sleep(0)
            self.crawler.spider.follow_page_links(links[start:start + LINKS_PER_TURN], depth)

    def _outcome(self, url: str, counter: str) -> None:
        """Tell the spider (copies wait for their canonical's outcome: scraper.spiders.copies)."""
        note = getattr(self.crawler.spider, "page_outcome", None)
        if note is not None:
            note(url, counter)

    async def _reject(self, url: str, reason: str) -> None:
        from catalog.errors import CatalogUnwritable

        assert self.gateway is not None
        if self.unwritable is not None:
            return  # stopping: said once, the page is counted (and fetched again by the next crawl)
        try:
            await self.gateway.call("record_rejection", url, reason, run_id=self.gateway.run_id)
        except CatalogUnwritable as exc:
            self._stop_unwritable(str(exc))

    def _stop_unwritable(self, why: str) -> None:
        """The catalogue accepts no writes: say so once and stop the crawl (what was committed stays)."""
        if self.unwritable is not None:
            return
        self.unwritable = why
        count(self.crawler, "catalogue_unwritable")
        logger.error("the catalogue accepts no more writes (%s): stopping the crawl; the reviews stored "
                     "so far are kept, the pages not stored are fetched again by the next crawl", why)
        self._closing = asyncio.ensure_future(self.crawler.engine.close_spider_async(reason=CATALOGUE_UNWRITABLE))

    def request_dropped(self, request: Any, **_: Any) -> None:
        """A redirect whose target the scheduler had seen (/x → /x/ linked too, /x/ → /x back, a
        host-case self-redirect): recorded under the URL that redirected, not dropped silently.
        Two URLs redirecting to each other are a loop (failed); a redirect to a page requested on
        its own is counted with the duplicates."""
        from scraper.urls import canonicalize

        chain = request.meta.get("redirect_urls")
        if not chain or request.meta.get("filmcat_sitemap") or self.gateway is None:
            return
        source, target = canonicalize(chain[0]), canonicalize(request.url)
        self._redirected[source] = target
        if target == source or target in {canonicalize(u) for u in chain}:
            self._record_dropped(source, "failed", f"redirect loop (back to {target})")
        elif self._redirected.get(target) == source:  # the target redirected back here earlier
            self._record_dropped(source, "failed", f"redirect loop (back to {target})")
            if self._aliases.pop(target, None) is not None:
                self._record_dropped(target, "failed", f"redirect loop (back to {source})")
        else:  # recorded when the crawl ends, unless its target turns out to redirect back
            self._aliases[source] = target
            from scraper.spiders.review import moved_from

            if source in set(moved_from(request.meta, target)):  # 301/308 all the way: its old review retires
                self.retire[source] = (source, f"moved permanently to {target}", target)

    def _record_dropped(self, url: str, counter: str, reason: str) -> None:
        count(self.crawler, counter)
        self._outcome(url, counter)
        task = asyncio.ensure_future(self._reject(url, reason))
        self._recording.add(task)
        task.add_done_callback(self._recording.discard)

    async def close_spider(self) -> None:
        for source, target in self._aliases.items():
            self._record_dropped(source, "duplicates", f"redirect to {target}, which is crawled on its own")
        self._aliases = {}
        if self._recording:
            await asyncio.gather(*self._recording, return_exceptions=True)
        try:
            if self.unwritable is None and self.retire and self.gateway is not None:
                await self._retire()
            if self.unwritable is None and self.withdraw and self.gateway is not None:
                await self._withdraw()
            if self.unwritable is None and self.resolve and self.gateway is not None:
                await self._resolve()
        finally:
            await self.workers.close()
            if self.gateway is not None:
                self.gateway.close()

    async def _retire(self) -> None:
        """Retire the stored reviews of the pages found gone, moved or copies of another page (every page's
        outcome is written), except pages this run stored (a copy kept after all: scraper.spiders.copies)."""
        assert self.gateway is not None
        wanted = [entry for url, entry in self.retire.items() if url not in self.stored]
        try:
            retired = await self.gateway.call("retire_reviews", wanted, run_id=self.gateway.run_id)
        except Exception as exc:  # noqa: BLE001 - the next crawl finds them gone again; the run goes on
            count(self.crawler, "retire_failed")
            logger.error("retiring the reviews of gone or moved pages failed: %s", exc)
            return
        count(self.crawler, "reviews_retired", len(retired))

    async def _withdraw(self) -> None:
        """Mark the stored reviews of the pages robots.txt now disallows withdrawn (kept, flagged)."""
        assert self.gateway is not None
        try:
            marked = await self.gateway.call("withdraw_reviews", list(self.withdraw.items()))
        except Exception as exc:  # noqa: BLE001 - the next crawl finds them disallowed again; the run goes on
            count(self.crawler, "withdraw_failed")
            logger.error("marking the reviews of pages robots.txt disallows failed: %s", exc)
            return
        count(self.crawler, "reviews_withdrawn", len(marked))

    async def _resolve(self) -> None:
        """Resolve films in a worker (every page's outcome is written by now)."""
        assert self.gateway is not None
        try:
            stats = await self.workers.call(resolve_catalog, self.gateway.db_url)
        except (WorkerDied, WorkerError) as exc:
            count(self.crawler, "resolve_failed")
            logger.error("resolving films failed: %s (run `filmcat reparse` or the next crawl resolves them)", exc)
            return
        for key, value in stats:
            count(self.crawler, f"resolve_{key}", value)


def _stats_items(stats: Any) -> list[tuple[str, int]]:
    """Integer fields of a ResolveStats (a dataclass, a mapping, or anything with __dict__)."""
    if dataclasses.is_dataclass(stats) and not isinstance(stats, type):
        data = dataclasses.asdict(stats)
    else:
        data = stats if isinstance(stats, dict) else getattr(stats, "__dict__", {})
    return [(k, int(v)) for k, v in data.items() if isinstance(v, int) and not isinstance(v, bool)]

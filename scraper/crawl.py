"""Run one crawl in this process: settings, the recorded run, the Scrapy process, the summary."""
from __future__ import annotations

import itertools
import logging
import os
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from scraper import settings as default_settings
from scraper.errors import CrawlError, InputError
from scraper.profiles import SiteProfile, get_profiles
from scraper.urls import is_loopback, site_of, validate_start_url

SUMMARY_COUNTS = ("fetched", "not_modified", "reviews_new", "reviews_changed", "reviews_unchanged",
                  "pages_unchanged", "rejected", "duplicates", "failed", "offsite_redirects", "robots_forbidden")

# counters of the end-of-crawl steps that failed (each logged as an error): the crawl exits 1
END_FAILURES = ("resolve_failed", "retire_failed")


@dataclass
class RunSummary:
    """What a crawl did: its run id, status, counters and duration."""

    run_id: int
    status: str
    sites: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    error: str | None = None
    profile: str = "polite"
    signal: int = 0          # the signal that stopped the crawl (SIGINT, SIGTERM), 0 if none
    forced: bool = False     # a second signal stopped it at once (the spider was not closed)

    @property
    def exit_code(self) -> int:
        """The shell convention for a run a signal stopped (130 SIGINT, 143 SIGTERM); 1 when its
        end-of-crawl catalogue work failed (an `error:` line was printed), else 0."""
        if self.signal and self.status == "stopped":
            return 128 + self.signal
        return 1 if any(self.counts.get(k) for k in END_FAILURES) else 0

    def line(self) -> str:
        shown = ", ".join(f"{k.replace('_', ' ')} {self.counts.get(k, 0)}" for k in SUMMARY_COUNTS)
        films = self.counts.get("resolve_films")
        tail = f", films {films}" if films is not None else ""
        return (f"run {self.run_id} {self.status} in {self.seconds:.1f} s ({len(self.sites)} sites, "
                f"{self.profile} profile): {shown}{tail}")


class OneLineFormatter(logging.Formatter):
    """Log records as single lines: the CLI promises no tracebacks on stderr."""

    def format(self, record: logging.LogRecord) -> str:
        text = " ".join(record.getMessage().split())
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            text += f" ({type(exc).__name__}: {' '.join(str(exc).split())[:300]})"
        return f"filmcat: {record.levelname.lower()}: {text[:1000]}"


def crawl_settings(start_urls: list[str], overrides: dict[str, Any] | None = None) -> tuple[dict[str, Any], str]:
    """The crawl's settings and profile name: polite defaults, fast on loopback, then overrides."""
    merged = default_settings.as_dict()
    profile = "polite"
    if start_urls and all(is_loopback(u) for u in start_urls):
        merged.update(default_settings.LOOPBACK_SETTINGS)
        profile = "loopback"
    merged.update(overrides or {})
    return merged, profile


def _start_urls(start_urls: list[str], profiles: list[SiteProfile]) -> list[str]:
    urls = [validate_start_url(u) for u in start_urls]
    for prof in profiles:
        urls += [u for u in prof.start_urls if u not in urls]
    if not urls:
        raise InputError("nothing to crawl: give --start-url URL or a site name (see `filmcat sites`)")
    return urls


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


INTERRUPTED = "the crawl process ended before finishing the run"


def interrupted_runs(catalog: Any, sites: list[str] | None, stale_after: float) -> list[dict[str, Any]]:
    """Crawl runs still recorded `running` (of these sites; None: any) whose crawl is over.

    A run of this host is over when its process is gone. A run of another host (a frontier
    partner) is judged by its heartbeat: over only when not heard from for `stale_after` seconds.
    """
    host = socket.gethostname()
    stale = {run["id"] for run in catalog.stale_runs("crawl", sites, timedelta(seconds=max(0.0, stale_after)))}
    over = []
    for run in catalog.iter_runs():
        opts = run.get("options") or {}
        if run.get("kind") != "crawl" or run.get("status") != "running":
            continue
        if sites is not None and not set(run.get("sites") or []) & set(sites):
            continue
        if opts.get("host") == host:
            if _pid_alive(int(opts.get("pid") or 0)):
                continue  # another crawl of this host is running right now
        elif run["id"] not in stale:
            continue  # alive on another host: its heartbeat is recent
        over.append(run)
    return over


def close_interrupted_runs(catalog: Any, sites: list[str] | None, stale_after: float) -> bool:
    """Mark crawls (of these sites; None: any) that ended without finishing as interrupted; True if
    there were any (`interrupted_runs` says which). After an interrupted crawl some pages may be
    stored without their review, so the next crawl re-extracts everything instead of trusting
    stored content hashes."""
    found = False
    for run in interrupted_runs(catalog, sites, stale_after):
        catalog.finish_run(run["id"], run.get("counts") or {}, status="interrupted", error=INTERRUPTED)
        found = True
    return found


def current_runs(catalog: Any, stale_after: float) -> list[dict[str, Any]]:
    """Every run, oldest first, a crawl whose process is gone shown `interrupted` (`interrupted_runs`):
    closed in the catalogue when it can be written, else (read-only) only in what is returned."""
    if not getattr(catalog, "read_only", False):
        close_interrupted_runs(catalog, None, stale_after)
        return list(catalog.iter_runs())
    over = {run["id"] for run in interrupted_runs(catalog, None, stale_after)}
    runs = list(catalog.iter_runs())
    for run in runs:
        if run["id"] in over:
            run.update(status="interrupted", error=f"{INTERRUPTED} (not recorded: the catalogue is read-only)")
    return runs


def _open_run(db_url: str, sites: list[str], urls: list[str], profile: str, full: bool,
              stale_after: float) -> tuple[int, bool]:
    from catalog import Catalog

    with Catalog(db_url) as catalog:
        full = close_interrupted_runs(catalog, sites, stale_after) or full
        run_id = catalog.start_run("crawl", sites, {
            "start_urls": urls, "profile": profile, "full": full,
            "pid": os.getpid(), "host": socket.gethostname()})
    return run_id, full


def _finish_run(db_url: str, summary: RunSummary) -> None:
    from catalog import Catalog

    with Catalog(db_url) as catalog:
        catalog.finish_run(summary.run_id, summary.counts, status=summary.status, error=summary.error)


# Loggers whose errors are per-request failures the run record already counts with a reason.
RECORDED_ELSEWHERE = ("scrapy.downloadermiddlewares.robotstxt", "scrapy.downloadermiddlewares.retry")


# Download handlers' warnings (data loss: the page is recorded as truncated; over DOWNLOAD_WARNSIZE:
# the page is fetched all the same): in LOG_FILE, and on stderr only at LOG_LEVEL INFO or below.
DOWNLOAD_NOTICES = ("scrapy.core.downloader.handlers", "scrapy.core._http2")


_ASKED_LEVEL = [logging.WARNING]   # LOG_LEVEL of this crawl (Scrapy may move the root logger's own)


def _not_recorded_elsewhere(record: logging.LogRecord) -> bool:
    if record.name.startswith(DOWNLOAD_NOTICES) and record.levelno == logging.WARNING:
        return _ASKED_LEVEL[0] <= logging.INFO
    return not record.name.startswith(RECORDED_ELSEWHERE) or record.levelno >= logging.CRITICAL


def _level(value: Any) -> int:
    """A logging level from a LOG_LEVEL setting (name or number), or InputError."""
    number = value if isinstance(value, int) else logging.getLevelName(str(value or "WARNING").upper())
    if not isinstance(number, int):
        raise InputError(f"bad LOG_LEVEL {value!r}: use DEBUG, INFO, WARNING, ERROR or CRITICAL")
    return number


def _install_logging(settings: dict[str, Any]) -> None:
    """One-line records on stderr at LOG_LEVEL; with LOG_FILE (scrapyd's per-job log) every record
    at LOG_LEVEL goes to that file in Scrapy's format, and stderr keeps only the errors."""
    level = _level(settings.get("LOG_LEVEL"))
    _ASKED_LEVEL[0] = level
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter())
    handler.addFilter(_not_recorded_elsewhere)
    handler.setLevel(max(level, logging.ERROR) if settings.get("LOG_FILE") else level)  # Scrapy resets the root's
    handlers: list[logging.Handler] = [handler]
    if settings.get("LOG_FILE"):
        handlers.append(_file_handler(str(settings["LOG_FILE"]), level, settings))
    root = logging.getLogger()
    root.handlers = handlers
    root.setLevel(min(level, logging.WARNING))  # spider and filmcat loggers inherit the root's level
    if level >= logging.WARNING:  # asked for INFO or DEBUG: everything, these too
        from scraper.worker import quiet_libraries

        quiet_libraries()


def _file_handler(filename: str, level: int, settings: dict[str, Any]) -> logging.Handler:
    try:
        handler = logging.FileHandler(filename, mode="a" if settings.get("LOG_FILE_APPEND", True) else "w",
                                      encoding=settings.get("LOG_ENCODING") or "utf-8")
    except OSError as exc:
        raise InputError(f"cannot write LOG_FILE {filename!r}: {exc.strerror or exc}") from None
    handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT") or "%(asctime)s [%(name)s] %(levelname)s: %(message)s",
                                           settings.get("LOG_DATEFORMAT") or "%Y-%m-%d %H:%M:%S"))
    handler.setLevel(level)
    return handler


M_ARENA_MAX = -8  # glibc's mallopt() parameter number (malloc.h)


def limit_malloc_arenas(arenas: int) -> bool:
    """Cap glibc's malloc arenas before the crawl starts its threads; False where not glibc or 0."""
    if arenas <= 0 or not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # musl and others have no mallopt
        return False
    return bool(mallopt(M_ARENA_MAX, int(arenas)))


def _crawler_process(settings: dict[str, Any]) -> Any:
    """Scrapy's CrawlerProcess, noting the stop signals: the first asks for a graceful stop, a
    second one stops the reactor at once (Scrapy's own handling; see run_crawl for the rest)."""
    from scrapy.crawler import CrawlerProcess

    class _Process(CrawlerProcess):  # type: ignore[misc]
        stop_signal = 0      # the first SIGINT/SIGTERM
        forced_by = 0        # the second one: the reactor was stopped without closing the spider

        def _signal_shutdown(self, signum: int, frame: Any) -> None:
            from twisted.internet import reactor

            self.stop_signal = self.stop_signal or signum
            super()._signal_shutdown(signum, frame)
            # after the graceful stop began (the engine takes no more from the scheduler): the requests
            # waiting out a Crawl-delay in the download slots are dropped, not sent one delay after another
            reactor.callFromThread(self._drop_waiting)

        def _drop_waiting(self) -> None:
            from scraper.middlewares.stopping import drop_waiting

            for crawler in list(self.crawlers):
                drop_waiting(crawler)

        def _signal_kill(self, signum: int, frame: Any) -> None:
            self.stop_signal = self.stop_signal or signum
            self.forced_by = signum
            super()._signal_kill(signum, frame)

    return _Process(settings)


def run_crawl(start_urls: list[str], db_url: str, *, settings: dict[str, Any] | None = None,
              profiles: list[str] | None = None, full: bool = False,
              profiles_file: str | None = None) -> RunSummary:
    """Crawl the sites of `start_urls` and of the named site profiles into the catalogue at `db_url`.

    Runs Scrapy in this process (a Twisted reactor cannot restart: one crawl per process).
    Raises InputError for bad URLs or names, CrawlError when nothing at all could be fetched.
    """
    from scraper.pipelines import run_counts
    from scraper.spiders.review import ReviewSpider
    from scraper.worker import kill_all

    profs = get_profiles(profiles or [], profiles_file)
    urls = _start_urls(start_urls, profs)
    sites = sorted({site_of(u) for u in urls})
    merged, profile = crawl_settings(urls, settings)
    _install_logging(merged)  # first: a bad LOG_FILE must not leave a run open
    limit_malloc_arenas(int(merged.get("FILMCAT_MALLOC_ARENA_MAX") or 0))  # before any thread starts
    run_id, full = _open_run(db_url, sites, urls, profile, full, float(merged.get("FILMCAT_HEARTBEAT_STALE") or 0))
    merged.update(FILMCAT_DB_URL=db_url, FILMCAT_RUN_ID=run_id, FILMCAT_FULL_RECRAWL=full)
    started = time.monotonic()
    process = _crawler_process(merged)
    crawler = process.create_crawler(ReviewSpider)
    process.crawl(crawler, start_urls=[validate_start_url(u) for u in start_urls], profiles=profs)
    try:
        process.start()
    finally:
        kill_all()  # a second Ctrl-C stopped the reactor before the pipeline closed its workers
    stats = crawler.stats.get_stats() if crawler.stats else {}
    summary = RunSummary(run_id, "finished", sites, run_counts(stats), time.monotonic() - started, profile=profile,
                         signal=process.stop_signal)
    _judge(summary, stats, frontier=bool(merged.get("FILMCAT_FRONTIER_NAMESPACE")))
    if process.stop_signal and stats.get("finish_reason") != FRONTIER_LOST:  # the user's stop, not a failure
        summary.status = "stopped"
        summary.error = f"crawl ended: stopped by {_signal_name(process.stop_signal)}"
    if process.forced_by:
        _forced_stop(summary, process.forced_by)
    from catalog.errors import DatabaseError

    try:
        _finish_run(db_url, summary)
    except DatabaseError as exc:
        if summary.status != "failed":
            raise
        # the failure itself may keep the run from being recorded: say both (the next crawl marks it interrupted)
        raise CrawlError(f"run {run_id}: {summary.error} (the run's record was not updated: {exc})") from None
    if summary.status == "failed":
        raise CrawlError(f"run {run_id}: {summary.error}")
    return summary


def _signal_name(signum: int) -> str:
    import signal

    try:
        return signal.Signals(signum).name
    except ValueError:
        return f"signal {signum}"


def _forced_stop(summary: RunSummary, signum: int) -> None:
    """A second signal stopped the reactor mid-close: what was left undone goes in the record.
    Reviews stored but not resolved stay queued for resolution (the catalogue's pending list):
    `filmcat resolve` or the next crawl or reparse resolves them."""
    if "resolve_films" not in summary.counts:
        summary.counts["resolve_pending"] = 1
        done = "film resolution skipped: `filmcat resolve` or the next crawl resolves the stored reviews"
    else:
        done = "film resolution was done"
    summary.forced = True
    summary.error = f"stopped at once by a second {_signal_name(signum)}; {done}"


# Why a crawl ended (Scrapy's finish_reason) when it ended as planned.
COMPLETED_REASONS = ("finished", "closespider_pagecount")
# finish_reason of a frontier worker whose shared queue (Redis) failed: the run is a failure.
FRONTIER_LOST = "frontier_lost"
# finish_reason when another crawl declared this run dead (scraper.middlewares.heartbeat).
RUN_CLOSED_ELSEWHERE = "run_closed_elsewhere"


def _judge(summary: RunSummary, stats: dict[str, Any], frontier: bool = False) -> None:
    """Failed when nothing could be crawled or the shared frontier was lost; the reason comes from
    the run's own counters. A frontier worker that found the queue drained by others is a success."""
    from scraper.pipelines import CATALOGUE_UNWRITABLE

    reason = stats.get("finish_reason")
    reached = summary.counts.get("fetched", 0) + summary.counts.get("not_modified", 0)
    if reason == CATALOGUE_UNWRITABLE or summary.counts.get("catalogue_unwritable"):
        summary.status = "failed"
        summary.error = ("the catalogue accepts no more writes (disk full, read-only or its server gone): "
                         "stopped; the reviews stored so far are kept, film resolution was skipped; "
                         "fix it and crawl again")
    elif reason == FRONTIER_LOST:
        summary.status = "failed"
        summary.error = ("the shared request queue (Redis) failed mid-crawl; this worker's leased "
                         "requests go to the other workers")
    elif reason == RUN_CLOSED_ELSEWHERE:
        summary.status = "stopped"
        summary.error = f"crawl ended: {reason} (another crawl found its heartbeat stale and took over)"
    elif reached == 0 and not (frontier and reason == "finished" and _nothing_attempted(summary.counts)):
        summary.status = "failed"
        summary.error = _nothing_crawled(summary, reason)
    elif reason and reason not in COMPLETED_REASONS:
        summary.status = "stopped"
        summary.error = f"crawl ended: {reason}"


def _nothing_attempted(counts: dict[str, int]) -> bool:
    """No page of this run failed or was forbidden (an idle frontier worker: others had the work)."""
    return not any(counts.get(k, 0) for k in ("failed", "robots_forbidden", "offsite_redirects"))


def _nothing_crawled(summary: RunSummary, reason: str | None) -> str:
    failed, forbidden = summary.counts.get("failed", 0), summary.counts.get("robots_forbidden", 0)
    unreachable = summary.counts.get("robots_unreachable", 0)
    return (f"nothing could be crawled from {', '.join(summary.sites)}"
            + (f" ({failed} requests failed; see `filmcat runs`)" if failed else "")
            + (f" (robots.txt disallows {forbidden} requested pages"
               + (", it was unreachable: a server error or a network failure" if unreachable else "") + ")"
               if forbidden else "")
            + (f"; crawl ended: {reason}" if reason and reason != "finished" else ""))


REPARSE_BATCH = 64  # pages handed to the extraction pool at a time: bounds the bodies held in memory


def run_reparse(db_url: str, *, site: str | None = None, workers: int = 0) -> RunSummary:
    """Re-extract every stored page (of one site) with the current extractor; update reviews and films.

    Pages stream from the catalogue in batches of REPARSE_BATCH, so memory does not grow with the
    number of stored pages; each batch's reviews are upserted with their own page ids.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from catalog import Catalog
    from scraper.items import extract_page

    started = time.monotonic()
    with Catalog(db_url) as catalog:
        pages = catalog.iter_pages(site)
        first = next(pages, None)
        if first is None and site:
            raise InputError(f"no stored pages of site {site!r} (HOST[:PORT] as `filmcat runs` shows the sites)")
        pages = itertools.chain([first] if first is not None else [], pages)
        run_id = catalog.start_run("reparse", [site] if site else [], {"site": site})
        counts: dict[str, int] = {"pages": 0}
        seen_sites: set[str] = set()
        n = workers or max(1, (os.cpu_count() or 2) - 1)
        with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn")) as pool:
            for batch in _batches(pages, REPARSE_BATCH):
                counts["pages"] += len(batch)
                seen_sites.update(site_of(p.url) for p in batch)
                results = pool.map(extract_page, [p.body for p in batch], [p.url for p in batch],
                                   [p.headers for p in batch], chunksize=8)
                records: list[dict[str, Any]] = []
                page_ids: list[int | None] = []
                for page, result in zip(batch, results):
                    if _reparse_one(catalog, run_id, page.url, result, records, counts):
                        page_ids.append(page.page_id)
                for res in catalog.upsert_reviews(records, run_id=run_id, page_ids=page_ids):
                    counts[f"reviews_{res.status}"] = counts.get(f"reviews_{res.status}", 0) + 1
                catalog.heartbeat(run_id, counts)
        stats = catalog.resolve()
        from scraper.pipelines import _stats_items

        counts.update({f"resolve_{k}": v for k, v in _stats_items(stats)})
        sites = sorted(seen_sites) or ([site] if site else [])
        summary = RunSummary(run_id, "finished", sites, counts, time.monotonic() - started, profile="reparse")
        catalog.finish_run(run_id, counts)
    return summary


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _reparse_one(catalog: Any, run_id: int, url: str, result: Any, records: list, counts: dict) -> bool:  # type: ignore[type-arg]
    """Record one page's outcome; True when its review was added to `records`."""
    if result.error:
        counts["failed"] = counts.get("failed", 0) + 1
        catalog.record_rejection(url, f"extraction failed: {result.error}", run_id=run_id)
        return False
    if result.is_review:
        records.append(result.record)
        return True
    counts["rejected"] = counts.get("rejected", 0) + 1
    catalog.record_rejection(url, f"not a review: {result.verdict or 'no verdict'}", run_id=run_id)
    return False

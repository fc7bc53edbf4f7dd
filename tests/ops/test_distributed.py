"""Distributed crawls: several `filmcat crawl --frontier redis://…` workers share one frontier."""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from catalog import Catalog
from scraper.distributed import redact, split_frontier_url
from scraper.errors import CrawlError, InputError
from tests.ops import crawlers
from tests.ops.conftest import paths_of
from tests.ops.site import CountingSite

pytestmark = [pytest.mark.redis, pytest.mark.postgres]

WORKERS_KEY = "filmcat:reviews:workers"  # <namespace>:<spider>:workers
FAST = ["--set", "FILMCAT_FRONTIER_HEARTBEAT=0.3", "--set", "FILMCAT_FRONTIER_LEASE_TTL=2",
        "--set", "FILMCAT_FRONTIER_PREFETCH=4",
        # a worker whose sitemap request another worker took waits this long (s) for its answer
        "--set", "FILMCAT_SITEMAP_WAIT=1"]


def _migrated(url: str) -> str:
    Catalog(url).close()
    return url


def test_frontier_url_parsing() -> None:
    assert split_frontier_url("redis://127.0.0.1:6379/2?frontier=nightly") == ("redis://127.0.0.1:6379/2", "nightly")
    assert split_frontier_url("rediss://h:1/0") == ("rediss://h:1/0", "filmcat")
    assert redact("redis://:s3cret@h:1/0") == "redis://:***@h:1/0"
    with pytest.raises(InputError):
        split_frontier_url("http://127.0.0.1:6379/0")
    with pytest.raises(InputError):
        split_frontier_url("redis://h/0?frontier=a b")


def test_unreachable_frontier_is_one_line_without_password(db_url: str) -> None:
    from tests.servers import free_port

    port = free_port()  # nothing listens there
    done = crawlers.run("crawl", "--start-url", "http://127.0.0.1:9/", "--db", db_url,
                        "--frontier", f"redis://:hunter2pass@127.0.0.1:{port}/0")
    assert done.returncode != 0
    assert "hunter2pass" not in done.stderr + done.stdout
    assert crawlers.no_traceback(done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    with pytest.raises(CrawlError):
        from scraper.distributed import frontier_settings

        frontier_settings(f"redis://127.0.0.1:{port}/0")


def test_two_workers_fetch_every_page_once(redis_url: str, pg_url: str, site_dir: Path,
                                           baseline_paths: Callable[[str], set[str]]) -> None:
    db = _migrated(pg_url)
    client = redis.Redis.from_url(redis_url)
    # pages wait until both workers have joined, so neither can finish the site alone
    with CountingSite(site_dir, delay=0.05, hold=lambda: client.scard(WORKERS_KEY) >= 2) as site:
        args = ["crawl", "--start-url", site.url, "--db", db, "--frontier", redis_url, *FAST]
        procs = [crawlers.start(*args), crawlers.start(*args)]
        results = [p.communicate(timeout=180) for p in procs]
        pages = site.pages()
    for proc, (_, err) in zip(procs, results):
        assert proc.returncode == 0, err[-1500:]
        assert crawlers.no_traceback(err)
    assert pages and max(pages.values()) == 1, {p: n for p, n in pages.items() if n > 1}
    assert site.hits["/robots.txt"] <= 2  # once per worker
    stored = paths_of(crawlers.review_urls(db))
    assert Counter(stored).most_common(1)[0][1] == 1, "a review was stored twice"
    assert set(stored) == baseline_paths(site_dir.name)
    with Catalog(db) as catalog:
        fetched = [r["counts"].get("fetched", 0) for r in catalog.iter_runs() if r["kind"] == "crawl"]
    assert len(fetched) == 2 and all(n > 0 for n in fetched), f"one worker did all the work: {fetched}"
    # the last worker out leaves only the seen set, expiring, for workers that start late
    assert client.keys("filmcat:*") == [b"filmcat:reviews:seen"]
    assert 0 < client.ttl("filmcat:reviews:seen") <= 300


def test_a_late_worker_does_not_crawl_again(redis_url: str, db_url: str, site_dir: Path) -> None:
    client = redis.Redis.from_url(redis_url)
    with CountingSite(site_dir) as site:
        args = ["crawl", "--start-url", site.url, "--db", db_url, "--frontier", redis_url, *FAST]
        first = crawlers.run(*args)
        assert first.returncode == 0, first.stderr[-1500:]
        crawled = site.pages()
        crawlers.run(*args)  # starts after the first finished, within FILMCAT_FRONTIER_KEEP
        assert site.pages() == crawled, "the late worker fetched pages again"
        assert client.ttl("filmcat:reviews:seen") > 0
        again = crawlers.run(*args, "--set", "FILMCAT_FRONTIER_KEEP=0")  # (still within the window)
        assert site.pages() == crawled and again.returncode is not None
        # KEEP=0: the last one out deletes everything, so the next crawl starts from scratch
        assert client.keys("filmcat:*") == []


def test_killed_worker_work_is_picked_up(redis_url: str, pg_url: str, site_dir: Path,
                                         baseline_paths: Callable[[str], set[str]]) -> None:
    db = _migrated(pg_url)
    client = redis.Redis.from_url(redis_url)
    with CountingSite(site_dir, delay=0.3) as site:
        args = ["crawl", "--start-url", site.url, "--db", db, "--frontier", redis_url, *FAST,
                "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2"]
        first = crawlers.start(*args)
        crawlers.wait_until(lambda: sum(site.pages().values()) >= 4, 60, "the first worker's pages", first)
        crawlers.kill_group(first)
        slots: set[bytes] = client.smembers("filmcat:reviews:requests:slots")  # type: ignore[assignment]
        queued = sum(int(client.zcard(f"filmcat:reviews:requests:{s.decode()}")) for s in slots)
        leased = sum(int(client.hlen(k)) for k in client.keys("filmcat:reviews:leases:*"))
        assert queued + leased > 0, "killed too late: nothing was left to pick up"
        second = crawlers.start(*args)
        _, err = second.communicate(timeout=180)
        pages = site.pages()
    assert second.returncode == 0, err[-1500:]
    stored = paths_of(crawlers.review_urls(db))
    assert Counter(stored).most_common(1)[0][1] == 1, "a review was stored twice"
    assert set(stored) == baseline_paths(site_dir.name), "a review of the killed worker was lost"
    # only what the dead worker held (at most its prefetch of 4) is fetched again
    assert sum(n - 1 for n in pages.values()) <= 4, pages
    assert client.keys("filmcat:*") == [b"filmcat:reviews:seen"]


def test_redis_going_away_stops_the_worker_with_one_line(db_url: str, site_dir: Path) -> None:
    from tests import servers

    own = servers.start_redis()  # this test stops its server: not the session's
    try:
        with CountingSite(site_dir, delay=0.3) as site:
            worker = crawlers.start("crawl", "--start-url", site.url, "--db", db_url, "--frontier", own.url(), *FAST)
            crawlers.wait_until(lambda: sum(site.pages().values()) >= 3, 60, "the first pages", worker)
            own.stop()
            _, err = worker.communicate(timeout=60)  # no hang: the worker notices and closes
    finally:
        own.stop()
    assert crawlers.no_traceback(err), err[-2000:]
    lost = [line for line in err.splitlines() if "frontier" in line and "lost" in line]
    assert len(lost) == 1, err[-2000:]
    with Catalog(db_url) as catalog:
        run = list(catalog.iter_runs())[-1]
    assert run["status"] != "running"

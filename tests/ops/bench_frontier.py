"""Benchmark: a crawl by 1 plain process vs 1, 2, 3 frontier workers (python -m tests.ops.bench_frontier)."""
from __future__ import annotations

import argparse
import statistics
import time
from contextlib import ExitStack

import redis

from tests import servers
from tests.ops import crawlers
from tests.ops.site import CountingSite

SITES = ("filmwaechter.de", "kritikenkiste.de", "leinwandreport.de", "reelverdict.net")
# a slow remote site: every answer takes DELAY seconds, one request at a time per site and worker
DELAY = 0.8
POLITE = ["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
          "--set", "FILMCAT_FRONTIER_HEARTBEAT=0.5",
          # a worker whose sitemap another worker fetched waits this long (s) before closing
          "--set", "FILMCAT_SITEMAP_WAIT=1"]


def one_crawl(workers: int, pg: servers.PostgresServer, rds: servers.RedisServer,
              name: str) -> tuple[float, float, int]:
    """(wall seconds until every worker exited, seconds from the first to the last request,
    pages requested) for one crawl of all four sites."""
    db = pg.create_database(name)
    crawlers.run("runs", "--db", db)  # migrate first: the timing is the crawl's
    redis.Redis.from_url(rds.url()).flushdb()
    with ExitStack() as stack:
        sites = [stack.enter_context(CountingSite(crawlers.CORPUS / s, delay=DELAY, host=f"127.0.0.{80 + i}"))
                 for i, s in enumerate(SITES)]
        starts = [a for site in sites for a in ("--start-url", site.url)]
        frontier = ["--frontier", rds.url()] if workers else []
        started = time.monotonic()
        procs = [crawlers.start("crawl", *starts, "--db", db, *frontier, *POLITE) for _ in range(max(workers, 1))]
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            if proc.returncode != 0:
                raise SystemExit(f"crawl failed: {err[-500:]}")
        took = time.monotonic() - started
        pages = sum(sum(s.pages().values()) for s in sites)
        first = min(s.first_hit or started for s in sites)
        fetching = max(s.last_hit or started for s in sites) - first
    pg.drop_database(name)
    return took, fetching, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3, help="runs per configuration (median reported)")
    opts = parser.parse_args()
    pg, rds = servers.start_postgres(), servers.start_redis()
    try:
        rows = []
        for workers in (0, 1, 2, 3):  # 0: plain `filmcat crawl`, no frontier (the baseline)
            runs = [one_crawl(workers, pg, rds, f"bench_{workers}_{i}") for i in range(opts.repeat)]
            rows.append((workers, statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                         max(r[2] for r in runs)))
        base_wall, base_fetch = rows[0][1], rows[0][2]
        print(f"{'setup':<22}{'wall s':>8}{'x plain':>9}{'fetching s':>12}{'x plain':>9}{'pages':>7}")
        for workers, wall, fetching, pages in rows:
            label = "plain crawl" if workers == 0 else f"{workers} frontier worker{'s' * (workers > 1)}"
            print(f"{label:<22}{wall:>8.2f}{base_wall / wall:>8.2f}x{fetching:>12.2f}"
                  f"{base_fetch / fetching:>8.2f}x{pages:>7}")
    finally:
        rds.stop()
        pg.stop()


if __name__ == "__main__":
    main()

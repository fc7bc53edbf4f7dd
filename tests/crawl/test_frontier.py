"""Frontier workers (`--frontier redis://…`): an idle worker succeeds, a lost frontier fails, no sitemap wait."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog import Catalog
from scraper.crawl import RunSummary, _judge
from tests.conftest import _unavailable
from tests.httpserver import SiteServer, assert_no_traceback, page, run_cli, serve, slow

REVIEW = "2023/10/06/ballerina-kritik-netflix/index.html"   # a family-A review of the dev corpus
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("frontier, reason, counts, status", [
    (True, "finished", {}, "finished"),                       # the others drained the frontier: idle, fine
    (False, "finished", {}, "failed"),                        # a lone crawl that reached nothing
    (True, "finished", {"failed": 3}, "failed"),              # it tried and every page failed
    (True, "frontier_lost", {"fetched": 10}, "failed"),       # Redis went away mid-crawl
    (True, "frontier_lost", {}, "failed"),
    (False, "shutdown", {"fetched": 4}, "stopped"),
])
def test_judge(frontier: bool, reason: str, counts: dict[str, int], status: str) -> None:
    summary = RunSummary(1, "finished", ["http://127.0.0.1:1"], dict(counts))
    _judge(summary, {"finish_reason": reason}, frontier=frontier)
    assert summary.status == status
    assert (summary.error is None) == (status == "finished")
    if reason == "frontier_lost":   # one line on stderr already names the lost frontier
        assert summary.error is not None and "lost" not in summary.error and "frontier" not in summary.error


def _site(srv: SiteServer, review: bytes, pages: int = 3, delay: float = 0.0) -> None:
    links = " ".join(f'<a href="/p{i}/">p{i}</a>' for i in range(pages))
    srv.routes.update({
        "/": page(f"<html><body><h1>Start</h1>{links}</body></html>"),
        "/robots.txt": page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n", ctype="text/plain"),
        "/sitemap.xml": page('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                             f"<url><loc>{srv.origin}/p0/</loc></url></urlset>", ctype="application/xml"),
    })
    for i in range(pages):
        body = review.replace(b"Ballerina", f"Ballerina {i}".encode(), 1)
        srv.routes[f"/p{i}/"] = slow(delay, body.decode("utf-8")) if delay else page(body.decode("utf-8"))


def _last_run(db: str) -> dict:  # type: ignore[type-arg]
    with Catalog(db) as catalog:
        return list(catalog.iter_runs())[-1]


def test_late_worker_is_idle_success_without_sitemap_wait(redis_url: str, shared_dir: Path, tmp_path: Path) -> None:
    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.92") as srv:
        _site(srv, review)
        args = ["crawl", "--db", db, "--start-url", srv.origin + "/", "--frontier", redis_url,
                "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", "--set", "FILMCAT_FRONTIER_HEARTBEAT=0.3",
                # a sitemap wait would show: the late worker's sitemap is dropped, never answered
                "--set", "FILMCAT_SITEMAP_WAIT=60"]
        first = run_cli(*args)
        assert first.returncode == 0, first.stderr[-2000:]
        assert _last_run(db)["counts"]["fetched"] > 0
        before = len(srv.requests)
        late = run_cli(*args)   # the seen set outlives the first worker: nothing is left to fetch
        assert_no_traceback(late.stderr)
        assert late.returncode == 0, late.stderr[-2000:]
        assert [p for _, p, _ in srv.requests[before:]] in ([], ["/robots.txt"])
    run = _last_run(db)
    assert run["status"] == "finished" and not run["counts"].get("fetched"), run
    assert run["counts"].get("sitemap_dropped", 0) >= 1
    assert not run["counts"].get("sitemap_wait_timeouts"), run["counts"]


def test_lost_frontier_fails_the_run(shared_dir: Path, tmp_path: Path) -> None:
    from tests import servers

    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    try:
        own = servers.start_redis()   # stopped mid-crawl: not the session's server
    except servers.ServerUnavailable as exc:
        _unavailable(str(exc))
    try:
        with serve(None, "127.0.0.93") as srv:
            _site(srv, review, pages=40, delay=0.2)
            cmd = [sys.executable, "-c", "from scraper.cli import main; main()", "crawl", "--db", db,
                   "--start-url", srv.origin + "/", "--frontier", own.url(), "--set", "FILMCAT_EXTRACT_EXECUTOR=thread",
                   "--set", "FILMCAT_FRONTIER_HEARTBEAT=0.3", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
            proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            deadline = time.monotonic() + 60
            while sum(p.startswith("/p") for _, p, _ in list(srv.requests)) < 3 and time.monotonic() < deadline:
                time.sleep(0.1)
            own.stop()
            out, err = proc.communicate(timeout=90)
    finally:
        own.stop()
    assert_no_traceback(err)
    assert proc.returncode != 0, (out, err[-2000:])
    run = _last_run(db)
    assert run["status"] == "failed" and run["counts"].get("fetched", 0) >= 1, run


def test_requests_a_stop_drops_go_back_to_the_frontier(redis_url: str, shared_dir: Path, tmp_path: Path) -> None:
    """SIGTERM while a worker's requests wait out a Crawl-delay: they are dropped unsent
    (scraper.middlewares.stopping), and their leases go back to the shared queue, so the next
    worker fetches them; released as done, they would be lost (their URLs are in the seen set)."""
    import os
    import signal

    review = (shared_dir / "corpus" / "dev" / "sites" / "filmwaechter.de" / REVIEW).read_bytes()
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.93") as srv:
        _site(srv, review)
        srv.routes["/robots.txt"] = page("User-agent: *\nCrawl-delay: 30\nDisallow:\n", ctype="text/plain")
        args = ["crawl", "--db", db, "--start-url", srv.origin + "/", "--frontier", redis_url,
                "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", "--set", "FILMCAT_FRONTIER_HEARTBEAT=0.3",
                "--set", "FILMCAT_SITEMAP_WAIT=1"]
        cmd = [sys.executable, "-c", "from scraper.cli import main; main()", *args, "--set", "FILMCAT_CRAWL_DELAY_MAX=30"]
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        deadline = time.monotonic() + 60
        while "/robots.txt" not in srv.paths():
            assert proc.poll() is None and time.monotonic() < deadline, "the first worker did not start"
            time.sleep(0.05)
        time.sleep(2.0)   # its start request now waits in the download slot
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert_no_traceback(err.decode())
        assert proc.returncode == 143, err.decode()[-2000:]
        assert not [p for p in srv.paths() if p.startswith("/p")]   # nothing fetched yet
        second = run_cli(*args, "--set", "FILMCAT_CRAWL_DELAY_MAX=0.05")
        assert_no_traceback(second.stderr)
        assert second.returncode == 0, second.stderr[-2000:]
    with Catalog(db) as catalog:
        stored = {r["url"].rsplit("/", 2)[-2] for r in catalog.iter_reviews()}
    assert stored == {"p0", "p1", "p2"}, stored

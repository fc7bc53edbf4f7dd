"""SIGKILL a crawl mid-run, crawl again: no review lost, none duplicated, the database consistent."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

from catalog import Catalog
from tests.httpserver import assert_no_traceback, page, run_cli, serve

ROOT = Path(__file__).resolve().parents[2]


def _start_crawl(args: list[str]) -> subprocess.Popen:  # type: ignore[type-arg]
    cmd = [sys.executable, "-c", "from scraper.cli import main; main()", *args]
    # own session: the kill takes the crawl and its extraction workers, as a crash would
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _wait_for_requests(servers: list, n: int, proc: subprocess.Popen, timeout: float = 60) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while sum(len(s.requests) for s in servers) < n:
        assert proc.poll() is None, "the crawl ended before it could be killed"
        assert time.monotonic() < deadline, "the crawl made no progress"
        time.sleep(0.05)


def _ended(proc: subprocess.Popen, timeout: float, hung: str) -> tuple[bytes, bytes]:  # type: ignore[type-arg]
    """The crawl's (stdout, stderr) once it ends; killed and failed with `hung` if it does not in time."""
    try:
        return proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(hung) from None


def test_sigkill_mid_run_then_recrawl(shared_dir: Path, tmp_path: Path) -> None:
    root = shared_dir / "corpus" / "dev"
    sites = sorted(p for p in (root / "sites").iterdir() if p.is_dir())
    labels = [json.loads(x) for x in (root / "labels.jsonl").read_text().splitlines() if x.strip()]
    db_file = tmp_path / "catalog.db"
    db = f"sqlite:///{db_file}"
    with ExitStack() as stack:
        servers = {s.name: stack.enter_context(serve(s, f"127.0.0.{70 + i}")) for i, s in enumerate(sites)}
        starts = [a for srv in servers.values() for a in ("--start-url", srv.origin + "/")]
        for srv in servers.values():
            srv.delay = 0.15  # seconds per answer: the crawl is still running when it is killed
        proc = _start_crawl(["crawl", "--db", db, *starts, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                             "--set", "FILMCAT_WRITE_BATCH=3"])
        _wait_for_requests(list(servers.values()), 36, proc)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        with Catalog(db) as catalog:
            partial = len(list(catalog.iter_reviews()))
        assert partial < len(labels)  # the kill did land mid-run
        for srv in servers.values():
            srv.delay = 0.0
        again = run_cli("crawl", "--db", db, *starts)
        assert_no_traceback(again.stderr)
        assert again.returncode == 0, again.stderr[-2000:]
        expected = {servers[lab["site"]].origin + lab["path"] for lab in labels}
    with Catalog(db) as catalog:
        reviews = list(catalog.iter_reviews())
        runs = list(catalog.iter_runs())
    urls = [r["url"] for r in reviews]
    assert set(urls) == expected and len(urls) == len(set(urls))  # none lost, none duplicated
    assert all(r["film_id"] for r in reviews)
    assert [r["status"] for r in runs] == ["interrupted", "finished"]
    assert runs[1]["options"]["full"] is True  # after an interruption nothing stored is trusted
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sigterm_to_the_process_group_stops_the_crawl_gracefully(shared_dir: Path, tmp_path: Path) -> None:
    """`kill -TERM -<pgid>` (a service manager's stop, a terminal's hang-up): the extraction workers
    get the signal too. The crawl process decides when work ends; the workers must not die under
    the pages in flight and leave them as "extraction failed: worker died"."""
    from sqlalchemy import select

    from catalog.models import Rejection

    root = shared_dir / "corpus" / "dev"
    sites = sorted(p for p in (root / "sites").iterdir() if p.is_dir())
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    with ExitStack() as stack:
        servers = {s.name: stack.enter_context(serve(s, f"127.0.0.{80 + i}")) for i, s in enumerate(sites)}
        starts = [a for srv in servers.values() for a in ("--start-url", srv.origin + "/")]
        for srv in servers.values():
            srv.delay = 0.1
        proc = _start_crawl(["crawl", "--db", db, *starts, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
                             "--set", "FILMCAT_WRITE_BATCH=1"])
        _wait_for_requests(list(servers.values()), 30, proc)
        os.killpg(proc.pid, signal.SIGTERM)
        _, stderr = proc.communicate(timeout=60)
    assert_no_traceback(stderr.decode())
    with Catalog(db) as catalog, catalog.session() as session:
        reasons = [r.reason for r in session.scalars(select(Rejection))]
        runs = list(catalog.iter_runs())
        stored = len(list(catalog.iter_reviews()))
    assert not [r for r in reasons if "died" in r], reasons
    assert stored > 0
    assert runs[-1]["status"] == "stopped", runs[-1]
    assert proc.returncode == 143  # 128 + SIGTERM: `filmcat crawl && next-step` does not go on


def test_second_sigint_stops_at_once_and_never_hangs(shared_dir: Path, tmp_path: Path) -> None:
    """Ctrl-C twice (to the process group, as a terminal sends it): the reactor stops without
    closing the spider; the workers (which ignore SIGINT) are killed, not waited for forever; the
    run is `stopped` (exit 130) and the stored reviews are resolved or left queued for `filmcat resolve`."""
    root = shared_dir / "corpus" / "dev"
    sites = sorted(p for p in (root / "sites").iterdir() if p.is_dir())
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    with ExitStack() as stack:
        servers = {s.name: stack.enter_context(serve(s, f"127.0.0.{90 + i}")) for i, s in enumerate(sites)}
        starts = [a for srv in servers.values() for a in ("--start-url", srv.origin + "/")]
        for srv in servers.values():
            srv.delay = 0.3  # the graceful stop waits for answers in flight: the second Ctrl-C lands in it
        proc = _start_crawl(["crawl", "--db", db, *starts, "--set", "FILMCAT_WRITE_BATCH=1"])
        _wait_for_requests(list(servers.values()), 45, proc)
        os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = _ended(proc, 20, "the crawl hung after a second SIGINT")
    assert_no_traceback(err.decode())
    assert proc.returncode == 130, err.decode()[-2000:]
    assert "run 1 stopped" in out.decode()
    with Catalog(db) as catalog:
        run = list(catalog.iter_runs())[-1]
        reviews = list(catalog.iter_reviews())
    assert run["status"] == "stopped", run
    assert reviews
    if not all(r["film_id"] for r in reviews):  # resolution was skipped: recorded, and done by `resolve`
        assert run["counts"].get("resolve_pending") == 1 and "filmcat resolve" in run["error"], run
        done = run_cli("resolve", "--db", db)
        assert done.returncode == 0, done.stderr
        with Catalog(db) as catalog:
            assert all(r["film_id"] for r in catalog.iter_reviews())


def test_a_stop_signal_does_not_wait_out_a_crawl_delay(shared_dir: Path, tmp_path: Path) -> None:
    """SIGTERM while the next requests wait out the site's Crawl-delay: the crawl stops within seconds
    (it waited out every queued request's delay before: 14.6 s for Crawl-delay 20), sends nothing
    more, counts the dropped requests as neither failed nor missing, and exits 143."""
    site = shared_dir / "corpus" / "dev" / "sites" / "kritikenkiste.de"
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    with serve(site, "127.0.0.97") as srv:
        srv.routes["/robots.txt"] = page("User-agent: *\nCrawl-delay: 30\nDisallow: /privat/\n", ctype="text/plain")
        proc = _start_crawl(["crawl", "--db", db, "--start-url", srv.origin + "/",
                             "--set", "FILMCAT_CRAWL_DELAY_MAX=30"])
        _wait_for_requests([srv], 1, proc)   # robots.txt: its Crawl-delay holds every request after it
        time.sleep(1.5)                      # the next ones now wait in the download slot
        sent = len(srv.requests)
        started = time.monotonic()
        os.killpg(proc.pid, signal.SIGTERM)
        _, err = _ended(proc, 60, "the crawl did not stop")
        took = time.monotonic() - started
        after = srv.paths()[sent:]
    assert_no_traceback(err.decode())
    assert proc.returncode == 143, err.decode()[-2000:]
    assert took < 10, f"the stop waited {took:.1f} s (the Crawl-delay is 30 s)"
    assert after == [], after   # nothing was sent after the signal
    with Catalog(db) as catalog:
        run = list(catalog.iter_runs())[-1]
    assert run["status"] == "stopped", run
    assert not run["counts"].get("failed") and not run["counts"].get("sitemap_missing"), run["counts"]
    assert run["counts"].get("stop_dropped", 0) >= 1, run["counts"]

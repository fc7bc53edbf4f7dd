"""Run heartbeats: a live crawl beats; other hosts' runs are interrupted only when their beat is stale."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from catalog import Catalog
from scraper.crawl import close_interrupted_runs
from tests.httpserver import assert_no_traceback, page, serve

ROOT = Path(__file__).resolve().parents[2]
SITE = "127.0.0.1:1"
PAGES = 20


def _run(catalog: Catalog, host: str, pid: int) -> int:
    return catalog.start_run("crawl", [SITE], {"host": host, "pid": pid})


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(proc.stdout)


def test_other_hosts_are_judged_by_heartbeat_this_host_by_pid(db_url: str) -> None:
    here = socket.gethostname()
    with Catalog(db_url) as catalog:
        beating = _run(catalog, "partner-host", 1)       # a frontier partner that keeps beating
        silent = _run(catalog, "partner-host", 1)        # a partner that never beat again
        mine_dead = _run(catalog, here, _dead_pid())     # this host, process gone
        mine_alive = _run(catalog, here, os.getpid())    # this host, process alive, never beat
        time.sleep(1.2)
        assert catalog.heartbeat(beating, {"fetched": 3})
        assert close_interrupted_runs(catalog, [SITE], stale_after=1.0)
        status = {run["id"]: run["status"] for run in catalog.iter_runs()}
    assert status == {beating: "running", silent: "interrupted", mine_dead: "interrupted", mine_alive: "running"}


def test_no_stale_run_means_nothing_interrupted(db_url: str) -> None:
    with Catalog(db_url) as catalog:
        partner = _run(catalog, "partner-host", 1)
        assert not close_interrupted_runs(catalog, [SITE], stale_after=60.0)
        assert not close_interrupted_runs(catalog, ["127.0.0.1:2"], stale_after=0.0)  # other site
        assert [r["status"] for r in catalog.iter_runs() if r["id"] == partner] == ["running"]


def _site(srv) -> None:  # type: ignore[no-untyped-def]
    links = "".join(f'<a href="/p{i}">{i}</a>' for i in range(PAGES))
    srv.routes["/"] = page(f"<html><body>{links}</body></html>")
    for i in range(PAGES):
        srv.routes[f"/p{i}"] = page(f"<html><head><title>Seite {i}</title></head><body><p>Text {i}</p></body></html>")
    srv.delay = 0.15  # seconds per answer, one at a time: the crawl runs ≈ 3 s


def _crawl(db: str, origin: str, *extra: str) -> subprocess.Popen:  # type: ignore[type-arg]
    cmd = [sys.executable, "-c", "from scraper.cli import main; main()", "crawl", "--db", db, "--start-url",
           origin + "/", "--set", "CONCURRENT_REQUESTS=1", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
           "--set", "FILMCAT_HEARTBEAT=0.2",
           "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", *extra]
    return subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _running_run(db: str, proc: subprocess.Popen, ready) -> dict:  # type: ignore[no-untyped-def, type-arg]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1][-2000:]
        with Catalog(db) as catalog:
            runs = [r for r in catalog.iter_runs() if r["status"] == "running"]
        if runs and ready(runs[-1]):
            return runs[-1]
        time.sleep(0.1)
    raise AssertionError("no heartbeat seen")


def test_a_running_crawl_beats_and_stops_when_its_run_is_closed_elsewhere(db_url: str) -> None:
    with serve(None) as srv:
        _site(srv)
        proc = _crawl(db_url, srv.origin)
        run = _running_run(db_url, proc, lambda r: r["heartbeat_at"] and (r["counts"] or {}).get("fetched"))
        with Catalog(db_url) as catalog:  # what a crawl on another host does to a run it finds stale
            catalog.finish_run(run["id"], run["counts"] or {}, status="interrupted", error="stale")
        _out, err = proc.communicate(timeout=30)
    assert run["counts"]["fetched"] < PAGES + 1      # seen mid-run, with the counts so far
    assert_no_traceback(err)
    assert "closed by another crawl" in err
    with Catalog(db_url) as catalog:
        final = list(catalog.iter_runs())[-1]
    assert final["status"] == "stopped" and "run_closed_elsewhere" in final["error"]
    assert final["counts"]["fetched"] < PAGES + 1 and final["counts"]["heartbeats"] >= 1  # stopped early


def _runs_cli(db: str) -> dict[int, dict]:  # type: ignore[type-arg]
    import json

    done = subprocess.run([sys.executable, "-c", "from scraper.cli import main; main()", "runs", "--json", "--db", db],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, check=False)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return {run["id"]: run for run in map(json.loads, done.stdout.splitlines())}


def _dead_and_alive_runs(db: str) -> dict[str, int]:
    """Four running crawls of any sites: this host's with its process gone and alive, another host's
    heard from an hour ago and just now."""
    from sqlalchemy import text

    here = socket.gethostname()
    with Catalog(db) as catalog:
        ids = {"dead": catalog.start_run("crawl", ["127.0.0.1:7"], {"host": here, "pid": _dead_pid()}),
               "alive": catalog.start_run("crawl", ["127.0.0.1:8"], {"host": here, "pid": os.getpid()}),
               "silent": catalog.start_run("crawl", ["127.0.0.1:9"], {"host": "partner-host", "pid": 1}),
               "beating": catalog.start_run("crawl", ["127.0.0.1:9"], {"host": "partner-host", "pid": 1})}
        with catalog.engine.begin() as conn:
            conn.execute(text("UPDATE runs SET started_at = :t WHERE id = :id"),
                         {"t": datetime.now(UTC) - timedelta(hours=1), "id": ids["silent"]})
        assert catalog.heartbeat(ids["beating"], {"fetched": 1})
    return ids


def test_runs_lists_a_crawl_whose_process_is_gone_as_interrupted(db_url: str) -> None:
    ids = _dead_and_alive_runs(db_url)
    shown = _runs_cli(db_url)
    expected = {"dead": "interrupted", "alive": "running", "silent": "interrupted", "beating": "running"}
    assert {name: shown[i]["status"] for name, i in ids.items()} == expected
    with Catalog(db_url) as catalog:  # recorded, so every reader (schedule status, a dashboard) agrees
        stored = {run["id"]: run for run in catalog.iter_runs()}
    assert {name: stored[i]["status"] for name, i in ids.items()} == expected
    assert stored[ids["dead"]]["finished_at"] is not None


def test_runs_on_a_read_only_catalogue_shows_them_interrupted_without_writing(tmp_path: Path) -> None:
    from tests.catalog.test_read_only import read_only

    folder = tmp_path / "ro"
    folder.mkdir()
    db = f"sqlite:///{folder / 'catalog.db'}"
    ids = _dead_and_alive_runs(db)
    with read_only(folder):
        shown = _runs_cli(db)
    assert shown[ids["dead"]]["status"] == "interrupted" and "read-only" in shown[ids["dead"]]["error"]
    assert shown[ids["alive"]]["status"] == "running"
    with Catalog(db) as catalog:
        assert {run["status"] for run in catalog.iter_runs()} == {"running"}

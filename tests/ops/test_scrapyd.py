"""scrapyd backend: deploy the project, schedule a crawl of a local site through scrapyd, find its reviews."""
from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from catalog import Catalog
from scraper.schedule.scrapyd import ScrapydClient
from tests import servers
from tests.conftest import IN_CI
from tests.ops import crawlers
from tests.ops.conftest import paths_of
from tests.ops.site import CountingSite

pytestmark = pytest.mark.scrapyd


@pytest.fixture
def scrapyd() -> Iterator[servers.ScrapydServer]:
    try:
        server = servers.start_scrapyd()
    except servers.ServerUnavailable as exc:
        if IN_CI:
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


def _wait_finished(client: ScrapydClient, jobid: str, timeout: float = 120) -> dict:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        finished = {j["id"]: j for j in client.jobs("filmcat")["finished"]}
        if jobid in finished:
            return finished[jobid]
        time.sleep(0.3)
    raise AssertionError(f"scrapyd job {jobid} did not finish within {timeout:.0f} s")


def test_deploy_schedule_and_find_reviews(scrapyd: servers.ScrapydServer, tmp_path: Path, site_dir: Path,
                                          baseline_paths: Callable[[str], set[str]]) -> None:
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    deployed = crawlers.run("schedule", "deploy", "--scrapyd-url", scrapyd.url)
    assert deployed.returncode == 0, deployed.stderr
    client = ScrapydClient(scrapyd.url)
    assert "filmcat" in client.projects()
    with CountingSite(site_dir, delay=0.05) as site:
        first = crawlers.run("schedule", "run", site.url, "--backend", "scrapyd", "--scrapyd-url", scrapyd.url,
                             "--db", db)
        assert first.returncode == 0 and first.stdout.startswith("submitted:"), first.stdout + first.stderr
        jobid = first.stdout.split("scrapyd job ")[1].split()[0]
        # the previous job is still pending or running: no second, overlapping job
        again = crawlers.run("schedule", "run", site.url, "--backend", "scrapyd", "--scrapyd-url", scrapyd.url,
                             "--db", db)
        assert again.stdout.startswith("skipped:"), again.stdout + again.stderr
        _wait_finished(client, jobid)
    assert set(paths_of(crawlers.review_urls(db))) == baseline_paths(site_dir.name), scrapyd.log_tail()
    with Catalog(db) as catalog:
        runs = list(catalog.iter_runs())
    assert [(r["kind"], r["status"]) for r in runs] == [("crawl", "finished")]
    jobs = crawlers.run("schedule", "jobs", "--scrapyd-url", scrapyd.url)
    assert f"{jobid}\tfinished" in jobs.stdout
    # the job list lives on disk (SqliteJobStorage): a restarted scrapyd still knows the job
    scrapyd.stop(keep_files=True)
    scrapyd.start()
    assert jobid in {j["id"] for j in client.jobs("filmcat")["finished"]}


def test_cancel_a_running_job(scrapyd: servers.ScrapydServer, tmp_path: Path, site_dir: Path) -> None:
    db = f"sqlite:///{tmp_path / 'catalog.db'}"
    assert crawlers.run("schedule", "deploy", "--scrapyd-url", scrapyd.url).returncode == 0
    client = ScrapydClient(scrapyd.url)
    with CountingSite(site_dir, delay=1.0) as site:
        first = crawlers.run("schedule", "run", site.url, "--backend", "scrapyd", "--scrapyd-url", scrapyd.url,
                             "--db", db)
        jobid = first.stdout.split("scrapyd job ")[1].split()[0]
        crawlers.wait_until(lambda: sum(site.pages().values()) > 0, 60, "the job's first request")
        cancelled = crawlers.run("schedule", "cancel", jobid, "--scrapyd-url", scrapyd.url)
        assert cancelled.returncode == 0, cancelled.stderr
        _wait_finished(client, jobid, timeout=60)
        assert sum(site.pages().values()) < 16  # it stopped before crawling the whole site


def test_unreachable_scrapyd_is_one_line(tmp_path: Path) -> None:
    url = f"http://user:sEcr3tpw@127.0.0.1:{servers.free_port()}/"
    for args in (["deploy"], ["jobs"], ["run", "http://127.0.0.1:9/", "--backend", "scrapyd"]):
        done = crawlers.run("schedule", *args, "--scrapyd-url", url)
        assert done.returncode != 0
        assert "sEcr3tpw" not in done.stdout + done.stderr
        assert crawlers.no_traceback(done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_runner_reads_scrapyd_arguments() -> None:
    from scraper.schedule.scrapyd_runner import _split, parse_crawl_args

    spider, settings, args = parse_crawl_args([
        "reviews", "-s", "LOG_FILE=/var/log/x=y.log", "-a", "_job=a__1", "-a", "start_urls=http://a/,http://b/",
        "-a", "db=postgresql://u@h/db?sslmode=require"])
    assert spider == "reviews"
    assert settings == {"LOG_FILE": "/var/log/x=y.log"}
    assert args["db"] == "postgresql://u@h/db?sslmode=require"
    assert _split(args["start_urls"]) == ["http://a/", "http://b/"]
    assert _split(None) == []

"""What a site asks is honoured on loopback too: a back-off ends, an unreachable robots.txt disallows
all (with its reason in the run record), robots.txt redirects to another host are followed."""
from __future__ import annotations

import itertools
from contextlib import ExitStack
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Page, Rejection
from tests.httpserver import (
    SiteServer,
    assert_no_traceback,
    hang,
    page,
    redirect,
    reset,
    retry_after,
    run_cli,
    serve,
)

ARTICLE = "<html><head><title>{0}</title></head><body><h1>{0}</h1><p>{1}</p></body></html>"
ALLOW_ALL = "User-agent: *\nDisallow:\n"


def _links(paths: list[str]) -> str:
    return "<!doctype html><html><body>" + "".join(f'<a href="{p}">{p}</a> ' for p in paths) + "</body></html>"


def _pages(srv: SiteServer, paths: list[str]) -> None:
    for path in paths:
        srv.routes[path] = page(ARTICLE.format(path, "x" * 100))


def _crawl(db: str, *servers: SiteServer, settings: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    args = [a for s in servers for a in ("--start-url", s.origin + "/")]
    sets = [a for s in ("FILMCAT_EXTRACT_EXECUTOR=thread", *settings) for a in ("--set", s)]
    proc = run_cli("crawl", "--db", db, *args, *sets)
    assert_no_traceback(proc.stderr)
    return proc


def _record(db: str) -> tuple[set[str], dict[str, str], dict]:  # type: ignore[type-arg]
    with Catalog(db) as catalog, catalog.session() as session:
        pages = {p.url for p in session.scalars(select(Page))}
        rejections = {r.url: r.reason for r in session.scalars(select(Rejection))}
        run = list(catalog.iter_runs())[-1]
    return pages, rejections, run


def _gaps(srv: SiteServer, prefix: str) -> list[float]:
    times = [t for t, p in srv.timed if p.startswith(prefix)]
    return [b - a for a, b in itertools.pairwise(times)]


# ---------------------------------------------------------------- F3: a back-off ends

def test_one_retry_after_does_not_throttle_the_rest_of_the_crawl(tmp_path: Path) -> None:
    paths = [f"/p{i}/" for i in range(20)]
    with serve(None, "127.0.0.91") as srv:
        srv.routes["/robots.txt"] = page(ALLOW_ALL, ctype="text/plain")
        srv.routes["/"] = retry_after(1, _links(paths), status=503)
        _pages(srv, paths)
        proc = _crawl(f"sqlite:///{tmp_path / 'c.db'}", srv)
        gaps = _gaps(srv, "/p")
        starts = [t for t, p in srv.timed if p == "/"]
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(starts) == 2 and starts[1] - starts[0] >= 0.9      # the back-off itself is honoured
    assert len(gaps) == 19
    # after the back-off the host's own delay (0 on loopback) applies again: one late request at most
    assert sorted(gaps)[-2] < 0.3 and sum(gaps) < 3.0, gaps


def test_autothrottle_adjusts_the_slots_own_delay_under_a_back_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace

    from scrapy import Request, signals
    from scrapy.core.downloader import Slot
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from scraper.middlewares import throttle

    crawler = get_crawler(settings_dict={"AUTOTHROTTLE_ENABLED": True, "DOWNLOAD_DELAY": 0.0})
    slot = Slot(1, 0.2, 0.0)
    crawler.engine = SimpleNamespace(downloader=SimpleNamespace(slots={"h": slot}, get_slot_key=lambda r: "h"))
    polite = throttle.PoliteThrottle(crawler)
    polite.auto._spider_opened(None)  # type: ignore[union-attr]
    now = [100.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: now[0])
    polite.delays.back_off("h", 10.0)
    assert slot.delay == 10.0
    request = Request("http://h/", meta={"download_slot": "h", "download_latency": 0.6})
    crawler.signals.send_catch_log(signals.response_downloaded, response=Response("http://h/", request=request),
                                   request=request, spider=None)
    assert slot.delay == 10.0             # the back-off holds; AutoThrottle moved the slot's own 0.2 s to 0.6 s
    now[0] += 11
    polite.reached(request)               # whoever notices the end first
    assert slot.delay == pytest.approx(0.6)


# ---------------------------------------------------------------- F8: the site's Crawl-delay on loopback

def test_crawl_delay_is_honoured_on_loopback_without_a_cap(tmp_path: Path) -> None:
    paths = [f"/p{i}/" for i in range(4)]
    with serve(None, "127.0.0.92") as srv:
        srv.routes["/robots.txt"] = page("User-agent: *\nCrawl-delay: 1\nDisallow:\n", ctype="text/plain")
        srv.routes["/"] = page(_links(paths))
        _pages(srv, paths)
        proc = _crawl(f"sqlite:///{tmp_path / 'c.db'}", srv)
        gaps = _gaps(srv, "/p")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(gaps) == 3 and min(gaps) >= 0.9, gaps


# ---------------------------------------------------------------- F2: robots.txt that cannot be fetched

@pytest.fixture(scope="module")
def robots_faults(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('robots-faults') / 'c.db'}"
    paths = ["/seite/", "/x/geheim/"]
    with ExitStack() as stack:
        resets, hangs, moved, target, chain, down = (stack.enter_context(serve(None, f"127.0.0.{n}"))
                                                     for n in range(93, 99))
        for srv in (resets, hangs, moved, chain, down):
            srv.routes["/"] = page(_links(paths))
            _pages(srv, paths)
        resets.routes["/robots.txt"] = reset()
        hangs.routes["/robots.txt"] = hang(5)
        down.routes["/robots.txt"] = page("maintenance", status=503, ctype="text/plain")   # after its retry too
        moved.routes["/robots.txt"] = redirect(target.origin + "/robots.txt", status=301)
        target.routes["/robots.txt"] = redirect(target.origin + "/real-robots.txt")
        target.routes["/real-robots.txt"] = page("User-agent: *\nDisallow: /x/\n", ctype="text/plain")
        # six hops, to and fro between two hosts: more than RFC 9309's five, so unreachable
        chain.routes["/robots.txt"] = redirect(target.origin + "/hop1")
        hosts = {n: target if n % 2 else chain for n in range(1, 7)}
        for n in range(1, 6):
            hosts[n].routes[f"/hop{n}"] = redirect(hosts[n + 1].origin + f"/hop{n + 1}")
        chain.routes["/hop6"] = page(ALLOW_ALL, ctype="text/plain")
        proc = _crawl(db, resets, hangs, moved, chain, down, settings=("DOWNLOAD_TIMEOUT=1",))
        yield proc, db, {"resets": resets, "hangs": hangs, "moved": moved, "target": target, "chain": chain,
                         "down": down}


@pytest.mark.parametrize("name", ["resets", "hangs", "chain", "down"])
def test_unreachable_robots_txt_disallows_the_site_with_a_reason(robots_faults, name: str) -> None:  # type: ignore[no-untyped-def]
    _, db, servers = robots_faults
    srv = servers[name]
    assert not [p for p in srv.paths() if p == "/" or p.startswith(("/seite", "/x/"))], srv.paths()
    pages, rejections, _ = _record(db)
    start = srv.origin + "/"
    assert start not in pages
    assert rejections[start].startswith("robots.txt unreachable: "), rejections.get(start)


def test_robots_txt_server_error_says_why_it_disallows(robots_faults) -> None:  # type: ignore[no-untyped-def]
    # RFC 9309 2.3.1.4: a 5xx is a complete disallow, recorded as the error it is, not as the site's rules
    _, db, servers = robots_faults
    assert _record(db)[1][servers["down"].origin + "/"] == "robots.txt unreachable: HTTP 503"


def test_unreachable_robots_txt_is_counted(robots_faults) -> None:  # type: ignore[no-untyped-def]
    proc, db, servers = robots_faults
    assert proc.returncode == 0, proc.stderr[-2000:]
    counts = _record(db)[2]["counts"]
    assert "/hop6" not in servers["chain"].paths() and "/hop5" in servers["target"].paths()
    assert counts["robots_unreachable"] == 4 and counts["robots_forbidden"] >= 4, counts


def test_robots_txt_redirect_to_another_host_is_followed(robots_faults) -> None:  # type: ignore[no-untyped-def]
    _, db, servers = robots_faults
    moved, target = servers["moved"], servers["target"]
    assert "/seite/" in moved.paths() and "/x/geheim/" not in moved.paths()
    assert "/real-robots.txt" in target.paths()
    assert not [p for p in target.paths() if not p.startswith(("/robots.txt", "/real-robots.txt", "/hop"))]
    pages, rejections, _ = _record(db)
    assert moved.origin + "/seite/" in pages
    assert rejections[moved.origin + "/x/geheim/"] == "disallowed by robots.txt"


def test_crawl_delay_over_the_cap_is_said_once(tmp_path: Path) -> None:
    """robots.txt asks an hour a request: the cap applies and one warning names site, asked delay and cap."""
    with serve(None, "127.0.0.99") as srv:
        srv.routes["/robots.txt"] = page("User-agent: *\nCrawl-delay: 3600\nDisallow:\n", ctype="text/plain")
        srv.routes["/"] = page(_links(["/p0/"]))
        _pages(srv, ["/p0/"])
        proc = _crawl(f"sqlite:///{tmp_path / 'c.db'}", srv, settings=("FILMCAT_CRAWL_DELAY_MAX=0.2",))
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [x for x in proc.stderr.splitlines() if "Crawl-delay" in x]
    expected = (f"filmcat: warning: robots.txt of {srv.origin} asks Crawl-delay 3600 s; using 0.2 s "
                "(FILMCAT_CRAWL_DELAY_MAX)")
    assert lines == [expected], proc.stderr[-2000:]

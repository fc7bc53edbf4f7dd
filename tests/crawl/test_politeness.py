"""Politeness against a loopback site: robots.txt longest match, nofollow, Crawl-delay, per-host concurrency."""
from __future__ import annotations

import itertools
import threading
import time
from pathlib import Path

from tests.httpserver import Handler, assert_no_traceback, page, run_cli, serve

PAGE = '<html><head><title>{0}</title></head><body><h1>{0}</h1>{1}</body></html>'


def _site(srv, n: int, robots: str) -> None:  # type: ignore[no-untyped-def]
    links = "".join(f'<a href="/p{i}/">p{i}</a>' for i in range(n))
    srv.routes["/"] = page(PAGE.format("Start", links + '<a href="/privat/a.html">open link</a>'
                                       '<a rel="nofollow" href="/hidden/b.html">nofollow link</a>'
                                       '<a href="/privat">no slash</a>'))
    srv.routes["/robots.txt"] = page(robots, ctype="text/plain")
    for i in range(n):
        srv.routes[f"/p{i}/"] = page(PAGE.format(f"p{i}", '<a href="/privat/c.html?ref=x">again</a>'))


def _crawl(srv, tmp_path: Path, *extra: str):  # type: ignore[no-untyped-def]
    proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", srv.origin + "/",
                   "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", *extra)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_disallowed_and_nofollow_urls_are_never_requested(tmp_path: Path) -> None:
    robots = "User-agent: *\nAllow: /\nDisallow: /privat/\n\nUser-agent: otherbot\nDisallow: /\n"
    with serve(None, "127.0.0.80") as srv:
        _site(srv, 3, robots)
        _crawl(srv, tmp_path)
        paths = srv.paths()
    assert not [p for p in paths if p.startswith(("/privat/", "/hidden/"))]   # longest match: disallowed
    assert "/privat" in paths                                                  # not under /privat/: allowed
    assert {"/p0/", "/p1/", "/p2/"} <= set(paths)


def test_crawl_delay_is_applied_per_host(tmp_path: Path) -> None:
    robots = "User-agent: filmcat\nCrawl-delay: 5\nDisallow: /privat/\n"
    with serve(None, "127.0.0.81") as srv:
        _site(srv, 4, robots)
        # loopback caps Crawl-delay at FILMCAT_CRAWL_DELAY_MAX; raise the cap to see it bite
        _crawl(srv, tmp_path, "--set", "FILMCAT_CRAWL_DELAY_MAX=0.6")
        times = [t for t, p in srv.timed if p[:3] in ("/p0", "/p1", "/p2", "/p3")]
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(times) == 4 and min(gaps) >= 0.55, gaps


def test_per_host_concurrency_limit(tmp_path: Path) -> None:
    active, peak, lock = [0], [0], threading.Lock()

    def slow_page(h: Handler) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        h.reply(200, PAGE.format("slow", "").encode())

    with serve(None, "127.0.0.82") as srv:
        _site(srv, 6, "User-agent: *\nDisallow:\n")
        for i in range(6):
            srv.routes[f"/p{i}/"] = slow_page
        _crawl(srv, tmp_path, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=2")
    assert peak[0] == 2


def test_polite_defaults_are_explicit() -> None:
    from scraper import settings

    assert settings.ROBOTSTXT_OBEY is True and settings.CONCURRENT_REQUESTS_PER_DOMAIN == 1
    assert settings.DOWNLOAD_DELAY >= 1 and settings.AUTOTHROTTLE_ENABLED
    assert settings.FILMCAT_CONTACT_URL in settings.USER_AGENT
    assert settings.DOWNLOAD_MAXSIZE <= 64 * 1024 * 1024 and settings.DOWNLOAD_TIMEOUT <= 60


def test_loopback_profile_only_when_every_start_url_is_loopback() -> None:
    from scraper.crawl import crawl_settings

    _, fast = crawl_settings(["http://127.0.0.20:8001/", "http://localhost:8002/"])
    merged, polite = crawl_settings(["http://127.0.0.20:8001/", "https://derwatchdog.de/"])
    assert (fast, polite) == ("loopback", "polite") and merged["DOWNLOAD_DELAY"] >= 1


def test_copies_under_unknown_query_keys_fold_into_rel_canonical(tmp_path: Path) -> None:
    from catalog import Catalog

    head = '<link rel="canonical" href="/film/x/">'
    body = f'<html><head><title>x</title>{head}</head><body><h1>x</h1></body></html>'
    home = ('<html><head><link rel="canonical" href="/film/x/"></head><body>'   # a wrong canonical on the home
            '<a href="/film/x/?from_box=7">x</a><a href="/film/y/?q=1">y</a></body></html>')
    with serve(None, "127.0.0.83") as srv:
        srv.routes.update({"/": page(home), "/film/x/": page(body), "/film/y/": page(body),
                           "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain")})
        _crawl(srv, tmp_path)
    with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as catalog:
        urls = sorted(p.url.split("/", 3)[3] for p in catalog.iter_pages())
    # x?from_box=7 and y?q=1 name /film/x/ as their canonical, but /film/x/ is no review: a canonical
    # without a review never costs a copy its page (tests/crawl/test_copies.py has the review cases);
    # the home page's canonical is never trusted (a home page is no copy of an article)
    assert urls == ["", "film/x/", "film/x/?from_box=7", "film/y/?q=1"]


def test_robots_txt_server_error_disallows_everything(tmp_path: Path) -> None:
    with serve(None, "127.0.0.84") as srv:
        _site(srv, 2, "")
        srv.routes["/robots.txt"] = page("down for maintenance", status=503)
        proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", srv.origin + "/",
                       "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        paths = set(srv.paths())
    assert_no_traceback(proc.stderr)
    assert paths == {"/robots.txt"}                       # RFC 9309: unreachable robots.txt = disallow all
    assert proc.returncode == 1 and "nothing could be crawled" in proc.stderr
    assert "robots.txt disallows" in proc.stderr and "server error" in proc.stderr

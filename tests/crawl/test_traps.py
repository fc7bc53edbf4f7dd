"""Crawler traps that mint new URLs for the same pages (session tokens in the path, case-blind servers)
and calendars in the path: each crawl ends after a few requests, every review stored once."""
from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from catalog import Catalog
from scraper.middlewares.limits import path_pattern
from scraper.spiders.copies import CopyTracker, variant_key
from tests.crawl.test_copies import _rejections, review
from tests.httpserver import Handler, SiteServer, assert_no_traceback, page, run_cli, serve

FILMS = ("a", "b", "c", "d")
BACKSTOP = 300      # FILMCAT_MAX_PAGES_PER_SITE: where an unbroken trap would end
BOUND = 40          # requests per trap site with the fixes (≈ 10 pages, each a few times)
PATTERN_LIMIT = 6   # FILMCAT_MAX_PATTERN_VARIANTS in the crawl
ROBOTS = page("User-agent: *\nDisallow:\n", ctype="text/plain")


def _home(links: list[str]) -> bytes:
    body = "".join(f'<a href="{u}">{u}</a> ' for u in links)
    return f"<!doctype html><html><head><title>Start</title></head><body><h1>Filme</h1>{body}</body></html>".encode()


def _tokened(srv: SiteServer, mark: Callable[[str], str], strip: re.Pattern[str], ext: str) -> None:
    """Pages under a session token in the path, each token good for two requests: a request without
    a token or with a spent one is redirected to the same page under a fresh token. Every page links
    the others relatively, so each fresh token opens the whole site again under new URLs."""
    uses: dict[str, int] = {}
    fresh = (f"{n:032x}" for n in itertools.count(0xABCDEF0123456789))

    def route(h: Handler) -> None:
        found = strip.search(h.path)
        token = found.group(1) if found else ""
        rest = strip.sub("", h.path, count=1) if found else h.path
        uses[token] = uses.get(token, 0) + 1
        if not token or uses[token] > 2:
            h.reply(302, b"", None, {"Location": mark(next(fresh)) + rest})
            return
        key = rest.strip("/").removeprefix("film/").removesuffix(ext)
        up = "film/" if not key else "../" if ext == "/" else ""
        links = "".join(f'<a href="{up}{k}{ext}">{k}</a>' for k in FILMS if k != key)
        if not key:
            h.reply(200, _home([]).replace(b"</h1>", b"</h1>" + links.encode()))
        elif key in FILMS:
            h.reply(200, review(key, links=links).encode())
        else:
            h.reply(404, b"<html><body>nicht gefunden</body></html>")

    srv.routes["/robots.txt"] = ROBOTS
    srv.prefix_routes["/"] = route


def _aspnet_site(srv: SiteServer) -> None:
    _tokened(srv, lambda t: f"/(S({t}))", re.compile(r"^/\(S\(([a-z0-9]+)\)\)"), ".aspx")


def _sid_site(srv: SiteServer) -> None:
    _tokened(srv, lambda t: f"/sid/{t}", re.compile(r"^/sid/([0-9a-f]{32})"), "/")


def _case_site(srv: SiteServer) -> None:
    """A case-blind server that also takes "//" for "/": every review links "weiter", which redirects
    to the next review under a new mix of upper and lower case (and once under a doubled slash)."""
    rng = random.Random(7)

    def mixed(text: str) -> str:
        return "".join(c.upper() if rng.random() < 0.5 else c for c in text)

    def route(h: Handler) -> None:
        path = re.sub("/+", "/", h.path).lower()
        parts = [p for p in path.split("/") if p]
        if not parts:
            h.reply(200, _home([f"/kritik/{k}/" for k in FILMS]))
        elif parts[0] == "kritik" and len(parts) == 3 and parts[2] == "weiter" and parts[1] in FILMS:
            nxt = FILMS[(FILMS.index(parts[1]) + 1) % len(FILMS)]
            h.reply(302, b"", None, {"Location": f"/{mixed('kritik')}/{mixed(nxt)}/"})
        elif parts[0] == "kritik" and len(parts) == 2 and parts[1] in FILMS:
            nxt = FILMS[(FILMS.index(parts[1]) + 1) % len(FILMS)]
            links = f'<a href="/kritik/{parts[1]}/weiter">weiter</a> <a href="/kritik//{nxt}/">{nxt}</a>'
            h.reply(200, review(parts[1], links=links).encode())
        else:
            h.reply(404, b"<html><body>nicht gefunden</body></html>")

    srv.routes["/robots.txt"] = ROBOTS
    srv.prefix_routes["/"] = route


def _calendar_site(srv: SiteServer) -> None:
    """A calendar in the path: every month links the next and the one before and its first day, every
    day the next day, forever. The reviews sit under numeric ids (one number: never a pattern)."""
    ids = {str(10_000 + i): k for i, k in enumerate(FILMS)} | {str(i + 1): k for i, k in enumerate(("e", "g", "h"))}

    def calendar(h: Handler) -> None:
        numbers = [int(p) for p in h.path.strip("/").split("/")[1:]]
        if len(numbers) == 2:
            year, month = numbers
            nxt, prev = divmod(year * 12 + month, 12), divmod(year * 12 + month - 2, 12)
            links = [f"/kalender/{nxt[0]}/{nxt[1] + 1:02d}/", f"/kalender/{prev[0]}/{prev[1] + 1:02d}/",
                     f"/kalender/{year}/{month:02d}/01/"]
        else:
            year, month, day = numbers
            links = [f"/kalender/{year}/{month:02d}/{day + 1:02d}/"]
        h.reply(200, _home(links))

    srv.routes["/"] = lambda h: h.reply(200, _home([f"/kritik/{i}/" for i in ids] + ["/kalender/2024/05/"]))
    srv.routes["/robots.txt"] = ROBOTS
    srv.routes.update({f"/kritik/{i}/": page(review(k)) for i, k in ids.items()})
    srv.prefix_routes["/kalender/"] = calendar


SITES = {"aspnet": _aspnet_site, "sid": _sid_site, "case": _case_site, "calendar": _calendar_site}


@pytest.fixture(scope="module")
def trapped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, SiteServer]]]:
    db = f"sqlite:///{tmp_path_factory.mktemp('traps') / 'catalog.db'}"
    with ExitStack() as stack:
        servers = {name: stack.enter_context(serve(None, f"127.0.0.{161 + i}")) for i, name in enumerate(SITES)}
        for name, build in SITES.items():
            build(servers[name])
        starts = [arg for srv in servers.values() for arg in ("--start-url", srv.origin + "/")]
        proc = run_cli("crawl", "--db", db, *starts, "--set", f"FILMCAT_MAX_PAGES_PER_SITE={BACKSTOP}",
                       "--set", f"FILMCAT_MAX_PATTERN_VARIANTS={PATTERN_LIMIT}",
                       "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", timeout=180)
        assert_no_traceback(proc.stderr)
        assert proc.returncode == 0, proc.stderr[-2000:]
        yield db, servers


def _reviews(db: str, srv: SiteServer) -> list[str]:
    with Catalog(db) as catalog:
        return sorted(r["url"] for r in catalog.iter_reviews() if r["url"].startswith(srv.origin + "/"))


def _reasons(db: str, srv: SiteServer) -> list[str]:
    with Catalog(db) as catalog:
        return [r["reason"] for r in _rejections(catalog) if r["url"].startswith(srv.origin + "/")]


@pytest.mark.parametrize("name", ["aspnet", "sid", "case"])
def test_copy_minting_sites_end_with_each_review_stored_once(trapped, name: str) -> None:  # type: ignore[no-untyped-def]
    db, servers = trapped
    srv = servers[name]
    assert len(srv.paths()) <= BOUND, (len(srv.paths()), srv.paths()[:50])
    urls = _reviews(db, srv)
    films = sorted(re.sub(r"\.aspx$", "", u.rstrip("/")).rsplit("/", 1)[1].lower() for u in urls)
    assert films == list(FILMS), urls
    if name == "aspnet":   # the token segment is dropped: each review under its one canonical URL
        assert urls == [f"{srv.origin}/film/{k}.aspx" for k in FILMS]
    if name == "case":
        assert not [p for p in srv.paths() if "//" in p]
    if name != "aspnet":   # copies under new tokens or case: recorded, not stored, not followed
        dups = [r for r in _reasons(db, srv) if r.startswith("duplicate of ")]
        assert dups and {r.removeprefix("duplicate of ") for r in dups} <= set(urls), dups


def test_path_calendar_is_cut_per_pattern_and_id_reviews_are_not(trapped) -> None:  # type: ignore[no-untyped-def]
    db, servers = trapped
    srv = servers["calendar"]
    paths = srv.paths()
    months = {p for p in paths if re.fullmatch(r"/kalender/\d+/\d+/", p)}
    days = {p for p in paths if re.fullmatch(r"/kalender/\d+/\d+/\d+/", p)}
    assert len(months) == len(days) == PATTERN_LIMIT, (months, days)
    assert len(paths) <= BOUND
    assert len(_reviews(db, srv)) == 7      # /kritik/10000/ … and /kritik/1/ …: no pattern, never cut
    reasons = _reasons(db, srv)
    for pattern in ("/kalender/#/#/", "/kalender/#/#/#/"):
        words = f"crawl limit (not followed: over {PATTERN_LIMIT} paths of the pattern {pattern} (FILMCAT_MAX_PATTERN_VARIANTS))"
        assert words in reasons, [r for r in reasons if "not a review" not in r]
    with Catalog(db) as catalog:
        assert list(catalog.iter_runs())[-1]["counts"]["not_followed"] >= 2


@pytest.mark.parametrize("path, expected", [
    ("/kalender/2024/05/", "/kalender/#/#/"),
    ("/kalender/2024/05/01/", "/kalender/#/#/#/"),
    ("/archiv/2024-05-01/3/", "/archiv/#/#/"),
    ("/2015/01/01/der-stille-hafen/", "/#/#/#/der-stille-hafen/"),   # one post per pattern
    ("/kritik/12345/", None),           # a review id: one number
    ("/kritik/123/", None),
    ("/film/123456/2/", None),          # an id (5+ digits) stays literal: page 2 of one review
    ("/seite/7/", None),
    ("/kritik/2023/1234/", None),       # a year and a review id: every review of the site, not a calendar
    ("/kritik/2023/4711-ballerina/", None),
])
def test_path_pattern(path: str, expected: str | None) -> None:
    assert path_pattern(path) == expected


def test_same_bytes_under_a_path_variant_is_a_copy() -> None:
    tracker = CopyTracker([])
    token, other = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
    assert tracker.same_bytes("http://a.de/sid/" + token + "/film/x/", b"1") is None
    assert tracker.same_bytes("http://a.de/sid/" + other + "/film/x/", b"1") == f"http://a.de/sid/{token}/film/x/"
    assert tracker.same_bytes("http://a.de/Kritik/X", b"2") is None
    assert tracker.same_bytes("http://a.de/kritik/x", b"2") == "http://a.de/Kritik/X"
    assert tracker.same_bytes("http://a.de/kritik/y", b"2") is None          # another page: same bytes, no copy
    assert tracker.same_bytes("http://a.de/KRITIK/X", b"3") is None          # other bytes: a page of its own
    assert tracker.same_bytes("http://a.de/Kritik/X", b"2") is None          # the same URL again is no copy
    assert variant_key("http://a.de/film/der-stille-hafen-2021/") == "http://a.de/film/der-stille-hafen-2021"

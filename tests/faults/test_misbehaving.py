"""Servers that misbehave in the protocol, in robots.txt and sitemaps, and crawler traps: every one
ends cleanly, counted in the run record with its reason, nothing half stored, in bounded time."""
from __future__ import annotations

import gzip
import time
import zlib
from collections.abc import Callable
from contextlib import ExitStack
from email.utils import formatdate
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Page, Rejection
from tests.httpserver import (
    Handler,
    Route,
    SiteServer,
    assert_no_traceback,
    drip,
    hang,
    page,
    raw,
    raw_response,
    redirect,
    run_cli,
    serve,
)

ARTICLE = "<html><head><title>Artikel</title></head><body><h1>Ein Artikel</h1><p>{}</p></body></html>"
BYTES = ARTICLE.format("x" * 200).encode()
SECONDS = 40  # the whole crawl's bound: every slow fault is cut by DOWNLOAD_TIMEOUT=1


def _links(paths: list[str]) -> str:
    return "<!doctype html><html><body>" + "".join(f'<a href="{p}">{p}</a> ' for p in paths) + "</body></html>"


def _once(status: int, retry_after: object, then: bytes) -> Route:
    """Answer `status` with a Retry-After (a value or a function of nothing) once, then 200."""
    left = [1]

    def route(h: Handler) -> None:
        if left.pop() if left else 0:
            value = retry_after() if callable(retry_after) else retry_after
            h.reply(status, b"busy", "text/plain", {"Retry-After": str(value)})
        else:
            h.reply(200, then)
    return route


PROTOCOL: dict[str, tuple[Callable[[dict[str, str]], Route], str]] = {  # path: (route factory, where it must end up: "stored", a failure reason's words, or "offsite")
    "/drip": (lambda o: drip(BYTES, chunk=8, interval=0.3), "timed out"),   # 33 bytes/s: DOWNLOAD_TIMEOUT
    "/hang": (lambda o: hang(20), "timed out"),
    "/chunked-cut": (lambda o: raw_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                                            b"Transfer-Encoding: chunked\r\n\r\n400\r\n<html><body>cut"), "truncated"),
    "/http10": (lambda o: raw_response(b"HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + BYTES),
                "stored"),
    "/fake-gzip": (lambda o: raw(BYTES, headers={"Content-Encoding": "gzip"}), "does not decode"),
    "/deflate": (lambda o: raw(zlib.compress(BYTES), headers={"Content-Encoding": "deflate"}), "stored"),
    "/brotli": (lambda o: raw(b"\x8b\x03\x80" + BYTES[:50], headers={"Content-Encoding": "br"}), "any"),
    "/gzip-unlabelled": (lambda o: raw(gzip.compress(BYTES)), "stored"),     # gzip, no Content-Encoding
    "/gzip-twice": (lambda o: raw(gzip.compress(gzip.compress(BYTES)), headers={"Content-Encoding": "gzip"}), "stored"),
    "/gzip-bomb-unlabelled": (lambda o: raw(gzip.compress(b"\0" * (20 << 20))), "any"),   # past DOWNLOAD_MAXSIZE: left packed
    "/identity": (lambda o: raw(BYTES, headers={"Content-Encoding": "identity"}), "stored"),
    "/identity-gzip": (lambda o: raw(gzip.compress(BYTES), headers={"Content-Encoding": "Identity, gzip"}), "stored"),
    "/bad-zstd": (lambda o: raw(BYTES, headers={"Content-Encoding": "zstd"}), "does not decode"),
    "/te-gzip": (lambda o: raw_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: gzip\r\n\r\n"
                                        + gzip.compress(BYTES)), "unsupported Transfer-Encoding 'gzip'"),
    "/te-identity": (lambda o: raw_response(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: identity\r\n\r\n"
                                            + BYTES), "stored"),
    "/bad-deflate": (lambda o: raw(b"\x00\x01garbage" + BYTES, headers={"Content-Encoding": "deflate"}), "does not decode"),
    "/no-location": (lambda o: raw(b"", status=302, ctype=None), "HTTP 302"),
    "/unasked-304": (lambda o: raw(b"", status=304, ctype=None), "HTTP 304 (Not Modified) to a request that sent no"),
    "/to-https": (lambda o: redirect(o["self"].replace("http://", "https://") + "/x"), "offsite"),
    "/to-port": (lambda o: redirect(o["other"] + "/x"), "offsite"),
    "/retry-date": (lambda o: _once(503, lambda: formatdate(time.time() + 2, usegmt=True), BYTES), "stored"),
    "/retry-huge": (lambda o: page("later", status=503, headers={"Retry-After": "1000000000"}), "HTTP 503"),
    "/retry-negative": (lambda o: _once(503, "-5", BYTES), "stored"),
    "/retry-float": (lambda o: _once(429, "1e9", BYTES), "stored"),
}


def _protocol_site(srv: SiteServer, other: SiteServer) -> None:
    origins = {"self": srv.origin, "other": other.origin}
    srv.routes["/"] = page(_links(list(PROTOCOL)))
    srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")
    for path, (factory, _) in PROTOCOL.items():
        srv.routes[path] = factory(origins)


def _robots_sites(html: SiteServer, huge: SiteServer, moved: SiteServer, wide: SiteServer) -> None:
    for srv in (html, huge, moved, wide):
        srv.routes["/"] = page(_links(["/seite/", "/privat/", "/late/"]))
        for path in ("/seite/", "/privat/", "/late/"):
            srv.routes[path] = page(ARTICLE.format(path))
    html.routes["/robots.txt"] = page("<html><body><h1>Willkommen</h1><p>Disallow: nothing here</p></body></html>")
    filler = "# " + "x" * 98 + "\n"
    huge.routes["/robots.txt"] = page("User-agent: *\nDisallow: /privat/\n" + filler * 12_000 + "Disallow: /late/\n",
                                      ctype="text/plain")       # 1.2 MB: the rule past 500 KiB is not read
    moved.routes["/robots.txt"] = redirect("/robots-real.txt", status=301)
    moved.routes["/robots-real.txt"] = page("User-agent: *\nDisallow: /privat/\n", ctype="text/plain")
    # saved as "Unicode" by a Windows editor: UTF-16 with its byte order mark
    wide.routes["/robots.txt"] = raw("User-agent: *\r\nDisallow: /privat/\r\n".encode("utf-16"), ctype="text/plain")


def _sitemap_site(srv: SiteServer) -> None:
    o = srv.origin
    srv.routes["/"] = page(_links([]))
    srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {o}/sitemap_index.xml\n", ctype="text/plain")
    srv.routes["/sitemap_index.xml"] = page(   # names itself and a gzipped sitemap
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{o}/sitemap_index.xml</loc></sitemap><sitemap><loc>{o}/posts.xml.gz</loc></sitemap>"
        "</sitemapindex>", ctype="application/xml")
    posts = ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<url><loc>{o}/post-1/</loc><lastmod>06.10.2023</lastmod></url>"
             f"<url><loc>{o}/post-2/</loc><lastmod>yesterday</lastmod></url></urlset>")
    srv.routes["/posts.xml.gz"] = raw(gzip.compress(posts.encode()), ctype="application/x-gzip")
    srv.routes["/post-1/"] = page(ARTICLE.format("eins"))
    srv.routes["/post-2/"] = page(ARTICLE.format("zwei"))


def _rows(db: str) -> tuple[dict[str, Page], dict[str, str], dict]:  # type: ignore[type-arg]
    with Catalog(db) as catalog, catalog.session() as session:
        pages = {p.url: p for p in session.scalars(select(Page))}
        rejections = {r.url: r.reason for r in session.scalars(select(Rejection))}
        run = list(catalog.iter_runs())[-1]
    return pages, rejections, run


@pytest.fixture(scope="module")
def misbehaving(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('misbehaving') / 'catalog.db'}"
    with ExitStack() as stack:
        srv, other, html, huge, moved, maps = (stack.enter_context(serve(None, f"127.0.0.{n}")) for n in range(63, 69))
        wide = stack.enter_context(serve(None, "127.0.0.71"))
        _protocol_site(srv, other)
        _robots_sites(html, huge, moved, wide)
        _sitemap_site(maps)
        started = time.monotonic()
        proc = run_cli("crawl", "--db", db, *(a for s in (srv, html, huge, moved, maps, wide) for a in ("--start-url", s.origin + "/")),
                       "--set", "DOWNLOAD_TIMEOUT=1", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", timeout=SECONDS * 2)
        seconds = time.monotonic() - started
        yield proc, seconds, db, {"srv": srv, "other": other, "html": html, "huge": huge, "moved": moved, "maps": maps,
                                  "wide": wide}


def test_ends_cleanly_in_bounded_time(misbehaving) -> None:  # type: ignore[no-untyped-def]
    proc, seconds, db, _ = misbehaving
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert seconds < SECONDS
    assert _rows(db)[2]["status"] == "finished"


def test_identity_encoding_is_no_warning(misbehaving) -> None:  # type: ignore[no-untyped-def]
    """`Content-Encoding: identity` means no coding: nothing to warn about ("unsupported encoding(s)")."""
    assert "'identity'" not in misbehaving[0].stderr.lower(), misbehaving[0].stderr[-2000:]


@pytest.mark.parametrize("path", list(PROTOCOL))
def test_protocol_fault_is_counted_with_its_reason(misbehaving, path: str) -> None:  # type: ignore[no-untyped-def]
    _, _, db, servers = misbehaving
    pages, rejections, _ = _rows(db)
    url, expected = servers["srv"].origin + path, PROTOCOL[path][1]
    if expected == "stored":
        assert url in pages and b"Ein Artikel" in _body(db, url), rejections.get(url)
    elif expected == "offsite":
        assert url not in pages and "leaves the site" in rejections[url]
    elif expected != "any":
        assert url not in pages, "a failed page must not be stored"
        assert expected in rejections[url] or expected == "failed" and url in rejections, rejections.get(url)
    else:  # an undecodable body: stored and rejected, or failed; either way recorded
        assert url in rejections


def _body(db: str, url: str) -> bytes:
    with Catalog(db) as catalog:
        return next(p.body for p in catalog.iter_pages() if p.url == url)


def test_faults_are_in_the_run_counts(misbehaving) -> None:  # type: ignore[no-untyped-def]
    _, _, db, servers = misbehaving
    counts = _rows(db)[2]["counts"]
    assert counts["offsite_redirects"] == 2 and servers["other"].requests == []
    assert counts["retry_after"] >= 3 and counts["retry_after_too_long"] == 1
    assert counts["failed"] >= sum(1 for _, e in PROTOCOL.values() if e not in ("stored", "offsite", "any"))


def test_retry_after_date_is_waited_for(misbehaving) -> None:  # type: ignore[no-untyped-def]
    times = [t for t, p in misbehaving[3]["srv"].timed if p == "/retry-date"]
    assert len(times) == 2 and times[1] - times[0] >= 0.9


def test_odd_robots_files(misbehaving) -> None:  # type: ignore[no-untyped-def]
    _, _, db, servers = misbehaving
    pages, _, run = _rows(db)
    for name in ("html", "huge", "moved", "wide"):
        assert servers[name].origin + "/seite/" in pages, name
    assert servers["html"].origin + "/privat/" in pages          # an HTML robots.txt forbids nothing
    assert "/privat/" not in servers["huge"].paths() and "/privat/" not in servers["moved"].paths()
    assert "/privat/" not in servers["wide"].paths() and run["counts"]["robots_transcoded"] == 1  # UTF-16 read
    assert "/late/" in servers["huge"].paths()                   # past the 500 KiB that are read
    assert run["counts"]["robots_truncated"] == 1


def test_odd_sitemaps(misbehaving) -> None:  # type: ignore[no-untyped-def]
    _, _, db, servers = misbehaving
    pages, _, run = _rows(db)
    maps = servers["maps"]
    assert {maps.origin + "/post-1/", maps.origin + "/post-2/"} <= set(pages)   # gzipped, odd lastmods
    assert maps.paths().count("/sitemap_index.xml") == 1                        # names itself: read once
    assert not run["counts"].get("sitemap_wait_timeouts")


# ---------------------------------------------------------------- crawler traps

def _trap_site(srv: SiteServer) -> None:
    srv.routes["/"] = page(_links(["/calendar?month=0", "/a/", "/s/?PHPSESSID=1", "/list/1/"]))
    srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")

    def calendar(h: Handler) -> None:   # every month links the next and the one before, forever
        month = int(parse_qs(urlsplit(h.path).query).get("month", ["0"])[0])
        h.reply(200, _links([f"/calendar?month={month + 1}", f"/calendar?month={month - 1}"]).encode())

    def listing(h: Handler) -> None:    # "next page" forever, each a new path
        n = int(urlsplit(h.path).path.strip("/").split("/")[-1])
        h.reply(200, _links([f"/list/{n + 1}/"]).encode())

    srv.prefix_routes.update({
        "/calendar": calendar,
        "/a/": page(_links(["a/"])),                                  # relative: /a/a/a/… forever
        "/s/": lambda h: h.reply(200, _links([f"/s/?PHPSESSID={time.monotonic_ns()}"]).encode()),
        "/list/": listing,
    })


def _wide_site(srv: SiteServer) -> None:
    srv.routes["/"] = page(_links([f"/wide/{i}" for i in range(50)]))
    srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")
    srv.prefix_routes["/wide/"] = page(ARTICLE.format("breit"))


@pytest.fixture(scope="module")
def trapped(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('traps') / 'catalog.db'}"
    with serve(None, "127.0.0.69") as srv, serve(None, "127.0.0.70") as wide:
        _trap_site(srv)
        _wide_site(wide)
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--start-url", wide.origin + "/",
                       "--set", "FILMCAT_MAX_QUERY_VARIANTS=5", "--set", "FILMCAT_MAX_DEPTH=8",
                       "--set", "FILMCAT_MAX_PAGES_PER_SITE=30", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread",
                       timeout=SECONDS)
        yield proc, db, srv, wide


def test_traps_end_cleanly_with_recorded_reasons(trapped) -> None:  # type: ignore[no-untyped-def]
    proc, db, _, _ = trapped
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    _, rejections, run = _rows(db)
    reasons = " | ".join(rejections.values())
    for words in ("query variants of /calendar", "repeats the segment 'a' 3 times", "link depth over 8",
                  "site page limit 30"):
        assert words in reasons, (words, reasons)
    assert run["status"] == "finished" and run["counts"]["not_followed"] >= 4


def test_each_trap_is_cut_where_its_limit_says(trapped) -> None:  # type: ignore[no-untyped-def]
    _, _, srv, wide = trapped
    paths = srv.paths()
    assert sum(p.startswith("/calendar?") for p in paths) == 5         # FILMCAT_MAX_QUERY_VARIANTS
    assert paths.count("/calendar") == 1      # the bare path, once: query copies are compared with it
    assert "/a/a/" in paths and "/a/a/a/" not in paths                  # a segment 3 times: a loop
    assert "/list/8/" in paths and "/list/9/" not in paths              # FILMCAT_MAX_DEPTH
    assert paths.count("/s/") == 1 and not [p for p in paths if "PHPSESSID" in p]  # session ids dropped
    assert sum(p.startswith("/wide/") for p in wide.paths()) == 29      # 30 pages with its home page


def test_route_only_server_removes_its_empty_folder() -> None:
    with serve(None) as srv:
        folder = srv.RequestHandlerClass.keywords["directory"]  # type: ignore[attr-defined]
        assert Path(folder).is_dir()
    assert not Path(folder).exists()

"""A crawl of a misbehaving loopback site finishes, counts every fault, stores nothing half."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Page, Rejection
from tests.httpserver import (
    SiteServer,
    assert_no_traceback,
    gzip_bomb,
    page,
    raw,
    redirect,
    reset,
    retry_after,
    run_cli,
    serve,
    slow,
    truncated,
)

ARTICLE = "<html><head><title>Artikel</title></head><body><h1>Ein Artikel</h1><p>{}</p></body></html>"
FAULTS = ["/e500", "/busy", "/ratelimit", "/ratelimit2", "/busy-forever", "/slashloop", "/slashloop/",
          "/noloc", "/jsloc", "/ftploc", "/v6loc", "/slow", "/reset", "/truncated", "/loop", "/offsite",
          "/huge", "/bomb", "/notype", "/plain", "/broken", "/latin1", "/garbage", "/bad-retry", "/chain/0", "/badheader",
          "/bigheader", "/manyheaders"]
FAILING = {"/e500": "HTTP 500", "/slow": "timed out", "/reset": "", "/truncated": "truncated",
           "/loop": "redirect loop (back to", "/chain/0": "too many redirects (over 3)",
           "/badheader": "download failed (InvalidHeaderName: ", "/huge": "too large", "/bomb": "too large", "/bad-retry": "HTTP 503 (Retry-After 86400 s is over FILMCAT_RETRY_AFTER_MAX: not waited for)", "/busy-forever": "HTTP 503",
           "/slashloop": "redirect loop (back to", "/slashloop/": "redirect loop (back to",
           "/noloc": "redirect without Location (HTTP 302)", "/jsloc": "redirect to a non-HTTP URL (Location 'javascript:",
           "/ftploc": "redirect to a non-HTTP URL (Location 'ftp://", "/v6loc": "redirect to a malformed URL (Location 'http://[::1'",
           # Twisted closes the connection itself on a header line over 16 KiB ("ConnectionDone" before)
           "/bigheader": "response headers too large (a header line over 16384 bytes)",
           "/manyheaders": "response headers too large (over 256 KiB of header lines)"}
STORED = {"/busy", "/ratelimit", "/ratelimit2", "/notype", "/plain", "/broken", "/latin1", ""}


def _home() -> str:
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in FAULTS)
    return f"<!doctype html><html><head><title>Start</title></head><body><ul>{links}</ul></body></html>"


def _routes(srv: SiteServer, elsewhere: SiteServer) -> None:
    srv.routes.update({
        "/": page(_home()),
        "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
        "/e500": page("oops", status=500),
        "/busy": retry_after(1, ARTICLE.format("busy, then fine"), status=503),
        "/ratelimit": retry_after(1, ARTICLE.format("rate limited, then fine"), status=429),
        # twice in a row: the server's own "come back in 1 s" does not use up the error retry
        "/ratelimit2": retry_after(1, ARTICLE.format("rate limited twice, then fine"), status=429, times=2),
        "/busy-forever": page("busy", status=503, headers={"Retry-After": "0"}),  # retried, but bounded
        "/bad-retry": page("come back tomorrow", status=503, headers={"Retry-After": "86400"}),
        "/slow": slow(3),
        "/reset": reset(),
        "/truncated": truncated(ARTICLE.format("cut short")),
        "/loop": redirect("/loop"),
        "/slashloop": redirect("/slashloop/", 301), "/slashloop/": redirect("/slashloop", 301),  # both linked
        "/noloc": redirect(""), "/jsloc": redirect("javascript:alert(1)"), "/ftploc": redirect("ftp://127.0.0.1/x", 301),
        "/v6loc": redirect("http://[::1"),
        **{f"/chain/{i}": redirect(f"/chain/{i + 1}") for i in range(8)},  # a long chain, no loop
        "/offsite": redirect(elsewhere.origin + "/landing"),
        "/huge": page(ARTICLE.format("x" * 3_000_000)),
        "/bomb": gzip_bomb(64),
        "/notype": raw(ARTICLE.format("no content type").encode(), ctype=None),
        "/plain": raw(ARTICLE.format("served as text/plain").encode(), ctype="text/plain"),
        "/broken": raw(b"<html><body><div><p>unclosed <b>tags <table><tr><td>and <i>more", ctype="text/html"),
        "/latin1": raw(ARTICLE.format("Gr\u00fc\u00dfe aus K\u00f6ln").encode("latin-1"),
                       ctype="text/html; charset=utf-8"),
        "/badheader": page(ARTICLE.format("a header name Twisted refuses"), headers={"X-Gr\u00fc\u00dfe": "ja"}),
        "/garbage": raw(bytes(range(256)) * 40, ctype="text/html"),
        "/bigheader": page(ARTICLE.format("a cookie of 100 KB"), headers={"Set-Cookie": "c=" + "x" * 100_000}),
        "/manyheaders": page(ARTICLE.format("3000 short headers"), headers={f"X-Fill-{i}": "y" * 100 for i in range(3000)}),
    })


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    db = f"sqlite:///{tmp_path_factory.mktemp('faults') / 'catalog.db'}"
    with serve(None, "127.0.0.61") as elsewhere, serve(None, "127.0.0.60") as srv:
        _routes(srv, elsewhere)
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/",
                       "--set", "DOWNLOAD_TIMEOUT=1", "--set", "DOWNLOAD_MAXSIZE=1000000",
                       "--set", "REDIRECT_MAX_TIMES=3", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        yield proc, db, srv, elsewhere


def _rows(db: str):  # type: ignore[no-untyped-def]
    with Catalog(db) as catalog, catalog.session() as session:
        pages = {p.url.split("/", 3)[-1]: p for p in session.scalars(select(Page))}
        rejections = [(r.url.split("/", 3)[-1], r.reason) for r in session.scalars(select(Rejection))]
        run = list(catalog.iter_runs())[-1]
    return pages, rejections, run


def test_crawl_finishes_without_traceback(faulty_crawl):  # type: ignore[no-untyped-def]
    proc, *_ = faulty_crawl
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("run 1 finished")


def test_every_fault_is_counted_with_a_reason(faulty_crawl):  # type: ignore[no-untyped-def]
    _, db, _, _ = faulty_crawl
    _, rejections, run = _rows(db)
    reasons = dict(rejections)
    counts = run["counts"]
    for path, words in FAILING.items():
        assert path.lstrip("/") in reasons, (path, rejections)
        assert words in reasons[path.lstrip("/")], (path, reasons[path.lstrip("/")])
    assert counts["failed"] >= len(FAILING)
    assert not [r for _, r in rejections if "twisted.python.failure" in r or "Error:" in r[:40]]  # causes, not reprs
    assert counts["offsite_redirects"] == 1 and "leaves the site" in reasons["offsite"]
    assert counts["retry_after"] >= 2 and counts["retry_after_too_long"] == 1


def test_retry_after_is_honoured_but_bounded(faulty_crawl):  # type: ignore[no-untyped-def]
    _, _, srv, _ = faulty_crawl
    asked = [path for _, path, _ in srv.requests]
    assert asked.count("/ratelimit2") == 3           # 429, 429, 200 (stored: test_nothing_stored_half)
    assert asked.count("/busy-forever") == 5          # FILMCAT_RETRY_AFTER_TIMES 3 + RETRY_TIMES 1 + the first


def test_nothing_stored_half(faulty_crawl):  # type: ignore[no-untyped-def]
    _, db, _, _ = faulty_crawl
    pages, _, _ = _rows(db)
    assert {p and "/" + p for p in pages} == STORED | {"/garbage"}   # garbage bytes labelled HTML: kept, rejected
    for failing in FAILING:
        assert failing.lstrip("/") not in pages


def test_off_site_redirect_never_reaches_the_other_site(faulty_crawl):  # type: ignore[no-untyped-def]
    *_, elsewhere = faulty_crawl
    assert elsewhere.requests == []


def test_retry_after_is_waited_for(faulty_crawl):  # type: ignore[no-untyped-def]
    _, _, srv, _ = faulty_crawl
    times = [t for t, p in srv.timed if p == "/busy"]
    assert len(times) == 2 and times[1] - times[0] >= 0.9


def test_unreachable_site_is_a_recorded_failure(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.62") as srv:
        dead = srv.origin + "/"
    time.sleep(0.2)
    proc = run_cli("crawl", "--db", db, "--start-url", dead)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("filmcat: error:")]
    assert len(errors) == 1 and "nothing could be crawled" in errors[0]    # progress lines aside
    with Catalog(db) as catalog:
        run = list(catalog.iter_runs())[-1]
    # its robots.txt cannot be fetched either: RFC 9309 2.3.1.4, the site is disallowed, with the reason
    assert run["status"] == "failed" and run["counts"]["robots_unreachable"] == 1
    with Catalog(db) as catalog, catalog.session() as session:
        reasons = {r.url: r.reason for r in session.scalars(select(Rejection))}
    assert reasons[dead].startswith("robots.txt unreachable: connection refused"), reasons


@pytest.mark.parametrize("url", ["not a url", "ftp://example.org/", "http://", "http://host:99999/"])
def test_malformed_start_url_is_a_one_line_error(url: str, tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", url)
    assert proc.returncode == 2
    assert proc.stderr.startswith("filmcat: error: malformed URL") and proc.stderr.count("\n") == 1


def test_a_misspelt_setting_is_named_and_a_good_value_passes(tmp_path: Path) -> None:
    from scraper.settings import check_override

    assert check_override("DOWNLOAD_TIMEOUT", 0.5) == (0.5, None)        # an int default read as a float
    assert check_override("RETRY_PRIORITY_ADJUST", -2) == (-2, None)     # priorities may be negative
    assert check_override("ROBOTSTXT_OBEY", "off") == (False, None)
    proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", "http://127.0.0.1:9/",
                   "--set", "DOWNLOAD_TIMOUT=3")
    assert_no_traceback(proc.stderr)
    assert "filmcat: warning: setting DOWNLOAD_TIMOUT is not a Scrapy or filmcat setting (did you mean " \
           "DOWNLOAD_TIMEOUT?)" in proc.stderr


@pytest.mark.parametrize("args, words", [
    (["--frontier", "ftp://nowhere/"], "--frontier"),
    (["--set", "lowercase=1"], "bad --set"),
    (["--profiles", "/nonexistent/sites.toml", "x"], "cannot read site profiles"),
    (["--set", "DOWNLOAD_DELAY=fast"], "DOWNLOAD_DELAY='fast': expected a number"),
    (["--set", "CONCURRENT_REQUESTS_PER_DOMAIN=-1"], "must be at least 1"),   # it hung, deaf to SIGTERM
    (["--set", "CONCURRENT_REQUESTS=0"], "must be at least 1"),
    (["--set", "DOWNLOAD_TIMEOUT=-5"], "must not be negative"),
    (["--set", "ROBOTSTXT_OBEY=maybe"], "expected true or false"),
])
def test_bad_crawl_options_are_one_line_usage_errors(args: list[str], words: str, tmp_path: Path) -> None:
    proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", "http://127.0.0.1:9/", *args)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and words in proc.stderr, proc.stderr

"""`--max-pages N`: N page requests reach the site, no more (robots.txt and sitemaps not counted)."""
from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Catalog
from tests.httpserver import assert_no_traceback, page, run_cli, serve

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


@pytest.mark.parametrize("limit", [3, 25])
def test_max_pages_sends_exactly_n_page_requests(tmp_path: Path, limit: int) -> None:
    with serve(None, "127.0.0.184") as srv:
        links = " ".join(f'<a href="/p/{i}/">{i}</a>' for i in range(200))
        entries = "".join(f"<url><loc>{srv.origin}/s/{i}/</loc></url>" for i in range(10))
        srv.routes.update({
            "/": page(f"<html><body>{links}</body></html>"),
            "/robots.txt": page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n", ctype="text/plain"),
            "/sitemap.xml": page(f'<?xml version="1.0"?><urlset xmlns="{NS}">{entries}</urlset>',
                                 ctype="application/xml"),
        })
        srv.prefix_routes["/p/"] = page(f"<html><body><h1>page</h1>{links}</body></html>")
        srv.prefix_routes["/s/"] = page(f"<html><body><h1>from the sitemap</h1>{links}</body></html>")
        db = f"sqlite:///{tmp_path / 'c.db'}"
        # 32 requests in flight on loopback: Scrapy's CLOSESPIDER_PAGECOUNT let ~30 more through
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--max-pages", str(limit),
                       "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        assert_no_traceback(proc.stderr)
        assert proc.returncode == 0, proc.stderr
        pages = [p for p in srv.paths() if p not in ("/robots.txt", "/sitemap.xml")]
        assert len(pages) == limit, pages
        assert "/sitemap.xml" in srv.paths()                    # read, not counted
    with Catalog(db) as catalog:
        run = list(catalog.iter_runs())[-1]
    assert run["status"] == "finished" and run["counts"]["fetched"] == limit, run
    assert not run["counts"].get("failed"), run["counts"]      # the dropped rest is no failure

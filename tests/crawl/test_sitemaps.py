"""Sitemaps: how robots.txt names them and what of a sitemap is read."""
from __future__ import annotations

from pathlib import Path

from tests.httpserver import SiteServer, assert_no_traceback, page, run_cli, serve

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def _crawl(srv: SiteServer, tmp_path: Path, *extra: str) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/",
                   "--set", "FILMCAT_EXTRACT_EXECUTOR=thread", *extra)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr


def _urlset(srv: SiteServer, *paths: str) -> str:
    urls = "".join(f"<url><loc>{srv.origin}{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0"?><urlset xmlns="{NS}">{urls}</urlset>'


def test_relative_sitemap_line_in_robots_is_resolved(tmp_path: Path) -> None:
    with serve(None, "127.0.0.173") as srv:
        srv.routes.update({
            "/": page("<html><body><h1>Start</h1><p>nothing linked here</p></body></html>"),
            "/robots.txt": page("User-agent: *\nDisallow:\nSitemap: /maps/pages.xml\n", ctype="text/plain"),
            "/maps/pages.xml": page(_urlset(srv, "/only-in-map/"), ctype="application/xml"),
            "/only-in-map/": page("<html><body><p>a page only the sitemap names</p></body></html>"),
        })
        _crawl(srv, tmp_path)
        assert "/maps/pages.xml" in srv.paths() and "/only-in-map/" in srv.paths()

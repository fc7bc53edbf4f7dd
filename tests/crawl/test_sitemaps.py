"""Sitemaps: how robots.txt names them and what of a sitemap is read."""
from __future__ import annotations

from pathlib import Path

from catalog import Catalog
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


def _run_counts(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as catalog:
        return list(catalog.iter_runs())[-1]["counts"]


def _map_site(srv: SiteServer, sitemap: str) -> None:
    srv.routes.update({
        "/": page("<html><body><h1>Start</h1><p>nothing linked here</p></body></html>"),
        "/robots.txt": page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n", ctype="text/plain"),
        "/sitemap.xml": page(sitemap, ctype="application/xml"),
    })
    for n in range(5):
        srv.routes[f"/p{n}/"] = page(f"<html><body><p>page number {n}</p></body></html>")


def test_sitemap_may_be_larger_than_a_page(tmp_path: Path) -> None:
    with serve(None, "127.0.0.174") as srv:
        padding = "<!-- " + "x" * 300_000 + " -->"      # larger than the page cap set below
        _map_site(srv, _urlset(srv, "/p0/", "/p1/").replace("</urlset>", padding + "</urlset>"))
        _crawl(srv, tmp_path, "--set", "DOWNLOAD_MAXSIZE=200000", "--set", "DOWNLOAD_WARNSIZE=0")
        assert {"/p0/", "/p1/"} <= set(srv.paths())


def test_one_sitemap_yields_at_most_the_url_limit(tmp_path: Path) -> None:
    with serve(None, "127.0.0.175") as srv:
        _map_site(srv, _urlset(srv, *(f"/p{n}/" for n in range(5))))
        _crawl(srv, tmp_path, "--set", "FILMCAT_SITEMAP_MAX_URLS=3")
        assert {"/p0/", "/p1/", "/p2/"} <= set(srv.paths())
        assert not {"/p3/", "/p4/"} & set(srv.paths())
        assert _run_counts(tmp_path)["sitemap_urls_over_limit"] == 2


def test_namespace_prefixed_sitemap_is_read(tmp_path: Path) -> None:
    with serve(None, "127.0.0.176") as srv:
        urls = "".join(f"<sm:url><sm:loc>{srv.origin}/p{n}/</sm:loc></sm:url>" for n in (0, 1))
        _map_site(srv, f'<?xml version="1.0"?><sm:urlset xmlns:sm="{NS}">{urls}</sm:urlset>')
        _crawl(srv, tmp_path)
        assert {"/p0/", "/p1/"} <= set(srv.paths())

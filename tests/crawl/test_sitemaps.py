"""Sitemaps: how robots.txt names them and what of a sitemap is read."""
from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from catalog import Catalog
from tests.httpserver import SiteServer, assert_no_traceback, page, raw, run_cli, serve

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


def test_text_sitemap_named_by_robots_is_read(tmp_path: Path) -> None:
    with serve(None, "127.0.0.177") as srv:
        _map_site(srv, _urlset(srv))   # the XML one lists nothing
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.txt\n",
                                         ctype="text/plain")
        lines = [f"{srv.origin}/p0/", "", f"{srv.origin}/p1/", "http://elsewhere.invalid/p9/", f"{srv.origin}/p2/"]
        srv.routes["/sitemap.txt"] = page("\ufeff" + "\r\n".join(lines) + "\n", ctype="text/plain; charset=utf-8")
        _crawl(srv, tmp_path, "--set", "FILMCAT_SITEMAP_MAX_URLS=3")
        assert {"/p0/", "/p1/"} <= set(srv.paths())
        assert "/p2/" not in srv.paths()       # the fourth URL line is over the limit of 3
        counts = _run_counts(tmp_path)
        assert counts["sitemaps_text"] == 1 and counts["sitemap_urls_over_limit"] == 1


def test_text_sitemap_must_be_a_list_of_urls(tmp_path: Path) -> None:
    """An HTML page or prose where a sitemap was expected is no sitemap (nothing in it is followed)."""
    with serve(None, "127.0.0.178") as srv:
        _map_site(srv, f"<html><body><p>not found</p> {srv.origin}/p0/</body></html>")
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n"
                                         f"Sitemap: {srv.origin}/notes.txt\n", ctype="text/plain")
        srv.routes["/notes.txt"] = page(f"see {srv.origin}/p1/\n{srv.origin}/p2/\n", ctype="text/plain")
        _crawl(srv, tmp_path)
        assert not {"/p0/", "/p1/", "/p2/"} & set(srv.paths())
        assert _run_counts(tmp_path)["sitemap_invalid"] == 2


def test_rss_and_atom_feeds_are_read_as_sitemaps(tmp_path: Path) -> None:
    with serve(None, "127.0.0.179") as srv:
        rss = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Kritiken</title>'
               f"<link>{srv.origin}/</link>"
               f"<item><title>A</title><link>{srv.origin}/p0/</link><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item>"
               f"<item><title>B</title><link>{srv.origin}/p1/</link></item>"
               f'<item><title>E</title><guid isPermaLink="false">{srv.origin}/p6/</guid></item>'   # an id only
               f"<item><title>F</title><guid>{srv.origin}/p5/</guid></item></channel></rss>")
        atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>K</title>'
                f'<link rel="self" href="{srv.origin}/atom.xml"/><updated>2024-01-02T00:00:00Z</updated>'
                f'<entry><title>C</title><link rel="self" href="{srv.origin}/p4/"/><link href="/p2/"/>'
                "<updated>2024-01-02T00:00:00Z</updated></entry>"
                f'<entry><title>D</title><link rel="alternate" type="text/html" href="{srv.origin}/p3/"/></entry></feed>')
        index = (f'<?xml version="1.0"?><sitemapindex xmlns="{NS}">'
                 f"<sitemap><loc>{srv.origin}/atom.xml</loc></sitemap></sitemapindex>")
        _map_site(srv, index)
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n"
                                         f"Sitemap: {srv.origin}/feed/\n", ctype="text/plain")
        srv.routes["/feed/"] = page(rss, ctype="application/rss+xml; charset=UTF-8")
        srv.routes["/atom.xml"] = page(atom, ctype="application/atom+xml")
        _crawl(srv, tmp_path)
        assert {"/p0/", "/p1/", "/p2/", "/p3/", "/p5/"} <= set(srv.paths())
        assert not {"/p4/", "/p6/"} & set(srv.paths())   # rel=self is the feed; a guid that is no permalink
        assert _run_counts(tmp_path)["sitemaps_feed"] == 2
        with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as catalog:
            lastmods = {p: getattr(catalog.page_state(srv.origin + p), "sitemap_lastmod", "-")
                        for p in ("/p0/", "/p1/", "/p2/")}
    assert lastmods == {"/p0/": "2003-06-10T04:00:00+00:00", "/p1/": None, "/p2/": "2024-01-02T00:00:00Z"}


def test_utf16_sitemap_is_read(tmp_path: Path) -> None:
    with serve(None, "127.0.0.180") as srv:
        text = _urlset(srv, "/p0/", "/p1/").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>')
        _map_site(srv, "")
        srv.routes["/sitemap.xml"] = raw(text.encode("utf-16"), ctype="application/xml")          # with a BOM
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n"
                                         f"Sitemap: {srv.origin}/be.xml\n", ctype="text/plain")
        srv.routes["/be.xml"] = raw(_urlset(srv, "/p2/").replace('"1.0"?>', '"1.0" encoding="utf-16be"?>')
                                    .encode("utf-16-be"), ctype="text/xml")                     # without one
        _crawl(srv, tmp_path)
        assert {"/p0/", "/p1/", "/p2/"} <= set(srv.paths())


def test_unfetchable_sitemap_urls_are_dropped_quietly(tmp_path: Path) -> None:
    with serve(None, "127.0.0.181") as srv:
        host = srv.origin.split("//", 1)[1]
        bad = [f"http://user:pw@{host}/p0/", f"http://user@{host}/p1/", "http://127.0.0.181:99999/p2/",
               "ftp://127.0.0.181/p3/", "http://[::1/p4/"]
        urls = "".join(f"<url><loc>{u}</loc></url>" for u in bad)
        _map_site(srv, _urlset(srv, "/p3/").replace("<url>", urls + "<url>", 1))
        # the same on a page and in robots.txt: no robots.txt fetch for "user:pw@host", no warning
        srv.routes["/"] = page(f'<html><body><a href="http://u:p@{host}/p0/">a</a> <a href="/p4/">b</a></body></html>')
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n"
                                         f"Sitemap: http://u:p@{host}/other.xml\n", ctype="text/plain")
        db = f"sqlite:///{tmp_path / 'c.db'}"
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        assert proc.returncode == 0 and not proc.stderr.strip(), proc.stderr   # no warning, no spider error
        assert {"/p3/", "/p4/"} <= set(srv.paths()) and not {"/p0/", "/p1/", "/p2/", "/other.xml"} & set(srv.paths())
        counts = _run_counts(tmp_path)
        assert counts["sitemap_urls_invalid"] == 6 and not counts.get("robots_forbidden"), counts


def test_sitemap_over_the_size_limit_is_counted_as_such(tmp_path: Path) -> None:
    with serve(None, "127.0.0.182") as srv:
        big = _urlset(srv, "/p0/").replace("</urlset>", "<!-- " + "x" * 300_000 + " --></urlset>")
        _map_site(srv, big)
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/sitemap.xml\n"
                                         f"Sitemap: {srv.origin}/s.xml.gz\nSitemap: {srv.origin}/small.xml\n"
                                         f"Sitemap: {srv.origin}/encoded.xml\n", ctype="text/plain")
        srv.routes["/encoded.xml"] = raw(gzip.compress(_urlset(srv, "/p3/").encode() + b" " * 300_000),
                                         ctype="application/xml", headers={"Content-Encoding": "gzip"})
        srv.routes["/s.xml.gz"] = raw(gzip.compress(_urlset(srv, "/p1/").encode() + b" " * 300_000),
                                      ctype="application/gzip")
        srv.routes["/small.xml"] = page(_urlset(srv, "/p2/"), ctype="application/xml")
        db = f"sqlite:///{tmp_path / 'c.db'}"
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread",
                       "--set", "FILMCAT_SITEMAP_MAXSIZE=200000")
        assert_no_traceback(proc.stderr)
        assert proc.returncode == 0, proc.stderr
        assert "/p2/" in srv.paths() and not {"/p0/", "/p1/", "/p3/"} & set(srv.paths())
        counts = _run_counts(tmp_path)
        assert counts["sitemap_over_limit"] == 3 and not counts.get("sitemap_missing"), counts
        assert f"sitemap {srv.origin}/sitemap.xml is over 200000 bytes" in proc.stderr
        assert f"sitemap {srv.origin}/s.xml.gz unpacks to over 200000 bytes" in proc.stderr
        assert f"sitemap {srv.origin}/encoded.xml unpacks to over 200000 bytes" in proc.stderr


def test_pages_of_a_child_sitemap_go_before_the_other_children(tmp_path: Path) -> None:
    """An index of many sitemaps: the pages of the first ones read are fetched before the rest are
    (before: every child sitemap was fetched before the first page — 116 s for 10,000 children)."""
    with serve(None, "127.0.0.183") as srv:
        children = 40
        index = "".join(f"<sitemap><loc>{srv.origin}/maps/{n}.xml</loc></sitemap>" for n in range(children))
        _map_site(srv, f'<?xml version="1.0"?><sitemapindex xmlns="{NS}">{index}</sitemapindex>')
        for n in range(children):
            srv.routes[f"/maps/{n}.xml"] = page(_urlset(srv, f"/p/{n}/"), ctype="application/xml")
            srv.routes[f"/p/{n}/"] = page(f"<html><body><p>review {n}</p></body></html>")
        # the engine moves up to CONCURRENT_REQUESTS requests into the downloader's FIFO slot queue,
        # where priorities no longer apply: kept small so the order is the scheduler's
        _crawl(srv, tmp_path, "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "--set", "CONCURRENT_REQUESTS=2")
        order = [p for p in srv.paths() if p.startswith(("/maps/", "/p/"))]
        assert len(order) == 2 * children
        first_page = next(i for i, p in enumerate(order) if p.startswith("/p/"))
        assert first_page <= 4, order[:10]   # child 0, maybe a few more in flight, then its page


def test_feed_linked_from_a_page_is_read_as_a_sitemap(tmp_path: Path) -> None:
    with serve(None, "127.0.0.185") as srv:
        _map_site(srv, _urlset(srv))
        srv.routes["/"] = page('<html><body><a href="/feed/">RSS</a></body></html>')
        srv.routes["/feed/"] = page('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>K</title>'
                                    f"<item><link>{srv.origin}/p0/</link></item></channel></rss>",
                                    ctype="application/rss+xml; charset=UTF-8")
        _crawl(srv, tmp_path)
        assert "/p0/" in srv.paths()
        counts = _run_counts(tmp_path)
        assert counts["sitemaps_feed"] == 1, counts   # before: rejected as "not an HTML page"


def _atom(srv: SiteServer, path: str, updated: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>K</title>'
            f'<entry><title>A</title><link href="{srv.origin}{path}"/><updated>{updated}</updated></entry></feed>')


def _dated_urlset(srv: SiteServer, path: str, lastmod: str) -> str:
    return (f'<?xml version="1.0"?><urlset xmlns="{NS}"><url><loc>{srv.origin}{path}</loc>'
            f"<lastmod>{lastmod}</lastmod></url></urlset>")


@pytest.mark.parametrize("feed_first", [True, False])
def test_page_in_a_sitemap_and_a_feed_is_as_new_as_its_newest_date(tmp_path: Path, feed_first: bool) -> None:
    """Before: whichever entry was read first set the page's lastmod; an older feed date read first
    made a re-crawl skip a page its sitemap said had changed."""
    with serve(None, "127.0.0.186") as srv:
        _map_site(srv, _dated_urlset(srv, "/p0/", "2024-01-01"))
        lines = [f"Sitemap: {srv.origin}/atom.xml", f"Sitemap: {srv.origin}/sitemap.xml"]
        srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n" + "\n".join(lines if feed_first else lines[::-1])
                                         + "\n", ctype="text/plain")
        srv.routes["/atom.xml"] = page(_atom(srv, "/p0/", "2024-01-01T00:00:00Z"), ctype="application/atom+xml")
        _crawl(srv, tmp_path)
        _crawl(srv, tmp_path)   # nothing changed: skipped by its lastmod
        assert srv.paths().count("/p0/") == 1
        srv.routes["/sitemap.xml"] = page(_dated_urlset(srv, "/p0/", "2024-05-01"), ctype="application/xml")
        _crawl(srv, tmp_path)   # the sitemap says it changed, the feed still has the old date
        assert srv.paths().count("/p0/") == 2


def test_feed_publication_date_never_skips_a_page(tmp_path: Path) -> None:
    """An RSS pubDate stays when a review is edited: stored, but the page is asked for again
    (a conditional request), not skipped as unchanged."""
    with serve(None, "127.0.0.187") as srv:
        _map_site(srv, _urlset(srv))
        srv.routes["/robots.txt"] = page(f"User-agent: *\nDisallow:\nSitemap: {srv.origin}/feed/\n", ctype="text/plain")
        srv.routes["/feed/"] = page('<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>'
                                    f"<item><link>{srv.origin}/p0/</link><pubDate>Mon, 01 Jan 2024 10:00:00 +0000"
                                    "</pubDate></item></channel></rss>", ctype="application/rss+xml")
        _crawl(srv, tmp_path)
        _crawl(srv, tmp_path)
        assert srv.paths().count("/p0/") == 2

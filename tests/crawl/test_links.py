"""scraper.spiders.links: the links a worker hands back are the ones the spider would follow."""
from __future__ import annotations

import pytest

from scraper.spiders.links import page_links

SITE = "http://127.0.0.1:8000"
ORIGINS = frozenset({SITE})


def _links(html: str, url: str = SITE + "/kritiken/seite/") -> list[str]:
    return page_links(html.encode("utf-8"), url, {"Content-Type": "text/html; charset=utf-8"}, ORIGINS)


def test_rules_of_the_link_extractor() -> None:
    html = """<html><body>
      <a href="/a/">a</a> <a href=" b/ ">relative, padded</a> <a href="/a/#kommentare">same as a</a>
      <a href="/privat/" rel="nofollow noopener">hidden</a> <area href="/karte/">
      <a href="http://elsewhere.example/x/">off site</a> <a href="//127.0.0.1:8000/proto/">protocol-relative</a>
      <a href="mailto:a@b.c">mail</a> <a href="javascript:void(0)">js</a> <a href="/bild.JPG">image</a>
      <a href="/c/?utm_source=x&amp;page=2">tracking</a> <a href="http://127.0.0.1:99999/">bad port</a>
      <a href="http://user:pw@127.0.0.1:8000/login/">userinfo</a>
      <a href="/film/über-uns/">umlaut</a> <a>no href</a></body></html>"""
    assert _links(html) == [SITE + "/a/", SITE + "/kritiken/seite/b/", SITE + "/karte/", SITE + "/proto/",
                            SITE + "/c/?page=2", SITE + "/film/%C3%BCber-uns/"]


def test_base_href_and_cache_keep_relative_links_apart() -> None:
    assert _links('<a href="x/">x</a>', SITE + "/one/") == [SITE + "/one/x/"]
    assert _links('<a href="x/">x</a>', SITE + "/two/") == [SITE + "/two/x/"]   # not the cached /one/x/
    based = '<html><head><base href="/basis/"></head><body><a href="x/">x</a></body></html>'
    assert _links(based, SITE + "/one/") == [SITE + "/basis/x/"]


def test_not_html_gives_no_links() -> None:
    assert page_links(b"", SITE + "/", {}, ORIGINS) == []
    assert page_links(bytes(range(256)) * 8, SITE + "/", {}, ORIGINS) == []
    assert page_links(b'<?xml version="1.0" encoding="utf-8"?><html><a href="/x">x</a></html>', SITE + "/", {},
                      ORIGINS) == [SITE + "/x"]


def test_links_of_one_page_are_capped(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A page of thousands of links (a trap, a dump): FILMCAT_PAGE_LINKS_MAX are followed, the rest
    counted (links_over_limit) and said once on stderr (probe 4, F5: 100,000 links froze the crawl 17 s)."""
    from catalog import Catalog
    from tests.httpserver import assert_no_traceback, page, run_cli, serve

    many = "".join(f'<a href="/tag/{i}/">{i}</a>' for i in range(3000))
    with serve(None, "127.0.0.58") as srv:
        srv.routes["/"] = page(f"<html><body>{many}</body></html>")
        srv.prefix_routes["/tag/"] = page("<html><body><p>tag</p></body></html>")
        db = f"sqlite:///{tmp_path / 'c.db'}"
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/",
                       "--set", "FILMCAT_PAGE_LINKS_MAX=50", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        tags = [p for _, p, _ in srv.requests if p.startswith("/tag/")]
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert sorted(tags) == sorted(f"/tag/{i}/" for i in range(50)), tags  # the first 50, in page order
    assert proc.stderr.count("FILMCAT_PAGE_LINKS_MAX") == 1
    with Catalog(db) as catalog:
        assert list(catalog.iter_runs())[-1]["counts"]["links_over_limit"] == 2950


@pytest.mark.parametrize("depth", [3000, 50_000])
def test_links_after_more_open_tags_than_libxml2_nests_are_found(depth: int) -> None:
    # libxml2 ends its parse at 2048 open tags: the links after them were lost (the page read as link-less)
    page = "<html><body>" + "<div>" * depth + '<a href="/r/late/">Late</a>' + "</body></html>"
    assert _links(page) == [SITE + "/r/late/"]

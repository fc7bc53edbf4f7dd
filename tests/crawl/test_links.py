"""scraper.spiders.links: the links a worker hands back are the ones the spider would follow."""
from __future__ import annotations

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

"""Deeply nested pages (page builders, an unclosed <font> or <div> per paragraph) keep their content."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from lxml import etree

from scraper.extract import extract
from scraper.extract.page import MAX_DEPTH, parse
from scraper.spiders.links import page_links
from tests.httpserver import assert_no_traceback, page, run_cli, serve

URL = "http://blog.test/kritik/der-lange-weg/"
INFO = ("<table class='info'><tr><td>Originaltitel</td><td>The Long Road</td></tr>"
        "<tr><td>Regie</td><td>Mira Lenz</td></tr><tr><td>Jahr</td><td>2023</td></tr>"
        "<tr><td>Genre</td><td>Drama</td></tr></table>")
PROSE = "<p>Der Film erzählt ruhig von einer Familie, die sich in einer fremden Stadt neu erfinden muss.</p>"


def _review(before: str = "", opener: str = "", depth: int = 0) -> str:
    """A review page; `depth` unclosed `opener` tags (each after a paragraph of `before`) push its
    info box, prose and rating that many levels deeper."""
    nest = "".join(before + opener for _ in range(depth))
    return ("<html><head><title>Der lange Weg – Kritik | Filmblog</title></head><body><article>"
            f"<h1>Der lange Weg – Kritik</h1>{nest}{INFO}{PROSE * 3}<p><strong>Bewertung: 4 von 5</strong></p>"
            "</article></body></html>")


def _facts(html: str) -> tuple[object, ...]:
    record = extract(html, URL)
    assert not record.verdict.startswith("extraction failed"), record.verdict
    data = record.to_dict()
    return data["title"], data["rating"], record.directors, record.year, record.is_review


def _depth(root: etree._Element) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        el, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in el)
    return deepest


@pytest.mark.parametrize(("before", "opener", "depth"), [
    ("<p>Ein Absatz im alten Editor.</p>", "<font face='Arial'>", 300),   # an unclosed <font> per paragraph
    ("", "<div class='elementor-widget'>", 1000),                        # a page builder's nested <div>s
    ("<p>Absatz.</p>", "<div><span>", 400),
    ("", "<div class='elementor-widget'>", 5000),   # past libxml2's limit of 2048 open elements
    ("<p>Ein Absatz im alten Editor.</p>", "<font face='Arial'>", 5000),
    ("", "<b>", 5000),
    ("<p>Absatz.</p>", "<div><span>", 3000),
    ("", "<font>", 50_000),
])
def test_deep_review_gives_the_flat_pages_facts(before: str, opener: str, depth: int) -> None:
    flat = _facts(_review())
    assert flat[0] == "Der lange Weg" and flat[2] == ["Mira Lenz"] and flat[-1] is True
    assert _facts(_review(before, opener, depth)) == flat


def test_tree_depth_is_capped_and_text_order_kept() -> None:
    html = "<html><body>" + "<div>" * 500 + "a<b>b<i>c</i>d</b>e<span>f</span>g" + "</div>" * 500 + "h</body></html>"
    root = parse(html.encode())
    assert root is not None
    assert _depth(root) <= MAX_DEPTH
    assert "".join(root.itertext()) == "abcdefgh"


@pytest.mark.parametrize("opener", ["<div>", "<font>", "<div><span>"])
def test_degenerate_nesting_is_bounded(opener: str) -> None:
    html = opener * 100_000 + _review()
    start = time.process_time()
    record = extract(html, URL)
    assert time.process_time() - start < 10              # CPU seconds; ≈ 0.2 s here
    assert not record.verdict.startswith("extraction failed"), record.verdict
    assert isinstance(record.is_review, bool) and record.verdict


def test_content_after_libxml2s_depth_limit_is_kept() -> None:
    """5000 unclosed <div>s before <main>: the main content, its fact table and rating are found."""
    review = _review()
    main = review.replace("<article>", "<div>" * 5000 + "<main><article>").replace("</article>", "</article></main>")
    assert _facts(main) == _facts(review)
    start = time.process_time()
    root = parse(("<html><body>" + "<div>" * 50_000 + "<table><tr><td>Regie</td><td>Mira Lenz</td></tr></table>"
                  "<script>var s = '<div><div>';</script>ende</body></html>").encode())
    assert time.process_time() - start < 5
    assert root is not None and _depth(root) <= MAX_DEPTH
    assert [td.text for td in root.iter("td")] == ["Regie", "Mira Lenz"]
    assert next(root.iter("script")).text == "var s = '<div><div>';"
    assert "".join(root.itertext()).endswith("Mira Lenzvar s = '<div><div>';ende")


def test_links_below_depth_256_are_found() -> None:
    html = "<html><body>" + "<div>" * 400 + '<a href="/tief/">tief</a>' + "</body></html>"
    assert page_links(html.encode(), "http://blog.test/", None, frozenset({"http://blog.test"})) == [
        "http://blog.test/tief/"]


def test_crawl_follows_links_at_depth_400(tmp_path: Path) -> None:
    with serve(None, "127.0.0.150") as srv:
        deep = "<font>".join("<p>Absatz.</p>" for _ in range(400))
        srv.routes["/"] = page(f"<html><head><title>Start</title></head><body>{deep}"
                               '<a href="/kritik/der-lange-weg/">Der lange Weg</a></body></html>')
        srv.routes["/kritik/der-lange-weg/"] = page(_review("<p>Absatz.</p>", "<font>", 400))
        srv.routes["/robots.txt"] = page("User-agent: *\nAllow: /\n", ctype="text/plain")
        proc = run_cli("crawl", "--db", f"sqlite:///{tmp_path / 'c.db'}", "--start-url", srv.origin + "/",
                       "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
        paths = srv.paths()
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "/kritik/der-lange-weg/" in paths

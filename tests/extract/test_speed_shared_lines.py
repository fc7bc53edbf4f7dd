"""The shared main-content lines give every block element exactly the lines it would compute on its own."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

from scraper.extract.page import build_page
from scraper.extract.text import BLOCK, lines, lines_and_spans, shared_lines, text_content

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGE = (b"<html><body><nav>Menu</nav><main><h1>Der <em>lange</em> Weg</h1><table><tr><td>Regie</td>"
        b"<td>Mira<br>Lenz</td></tr></table><div>vor<p>Absatz <span>1</span>/5</p>nach<ul><li>a</li>"
        b"<li>b<br>c</li></ul>Ende</div><svg><title>x</title></svg></main></body></html>")


def _pages() -> list[bytes]:
    return [PAGE] + [p.read_bytes() for p in sorted(FIXTURES.rglob("*.html"))[:40]]


@pytest.mark.parametrize("body", _pages(), ids=lambda b: str(len(b)))
def test_block_spans_equal_own_lines(body: bytes) -> None:
    page = build_page(body, "http://example.test/")
    if page.main is None:
        return
    blocks = [el for el in page.main.iter() if isinstance(el.tag, str) and el.tag in BLOCK]
    own = {el: lines(el) for el in blocks}  # computed before sharing: each walks its own subtree
    with shared_lines(page.main_lines, page.spans):
        for el in blocks:
            assert lines(el) == own[el]
    assert all(el in page.spans for el in blocks if not any(a.tag == "svg" for a in el.iterancestors()))


def test_spans_cover_nested_blocks_in_order() -> None:
    page = build_page(PAGE, "http://example.test/")
    spans: dict = {}
    rows = lines_and_spans(page.main, spans)
    assert [r.text for r in rows] == ["Der lange Weg", "Regie", "Mira", "Lenz", "vor", "Absatz 1 /5", "nach",
                                      "a", "b", "c", "Ende"]
    div = next(page.main.iter("div"))
    assert [r.text for r in rows[slice(*spans[div])]] == ["vor", "Absatz 1 /5", "nach", "a", "b", "c", "Ende"]


def test_sharing_ends_with_the_block_and_on_errors() -> None:
    page = build_page(PAGE, "http://example.test/")
    cell = list(page.main.iter("td"))[1]
    fake = [page.main_lines[0]]
    with pytest.raises(RuntimeError), shared_lines(fake, {cell: (0, 1)}):
        assert lines(cell) == fake
        raise RuntimeError
    assert [r.text for r in lines(cell)] == ["Mira", "Lenz"]  # computed again once the block is left


def test_sharing_is_per_thread() -> None:
    page = build_page(PAGE, "http://example.test/")
    cell = list(page.main.iter("td"))[1]
    seen: list[list[str]] = []
    with shared_lines([page.main_lines[0]], {cell: (0, 1)}):
        worker = threading.Thread(target=lambda: seen.append([r.text for r in lines(cell)]))
        worker.start()
        worker.join()
    assert seen == [["Mira", "Lenz"]]


def test_text_content_of_leaves_and_containers() -> None:
    page = build_page(PAGE, "http://example.test/")
    h1 = next(page.main.iter("h1"))
    assert text_content(h1) == "Der lange Weg"
    assert text_content(next(h1.iter("em"))) == "lange"
    assert text_content(next(page.main.iter("td"))) == "Regie"

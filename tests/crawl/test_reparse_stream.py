"""`filmcat reparse` streams stored pages in batches and links each review to its own page."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from catalog import Catalog
from catalog.api import Catalog as CatalogClass
from scraper import crawl


def _review_pages(shared_dir: Path, n: int) -> list[tuple[str, bytes]]:
    root = shared_dir / "corpus" / "dev" / "sites" / "reelverdict.net"
    pages = sorted(p for p in root.rglob("index.html") if p.parent.parent.name.isdigit())[:n]
    assert len(pages) == n, "the dev corpus has fewer dated review folders than the test needs"
    return [(f"http://reel.test/{p.parent.relative_to(root).as_posix()}/", p.read_bytes()) for p in pages]


def test_reparse_streams_in_batches_with_page_ids(db_url: str, shared_dir: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _review_pages(shared_dir, 5)
    with Catalog(db_url) as cat:
        ids = {url: cat.store_page(url=url, status=200, headers={"Content-Type": "text/html; charset=utf-8"},
                                   body=body).page_id for url, body in pages}

    yielded: list[int] = []
    first_upsert: list[int] = []
    original_iter, original_upsert = CatalogClass.iter_pages, CatalogClass.upsert_reviews

    def counting_iter(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for page in original_iter(self, *args, **kwargs):
            yielded.append(1)
            yield page

    def noting_upsert(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not first_upsert:
            first_upsert.append(len(yielded))
        return original_upsert(self, *args, **kwargs)

    monkeypatch.setattr(crawl, "REPARSE_BATCH", 2)
    monkeypatch.setattr(CatalogClass, "iter_pages", counting_iter)
    monkeypatch.setattr(CatalogClass, "upsert_reviews", noting_upsert)
    summary = crawl.run_reparse(db_url, workers=1)

    assert summary.counts["pages"] == 5 and sum(yielded) == 5
    assert first_upsert == [2], "the first batch was upserted before later pages were read"
    assert summary.counts.get("reviews_new", 0) + summary.counts.get("rejected", 0) == 5
    with Catalog(db_url) as cat:
        from sqlalchemy import select

        from catalog.models import Review

        with cat.engine.connect() as conn:
            stored = dict(conn.execute(select(Review.url, Review.page_id)).all())
    assert stored and all(stored[url] == ids[url] for url in stored)

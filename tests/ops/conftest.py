"""Ops fixtures: what a plain single-process crawl of a dev-corpus site stores (the baseline)."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.ops import crawlers
from tests.ops.site import CountingSite


@pytest.fixture(scope="session")
def baseline_paths(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], set[str]]:
    """site folder name → URL paths of the reviews one ordinary `filmcat crawl` stores (cached)."""
    cache: dict[str, set[str]] = {}

    def paths(site: str) -> set[str]:
        if site not in cache:
            db = f"sqlite:///{tmp_path_factory.mktemp('baseline') / 'catalog.db'}"
            with CountingSite(crawlers.CORPUS / site) as server:
                done = crawlers.run("crawl", "--start-url", server.url, "--db", db)
            assert done.returncode == 0, done.stderr[-1500:]
            cache[site] = {urlsplit(u).path for u in crawlers.review_urls(db)}
            assert cache[site], f"the baseline crawl of {site} stored no review"
        return cache[site]

    return paths


def paths_of(urls: list[str]) -> list[str]:
    return [urlsplit(u).path for u in urls]


@pytest.fixture
def site_dir() -> Path:
    """The dev-corpus site the ops crawls use (16 HTML pages, 7 reviews)."""
    return crawlers.CORPUS / "filmwaechter.de"

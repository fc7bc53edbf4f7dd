"""extract() gives the same records when called from many threads at once (the crawl may use a thread pool)."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from scraper.extract import extract

PAGES = sorted((Path(__file__).resolve().parent.parent / "fixtures" / "general").glob("*.html"))


def test_threads_agree_with_serial_runs() -> None:
    bodies = [p.read_bytes() for p in PAGES] * 3
    serial = [extract(b, "http://x.test/a/").to_dict() for b in bodies]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda b: extract(b, "http://x.test/a/").to_dict(), bodies))
    assert threaded == serial

"""Real Scrapy crawls of the dev corpus on loopback, checked through the catalogue; then a re-crawl."""
from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from catalog import Catalog
from tests.httpserver import SiteServer, assert_no_traceback, run_cli, serve


@pytest.fixture(scope="module")
def corpus(shared_dir: Path):  # type: ignore[no-untyped-def]
    """The dev sites, each on its own loopback address, and the labelled (site, path) pairs."""
    root = shared_dir / "corpus" / "dev"
    sites = sorted(p for p in (root / "sites").iterdir() if p.is_dir())
    labels = [json.loads(line) for line in (root / "labels.jsonl").read_text().splitlines() if line.strip()]
    with ExitStack() as stack:
        servers = {s.name: stack.enter_context(serve(s, f"127.0.0.{40 + i}")) for i, s in enumerate(sites)}
        yield servers, labels


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('crawl') / 'catalog.db'}"


def _crawl(servers: dict[str, SiteServer], db: str, *extra: str):  # type: ignore[no-untyped-def]
    args = ["crawl", "--db", db, *extra]
    for srv in servers.values():
        args += ["--start-url", srv.origin + "/"]
    proc = run_cli(*args)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def _labelled_urls(servers: dict[str, SiteServer], labels: list[dict]) -> set[str]:  # type: ignore[type-arg]
    return {servers[lab["site"]].origin + lab["path"] for lab in labels}


def _last_run(db: str) -> dict:  # type: ignore[type-arg]
    with Catalog(db) as catalog:
        return list(catalog.iter_runs())[-1]


def test_first_crawl_finds_every_review_and_nothing_forbidden(corpus, db):  # type: ignore[no-untyped-def]
    servers, labels = corpus
    proc = _crawl(servers, db)
    assert proc.stdout.startswith("run 1 finished"), proc.stdout
    with Catalog(db) as catalog:
        pages = {p.url for p in catalog.iter_pages()}
        reviews = list(catalog.iter_reviews())
    expected = _labelled_urls(servers, labels)
    assert expected <= pages                                  # every review page was fetched and stored
    assert {r["url"] for r in reviews} == expected            # and only those became reviews
    assert len(reviews) == len({r["url"] for r in reviews})   # canonical URLs: no tracking duplicates
    assert all(r["film_id"] for r in reviews)                 # films resolved when the spider closed
    assert not [u for u in pages if urlsplit(u).query or urlsplit(u).fragment]
    for srv in servers.values():
        assert not [p for p in srv.paths() if p.startswith("/privat/")]   # robots.txt + nofollow
        assert "/robots.txt" in srv.paths() and any(p.endswith("sitemap.xml") for p in srv.paths())
    run = _last_run(db)
    assert run["status"] == "finished" and run["kind"] == "crawl"
    counts = run["counts"]
    assert counts["reviews_new"] == len(labels)
    assert counts["fetched"] == len(pages)
    assert counts["rejected"] == len(pages) - len(labels)     # home, categories, imprint …: with reasons


def test_recrawl_fetches_only_what_changed(corpus, db):  # type: ignore[no-untyped-def]
    servers, labels = corpus
    before = {name: len(srv.requests) for name, srv in servers.items()}
    _crawl(servers, db)
    counts = _last_run(db)["counts"]
    assert counts.get("reviews_new", 0) == 0 and counts.get("reviews_changed", 0) == 0
    assert counts["not_modified"] >= len(labels)              # 304s and unchanged sitemap lastmods
    for name, srv in servers.items():
        conditional = [h for _, p, h in srv.requests[before[name]:] if "If-Modified-Since" in h]
        sitemap_pages = [p for _, p, _ in srv.requests[before[name]:] if p.startswith(("/film/", "/20"))]
        assert conditional or not sitemap_pages               # pages asked for are asked conditionally
    with Catalog(db) as catalog:
        assert len(list(catalog.iter_reviews())) == len(labels)


def test_runs_lists_both_crawls(db):  # type: ignore[no-untyped-def]
    proc = run_cli("runs", "--db", db)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2 and all("\tcrawl\tfinished\t" in line for line in lines)
    assert "reviews_new=24" in lines[0] and "not_modified=" in lines[1]


def test_reparse_updates_nothing_when_extractor_unchanged(corpus, db):  # type: ignore[no-untyped-def]
    _, labels = corpus
    proc = run_cli("reparse", "--db", db)
    assert proc.returncode == 0, proc.stderr
    counts = _last_run(db)["counts"]
    assert counts["reviews_unchanged"] == len(labels) and not counts.get("reviews_new")

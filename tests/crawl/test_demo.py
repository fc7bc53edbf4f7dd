"""`filmcat demo`: the bundled sites are served on loopback, crawled, and resolved into the expected films."""
from __future__ import annotations

import json
from pathlib import Path

from catalog import Catalog
from tests.httpserver import assert_no_traceback, run_cli

SITES = Path(__file__).resolve().parents[2] / "scraper" / "demo" / "sites"


def test_demo_finds_the_expected_films(tmp_path: Path) -> None:
    expected = json.loads((SITES / "expected.json").read_text(encoding="utf-8"))
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    proc = run_cli("demo", "--db", db)
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{len(expected['films'])} films found" in proc.stdout
    assert "same-name films kept apart" in proc.stdout and "Oldboy" in proc.stdout
    with Catalog(db) as catalog:
        reviews = list(catalog.iter_reviews())
    # the demo's origins differ per run: match review pages by path within their site's folder order
    by_path = {r["url"].split("/", 3)[3]: r["film_id"] for r in reviews}
    ids = {}
    for film in expected["films"]:
        film_ids = {by_path["/".join(page.split("/")[1:])] for page in film["pages"]}
        assert len(film_ids) == 1, film                    # one film per film_key …
        ids[film["film_key"]] = film_ids.pop()
    assert len(set(ids.values())) == len(ids)              # … and namesakes kept apart
    assert len(reviews) == sum(len(f["pages"]) for f in expected["films"])

"""The export, resolve and films commands through the real console entry point."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from catalog import Catalog
from tests.resolve.devlabels import label_records

FILMCAT = [sys.executable, "-c", "from scraper.cli import main; main()"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(FILMCAT + list(args), capture_output=True, text=True, timeout=120, check=False)


def test_export_merge_split_roundtrip(tmp_path: Path, shared_dir: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with Catalog(db) as cat:
        cat.upsert_reviews([r for _, r in label_records(shared_dir)])
    assert run("resolve", "--db", db).returncode == 0
    films = [json.loads(line) for line in run("export", "films", "--db", db).stdout.splitlines()]
    assert len(films) == 11
    assert {"film_id", "title", "original_title", "year", "directors", "genres", "fsk", "platform",
            "release_date", "review_urls"} <= set(films[0])
    reviews = [json.loads(line) for line in run("export", "reviews", "--db", db).stdout.splitlines()]
    assert len(reviews) == 24 and all(r["film_id"] for r in reviews)
    call = next(f for f in films if f["title"] == "The Call")
    parasite = next(f for f in films if f["title"] == "Parasite")
    merged = run("films", "merge", call["film_id"], parasite["film_id"], "--db", db)
    assert merged.returncode == 0, merged.stderr
    split = run("films", "split", call["film_id"], "--review", parasite["review_urls"][0], "--db", db)
    assert split.returncode == 0, split.stderr


def test_errors_are_one_line(tmp_path: Path) -> None:
    for args in (["export", "reviews", "--db", f"sqlite:///{tmp_path}/no/dir/x.db"],
                 ["films", "merge", "film-nope", "film-nada", "--db", f"sqlite:///{tmp_path / 'e.db'}"],
                 ["export", "films", "--db", "postgresql://u:topsecret@127.0.0.1:1/x"]):
        p = run(*args)
        assert p.returncode != 0
        assert len(p.stderr.strip().splitlines()) == 1, p.stderr
        assert "Traceback" not in p.stderr and "topsecret" not in p.stderr

"""Every labelled review page of the fixtures and the dev corpus, extracted and resolved together: one film
per real film (`film_key`), whatever site, language or title variant."""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from catalog import Catalog
from scraper.extract.core import extract

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _labelled_pages(shared_dir: Path) -> list[tuple[str, str, Path]]:
    """(url, film_key, file) of every labelled review: NAME.json beside NAME.html, and corpora's labels.jsonl."""
    out = []
    for label in sorted(FIXTURES.glob("*/*.json")):
        data = json.loads(label.read_text(encoding="utf-8"))
        page = label.with_suffix(".html")
        if isinstance(data, dict) and data.get("is_review") and data.get("film_key") and page.exists():
            out.append((data["url"], data["film_key"], page))
    for labels in [*sorted(FIXTURES.glob("*/labels.jsonl")), shared_dir / "corpus" / "dev" / "labels.jsonl"]:
        for line in labels.read_text(encoding="utf-8").splitlines():
            lab = json.loads(line)
            page = labels.parent / "sites" / lab["site"] / lab["path"].lstrip("/")
            page = page / "index.html" if lab["path"].endswith("/") or page.is_dir() else page
            out.append((f"http://{lab['site']}{lab['path']}", lab["film_key"], page))
    return out


def test_labelled_pages_resolve_to_one_film_per_real_film(shared_dir: Path, tmp_path: Path) -> None:
    pages = _labelled_pages(shared_dir)
    records = [r for r in (extract(page.read_bytes(), url) for url, _, page in pages) if r.is_review]
    film_key = {url: key for url, key, _ in pages}
    # the verdicts have their own gates (tests/extract/test_quality_gate.py); here only what is stored counts
    assert len(pages) >= 100 and len(records) >= 0.95 * len(pages)
    with Catalog(f"sqlite:///{tmp_path / 'c.db'}") as cat:
        cat.upsert_reviews([r.to_dict() for r in records])
        cat.resolve(full=True)
        film_id = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
    merged = sorted({(film_key[a], film_key[b]) for a, b in combinations(sorted(film_id), 2)
                     if film_id[a] == film_id[b] and film_key[a] != film_key[b]})
    split = sorted({(film_key[a], a, b) for a, b in combinations(sorted(film_id), 2)
                    if film_id[a] != film_id[b] and film_key[a] == film_key[b]})
    assert not merged and not split, (merged, split)

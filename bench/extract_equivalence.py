"""Output equivalence of extract() across code changes: record every page's output, later compare against it.

Run:  .venv/bin/python bench/extract_equivalence.py record /tmp/extract_baseline.json
      .venv/bin/python bench/extract_equivalence.py compare /tmp/extract_baseline.json
Pages: the dev corpus, tests/fixtures/{general,heldout,heldout2,pages}, the sites of every held-out set
(tests/fixtures/heldout*/sites), the demo sites and the two bench pages. The
output compared is to_dict(), is_review, the verdict, the winners and every candidate (value, strategy,
snippet, weight), so a speed change that alters even a losing candidate shows up. Exit 1 on any difference.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

from scraper.extract import extract
from scraper.record import Candidate, ReviewRecord

ROOT = Path(__file__).resolve().parent.parent
# folders whose first path part below them is a host (the URL is rebuilt from the path)
SITE_FOLDERS = (ROOT.parent / "shared" / "corpus" / "dev" / "sites", ROOT / "scraper" / "demo" / "sites",
                *sorted((ROOT / "tests" / "fixtures").glob("heldout*/sites")))
FIXTURE_FOLDERS = tuple(ROOT / "tests" / "fixtures" / name for name in ("general", "heldout", "heldout2", "pages"))


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cand(cand: Candidate) -> list[Any]:
    return [cand.field, _plain(cand.value), cand.strategy, cand.snippet, cand.weight]


def summary(record: ReviewRecord) -> dict[str, Any]:
    """Everything extract() decides about one page, as JSON-ready data."""
    return {"record": record.to_dict(), "is_review": record.is_review, "verdict": record.verdict,
            "winners": {f: _cand(c) for f, c in sorted(record.winners.items())},
            "candidates": {f: [_cand(c) for c in cs] for f, cs in sorted(record.candidates.items())}}


def pages() -> Iterator[tuple[str, bytes, str]]:
    """(key, body, url) of every page: site pages get their own URL back, fixtures a fixed host."""
    for folder in SITE_FOLDERS:
        for path in sorted(folder.rglob("*.html")):
            rel = path.relative_to(folder).as_posix()
            name = folder.parent.name if folder.parent.name.startswith("heldout") else folder.name
            yield f"{name}/{rel}", path.read_bytes(), f"http://{rel}"
    for folder in FIXTURE_FOLDERS:
        for path in sorted(folder.rglob("*.html")):
            rel = path.relative_to(folder).as_posix()
            yield f"{folder.name}/{rel}", path.read_bytes(), f"http://fixture.test/{rel}"
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_extract import PROSE_URL, build_page, build_prose_page

    yield "bench/100kb", build_page(100).encode(), "http://bench.test/der-lange-weg/"
    yield "bench/prose", build_prose_page(100).encode(), PROSE_URL


def outputs() -> dict[str, Any]:
    """key -> summary of every page."""
    return {key: json.loads(json.dumps(summary(extract(body, url)), default=repr)) for key, body, url in pages()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("mode", choices=("record", "compare"))
    ap.add_argument("baseline", type=Path)
    args = ap.parse_args()
    now = outputs()
    if args.mode == "record":
        args.baseline.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} pages to {args.baseline}")
        return 0
    before = json.loads(args.baseline.read_text(encoding="utf-8"))
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    for key in differ:
        old, new = before.get(key) or {}, now.get(key) or {}
        parts = [p for p in sorted(old.keys() | new.keys()) if old.get(p) != new.get(p)]
        print(f"DIFF {key}: {', '.join(parts) or 'missing'}")
        for part in parts[:3]:
            print(f"  before {part}: {json.dumps(old.get(part), ensure_ascii=False)[:300]}")
            print(f"  now    {part}: {json.dumps(new.get(part), ensure_ascii=False)[:300]}")
    print(f"{len(now)} pages, {len(differ)} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())

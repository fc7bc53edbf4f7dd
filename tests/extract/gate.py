"""Helpers of the quality gate: load the shared scorer's field_ok and score labelled pages in-process."""
from __future__ import annotations

import importlib.util
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from scraper.extract import extract
from scraper.record import FIELDS


def load_field_ok(shared: Path) -> Callable[[str, dict[str, Any], dict[str, Any]], bool]:
    """field_ok() of shared/eval/score.py (the scorer the project is measured with)."""
    spec = importlib.util.spec_from_file_location("filmcat_score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.field_ok  # type: ignore[no-any-return]


def corpus_page(corpus: Path, label: dict[str, Any]) -> Path:
    """The file of a labelled page (directory URLs are served from index.html)."""
    rel = label["path"].lstrip("/")
    file = corpus / "sites" / label["site"] / rel
    return file / "index.html" if rel == "" or rel.endswith("/") or file.is_dir() else file


def score(items: Iterable[tuple[dict[str, Any], bytes, str]], field_ok: Callable[..., bool],
          alternatives: Iterable[dict[str, list[Any]]] | None = None) -> tuple[dict[str, float], list[str]]:
    """Per-field accuracy over (expected, page bytes, url) items, and the mismatches; `alternatives`
    (one dict per item: field -> other acceptable values) are honoured as the scorer does."""
    alts = list(alternatives) if alternatives is not None else None
    right = dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    n = 0
    for expected, body, url in items:
        other = alts[n] if alts is not None else {}
        n += 1
        got = extract(body, url).to_dict()
        for field in FIELDS:
            if field_ok(field, expected, got) or any(
                    field_ok(field, {**expected, field: alt}, got) for alt in other.get(field, [])):
                right[field] += 1
            else:
                misses.append(f"{url} {field}: expected {json.dumps(expected.get(field), ensure_ascii=False)}"
                              f" got {json.dumps(got.get(field), ensure_ascii=False)}")
    return {f: right[f] / max(n, 1) for f in FIELDS}, misses

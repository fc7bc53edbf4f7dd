"""Contract records built from the dev corpus labels (tests the catalogue without the crawler)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def label_records(shared_dir: Path) -> list[tuple[str, dict[str, Any]]]:
    """(film_key, contract record) for every labelled review page."""
    out = []
    for line in (shared_dir / "corpus" / "dev" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            lab = json.loads(line)
            rec = {"url": f"http://{lab['site']}{lab['path']}", "site": lab["site"], **lab["expected"]}
            out.append((lab["film_key"], rec))
    return out


def pairwise_f1(assign: list[tuple[str, str]]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of (true key, film id) assignments."""
    tp = fp = fn = 0
    for n, (ka, fa) in enumerate(assign):
        for kb, fb in assign[n + 1:]:
            tp += ka == kb and fa == fb
            fp += fa == fb and ka != kb
            fn += ka == kb and fa != fb
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

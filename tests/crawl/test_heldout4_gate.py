"""Quality gate in crawl mode on held-out set 4 (four whole sites written blind): floors never drop silently."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FILMCAT = Path(sys.executable).with_name("filmcat")
CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "heldout4"
# reached (2026-12-01, round 7b): fields 0.925, every field >= 0.875, found 15/16, films F1 1.000, no merges
FLOORS = {"mean_fields": 0.90, "each_field": 0.85, "found": 15, "f1": 0.95}


def test_heldout4_crawl_meets_the_floors(shared_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "score.json"
    done = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "--corpus", str(CORPUS),
         "--cmd", str(FILMCAT), "--json", str(out), "--timeout", "300"],
        capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["mean_fields"] >= FLOORS["mean_fields"], result["mismatches"]
    low = {f: acc for f, acc in result["fields"].items() if acc < FLOORS["each_field"]}
    assert not low, low
    assert result["found"] >= FLOORS["found"], result["missing"]
    assert result["spurious"] == [] and result["robots_violations"] == []
    assert result["f1"] is not None and result["f1"] >= FLOORS["f1"]
    assert result["same_name_merges"] == []

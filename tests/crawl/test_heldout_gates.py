"""Quality gates in crawl mode on the held-out sets of whole sites (tests/fixtures/heldout3 to 17, each written
blind by a teammate who had not read the extractor): floors never drop silently."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FILMCAT = Path(sys.executable).with_name("filmcat")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FLOORS = {
    # reached after round 7 (2026-12-01): fields 1.000, every field 1.000, found 20/20, films F1 1.000;
    # blind it was fields 0.770, found 18/20, F1 0.923. The floors leave room for one wrong field and a split pair.
    "heldout3": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
    # reached (2026-12-01, round 7b): fields 0.925, every field >= 0.875, found 15/16, films F1 1.000, no merges;
    # after round 8 (2026-12-02, its three leftovers): fields 1.000, every field 1.000, found 16/16, F1 1.000
    "heldout4": {"mean_fields": 0.97, "each_field": 0.90, "found": 16, "f1": 0.95},
    # reached after round 8 (2026-12-02, with the site-twin resolver a35755b): fields 1.000, every field 1.000,
    # found 21/21, films F1 1.000, no merges; blind it was fields 0.862, found 19/21, F1 0.615
    "heldout5": {"mean_fields": 0.97, "each_field": 0.90, "found": 21, "f1": 0.95},
    # reached after round 8 (2026-12-02): fields 1.000, every field 1.000, found 22/22, films F1 1.000, no merges;
    # blind it was fields 0.555, found 15/22, F1 0.400
    "heldout6": {"mean_fields": 0.97, "each_field": 0.90, "found": 22, "f1": 0.95},
    # reached after round 8b (2026-12-02): fields 1.000, every field 1.000, found 20/20, no spurious page, films
    # F1 1.000, no merges; blind it was fields 0.915 (cast 0.75, rating 0.80), 6 spurious pages, F1 0.778–1.000
    "heldout7": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.95},
    # reached after round 8d (2026-12-02): fields 1.000, every field 1.000, found 20/20, films F1 1.000, no merges;
    # blind it was fields 0.745 (stated 0.796), found 18/20, 1 spurious, F1 1.000
    "heldout8": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.95},
    # reached after round 9a (2026-12-02): fields 1.000, every field 1.000, found 20/20, no spurious page, films
    # F1 1.000, no merges; blind it was fields 0.750 (rating 0.50), found 17/20, F1 0.923
    "heldout9": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.95},
    # reached after round 9b (2026-12-02): fields 0.995 (stated 1.000), every field >= 0.95, found 20/20, films
    # F1 1.000, no merges; blind it was fields 0.785, found 18/20; the field left is Perfect Days' start worked
    # out from "In cinemas from Friday" and the publication date (labelled null, see the fixture README)
    "heldout10": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.95},
    # reached after round 9d (2026-12-02): fields 0.945 (stated 0.993), every field >= 0.90, found 19/20 (the
    # Double Feature post is still rejected), no spurious page, films F1 1.000; blind it was fields 0.640,
    # found 14/20, 2 spurious
    "heldout11": {"mean_fields": 0.93, "each_field": 0.90, "found": 19, "f1": 0.95},
    # reached after rounds 10b + 10c (2026-12-02): fields 1.000 (stated 1.000), every field 1.000, found 20/20, no
    # spurious page, films F1 0.941 (Nosferatu 1922 split: "F. W. Murnau" / "Friedrich Wilhelm Murnau" and the
    # wiki's long title); blind it was fields 0.690, found 15/20, 1 spurious, F1 1.000 (of the 15 found)
    "heldout13": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
    # reached after round 11b (2026-12-02): fields 1.000 (stated 1.000), every field 1.000, found 20/20, no spurious
    # page, films F1 1.000, no merges; blind it was fields 0.880 (stated 0.904), found 19/20, 3 spurious, F1 1.000
    "heldout14": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
    # reached after round 12a (2026-12-03): fields 0.995 (stated 0.993), every field >= 0.95, found 20/20, no spurious
    # page, films F1 1.000, no merges; blind it was fields 0.805 (stated 0.926), found 17/20, 9 spurious, F1 1.000.
    # The field left is the Tumblr headline sentence "little women (2019) is the adaptation we deserved" (title)
    "heldout15": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
    # reached after round 13a (2026-12-03): fields 1.000 (stated 1.000), every field 1.000, found 20/20, no spurious
    # page, films F1 1.000, no merges; blind it was fields 0.785 (stated 0.975), found 16/20 (four short DokuWiki
    # reviews rejected), F1 1.000
    "heldout16": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
    # reached after round 15 A2 (2026-12-06, branch set17fix): fields 1.000 (stated 1.000), every field 1.000, found
    # 20/20, no spurious page, films F1 1.000, no merges; blind (main f7a1f5e) it was fields 0.485 (stated 0.907),
    # lowest field release_date 0.350, found 11/20 (no Weebly review, one of five Webflow reviews), F1 1.000
    "heldout17": {"mean_fields": 0.97, "each_field": 0.90, "found": 20, "f1": 0.90},
}


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_heldout_crawl_meets_the_floors(corpus: str, shared_dir: Path, tmp_path: Path) -> None:
    floors, out = FLOORS[corpus], tmp_path / "score.json"
    done = subprocess.run(
        [sys.executable, str(shared_dir / "eval" / "score.py"), "--corpus", str(FIXTURES / corpus),
         "--cmd", str(FILMCAT), "--json", str(out), "--timeout", "600"],
        capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["mean_fields"] >= floors["mean_fields"], result["mismatches"]
    low = {f: acc for f, acc in result["fields"].items() if acc < floors["each_field"]}
    assert not low, (low, result["mismatches"])
    assert result["found"] >= floors["found"], result["missing"]
    assert result["spurious"] == [] and result["robots_violations"] == []
    assert result["f1"] is not None and result["f1"] >= floors["f1"]
    assert result["same_name_merges"] == []

"""Quality gate: extraction accuracy on the labelled dev corpus must not drop below pinned floors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.extract import extract
from tests.extract.gate import corpus_page, load_field_ok, score

# pinned at what the extractor reaches: 1.000 on every field (24 pages: one wrong title is 0.958, which a
# looser floor let through once while headline rules changed)
DEV_MEAN_FLOOR = 1.0
DEV_FIELD_FLOOR = 1.0


@pytest.fixture(scope="module")
def dev(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "dev"


@pytest.fixture(scope="module")
def labels(dev: Path) -> list[dict]:
    return [json.loads(line) for line in (dev / "labels.jsonl").read_text(encoding="utf-8").splitlines() if line]


def test_dev_corpus_field_accuracy(shared_dir: Path, dev: Path, labels: list[dict]) -> None:
    items = [(lab["expected"], corpus_page(dev, lab).read_bytes(), f"http://{lab['site']}{lab['path']}")
             for lab in labels]
    accuracy, misses = score(items, load_field_ok(shared_dir))
    mean = sum(accuracy.values()) / len(accuracy)
    low = {f: a for f, a in accuracy.items() if a < DEV_FIELD_FLOOR}
    assert mean >= DEV_MEAN_FLOOR and not low, f"mean {mean:.3f}, below floor: {low}\n" + "\n".join(misses)


def _url(site_dir: Path, file: Path) -> str:
    rel = "/" + file.relative_to(site_dir).as_posix()
    return f"http://{site_dir.name}{rel.removesuffix('index.html')}"


def test_dev_corpus_verdicts(dev: Path, labels: list[dict]) -> None:
    """Every labelled page is a review; every other HTML page (home, lists, imprint, news, drafts) is not."""
    reviews = {f"http://{lab['site']}{lab['path']}" for lab in labels}
    wrong = []
    for site_dir in sorted(p for p in (dev / "sites").iterdir() if p.is_dir()):
        for file in sorted(site_dir.rglob("*.html")):
            url = _url(site_dir, file)
            record = extract(file.read_bytes(), url)
            if record.is_review != (url in reviews):
                wrong.append(f"{url}: is_review={record.is_review} ({record.verdict})")
    assert len(reviews) == 24
    assert not wrong, "\n".join(wrong)


# generalization fixtures (tests/fixtures/general, written apart from the extractor): pinned at what the
# extractor reaches (1.000 on every field, every verdict right), rounded down a little
GENERAL_MEAN_FLOOR = 0.99
GENERAL_FIELD_FLOOR = 0.98  # 57 pages: one wrong value in a field is 0.982
GENERAL = Path(__file__).resolve().parent.parent / "fixtures" / "general"


# held-out set 2 (tests/fixtures/heldout2, 23 pages in 8 families, tuned on in session 2 round 5): pinned at
# what the extractor reaches (1.000 on every field, every verdict right), rounded down a little
HELDOUT2_MEAN_FLOOR = 0.99
HELDOUT2_FIELD_FLOOR = 0.94  # 18 review pages: one wrong value in a field is 0.944
HELDOUT2 = GENERAL.parent / "heldout2"


def _general_labels(folder: Path = GENERAL) -> list[dict]:
    return [{**json.loads(p.read_text(encoding="utf-8")), "_file": p.with_suffix(".html")}
            for p in sorted(folder.glob("*.json"))]


@pytest.mark.parametrize(("folder", "mean_floor", "field_floor", "least"), [
    (GENERAL, GENERAL_MEAN_FLOOR, GENERAL_FIELD_FLOOR, 20),
    (HELDOUT2, HELDOUT2_MEAN_FLOOR, HELDOUT2_FIELD_FLOOR, 18),
], ids=["general", "heldout2"])
def test_generalization_fixtures_field_accuracy(shared_dir: Path, folder: Path, mean_floor: float,
                                                field_floor: float, least: int) -> None:
    labels = [lab for lab in _general_labels(folder) if lab["is_review"]]
    assert len(labels) >= least
    items = [(lab["expected"], lab["_file"].read_bytes(), lab["url"]) for lab in labels]
    accuracy, misses = score(items, load_field_ok(shared_dir), [lab.get("alternatives") or {} for lab in labels])
    mean = sum(accuracy.values()) / len(accuracy)
    low = {f: a for f, a in accuracy.items() if a < field_floor}
    assert mean >= mean_floor and not low, f"mean {mean:.3f}, below floor: {low}\n" + "\n".join(misses)


@pytest.mark.parametrize("folder", [GENERAL, HELDOUT2], ids=["general", "heldout2"])
def test_generalization_fixtures_verdicts(folder: Path) -> None:
    wrong = []
    for lab in _general_labels(folder):
        record = extract(lab["_file"].read_bytes(), lab["url"])
        if record.is_review is not lab["is_review"]:
            wrong.append(f"{lab['_file'].name}: is_review={record.is_review} ({record.verdict})")
    assert not wrong, "\n".join(wrong)

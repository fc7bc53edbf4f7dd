"""The HTML report in headless Chromium: page text shows literally, no script runs, a screenshot is kept.

The page is the report of a real catalogue whose crawled titles carry markup and script.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from catalog import Catalog
from catalog.report import disambiguation, render
from tests.query.catalogue import RECORDS, build, record
from tests.report.records import EXTRA

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Would mark the DOM if any page-derived markup were executed.
PAYLOAD = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail("chromium is missing in CI (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install -y chromium); CI runs this test")


def _run(tmp_path: Path, *args: str) -> str:
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


SCRIPT = "<script>alert(1)</script>"
HOSTILE = [record("evil.example", "a", SCRIPT, year=2020, directors=["Eve Vil"], cast=[PAYLOAD]),
           record("evil.example", "b", SCRIPT, year=1960, directors=["Old Timer"])]


@pytest.fixture
def page(tmp_path: Path) -> Path:
    url = f"sqlite:///{tmp_path / 'catalog.db'}"
    build(url, RECORDS + EXTRA + HOSTILE)
    with Catalog(url) as cat:
        html = render(disambiguation(cat), "html")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_page_text_is_shown_literally_and_nothing_runs(tmp_path: Path, page: Path) -> None:
    dom = _run(tmp_path, "--dump-dom", page.as_uri())
    assert 'data-pwned="1"' not in dom  # the attribute the payload would set
    assert "&lt;img src=x onerror" in dom  # shown as text instead
    assert "<script" not in dom.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom  # the title is text in the DOM
    assert "Titles shared by several films" in dom


def test_screenshot_is_kept_as_artifact(tmp_path: Path, page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "disambiguation-report.png"
    shot.unlink(missing_ok=True)
    _run(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

"""`filmcat report disambiguation`: every format, --title, --output, bad input as one line."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import cli
from tests.query.catalogue import RECORDS, build, record

HOSTILE = record("evil.example", "x", "<script>alert(1)</script>", year=2020, directors=["<b>Bold</b> & Co"])
HOSTILE_TWIN = record("evil.example", "y", "<script>alert(1)</script>", year=1950, directors=["Someone Else"])


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('report') / 'catalog.db'}"
    build(url, RECORDS + [HOSTILE, HOSTILE_TWIN])
    return url


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json", "csv"])
def test_every_format(db: str, fmt: str) -> None:
    code, out, err = run("report", "disambiguation", "--format", fmt, "--db", db)
    assert code == 0, err
    assert "Sternfall" in out
    if fmt == "json":
        assert {g["key"] for g in json.loads(out)["shared_titles"]} == {"sternfall", "script alert 1 script"}
    if fmt == "csv":
        assert {r["section"] for r in csv.DictReader(io.StringIO(out))} == {"shared_title"}
    if fmt in ("html", "md"):
        assert "<script>" not in out


def test_title_filter_and_output_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    code, out, err = run("report", "disambiguation", "--title", "sternfall", "--format", "md",
                         "--output", str(target), "--db", db)
    assert code == 0 and out == "" and f"wrote {target}" in err
    text = target.read_text(encoding="utf-8")
    assert "# Disambiguation report — title “sternfall”" in text and "script" not in text


@pytest.mark.parametrize("args, message", [
    (["--title", "?!"], "--title"),
    (["--output", "/nonexistent-dir/x/report.html"], "cannot write"),
])
def test_bad_input_is_one_line(db: str, args: list[str], message: str) -> None:
    code, _, err = run("report", "disambiguation", *args, "--db", db)
    assert code != 0 and err.count("\n") == 1 and message in err


def test_unknown_format_is_refused_by_click(db: str) -> None:
    code, _, err = run("report", "disambiguation", "--format", "pdf", "--db", db)
    assert code == 2 and "Traceback" not in err


def test_a_full_disk_leaves_the_earlier_report_whole(db: str, tmp_path: Path) -> None:
    """Writing --output on a full disk fails with one line; the report written before stays intact."""
    import resource
    import signal
    import subprocess
    import sys

    target = tmp_path / "report.html"
    assert run("report", "disambiguation", "--format", "html", "--output", str(target), "--db", db)[0] == 0
    before = target.read_bytes()
    limit = 100_000

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    padded = ("import catalog.report as r; render = r.render; "
              f"r.render = lambda *a, **k: render(*a, **k) + ' ' * {2 * limit}; "
              "from scraper.cli import main; main()")
    proc = subprocess.run([sys.executable, "-c", padded, "report", "disambiguation", "--format", "html",
                           "--output", str(target), "--db", db], capture_output=True, text=True, timeout=60,
                          preexec_fn=small_disk, cwd=str(Path(__file__).resolve().parents[2]), check=False)
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "cannot write" in proc.stderr, proc.stderr
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left behind

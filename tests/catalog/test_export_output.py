"""`filmcat export … --output FILE` writes whole or not at all; a closed pipe ends an export quietly."""
from __future__ import annotations

import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.query.catalogue import build, record

ROOT = Path(__file__).resolve().parents[2]
FILMCAT = [sys.executable, "-c", "from scraper.cli import main; main()"]
REVIEWS = 600  # ≈ 150 KB of JSON lines: more than the small disk below holds
SMALL_DISK = 60_000


def run(*args: str, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG), as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(FILMCAT + list(args), capture_output=True, text=True, timeout=120, cwd=ROOT, check=False,
                          preexec_fn=small_disk if limit else None)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'catalog.db'}"
    build(url, [record(f"site{i % 3}.example", f"film-{i}", f"Film Nummer {i}", year=1990 + i % 30,
                       directors=[f"Regie Person{i}"]) for i in range(REVIEWS)])
    return url


@pytest.mark.parametrize("kind", ["reviews", "films"])
def test_output_file_holds_what_stdout_gets(db: str, tmp_path: Path, kind: str) -> None:
    target = tmp_path / f"{kind}.jsonl"
    done = run("export", kind, "--output", str(target), "--db", db)
    assert done.returncode == 0 and done.stdout == "" and f"wrote {target}" in done.stderr, done.stderr
    assert target.read_text(encoding="utf-8") == run("export", kind, "--db", db).stdout
    assert len(target.read_text(encoding="utf-8").splitlines()) == REVIEWS


def test_a_full_disk_leaves_the_earlier_export_whole(db: str, tmp_path: Path) -> None:
    target = tmp_path / "reviews.jsonl"
    target.write_text('{"earlier": true}\n', encoding="utf-8")
    done = run("export", "reviews", "--output", str(target), "--db", db, limit=SMALL_DISK)
    assert done.returncode == 1, done.stderr
    assert done.stderr.count("\n") == 1 and "cannot write" in done.stderr and "Traceback" not in done.stderr
    assert target.read_text(encoding="utf-8") == '{"earlier": true}\n'
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.jsonl"]  # no temporary file left behind


def test_an_unwritable_destination_is_one_line(db: str, tmp_path: Path) -> None:
    done = run("export", "films", "--output", str(tmp_path / "no" / "dir" / "films.jsonl"), "--db", db)
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "cannot write" in done.stderr, done.stderr


@pytest.mark.parametrize("args", [["export", "reviews"], ["export", "films"], ["report", "disambiguation"]])
def test_a_reader_that_stops_early_gets_no_traceback(db: str, args: list[str]) -> None:
    """`filmcat export reviews | head -1`: the export ends quietly when the pipe closes."""
    proc = subprocess.Popen(FILMCAT + args + ["--db", db], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=ROOT)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""

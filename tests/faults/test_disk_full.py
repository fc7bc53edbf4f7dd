"""The catalogue's disk fills up mid-crawl: one clear error, exit 1, nothing committed lost, the
database intact, and a later crawl with room completes."""
from __future__ import annotations

import random
import re
import resource
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from catalog import Catalog
from tests.httpserver import assert_no_traceback, page, run_cli, serve

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "corpus/dev/sites/reelverdict.net/2021/10/22/dune-2021-review/index.html"
WORDS = ["spice", "desert", "sand", "worm", "house", "atreides", "harkonnen", "mentat", "fremen", "prophecy", "score"]
PAGES = 60


def _site(shared_dir: Path) -> dict[str, str]:
    """PAGES distinct, long reviews (≈ 50 KB each) linked from one home page."""
    template = (shared_dir / TEMPLATE).read_text(encoding="utf-8")
    pages = {}
    for i in range(PAGES):
        rnd = random.Random(i)
        prose = "<p>" + " ".join(rnd.choice(WORDS) for _ in range(6000)) + "</p>"
        html = (template.replace("Dune (2021)", f"Sandfilm {i} (2021)").replace("dune-2021-review", f"sand-{i}")
                .replace("Denis Villeneuve", f"Regie{i} Person{i}").replace('<p class="rating">', prose + '<p class="rating">', 1))
        pages[f"/2021/10/22/sand-{i}/"] = html
    links = "".join(f'<li><a href="{p}">{p}</a></li>' for p in pages)
    pages["/"] = f"<!doctype html><html><head><title>Sand</title></head><body><ul>{links}</ul></body></html>"
    pages["/robots.txt"] = "User-agent: *\nDisallow:\n"
    return pages


def _limited_crawl(args: list[str], max_file_bytes: int) -> subprocess.CompletedProcess[str]:
    """`filmcat ARGS` whose files cannot grow past `max_file_bytes` (a full disk, as SQLite sees it)."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write over the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))

    cmd = [sys.executable, "-c", "from scraper.cli import main; main()", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=180, preexec_fn=limit, check=False)


def test_disk_full_mid_crawl_stops_cleanly_and_recrawl_completes(shared_dir: Path, tmp_path: Path) -> None:
    db_file = tmp_path / "catalog.db"
    db = f"sqlite:///{db_file}"
    with Catalog(db):
        pass  # the schema exists: the limit leaves room for about a dozen pages
    limit = db_file.stat().st_size + 600_000
    with serve() as srv:
        for path, body in _site(shared_dir).items():
            srv.routes[path] = page(body, ctype="text/plain" if path.endswith(".txt") else "text/html; charset=utf-8")
        start = ["--start-url", srv.origin + "/", "--set", "FILMCAT_WRITE_BATCH=2"]
        full = _limited_crawl(["crawl", "--db", db, *start], limit)
        assert_no_traceback(full.stderr)
        assert full.returncode == 1, full.stderr[-2000:]
        errors = [line for line in full.stderr.splitlines() if line.startswith("filmcat: error:")]
        assert any("accepts no more writes" in line for line in errors), full.stderr[-2000:]
        assert len(errors) <= 3, "\n".join(e[:200] for e in errors)   # said once, not once per page
        assert all(len(line) < 600 for line in errors)
        with sqlite3.connect(db_file) as conn:
            assert conn.execute("pragma integrity_check").fetchone() == ("ok",)
        with Catalog(db) as catalog:
            kept = {r["url"] for r in catalog.iter_reviews()}
        assert 0 < len(kept) < PAGES
        again = run_cli("crawl", "--db", db, *start)
        assert_no_traceback(again.stderr)
        assert again.returncode == 0, again.stderr[-2000:]
    with Catalog(db) as catalog:
        reviews = list(catalog.iter_reviews())
    urls = [r["url"] for r in reviews]
    assert len(urls) == len(set(urls)) == PAGES
    assert kept <= set(urls)


def test_full_or_readonly_database_is_unwritable_a_conflict_is_not(tmp_path: Path) -> None:
    from sqlalchemy import create_engine, event, exc, text

    from catalog.api import unwritable

    engine = create_engine(f"sqlite:///{tmp_path / 'x.db'}")
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA max_page_count=4"))
    with engine.begin() as conn:
        conn.execute(text("create table t (x text unique)"))
        conn.execute(text("insert into t values ('a')"))
    try:
        with engine.begin() as conn:
            conn.execute(text("insert into t values (:x)"), [{"x": str(i) * 500} for i in range(200)])
    except exc.OperationalError as err:
        assert unwritable(err)     # database or disk is full
    else:
        raise AssertionError("the page limit did not fill the database")
    try:
        with engine.begin() as conn:
            conn.execute(text("insert into t values ('a')"))
    except exc.IntegrityError as err:
        assert not unwritable(err)  # a lost race: worth running again
    engine.dispose()


def test_disk_full_on_a_recrawl_of_unchanged_pages_stops_once_and_fails_no_page(tmp_path: Path) -> None:
    """Every page answers 304: noting that is the only write per page. When those writes fail the
    crawl says so once and stops; no page is counted failed (they did not fail, the catalogue did)."""
    from tests.httpserver import conditional

    db_file = tmp_path / "catalog.db"
    db = f"sqlite:///{db_file}"
    with serve() as srv:
        links = "".join(f'<li><a href="/p{i}/">p{i}</a></li>' for i in range(40))
        srv.routes["/"] = conditional(f"<html><body><ul>{links}</ul></body></html>", '"home"')
        for i in range(40):
            srv.routes[f"/p{i}/"] = conditional(f"<html><head><title>Seite {i}</title></head><body><p>"
                                                + "Text " * 300 + "</p></body></html>", f'"v{i}"')
        srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")
        start = ["--start-url", srv.origin + "/"]
        first = run_cli("crawl", "--db", db, *start)
        assert first.returncode == 0, first.stderr[-2000:]
        # the -shm file (32 KB) fits, the -wal a few transactions: a start_run and some 304 notes
        again = _limited_crawl(["crawl", "--db", db, *start, "--set", "LOG_LEVEL=INFO"], 45_000)
    assert_no_traceback(again.stderr)
    assert again.returncode == 1, again.stderr[-2000:]
    errors = [line for line in again.stderr.splitlines() if line.startswith("filmcat: error:")]
    assert any("accepts no more writes" in line for line in errors), again.stderr[-2000:]
    assert len(errors) <= 2, "\n".join(e[:200] for e in errors)
    stats = dict(re.findall(r"'filmcat/(\w+)': (\d+)", again.stderr))  # Scrapy's closing stats (INFO)
    assert stats.get("catalogue_unwritable") == "1" and int(stats.get("not_modified", 0)) > 0, stats
    assert "failed" not in stats, stats
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("pragma integrity_check").fetchone() == ("ok",)

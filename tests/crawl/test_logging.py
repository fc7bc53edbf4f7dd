"""`run_crawl` honours LOG_FILE and LOG_LEVEL (scrapyd's per-job logs); a bad one is a one-line error."""
from __future__ import annotations

import random
from pathlib import Path

from catalog import Catalog
from tests.httpserver import assert_no_traceback, page, run_cli, serve


def test_log_file_gets_the_records_stderr_keeps_errors(tmp_path: Path) -> None:
    db, log = f"sqlite:///{tmp_path / 'c.db'}", tmp_path / "job.log"
    with serve(None, "127.0.0.94") as srv:
        srv.routes["/"] = page('<html><body><h1>Start</h1><a href="/gone/">x</a></body></html>')
        proc = run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread",
                       "--set", f"LOG_FILE={log}", "--set", "LOG_LEVEL=INFO")
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    text = log.read_text(encoding="utf-8")
    assert "Spider opened" in text and "Dumping Scrapy stats" in text and "INFO" in text
    assert "INFO" not in proc.stderr and "Spider opened" not in proc.stderr
    assert proc.stdout.startswith("run ")


def test_bad_log_settings_are_usage_errors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    for setting in (f"LOG_FILE={tmp_path / 'missing' / 'job.log'}", "LOG_LEVEL=LOUD"):
        proc = run_cli("crawl", "--db", db, "--start-url", "http://127.0.0.1:9/", "--set", setting)
        assert proc.returncode == 2, proc.stderr
        assert_no_traceback(proc.stderr)
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    with Catalog(db) as catalog:
        assert list(catalog.iter_runs()) == []   # no run was opened and left running


def test_download_handler_warnings_stay_off_stderr() -> None:
    """Scrapy's data-loss and warn-size warnings (the page's record says it) leave stderr at WARNING."""
    import logging

    from scraper.crawl import _ASKED_LEVEL, _not_recorded_elsewhere

    def rec(name: str, level: int) -> logging.LogRecord:
        return logging.LogRecord(name, level, __file__, 1, "Got data loss in http://x/", None, None)

    old = _ASKED_LEVEL[0]
    try:
        _ASKED_LEVEL[0] = logging.WARNING
        assert not _not_recorded_elsewhere(rec("scrapy.core.downloader.handlers.http11", logging.WARNING))
        assert not _not_recorded_elsewhere(rec("scrapy.core.downloader.handlers._base_streaming", logging.WARNING))
        assert _not_recorded_elsewhere(rec("scrapy.core.downloader.handlers.http11", logging.ERROR))
        assert _not_recorded_elsewhere(rec("scraper.pipelines", logging.WARNING))
        _ASKED_LEVEL[0] = logging.INFO   # LOG_LEVEL=INFO asked for them: shown
        assert _not_recorded_elsewhere(rec("scrapy.core.downloader.handlers.http11", logging.WARNING))
    finally:
        _ASKED_LEVEL[0] = old


def test_a_page_of_undecodable_bytes_adds_no_bare_library_warning(tmp_path: Path) -> None:
    """bs4's "Some characters could not be decoded, and were replaced with REPLACEMENT CHARACTER." came
    once per such page on stderr, without a URL, in the process or the extraction workers; the page's
    outcome is in the run record, as for every page."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    garbled = random.Random(6).randbytes(4000)   # an image or archive served as text/html; charset=utf-8
    with serve(None, "127.0.0.94") as srv:
        srv.routes["/"] = page('<html><body><h1>Start</h1><a href="/a/">a</a> <a href="/b/">b</a></body></html>')
        srv.routes["/a/"] = srv.routes["/b/"] = lambda h: h.reply(200, garbled, "text/html; charset=utf-8")
        for executor in ("thread", "process"):
            proc = run_cli("crawl", "--db", db, "--full", "--start-url", srv.origin + "/",
                           "--set", f"FILMCAT_EXTRACT_EXECUTOR={executor}", "--set", "FILMCAT_EXTRACT_WORKERS=1")
            assert_no_traceback(proc.stderr)
            assert proc.returncode == 0, proc.stderr
            assert "could not be decoded" not in proc.stderr, (executor, proc.stderr)
    with Catalog(db) as catalog:
        assert len(list(catalog.iter_runs())) == 2

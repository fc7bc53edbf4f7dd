"""`filmcat extract`: JSON on stdout, --explain, one-line errors."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from scraper.cli import cli

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "microdata_review.html"


def test_extract_prints_the_record() -> None:
    result = CliRunner().invoke(cli, ["extract", str(PAGE), "--url", "http://example.test:8080/film/x/"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["url"] == "http://example.test:8080/film/x/" and record["site"] == "example.test:8080"
    assert record["title"] and "is_review" not in record


def test_explain_shows_winners_and_losers() -> None:
    result = CliRunner().invoke(cli, ["extract", str(PAGE), "--url", "http://example.test/x", "--explain"])
    assert result.exit_code == 0
    assert "verdict" in result.stderr and "strategy" in result.stderr
    assert json.loads(result.stdout)["title"]


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "nope.html"), "--url", "http://x/"])
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "no such file" in result.stderr and "Traceback" not in result.stderr


def test_directory_and_bad_url_are_one_line_errors(tmp_path: Path) -> None:
    for args in (["extract", str(tmp_path), "--url", "http://x/"], ["extract", str(PAGE), "--url", "no-scheme"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code != 0 and result.stderr.count("\n") == 1, result.stderr


def test_missing_url_option_is_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", str(PAGE)])
    assert result.exit_code == 2


def test_binary_and_non_html_files_and_non_http_urls_are_refused(tmp_path: Path) -> None:
    """Probe 4, F7: an SQLite file gave a junk record (exit 0); ftp:// was accepted."""
    db = tmp_path / "x.db"
    db.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 64 + b'{"value": "horror"} <p>')
    text = tmp_path / "notes.txt"
    text.write_text("just some notes, no markup\n")
    utf16 = tmp_path / "utf16.html"   # UTF-16 without a byte-order mark is still a page
    utf16.write_bytes(PAGE.read_text(encoding="utf-8").encode("utf-16-le"))
    for path, url, words in ((db, "http://x/", "not an HTML page (binary data)"),
                             (text, "http://x/", "not an HTML page (no HTML markup)"),
                             (PAGE, "ftp://x/y", "scheme must be http or https")):
        result = CliRunner().invoke(cli, ["extract", str(path), "--url", url])
        assert result.exit_code == 1 and result.stderr.count("\n") == 1 and words in result.stderr, result.stderr
    assert CliRunner().invoke(cli, ["extract", str(utf16), "--url", "http://x/"]).exit_code == 0


def test_empty_db_url_and_unknown_reparse_site_are_errors(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["runs", "--db", ""])
    assert result.exit_code == 1 and "empty database URL" in result.stderr, result.stderr
    db = f"sqlite:///{tmp_path / 'c.db'}"
    result = CliRunner().invoke(cli, ["reparse", "--site", "nosuch.example", "--db", db])
    assert result.exit_code == 1 and "no stored pages of site 'nosuch.example'" in result.stderr, result.stderr
    from catalog import Catalog

    with Catalog(db) as catalog:
        assert list(catalog.iter_runs()) == []   # no empty reparse run recorded

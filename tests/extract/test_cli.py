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

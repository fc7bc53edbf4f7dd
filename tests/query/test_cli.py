"""`filmcat search` and `filmcat show`: output formats, exit codes, one-line errors.

Most cases run the click command in-process (each `filmcat` process spends ≈ 0.3 s importing
SQLAlchemy and the catalogue); the console script itself runs in the `script` cases.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from scraper.cli import cli
from tests.query.catalogue import build

FILMCAT = Path(sys.executable).with_name("filmcat")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


def script(*args: str) -> subprocess.CompletedProcess[str]:
    if not FILMCAT.exists():
        pytest.fail(f"{FILMCAT} is missing: run pip install -e . in the virtualenv")
    return subprocess.run([str(FILMCAT), *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The CLI is backend-neutral: one SQLite catalogue (the library tests cover PostgreSQL)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'catalog.db'}"
    build(url)
    assert "re-indexed" not in run("search", "x", "--db", url).stderr  # resolving brought the index up to date
    return url


def test_search_catches_up_with_changes_made_after_resolving(tmp_path: Path) -> None:
    from catalog import Catalog
    from tests.query.catalogue import RECORDS

    url = f"sqlite:///{tmp_path / 'catalog.db'}"
    build(url)
    with Catalog(url) as cat:  # a changed review, not yet resolved: its film is marked for re-indexing
        cat.upsert_review({**RECORDS[0], "cast": ["Lea Sommer", "Ina Wolf"]})
    assert "re-indexed 1 films" in run("search", "x", "--db", url).stderr
    assert "re-indexed" not in run("search", "x", "--db", url).stderr


def test_table_output(db: str) -> None:
    done = script("search", "maedchen", "am", "fluss", "--db", db)
    assert done.returncode == 0, done.stderr
    header, _rule, first = done.stdout.splitlines()[:3]
    assert header.split() == ["film_id", "title", "year", "directors", "score", "reviews"]
    assert "Das Maedchen am Fluss" in first and "2019" in first and first.rstrip().endswith("2")


def test_json_output_is_a_list_of_films(db: str) -> None:
    done = run("search", "sternfall", "--format", "json", "--sort", "year", "--db", db)
    films = json.loads(done.stdout)
    assert [f["year"] for f in films] == [2022, 2001]
    for key in ("film_id", "title", "original_title", "year", "directors", "score", "review_count"):
        assert key in films[0]


def test_csv_output_with_filters(db: str) -> None:
    done = run("search", "--genre", "drama", "--fsk", "12", "--min-score", "71", "--sort", "score",
               "--format", "csv", "--db", db)
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["title"] for r in rows] == ["Schindler's Garten", "Die Stille der Berge"]


def test_no_hits_is_not_an_error(db: str) -> None:
    done = run("search", "zzyzx", "--db", db)
    assert done.returncode == 0 and done.stdout.strip() == "no films found"


@pytest.mark.parametrize("args, message", [
    (["search", "--year", "next year"], "--year"),
    (["search", "--fsk", "21", "x"], "--fsk"),
    (["search", "--min-score", "1e999"], "--min-score"),
    (["search"], "search text or at least one filter"),
    (["search", "?!"], "no letters or digits"),
    (["show", "Kein solcher Film"], "no film matches"),
])
def test_bad_input_is_one_line_on_stderr(db: str, args: list[str], message: str) -> None:
    done = run(*args, "--db", db)
    assert done.returncode != 0
    assert done.stderr.count("\n") == 1 and message in done.stderr and "Traceback" not in done.stderr


def test_script_bad_input_is_one_line(db: str) -> None:
    done = script("show", "Kein solcher Film", "--db", db)
    assert done.returncode == 1
    assert done.stderr == "filmcat: error: no film matches 'Kein solcher Film'\n"


@pytest.mark.parametrize("query", ['"', "NEAR(", "-x", "*", "(", "'; DROP TABLE films; --"])
def test_fts_and_sql_syntax_never_escapes(db: str, query: str) -> None:
    done = run("search", "--", query, "--db", db)
    assert "Traceback" not in done.stderr
    assert done.returncode == 0 or done.stderr.startswith("filmcat: error:")


def test_show_lists_namesakes_instead_of_guessing(db: str) -> None:
    done = run("show", "Sternfall", "--db", db)
    assert done.returncode == 0
    assert "2 films are titled" in done.stdout and "(2001," in done.stdout and "(2022," in done.stdout


def test_show_one_film(db: str) -> None:
    done = run("show", "die", "stille", "der", "berge", "--db", db)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("Die Stille der Berge  [")
    assert "score: 72/100 from 2 of 2 reviews" in out
    assert "kino-b.example" in out and "stream.example" in out
    details = json.loads(run("show", "die stille der berge", "--format", "json", "--db", db).stdout)
    assert details["review_count"] == 2 and len(details["reviews"]) == 2


def test_unreachable_database_is_one_line(tmp_path: Path) -> None:
    done = script("search", "x", "--db", "postgresql://nobody@127.0.0.1:1/none")
    assert done.returncode != 0 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "titles"), [
    (["--genre", "Sci-Fi"], {"Sternfall"}),              # a page's spelling of the genre finds the slug
    (["--genre", "Science Fiction"], {"Sternfall"}),
    (["--platform", "im Kino", "--genre", "Drama"], {"Das Maedchen am Fluss"}),
    (["--genre", "Kriegsdrama"], {"Schindler's Garten"}),  # a compound genre needs both of its parts
    (["--genre", "Romantikkomödie"], {"Amélie aus dem Café"}),
    (["--genre", "Sci-Fi-Thriller"], set()),              # one Sternfall is sci-fi, the other a thriller
])
def test_filters_take_genre_and_platform_as_pages_write_them(db: str, args: list[str], titles: set[str]) -> None:
    done = run("search", *args, "--format", "json", "--db", db)
    assert done.returncode == 0, done.stderr
    assert {f["title"] for f in json.loads(done.stdout)} == titles

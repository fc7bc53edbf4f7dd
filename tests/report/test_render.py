"""Every report format renders the sample, keeps page text inert, and unknown formats are refused."""
from __future__ import annotations

import csv
import io
import json

import pytest

from catalog.errors import QueryError
from catalog.report import render
from catalog.report.render import FORMATS
from tests.report.sample import SCRIPT, sample_report


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_every_film(fmt: str) -> None:
    out = render(sample_report(), fmt)
    for film_id in ("f1", "f2", "f3", "f4"):
        assert film_id in out
    assert "\x1b" not in out  # terminal escapes from pages never pass through


def test_text_lists_differences_and_commands() -> None:
    out = render(sample_report(), "text")
    assert '"Nachtzug" — 2 films' in out
    assert "told apart by year: 2001 / 2019" in out
    assert "filmcat films merge f1 f2" in out
    assert "score 0.42" in out and "because year missing" in out


def test_html_escapes_page_text() -> None:
    out = render(sample_report(), "html")
    assert SCRIPT not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<script" not in out.lower()
    assert "http://" not in out.split("</head>")[0]  # no external assets


def test_markdown_escapes_page_text() -> None:
    out = render(sample_report(), "md")
    assert SCRIPT not in out
    assert "\\<script\\>" in out
    assert "Dee \\| Dow" in out  # a pipe in a name cannot split a table cell


def test_json_round_trips() -> None:
    data = json.loads(render(sample_report(), "json"))
    group = data["shared_titles"][0]
    assert [f["film_id"] for f in group["films"]] == ["f1", "f2"]
    assert group["films"][0]["review_count"] == 3
    assert group["films"][0]["reviews_per_site"] == {"a.example": 2, "b.example": 1}
    assert data["weak_links"][0]["review_title"] == SCRIPT  # data is kept as is; escaping is the renderer's


def test_csv_rows_and_formula_guard() -> None:
    rows = list(csv.DictReader(io.StringIO(render(sample_report(), "csv"))))
    assert [r["section"] for r in rows] == ["shared_title"] * 2 + ["weak_link"] + ["duplicate"] * 2
    assert rows[0]["reviews_per_site"] == "a.example 2; b.example 1"
    assert all(not r["title"].startswith("=") for r in rows)


def test_unknown_format_is_a_query_error() -> None:
    with pytest.raises(QueryError, match="unknown report format"):
        render(sample_report(), "pdf")

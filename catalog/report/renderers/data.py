"""JSON and CSV rendering of the disambiguation report (for scripts and spreadsheets)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from catalog.report.model import FilmFacts, Report
from catalog.report.renderers.common import clean

CSV_COLUMNS = ["section", "group", "film_id", "title", "original_title", "year", "directors",
               "platform", "cast", "reviews_per_site", "review_count", "score", "details", "command"]
# A cell starting with one of these is a formula to spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render_json(report: Report) -> str:
    """The report as one JSON document (UTF-8, not ASCII-escaped)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """The report as CSV: one row per film of a group, per weak link, per duplicate film."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in _rows(report):
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value: object) -> str:
    text = "" if value is None else clean(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _film(film: FilmFacts) -> dict[str, object]:
    return {"film_id": film.film_id, "title": film.title, "original_title": film.original_title,
            "year": film.year, "directors": "; ".join(film.directors), "platform": film.platform,
            "cast": "; ".join(film.cast), "review_count": film.review_count,
            "reviews_per_site": "; ".join(f"{s} {n}" for s, n in film.reviews_per_site)}


def _rows(report: Report) -> Iterator[dict[str, object]]:
    for group in report.shared_titles:
        for film in group.films:
            yield {"section": "shared_title", "group": group.title, **_film(film),
                   "details": "; ".join(group.differences), "command": group.merge_command}
    for link in report.weak_links:
        yield {"section": "weak_link", "group": link.review_url, "film_id": link.film_id,
               "title": link.film_title, "score": link.score, "details": "; ".join(link.reasons),
               "command": link.split_command}
    for n, pair in enumerate(report.duplicates, 1):
        for film in (pair.first, pair.second):
            yield {"section": "duplicate", "group": f"pair {n}", **_film(film), "score": round(pair.similarity, 1),
                   "details": "; ".join(pair.reasons), "command": pair.merge_command}

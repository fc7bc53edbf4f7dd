"""Formats query results for people and programs: aligned table, JSON, CSV, and a film sheet."""
from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Sequence

from catalog.errors import QueryError
from catalog.query.results import FilmDetails, FilmHit, ReviewLine

HIT_FORMATS = ("table", "json", "csv")
DETAIL_FORMATS = ("text", "json")
CSV_COLUMNS = ("film_id", "title", "original_title", "year", "directors", "genres", "fsk", "platform",
               "score", "rated_count", "review_count", "relevance", "matched_title")
COLUMN_WIDTH = {"title": 42, "directors": 28}   # characters before a cell is cut with "…"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_FORMULA_START = ("=", "+", "-", "@")           # spreadsheet formula starts (CSV injection)


def safe(value: object) -> str:
    """Page-derived text as one printable line."""
    return " ".join(_CONTROL.sub(" ", "" if value is None else str(value)).split())


def format_hits(hits: Sequence[FilmHit], fmt: str) -> str:
    """Search results as `table`, `json` (a list of films) or `csv`."""
    formatter: dict[str, Callable[[Sequence[FilmHit]], str]] = {"table": _table, "json": _json, "csv": _csv}
    if fmt not in formatter:
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(HIT_FORMATS)})")
    return formatter[fmt](hits)


def _json(hits: Sequence[FilmHit]) -> str:
    return json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2) + "\n"


def _csv(hits: Sequence[FilmHit]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for hit in hits:
        data = hit.to_dict()
        writer.writerow([_csv_cell(data[c]) for c in CSV_COLUMNS])
    return buffer.getvalue()


def _csv_cell(value: object) -> str:
    text = "; ".join(map(safe, value)) if isinstance(value, list) else safe(value)
    return "'" + text if text.startswith(_FORMULA_START) and not _is_number(text) else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _width(text: str) -> int:
    # East Asian wide characters take two terminal cells.
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, limit: int) -> str:
    while _width(text) > limit:
        text = text[:-2] + "…"
    return text


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def _table(hits: Sequence[FilmHit]) -> str:
    if not hits:
        return "no films found\n"
    header = ["film_id", "title", "year", "directors", "score", "reviews"]
    rows = [[safe(h.film_id), _cut(safe(h.title), COLUMN_WIDTH["title"]), safe(h.year or "–"),
             _cut(safe(", ".join(h.directors)) or "–", COLUMN_WIDTH["directors"]),
             "–" if h.score is None else f"{h.score:.0f}", str(h.review_count)] for h in hits]
    widths = [max(_width(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row, widths)).rstrip() for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def format_candidates(message: str, hits: Sequence[FilmHit]) -> str:
    """The films an ambiguous name could mean, and how to pick one."""
    lines = [safe(message) + ":"]
    for hit in hits:
        lines.append(f"  {safe(hit.film_id)}  {safe(hit.title)} ({safe(hit.year or '?')}, "
                     f"{safe(', '.join(hit.directors)) or 'director unknown'}, {_reviews(hit.review_count)})")
    lines.append("show one with: filmcat show FILM_ID")
    return "\n".join(lines) + "\n"


def _reviews(n: int) -> str:
    return "1 review" if n == 1 else f"{n} reviews"


def format_details(details: FilmDetails, fmt: str) -> str:
    """One film as a readable sheet (`text`) or JSON."""
    if fmt == "json":
        return json.dumps(details.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise QueryError(f"unknown format {fmt!r} (choose from {', '.join(DETAIL_FORMATS)})")
    score = "no rated reviews" if details.score is None else \
        f"{details.score:.0f}/100 from {details.rated_count} of {details.review_count} reviews"
    lines = [f"{safe(details.title)}  [{safe(details.film_id)}]", f"score: {score}"]
    if len(details.titles) > 1:
        lines.append("titles: " + " · ".join(safe(t) for t in details.titles))
    lines += ["", "facts:"] + [_fact_line(f.name, f.value, f.sources, f.conflicts) for f in details.facts]
    lines += ["", f"reviews ({details.review_count}):"] + [_review_line(r) for r in details.reviews]
    return "\n".join(lines) + "\n"


def _fact_line(name: str, value: object, sources: list[str], conflicts: list[str]) -> str:
    shown = ", ".join(map(safe, value)) if isinstance(value, list) else safe(value)
    line = f"  {name:<15} {shown or '–'}"
    if sources:
        line += f"   (from {', '.join(map(safe, sources))})"
    if conflicts:
        line += f"   conflicts: {'; '.join(map(safe, conflicts))}"
    return line


def _review_line(r: ReviewLine) -> str:
    rating = "unrated" if r.rating is None else f"{r.rating:.0f}/100"
    raw = f" ({safe(r.rating_raw)})" if r.rating_raw else ""
    date = safe(r.date or "undated")
    withdrawn = f"  [withdrawn {safe(r.withdrawn_since or '')}: {safe(r.withdrawn)}]" if r.withdrawn else ""
    return f"  {safe(r.site):<22} {date:<10}  {rating}{raw}  {safe(r.title)}  {safe(r.url)}{withdrawn}"

"""One entry point for every report format: `render(report, fmt) -> str`."""
from __future__ import annotations

from collections.abc import Callable

from catalog.errors import QueryError
from catalog.report.model import Report
from catalog.report.renderers.data import render_csv, render_json
from catalog.report.renderers.html import render_html
from catalog.report.renderers.markdown import render_markdown
from catalog.report.renderers.text import render_text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "md": render_markdown,
    "html": render_html,
    "json": render_json,
    "csv": render_csv,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str = "text") -> str:
    """The report in one of FORMATS."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise QueryError(f"unknown report format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return renderer(report)

"""HTML rendering of the disambiguation report: one self-contained, autoescaped page."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, select_autoescape

from catalog.report.model import Report
from catalog.report.renderers.common import NOTHING_APART, clean, or_dash, score_text

TEMPLATE = "disambiguation.html.j2"


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("catalog.report", "templates"),
        # Everything in the report came from crawled pages: escape it all, always.
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(clean=clean, or_dash=or_dash, score=score_text)
    env.globals["nothing_apart"] = NOTHING_APART
    return env


_ENV = _environment()


def render_html(report: Report) -> str:
    """The report as a standalone HTML document (inline CSS, no scripts, no external assets)."""
    return _ENV.get_template(TEMPLATE).render(report=report)

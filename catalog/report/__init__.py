"""The disambiguation report: `disambiguation(...)` builds the data, `render(report, fmt)` formats it."""
from __future__ import annotations

from catalog.report.build import disambiguation
from catalog.report.model import DuplicatePair, FilmFacts, Report, SharedTitle, WeakLink
from catalog.report.render import FORMATS, render

__all__ = ["FORMATS", "DuplicatePair", "FilmFacts", "Report", "SharedTitle", "WeakLink", "disambiguation",
           "render"]

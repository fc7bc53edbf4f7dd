"""Extraction: one pure function from page bytes to a ReviewRecord (see core.extract)."""
from __future__ import annotations

from scraper.extract.core import extract, site_of

__all__ = ["extract", "site_of"]

"""extract(html, url) -> ReviewRecord: decode, parse once, run the strategies, merge, judge. Never raises."""
from __future__ import annotations

import urllib.parse
from collections.abc import Mapping
from typing import Any

from scraper.extract.decode import clean_source, to_utf8, utf8_fallback
from scraper.extract.merge import group, winners
from scraper.extract.page import Page, build_page
from scraper.extract.strategies import FALLBACKS, STRATEGIES
from scraper.extract.text import shared_lines
from scraper.extract.verdict import judge
from scraper.record import Candidate, Rating, ReviewRecord

LIST_FIELDS = ("genres", "directors", "cast", "writers")


def site_of(url: str) -> str:
    """host[:port] of a URL (lower case), or "" for a malformed one."""
    try:
        parts = urllib.parse.urlsplit(url or "")
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        return ""
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return f"{host}:{port}" if port and port != default else host


def _candidates(page: Page) -> list[Candidate]:
    out: list[Candidate] = []
    for _, strategy in STRATEGIES:
        out.extend(strategy(page))
    for field, fallback in FALLBACKS:
        page.cache["titles"] = [c for c in out if c.field == "title"]  # fallbacks may read the film's title
        page.cache["fields"] = {c.field for c in out}
        page.cache["years"] = {c.value for c in out if c.field == "year"}  # the film's year(s) stated so far
        if field == "cast":  # the cast fallback leaves out the directors stated or found so far
            page.cache["directors"] = {n for c in out if c.field == "directors" for n in c.value}
        if field == "directors":  # the directors fallback leaves out the cast stated or found so far
            page.cache["cast_names"] = {n for c in out if c.field == "cast" for n in c.value}
        if not any(c.field == field for c in out):
            out.extend(fallback(page))
    return out


def _fill(record: ReviewRecord, won: dict[str, Candidate]) -> None:
    for field, cand in won.items():
        value = cand.value
        if field in LIST_FIELDS:
            value = list(value)
        elif field == "rating" and not isinstance(value, Rating):
            continue
        setattr(record, field, value)


def extract(html: bytes | str, url: str, headers: Mapping[Any, Any] | None = None) -> ReviewRecord:
    """The review record of one page; odd or broken input gives an empty record with is_review False."""
    record = ReviewRecord(url=str(url or ""), site=site_of(str(url or "")))
    try:
        body = html if html is not None else b""
        source, unchecked = to_utf8(body, headers)
        source = clean_source(source)  # NFC, no zero-width characters: for every strategy alike
        fallback = (lambda: clean_source(utf8_fallback(body, headers))) \
            if unchecked and isinstance(body, bytes) else None
        page = build_page(source, record.url, fallback)
        with shared_lines(page.main_lines, page.spans):  # the main content's lines are computed once
            cands = _candidates(page)
            grouped = group(cands)
            won = winners(grouped)
            _fill(record, won)
            record.winners, record.candidates = won, grouped
            record.is_review, record.verdict = judge(page, cands, won)
    except Exception as exc:  # noqa: BLE001 - the promise is "never raises": a page that trips a bug is
        # recorded as not extractable (the error type in the verdict) instead of stopping a crawl
        return ReviewRecord(url=record.url, site=record.site, verdict=f"extraction failed: {type(exc).__name__}")
    return record

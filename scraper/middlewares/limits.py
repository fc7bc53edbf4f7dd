"""Crawler-trap limits: per-site pages, link depth, query variants per path and per path pattern, repeating or overlong paths."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request

from scraper.middlewares.signals import CrawlLimit
from scraper.urls import origin

# A path segment seen this often in one path is a loop (/a/b/a/b/a/…, relative links gone wrong);
# twice is normal (/2015/01/01/…).
MAX_SEGMENT_REPEATS = 3
# A path segment that counts as a number in a path pattern: a calendar's or a pager's — a year (1900–2099),
# a month, day or page number (1–2 digits), a date (2024-05-01, 2024-05). Other digit runs (3+ digits
# that are no year) are ids and stay literal: /kritik/2023/1234/ is one review, not a calendar day.
NUMBER_SEGMENT = re.compile(r"\d{1,2}|(?:19|20)\d\d|(?:19|20)\d\d-\d{1,2}(?:-\d{1,2})?")
MIN_PATTERN_NUMBERS = 2     # /kritik/123/ or /seite/7/ is one number: never counted as a pattern


def path_pattern(path: str) -> str | None:
    """The path with its number segments as "#" (/kalender/2024/05/ → /kalender/#/#/), or None when
    it has fewer than MIN_PATTERN_NUMBERS of them (a plain id or page number is no calendar)."""
    segments = path.split("/")
    numbers = [bool(NUMBER_SEGMENT.fullmatch(seg)) for seg in segments]
    if sum(numbers) < MIN_PATTERN_NUMBERS:
        return None
    return "/".join("#" if number else seg for seg, number in zip(segments, numbers))


def path_trap(url: str, max_segments: int, max_length: int) -> str | None:
    """Why a URL looks like a crawler trap by its shape alone, or None."""
    if max_length and len(url) > max_length:
        return f"URL longer than {max_length} characters"
    segments = [s for s in urlsplit(url).path.split("/") if s]
    if max_segments and len(segments) > max_segments:
        return f"path deeper than {max_segments} segments"
    repeats = Counter(segments).most_common(1)
    if repeats and repeats[0][1] >= MAX_SEGMENT_REPEATS:
        return f"path repeats the segment {repeats[0][0][:40]!r} {repeats[0][1]} times"
    return None


class CrawlLimitsMiddleware:
    """Refuses requests past a site's limits, each with a reason the run records.

    Runs in the downloader, so it sees each URL once, after the duplicate filter: the
    counts are of distinct requests. Limits (0: none): FILMCAT_MAX_PAGES_PER_SITE,
    FILMCAT_MAX_DEPTH (links followed from a start URL or sitemap), FILMCAT_MAX_QUERY_VARIANTS
    (distinct query strings of one path: calendars, filters, session ids),
    FILMCAT_MAX_PATTERN_VARIANTS (distinct paths of one path pattern with two numbers or more:
    calendars in the path, /kalender/2024/05/ → /kalender/#/#/), and the shape limits
    FILMCAT_MAX_PATH_SEGMENTS / FILMCAT_MAX_URL_LENGTH.
    """

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.max_pages = settings.getint("FILMCAT_MAX_PAGES_PER_SITE")
        self.max_depth = settings.getint("FILMCAT_MAX_DEPTH")
        self.max_variants = settings.getint("FILMCAT_MAX_QUERY_VARIANTS")
        self.max_patterns = settings.getint("FILMCAT_MAX_PATTERN_VARIANTS")
        self.max_segments = settings.getint("FILMCAT_MAX_PATH_SEGMENTS")
        self.max_length = settings.getint("FILMCAT_MAX_URL_LENGTH")
        self.pages: Counter[str] = Counter()       # origin -> distinct page requests let through
        self.variants: Counter[str] = Counter()    # origin + path -> distinct query strings let through
        self.patterns: dict[str, set[int]] = {}    # origin + path pattern -> hashes of the paths let through

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlLimitsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        meta = request.meta
        if meta.get("filmcat_limits_checked") or meta.get("dont_obey_robotstxt") or meta.get("filmcat_sitemap"):
            return  # retries and robots.txt are not new pages; sitemaps are the site's own list
        reason = self._reason(request)
        if reason:
            raise CrawlLimit(f"not followed: {reason}")
        meta["filmcat_limits_checked"] = True

    def _reason(self, request: Request) -> str | None:
        url = request.url
        trap = path_trap(url, self.max_segments, self.max_length)
        if trap:
            return trap
        if self.max_depth and int(request.meta.get("depth") or 0) > self.max_depth:
            return f"link depth over {self.max_depth} (FILMCAT_MAX_DEPTH)"
        site = origin(url)
        if self.max_pages and self.pages[site] >= self.max_pages:
            return f"site page limit {self.max_pages} reached (FILMCAT_MAX_PAGES_PER_SITE)"
        parts = urlsplit(url)
        if parts.query and self.max_variants:
            key = site + parts.path
            if self.variants[key] >= self.max_variants:
                return f"over {self.max_variants} query variants of {parts.path[:80]} (FILMCAT_MAX_QUERY_VARIANTS)"
            self.variants[key] += 1
        pattern = path_pattern(parts.path) if self.max_patterns else None
        if pattern is not None:
            paths = self.patterns.setdefault(site + pattern, set())
            if hash(parts.path) not in paths and len(paths) >= self.max_patterns:
                return (f"over {self.max_patterns} paths of the pattern {pattern[:80]}"
                        " (FILMCAT_MAX_PATTERN_VARIANTS)")
            paths.add(hash(parts.path))
        self.pages[site] += 1
        return None

"""What the spider hands to the pipeline: a fetched page, a failure to record, or a page gone for good."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

# Set to True on the crawler by a pipeline that follows each page's links itself (the spider then
# leaves them); here, not in the spider, so extraction workers need not import Scrapy.
FOLLOWS_LINKS = "filmcat_follows_links"


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class PageItem:
    """One fetched HTML page, before extraction."""

    url: str                                   # canonical URL (the review's upsert key)
    status: int
    headers: dict[str, str]
    body: bytes
    sitemap_lastmod: str | None = None
    fetched_at: datetime = field(default_factory=_now)
    depth: int = 0                             # links followed from a start URL or sitemap entry


# The reason of a FailureItem for a URL robots.txt disallows; a stored review of it is marked withdrawn.
ROBOTS_DISALLOWED = "disallowed by robots.txt"


@dataclass
class FailureItem:
    """A URL that could not be fetched or used, with the reason and its counter."""

    url: str
    reason: str
    counter: str = "failed"                    # which run count it adds to


@dataclass
class RetireItem:
    """A URL fetched in this run that is gone (404/410) or moved permanently (301/308) on its site:
    its stored review, if any, is retired when the crawl ends (Catalog.retire_reviews)."""

    url: str
    reason: str                                # "gone: HTTP 410", "moved permanently to <url>"
    successor: str | None = None               # the moved page's new URL (crawled in this run)


@dataclass(frozen=True)
class ExtractResult:
    """What the extraction worker sends back: small and picklable (no candidates)."""

    record: dict                               # the contract review record
    is_review: bool
    verdict: str
    error: str = ""                            # set when extraction itself broke


def extract_page(body: bytes, url: str, headers: dict[str, str]) -> ExtractResult:
    """Run the extractor on one page (in a worker process or thread); never raises."""
    try:
        from scraper.extract import extract

        rec = extract(body, url, headers)
        return ExtractResult(rec.to_dict(), bool(rec.is_review), str(rec.verdict or ""))
    except Exception as exc:  # noqa: BLE001 - a broken extractor must not lose the page: it is recorded as failed
        return ExtractResult({"url": url}, False, "", f"{type(exc).__name__}: {exc}"[:300])


def warm_up() -> bool:
    """Import the extractor in a fresh worker so the first page does not pay for it."""
    import scraper.extract  # noqa: F401

    return True

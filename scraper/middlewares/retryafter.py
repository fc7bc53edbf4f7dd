"""Honour Retry-After on 429/503: the host is backed off before RetryMiddleware retries."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from scrapy import Request
from scrapy.http import Response

from scraper.middlewares.throttle import HostDelays
from scraper.normalize.dates import http_date
from scraper.pipelines import count

BACKOFF_STATUSES = (429, 503)


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or an HTTP date), None if unusable."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    when = http_date(text)
    if when is None:
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


TOO_LONG_META = "filmcat_retry_after_too_long"   # request meta: the Retry-After (s) not waited for
RETRIES_META = "filmcat_retry_after"   # request meta: (retries so far, seconds waited so far)


class RetryAfterMiddleware:
    """On 429/503 wait as the server asks (up to FILMCAT_RETRY_AFTER_MAX), or give up at once.

    A 429/503 that names its Retry-After is retried here, up to FILMCAT_RETRY_AFTER_TIMES times
    and FILMCAT_RETRY_AFTER_MAX seconds of waiting in all per request, without using up the error
    retries (RETRY_TIMES: 1 on loopback): the server said when to come back. Past that budget, or
    without a usable Retry-After, RetryMiddleware's own retries apply as to any error.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.maximum = crawler.settings.getfloat("FILMCAT_RETRY_AFTER_MAX")
        self.default = crawler.settings.getfloat("FILMCAT_RETRY_AFTER_DEFAULT")
        self.times = crawler.settings.getint("FILMCAT_RETRY_AFTER_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response | Request:
        if response.status not in BACKOFF_STATUSES:
            return response
        asked = retry_after_seconds(response.headers.get(b"Retry-After"))
        wait = self.default if asked is None else asked
        if wait > self.maximum:
            # the host wants a longer pause than a crawl should sit idle: fail this page, no retry
            request.meta["dont_retry"] = True
            request.meta[TOO_LONG_META] = wait  # the failure's reason says so (scraper.spiders.failures)
            count(self.crawler, "retry_after_too_long")
            return response
        delays = HostDelays.for_crawler(self.crawler)
        delays.back_off(delays.slot_key(request), wait)
        count(self.crawler, "retry_after")
        retries, waited = request.meta.get(RETRIES_META, (0, 0.0))
        if asked is not None and retries < self.times and waited + wait <= self.maximum \
                and not request.meta.get("dont_retry"):
            again = request.copy()
            again.meta[RETRIES_META] = (retries + 1, waited + wait)
            again.dont_filter = True
            count(self.crawler, "retry_after_retries")
            return again  # RetryMiddleware (after this one) does not see it: its budget is kept
        return response

"""Turn a failed request into (run counter, one-line reason) for the run record."""
from __future__ import annotations

import gzip
import zlib

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from scraper.download import HeadersTooLarge, UnsupportedTransferEncoding
from scraper.items import ROBOTS_DISALLOWED
from scraper.middlewares.signals import (
    CrawlLimit,
    CrawlStopped,
    NotModified,
    OffOrigin,
    OffOriginLink,
    PageBudgetSpent,
    PartialContent,
    RobotsUnreachable,
)

# What Scrapy's HttpCompressionMiddleware raises for a body its Content-Encoding does not fit.
DECODING_ERRORS: tuple[type[BaseException], ...] = (gzip.BadGzipFile, zlib.error, EOFError)
try:
    import brotli

    DECODING_ERRORS += (brotli.error,)
except (ImportError, AttributeError):  # brotli is optional for Scrapy
    pass
try:  # Scrapy decodes zstd with the standard library's module (3.14) or its backport
    from compression import zstd  # type: ignore[import-not-found]

    DECODING_ERRORS += (zstd.ZstdError,)
except (ImportError, AttributeError):
    try:
        from backports import zstd  # type: ignore[import-not-found,no-redef]

        DECODING_ERRORS += (zstd.ZstdError,)
    except (ImportError, AttributeError):
        pass
UNDECODABLE = "body does not decode as its Content-Encoding says"

# (exception type, counter, reason); first match wins, so subclasses come first.
KNOWN_FAILURES: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], str | None, str], ...] = (
    (NotModified, None, ""),                       # already counted as not modified
    (OffOriginLink, None, ""),                     # already counted as an off-site link
    (PageBudgetSpent, None, ""),                   # --max-pages reached: the crawl is stopping
    (CrawlStopped, None, ""),                      # a stop signal: the request was never sent
    (OffOrigin, "offsite_redirects", "redirect leaves the site"),
    (CrawlLimit, "not_followed", "crawl limit"),
    (DECODING_ERRORS, "failed", UNDECODABLE),
    (DownloadTimeoutError, "failed", "timed out"),
    (DownloadConnectionRefusedError, "failed", "connection refused"),
    (CannotResolveHostError, "failed", "host name does not resolve"),
    (ResponseDataLossError, "failed", "response truncated (body shorter than announced)"),
    (DownloadCancelledError, "failed", "response too large (DOWNLOAD_MAXSIZE)"),
    (DownloadFailedError, "failed", "download failed"),
    (ConnectionError, "failed", "connection lost"),
    (TimeoutError, "failed", "timed out"),
)


def classify_failure(failure: Failure) -> tuple[str | None, str]:
    """The run counter a failure adds to (None: nothing to record) and its reason."""
    exc = failure.value
    if isinstance(exc, HttpError):
        request = getattr(failure, "request", None) or getattr(exc.response, "request", None)
        waited = request.meta.get("filmcat_retry_after_too_long") if request is not None else None
        if waited is not None:  # scraper.middlewares.retryafter gave up at once
            return "failed", (f"HTTP {exc.response.status} (Retry-After {waited:g} s is over "
                              "FILMCAT_RETRY_AFTER_MAX: not waited for)")
        if exc.response.status == 304:  # scraper.middlewares.incremental counts a 304 that answers validators
            return "failed", "HTTP 304 (Not Modified) to a request that sent no validators"
        return "failed", f"HTTP {exc.response.status}"
    if isinstance(exc, RobotsUnreachable):  # its message is the reason: "robots.txt unreachable: …"
        return "robots_forbidden", _one_line(str(exc))
    if isinstance(exc, PartialContent):  # a piece of a page: no verdict on the page, a rejection
        return "rejected", _one_line(str(exc))
    if (large := _cause(exc, HeadersTooLarge)) is not None:  # scraper.download: Twisted's limits, named
        return "failed", f"response headers too large ({_one_line(str(large))})"
    if (coding := _cause(exc, UnsupportedTransferEncoding)) is not None:
        return "failed", _one_line(str(coding))
    for kind, counter, reason in KNOWN_FAILURES:
        if isinstance(exc, kind):
            return counter, _with_detail(reason, exc)
    if isinstance(exc, IgnoreRequest):
        text = str(exc)
        if "robots.txt" in text:
            return "robots_forbidden", ROBOTS_DISALLOWED
        if text.startswith("bad redirect: "):  # RedirectLoopMiddleware: the reason follows
            return "failed", _one_line(text.removeprefix("bad redirect: "))
        if text.startswith("redirect loop: "):  # RedirectLoopMiddleware: the chain came back to itself
            return "failed", f"redirect loop (back to {text.removeprefix('redirect loop: back to ')})"
        if "max redirections" in text:  # Scrapy's RedirectMiddleware: a chain longer than REDIRECT_MAX_TIMES
            return "failed", f"too many redirects (over {_redirect_max(failure)})"
        if "larger than" in text or "maxsize" in text.lower():
            return "failed", "response too large after decompression (DOWNLOAD_MAXSIZE)"
        return "failed", f"ignored: {_one_line(text)}"
    return "failed", f"{type(exc).__name__}: {_one_line(str(exc))}"


def _redirect_max(failure: Failure) -> int | str:
    request = getattr(failure, "request", None)
    hops = len(request.meta.get("redirect_urls") or []) if request is not None else 0
    return hops or "REDIRECT_MAX_TIMES"


def _with_detail(reason: str, exc: BaseException) -> str:
    detail = _one_line(_underlying(exc) or str(exc))
    return f"{reason} ({detail})" if detail and len(detail) < 200 else reason


def _cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    """An exception of `kind` among the Failures Twisted's ResponseFailed holds (behind Scrapy's
    DownloadFailedError), or None."""
    reasons = getattr(exc.__cause__, "reasons", None) or getattr(exc, "reasons", None)
    for reason in reasons if isinstance(reasons, list) else ():
        value = getattr(reason, "value", reason)
        if isinstance(value, kind):
            return value
    return None


def _underlying(exc: BaseException) -> str:
    """What Twisted's ResponseFailed (behind Scrapy's DownloadFailedError) holds: its list of
    Failures, as "Kind: message" — not the list's repr ("[<twisted.python.failure.Failure …>]")."""
    reasons = getattr(exc.__cause__, "reasons", None) or getattr(exc, "reasons", None)
    if not isinstance(reasons, list):
        return ""
    parts = []
    for reason in reasons:
        value = getattr(reason, "value", reason)
        text = _one_line(str(value)) if isinstance(value, BaseException) else ""
        parts.append(f"{type(value).__name__}: {text}" if text else type(value).__name__)
    return "; ".join(dict.fromkeys(parts))


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]

"""All crawl settings with their documented defaults (polite), plus the fast loopback profile."""
from __future__ import annotations

from typing import Any

BOT_NAME = "filmcat"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# --- identity -------------------------------------------------------------------------------
# Where site owners can read what the bot does and how to reach its operator.
FILMCAT_CONTACT_URL = "https://github.com/filmcat/filmcat#crawler"
USER_AGENT = f"filmcat/0.1 (+{FILMCAT_CONTACT_URL})"
# The token matched against robots.txt User-agent groups.
ROBOTSTXT_USER_AGENT = "filmcat"

# --- politeness -------------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"  # RFC 9309 longest match
DOWNLOAD_DELAY = 1.0                     # seconds between requests to one host
DOWNLOAD_DELAY_JITTER = 0.5              # ±50 % so requests do not tick like a clock
CONCURRENT_REQUESTS = 16                 # over all hosts
CONCURRENT_REQUESTS_PER_DOMAIN = 1
CONCURRENT_REQUESTS_PER_IP = 0           # 0: per-domain limit applies
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0           # seconds
AUTOTHROTTLE_MAX_DELAY = 60.0            # seconds
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
FILMCAT_CRAWL_DELAY_MAX = 60.0           # robots.txt Crawl-delay is honoured up to this (s)
FILMCAT_RETRY_AFTER_MAX = 300.0          # Retry-After is honoured up to this (s); longer → give up
FILMCAT_RETRY_AFTER_DEFAULT = 30.0       # back-off (s) on 429/503 without a usable Retry-After
FILMCAT_PAGE_LINKS_MAX = 10_000         # links followed from one page at most (0: all); the rest counted
FILMCAT_RETRY_AFTER_TIMES = 3            # retries of a 429/503 naming its Retry-After, besides RETRY_TIMES

# --- limits -----------------------------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30                    # seconds per request
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024      # bytes after decompression; a review page is < 1 MB
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024      # bytes
RETRY_ENABLED = True
RETRY_TIMES = 2
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
REDIRECT_MAX_TIMES = 10
DEPTH_LIMIT = 0                          # no depth limit: sites are confined by origin
FILMCAT_MAX_PAGES = 0                    # --max-pages: page requests sent at most (scraper/middlewares/budget.py; 0: no limit)
# Crawler traps (scraper/middlewares/limits.py); a refused URL is recorded with its reason. 0: no limit.
FILMCAT_MAX_PAGES_PER_SITE = 200_000     # distinct page requests per origin (per process with a frontier)
FILMCAT_MAX_DEPTH = 1000                 # links followed from a start URL or sitemap entry; "next page" chains of
                                         # big archives run deep (5000 posts, 20 a page: 250), calendars forever
FILMCAT_MAX_QUERY_VARIANTS = 1000        # distinct query strings of one path (calendars, filters)
# Distinct paths of one pattern with ≥ 2 number segments (/kalender/#/#/: calendars in the path);
# 20 years of monthly archives are 240, ids (/kritik/12345/) are never counted (docs/crawling.md).
FILMCAT_MAX_PATTERN_VARIANTS = 1000
FILMCAT_MAX_PATH_SEGMENTS = 24           # /a/b/c/… segments of one path
FILMCAT_MAX_URL_LENGTH = 2000            # characters; Scrapy's own URLLENGTH_LIMIT dropped silently
URLLENGTH_LIMIT = 0                      # off: FILMCAT_MAX_URL_LENGTH records what it refuses
FILMCAT_ROBOTS_MAXSIZE = 500 * 1024      # bytes of robots.txt parsed (RFC 9309 2.5: at least 500 KiB)
FILMCAT_SITEMAP_MAXSIZE = 50 * 1024 * 1024  # bytes of a (decompressed) sitemap, the protocol's limit
FILMCAT_SITEMAP_MAX_URLS = 50_000  # URLs taken from one sitemap (or index), the protocol's limit
FILMCAT_SITEMAP_WAIT = 60.0              # seconds the start URLs wait for the sitemaps to be read

# --- engine -----------------------------------------------------------------------------------
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TELNETCONSOLE_ENABLED = False
COOKIES_ENABLED = False                  # review pages need no session
LOG_LEVEL = "WARNING"
LOG_INSTALL_ROOT_HANDLER = False         # scraper.crawl installs a one-line handler (no tracebacks)
LOGSTATS_INTERVAL = 0
DOWNLOADER = "scraper.middlewares.downloader.PerHostLimitDownloader"  # keeps the per-host limit at delay 0
SCHEDULER_PRIORITY_QUEUE = "scrapy.pqueues.DownloaderAwarePriorityQueue"  # fair across sites
HTTPERROR_ALLOW_ALL = False
MEMUSAGE_ENABLED = False

# --- incremental crawling ----------------------------------------------------------------------
FILMCAT_CONDITIONAL_REQUESTS = True      # send If-None-Match / If-Modified-Since from stored pages
FILMCAT_TRUST_SITEMAP_LASTMOD = True     # skip a page whose sitemap lastmod is not newer than stored
FILMCAT_REVISIT_STORED = True           # at the end, ask for stored reviews of the sites that no link or sitemap led to
FILMCAT_LASTMOD_TRUST_DAYS = 7.0         # ... but only if fetched or confirmed (304) within this many days (0: always)
FILMCAT_FULL_RECRAWL = False             # fetch and extract everything (set after an interrupted run)

# --- catalogue ----------------------------------------------------------------------------------
FILMCAT_DB_URL = None                    # set by scraper.crawl.run_crawl
FILMCAT_RUN_ID = None                    # the run this crawl records into
FILMCAT_RESOLVE = True                   # resolve films when the spider closes
FILMCAT_HEARTBEAT = 30.0                 # seconds between run heartbeats (0: none)
# A running run of another host not heard from for this long (s) is taken for dead (interrupted);
# runs of this host are judged by their process id instead. Four missed beats at the default.
FILMCAT_HEARTBEAT_STALE = 120.0

# --- extraction off the reactor ---------------------------------------------------------------
FILMCAT_EXTRACT_EXECUTOR = "process"     # "process" (a pool) or "thread"
FILMCAT_EXTRACT_WORKERS = 0              # 0: one per CPU
FILMCAT_EXTRACT_NICE = 0                 # >0: worker processes run nicer than the reactor (idle CPU only)
FILMCAT_EXTRACT_BATCH = 16              # pages per hand-over to a worker
FILMCAT_EXTRACT_BATCH_DELAY = 0.005      # seconds a hand-over waits for more pages
# glibc malloc arenas of the crawl process (0: glibc's default, 8 per core). The reactor, catalogue,
# DNS and pool threads each got an arena of their own, and their fragmentation grew the process
# by ≈ 9 MiB per 1000 pages; two arenas keep it ≈ flat (docs/crawling.md, Memory).
FILMCAT_MALLOC_ARENA_MAX = 2
FILMCAT_WRITE_BATCH = 50                 # reviews per catalogue transaction

# --- progress ---------------------------------------------------------------------------------
FILMCAT_PROGRESS = "auto"                # "auto" (rich on a terminal, lines otherwise), "lines", "off"
FILMCAT_PROGRESS_INTERVAL = 2.0          # seconds between progress lines

# --- components (order = priority) ------------------------------------------------------------
SPIDER_MIDDLEWARES = {
    "scraper.middlewares.origin.CanonicalOriginSpiderMiddleware": 800,
}
DOWNLOADER_MIDDLEWARES = {
    # before robots (100): off-origin requests (e.g. redirect targets) never reach the network
    "scraper.middlewares.origin.OriginDownloaderMiddleware": 60,
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    # Scrapy's, except that a robots.txt download error disallows the site (RFC 9309 2.3.1.4)
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.middlewares.robots.ObeyRobotsTxtMiddleware": 100,
    # after robots (only fetchable pages count against a site's limits), before incremental
    "scraper.middlewares.limits.CrawlLimitsMiddleware": 110,
    # after robots, so skipped pages are never even considered for a conditional request
    "scraper.middlewares.incremental.IncrementalMiddleware": 120,
    # --max-pages: counts what goes to the network (after the incremental skip)
    "scraper.middlewares.budget.PageBudgetMiddleware": 125,
    # after RetryMiddleware (550) in process_response order: a robots.txt 5xx left after retries
    "scraper.middlewares.robots.RobotsUnreachableMiddleware": 540,
    # process_response after the robots one: a 206 to a request without Range is refused (a piece of a page)
    "scraper.middlewares.partial.PartialContentMiddleware": 530,
    # process_response runs high → low: see 429/503 before RetryMiddleware (550) retries them
    "scraper.middlewares.retryafter.RetryAfterMiddleware": 560,
    # process_response before HttpCompressionMiddleware (590): `identity` is no coding to decode or warn about
    "scraper.middlewares.identity.IdentityEncodingMiddleware": 595,
    # process_response after HttpCompressionMiddleware (590): gzip it left (unlabelled, or twice) is unpacked
    "scraper.middlewares.gzipped.UnlabelledGzipMiddleware": 585,
    # process_response before RedirectMiddleware (600): a loop is reported, not silently deduplicated
    "scraper.middlewares.origin.RedirectLoopMiddleware": 610,
    # last before the network: after a stop signal nothing new is sent (scraper.middlewares.stopping)
    "scraper.middlewares.stopping.StopMiddleware": 990,
}
# Scrapy's HTTP/1.1 handler, with a response header too large named as such (not "ConnectionDone")
DOWNLOAD_HANDLERS = {"http": "scraper.download.HTTPDownloadHandler", "https": "scraper.download.HTTPDownloadHandler"}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "scraper.middlewares.throttle.PoliteThrottle": 0,
    "scraper.middlewares.progress.Progress": 10,
    "scraper.middlewares.heartbeat.Heartbeat": 20,
}
ITEM_PIPELINES = {
    "scraper.pipelines.CatalogPipeline": 300,
}

# --- the fast profile: every start URL on loopback (tests, demo, scoring) ----------------------
LOOPBACK_SETTINGS: dict[str, Any] = {
    "DOWNLOAD_DELAY": 0.0,
    "DOWNLOAD_DELAY_JITTER": 0.0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_TIMES": 1,
    # our own back-off default only: what a site asks (Crawl-delay, Retry-After) is honoured as anywhere
    "FILMCAT_RETRY_AFTER_DEFAULT": 0.5,
    "FILMCAT_SITEMAP_WAIT": 10.0,
}


def as_dict() -> dict[str, Any]:
    """Every upper-case setting of this module (the crawl's base settings)."""
    return {k: v for k, v in globals().items() if k.isupper() and k != "LOOPBACK_SETTINGS"}


# --- checking a user's override (`filmcat crawl --set NAME=VALUE`) ------------------------------
# Settings whose number may be negative (Scrapy's priority adjustments, e.g. RETRY_PRIORITY_ADJUST=-1).
_SIGNED = ("PRIORITY",)
# Settings that must be at least 1 (a concurrency of 0 or less never fetches and never ends).
_AT_LEAST_ONE = ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_ITEMS")


def known_defaults() -> dict[str, Any]:
    """Every setting name Scrapy or filmcat defines, with its default value."""
    from scrapy.settings import default_settings as scrapy_defaults

    from scraper import distributed  # the shared frontier's settings are read there, with these defaults

    known = {k: v for k, v in vars(scrapy_defaults).items() if k.isupper()}
    known.update(as_dict())
    known.update(LOOPBACK_SETTINGS)
    known.update({"FILMCAT_FRONTIER_LEASE_TTL": distributed.LEASE_TTL, "FILMCAT_FRONTIER_HEARTBEAT": distributed.HEARTBEAT,
                  "FILMCAT_FRONTIER_KEEP": distributed.KEEP, "FILMCAT_FRONTIER_PREFETCH": 0,
                  "FILMCAT_FRONTIER_SLOT_PREFETCH": 0, "FILMCAT_FRONTIER_NAMESPACE": None})
    return known


def check_override(name: str, value: Any) -> tuple[Any, str | None]:
    """`value` (a boolean spelt as text made a bool), and a warning for a name nobody defines; InputError (one
    line) for a value of the wrong type or out of range. Numbers and booleans are checked against the default's
    type; a name of another extension (scrapy-redis' REDIS_URL …) passes with a warning."""
    import difflib

    from scraper.errors import InputError

    known = known_defaults()
    if name not in known:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.8)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return value, f"setting {name} is not a Scrapy or filmcat setting{hint}; passed on as given"
    default = known[name]
    if isinstance(default, bool):
        if isinstance(value, bool) or value in (0, 1):
            return bool(value), None
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no", "on", "off"):
            return value.strip().lower() in ("true", "yes", "on"), None
        raise InputError(f"bad --set {name}={value!r}: expected true or false")
    if isinstance(default, (int, float)) and not isinstance(value, bool):
        # whole or not is the reader's business: Scrapy reads DOWNLOAD_TIMEOUT (default 180) with getfloat
        if not isinstance(value, (int, float)):
            raise InputError(f"bad --set {name}={value!r}: expected a number")
        if name in _AT_LEAST_ONE and value < 1:
            raise InputError(f"bad --set {name}={value!r}: must be at least 1")
        if value < 0 and default >= 0 and not any(part in name for part in _SIGNED):
            raise InputError(f"bad --set {name}={value!r}: must not be negative")
        return value, None
    return value, None

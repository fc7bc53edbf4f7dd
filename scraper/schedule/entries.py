"""A scheduled crawl: which site, when, on which backend, and the command line that runs it."""
from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from scraper.errors import InputError
from scraper.schedule.timing import CronExpr, interval_as_cron, parse_cron, parse_interval

BACKENDS = ("local", "scrapyd")
DEFAULT_PROJECT = "filmcat"
DEFAULT_SCRAPYD = "http://127.0.0.1:6800/"
KEY_RE = re.compile(r"[^a-z0-9]+")


def site_key(site: str) -> str:
    """A file-name-safe name of the site (lock files, unit names, scrapyd job ids)."""
    bare = site.strip().lower().split("://", 1)[-1].rstrip("/")
    key = KEY_RE.sub("-", bare).strip("-")
    if not key:
        raise InputError(f"bad site {site!r}")
    return key


def is_url(site: str) -> bool:
    return "://" in site


def validate_site(site: str) -> str:
    """A start URL, or the name of a known site profile; InputError otherwise."""
    if is_url(site):
        from scraper.urls import validate_start_url

        return validate_start_url(site)
    from scraper.profiles import get_profiles

    get_profiles([site])
    return site.strip()


def site_origin(site: str) -> str:
    """host[:port] of the site, as crawl runs record it."""
    from scraper.urls import site_of

    if is_url(site):
        return str(site_of(site))
    from scraper.profiles import get_profiles

    return str(site_of(get_profiles([site])[0].origin))


@dataclass(frozen=True)
class Entry:
    """One scheduled crawl of one site."""

    site: str
    every: str | None = None          # interval such as 6h
    cron: str | None = None           # or a 5-field cron expression
    backend: str = "local"            # local: a `filmcat crawl` process here; scrapyd: a scrapyd job
    db: str | None = None             # catalogue URL (None: $FILMCAT_DB where the crawl runs)
    scrapyd_url: str | None = None    # one node, or several separated by commas (with a frontier)
    project: str = DEFAULT_PROJECT
    frontier: str | None = None       # redis://… shared by the crawls of several nodes

    def __post_init__(self) -> None:
        if self.every is not None and self.cron is not None:
            raise InputError("give either --every INTERVAL or --cron EXPRESSION, not both")
        if self.backend not in BACKENDS:
            raise InputError(f"unknown backend {self.backend!r}: use one of {', '.join(BACKENDS)}")
        if len(self.scrapyd_urls) > 1 and not self.frontier:
            raise InputError("several scrapyd nodes crawl one site together only through a shared "
                             "frontier: add --frontier redis://…")
        if self.every is not None:
            parse_interval(self.every)
        elif self.cron is not None:
            parse_cron(self.cron)

    def require_timing(self) -> Entry:
        """The entry, if it says when to run (an entry without timing only serves `schedule run`)."""
        if self.every is None and self.cron is None:
            raise InputError("say when: --every INTERVAL (e.g. 6h) or --cron EXPRESSION (e.g. \"15 3 * * *\")")
        return self

    @property
    def scrapyd_urls(self) -> list[str]:
        return [u.strip() for u in (self.scrapyd_url or "").split(",") if u.strip()] or [DEFAULT_SCRAPYD]

    @property
    def key(self) -> str:
        return site_key(self.site)

    @property
    def when(self) -> str:
        if self.every:
            return f"every {self.every}"
        return f"cron {self.cron}" if self.cron else "unscheduled"

    def seconds(self) -> int | None:
        return parse_interval(self.every) if self.every else None

    def cron_expr(self) -> CronExpr:
        """The cron form of the schedule (InputError for intervals cron cannot express)."""
        return parse_cron(self.cron) if self.cron else parse_cron(interval_as_cron(self.seconds() or 0, self.key))

    def to_json(self) -> str:
        data = {k: v for k, v in asdict(self).items() if v not in (None, "")}
        if data.get("project") == DEFAULT_PROJECT:
            del data["project"]
        return json.dumps(data, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Entry:
        try:
            data = json.loads(text)
            return cls(**data).require_timing()
        except (json.JSONDecodeError, TypeError) as exc:
            raise InputError(f"unreadable schedule entry {text[:80]!r}: {exc}") from None

    def run_command(self, executable: str | None = None) -> list[str]:
        """argv of `filmcat schedule run` for this entry (what cron or systemd starts)."""
        argv = [executable or filmcat_executable(), "schedule", "run", self.site, "--backend", self.backend]
        if self.db:
            argv += ["--db", self.db]
        if self.frontier:
            argv += ["--frontier", self.frontier]
        if self.backend == "scrapyd":
            for url in self.scrapyd_urls:
                argv += ["--scrapyd-url", url]
            argv += ["--project", self.project]
        return argv

    def next_run(self, after: datetime, last_start: datetime | None) -> datetime:
        """When the entry fires next after `after` (intervals cron cannot express: last start + interval)."""
        try:
            return self.cron_expr().next_after(after)
        except InputError:
            if last_start is None:
                return after
            return max(after, last_start + timedelta(seconds=self.seconds() or 0))


def filmcat_executable() -> str:
    """Absolute path of the `filmcat` script of this environment (cron's PATH is minimal)."""
    beside = Path(sys.executable).parent / "filmcat"
    if beside.exists():
        return str(beside)
    found = shutil.which("filmcat")
    if found:
        return str(Path(found).resolve())
    raise InputError("cannot find the `filmcat` program to schedule (is filmcat installed?)")

"""Site profiles: known review sites as data (sites.toml), loaded into SiteProfile objects."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from scraper.errors import InputError
from scraper.urls import origin, validate_start_url

PROFILE_FILE = "sites.toml"
# Where a profile's URL patterns come from: seen in stored copies of the site's pages or in public
# code naming its URLs, or only the publicly known scheme; "" (unstated) for user profiles.
SOURCES = ("seen", "public", "")


@dataclass(frozen=True)
class SiteProfile:
    """How to crawl one known site: where to start and which URLs are worth following."""

    name: str
    title: str
    start_urls: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    review: tuple[re.Pattern[str], ...] = ()   # URL paths of review pages (fetched first)
    follow: tuple[re.Pattern[str], ...] = ()   # URL paths worth following; empty: every same-origin path
    deny: tuple[re.Pattern[str], ...] = ()     # URL paths never followed (search, feeds, user pages)
    notes: str = ""
    crawl_delay: float | None = None           # seconds, when the site asks for more than robots.txt says
    source: str = ""                           # "seen" (URLs confirmed in stored copies or public code) or "public"
    checked: str = ""                          # when and against what the patterns were last checked
    extra: dict[str, str] = field(default_factory=dict)

    def provenance(self) -> str:
        """Where the patterns come from, short: "seen, checked 2026-12-01" (or "unstated")."""
        when = self.checked.split(":", 1)[0].strip() if self.checked else ""
        return ", ".join(x for x in (self.source or "unstated", f"checked {when}" if when else "") if x)

    @property
    def origin(self) -> str:
        return origin(self.start_urls[0])

    def allows(self, path: str) -> bool:
        """Whether a same-origin URL path should be followed on this site."""
        if any(p.search(path) for p in self.deny):
            return False
        return not self.follow or any(p.search(path) for p in self.follow) or self.is_review(path)

    def is_review(self, path: str) -> bool:
        return any(p.search(path) for p in self.review)


def _patterns(name: str, key: str, values: list[str]) -> tuple[re.Pattern[str], ...]:
    try:
        return tuple(re.compile(v) for v in values)
    except re.error as exc:
        raise InputError(f"profile {name}: bad {key} pattern: {exc}") from None


def _profile(name: str, raw: dict) -> SiteProfile:  # type: ignore[type-arg]
    starts = tuple(validate_start_url(u) for u in raw.get("start_urls", []))
    if not starts:
        raise InputError(f"profile {name}: no start_urls")
    delay = raw.get("crawl_delay")
    source = str(raw.get("source", ""))
    if source not in SOURCES:
        raise InputError(f"profile {name}: source must be one of {', '.join(s for s in SOURCES if s)}, not {source!r}")
    return SiteProfile(
        name=name, title=str(raw.get("title", name)), start_urls=starts,
        sitemaps=tuple(validate_start_url(u) for u in raw.get("sitemaps", [])),
        review=_patterns(name, "review", raw.get("review", [])),
        follow=_patterns(name, "follow", raw.get("follow", [])),
        deny=_patterns(name, "deny", raw.get("deny", [])),
        notes=str(raw.get("notes", "")), crawl_delay=float(delay) if delay is not None else None,
        source=source, checked=str(raw.get("checked", "")),
    )


def parse_profiles(text: str) -> dict[str, SiteProfile]:
    """Profiles from TOML text: one [sites.<name>] table per site."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"site profiles: {exc}") from None
    return {name: _profile(name, raw) for name, raw in sorted(data.get("sites", {}).items())}


def load_profiles(extra: str | Path | None = None) -> dict[str, SiteProfile]:
    """The profiles shipped with filmcat, by name; those of the TOML file `extra` add or replace."""
    profiles = parse_profiles(files(__name__).joinpath(PROFILE_FILE).read_text(encoding="utf-8"))
    if extra:
        try:
            text = Path(extra).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read site profiles {extra}: {exc}") from None
        profiles.update(parse_profiles(text))
    return profiles


def get_profiles(names: list[str], extra: str | Path | None = None) -> list[SiteProfile]:
    """The named profiles (a name may also be a host such as www.filmstarts.de), or InputError."""
    known = load_profiles(extra)
    by_host = {p.origin.split("://", 1)[1]: p for p in known.values()}
    out = []
    for name in names:
        key = name.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/")
        prof = known.get(key) or by_host.get(key) or by_host.get(f"www.{key}")
        if prof is None:
            raise InputError(f"unknown site {name!r} (see `filmcat sites`)")
        out.append(prof)
    return out

"""Periodic crawls per site: entries kept in a crontab block or systemd units, run locally or on scrapyd."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from scraper.errors import InputError
from scraper.schedule.crontab import CrontabTarget
from scraper.schedule.entries import Entry, site_key, validate_site
from scraper.schedule.systemd import SystemdTarget

__all__ = ["CrontabTarget", "Entry", "SystemdTarget", "Target", "add_entry", "open_target", "remove_entry"]


class Target(Protocol):
    """Where schedule entries live and fire from."""

    def describe(self) -> str: ...
    def entries(self) -> list[Entry]: ...
    def save(self, entries: list[Entry]) -> None: ...


def open_target(crontab_file: Path | None = None, systemd_dir: Path | None = None,
                log_dir: Path | None = None, executable: str | None = None) -> Target:
    """The crontab file, the systemd unit folder, or (neither given) the user's crontab."""
    if crontab_file is not None and systemd_dir is not None:
        raise InputError("give either --crontab-file or --systemd-dir, not both")
    if systemd_dir is not None:
        return SystemdTarget(systemd_dir, executable)
    return CrontabTarget(crontab_file, executable, log_dir)


def add_entry(target: Target, entry: Entry) -> tuple[Entry, bool]:
    """Add the entry, or replace the site's existing one; returns (entry, replaced)."""
    entry.require_timing()
    validate_site(entry.site)
    if isinstance(target, CrontabTarget):
        entry.cron_expr()  # intervals cron cannot run evenly are refused before anything is written
    others = [e for e in target.entries() if e.key != entry.key]
    replaced = len(others) != len(target.entries())
    target.save([*others, entry])
    return entry, replaced


def remove_entry(target: Target, site: str) -> Entry:
    """Remove the site's entry; InputError when it has none."""
    key = site_key(site)
    entries = target.entries()
    found = [e for e in entries if e.key == key]
    if not found:
        raise InputError(f"no schedule entry for {site!r} in {target.describe()}")
    target.save([e for e in entries if e.key != key])
    return found[0]


def find_entry(target: Target, site: str) -> Entry | None:
    key = site_key(site)
    return next((e for e in target.entries() if e.key == key), None)

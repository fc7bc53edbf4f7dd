"""Schedule status: per entry, the last crawl run recorded in the catalogue and the next firing time."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scraper.errors import InputError
from scraper.schedule.entries import Entry, site_origin


@dataclass
class EntryStatus:
    """One schedule entry with what the catalogue knows about its runs."""

    entry: Entry
    site: str                          # host[:port] as runs record it
    next_run: datetime
    last_run: dict[str, Any] | None    # the newest crawl run of the site
    running: bool                      # a run of the site has status "running"

    def as_dict(self) -> dict[str, Any]:
        last = self.last_run or {}
        return {
            "site": self.entry.site, "origin": self.site, "schedule": self.entry.when,
            "backend": self.entry.backend, "next_run": self.next_run.isoformat(timespec="minutes"),
            "running": self.running, "last_run_id": last.get("id"), "last_status": last.get("status"),
            "last_started": _iso(last.get("started_at")), "last_finished": _iso(last.get("finished_at")),
            "last_counts": last.get("counts") or {}, "last_error": last.get("error"),
        }


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return _aware(value).isoformat(timespec="seconds")
    return str(value) if value else None


def _aware(value: datetime) -> datetime:
    # SQLite hands timestamps back without their zone; the catalogue stores UTC
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _origin(entry: Entry) -> str:
    try:
        return site_origin(entry.site)
    except InputError:  # a profile that no longer exists: still show the entry
        return entry.site


def statuses(entries: Iterable[Entry], runs: Iterable[dict[str, Any]],
             now: datetime | None = None) -> list[EntryStatus]:
    """Join entries with crawl runs (oldest first, as Catalog.iter_runs() yields them)."""
    now = now or datetime.now(UTC).astimezone()
    by_site: dict[str, list[dict[str, Any]]] = {}
    for run in runs:
        if run.get("kind") == "crawl":
            for site in run.get("sites") or []:
                by_site.setdefault(site, []).append(run)
    out = []
    for entry in entries:
        origin = _origin(entry)
        history = by_site.get(origin, [])
        last = history[-1] if history else None
        started = _aware(last["started_at"]) if last and isinstance(last.get("started_at"), datetime) else None
        out.append(EntryStatus(entry, origin, entry.next_run(now, started), last,
                               any(r.get("status") == "running" for r in history)))
    return out


def status_line(status: EntryStatus) -> str:
    """One tab-separated line for `filmcat schedule status`."""
    data = status.as_dict()
    if data["last_run_id"] is None:
        last = "never ran"
    else:
        counts = data["last_counts"]
        shown = ", ".join(f"{k} {counts[k]}" for k in ("fetched", "reviews_new", "reviews_changed", "failed")
                          if k in counts)
        last = (f"last run {data['last_run_id']} {data['last_status']} "
                f"{data['last_started']} → {data['last_finished'] or '…'}" + (f" ({shown})" if shown else ""))
    now = "running now" if status.running else f"next {data['next_run']}"
    return f"{status.entry.site}\t{status.entry.when}\t{status.entry.backend}\t{now}\t{last}"

"""Run one scheduled crawl now: a locked local `filmcat crawl` process, or a job submitted to scrapyd."""
from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from scraper.errors import CrawlError, InputError
from scraper.schedule.entries import Entry, filmcat_executable, is_url
from scraper.schedule.scrapyd import ScrapydClient

JOB_SEPARATOR = "__"  # scrapyd job ids are <site key>__<UTC time>; keys never contain "__"


STOPPED_SIGNALS = (signal.SIGINT, signal.SIGTERM)
STOPPED_CODES = tuple(128 + s for s in STOPPED_SIGNALS)   # `filmcat crawl` stopped by one: 130, 143


@dataclass
class Outcome:
    """What `schedule run` did: started (and how it ended), or skipped because a run is going on."""

    status: str               # finished | stopped | failed | skipped | submitted
    message: str
    exit_code: int = 0


def default_lock_dir() -> Path:
    """$FILMCAT_LOCK_DIR, else a per-user folder in $XDG_RUNTIME_DIR or the temp dir."""
    if os.environ.get("FILMCAT_LOCK_DIR"):
        return Path(os.environ["FILMCAT_LOCK_DIR"])
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"filmcat-locks-{os.getuid()}"


@contextmanager
def site_lock(lock_dir: Path, key: str) -> Iterator[TextIO | None]:
    """flock on <lock_dir>/<key>.lock: yields the locked file, or None (at once) when another run holds it.

    The kernel drops the lock when its holder dies, so a killed run never blocks the next one.
    """
    try:
        lock_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(lock_dir / f"{key}.lock", "a+")  # noqa: SIM115 - held for the whole run
    except OSError as exc:
        raise InputError(f"cannot create the lock file in {lock_dir}: {exc}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield None
            return
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")  # for people: who holds it
        handle.flush()
        # no explicit unlock: closing our descriptor keeps a crawl that inherited it locked
        yield handle


def crawl_argv(entry: Entry, executable: str | None = None) -> list[str]:
    """`filmcat crawl` for the entry's site: --start-url for a URL, the profile name otherwise."""
    argv = [executable or filmcat_executable(), "crawl"]
    argv += ["--start-url", entry.site] if is_url(entry.site) else [entry.site]
    if entry.db:
        argv += ["--db", entry.db]
    if entry.frontier:
        argv += ["--frontier", entry.frontier]
    return argv


def run_local(entry: Entry, lock_dir: Path | None = None, executable: str | None = None) -> Outcome:
    """One crawl process for the site, unless the previous run of that site still holds the lock."""
    lock_dir = lock_dir or default_lock_dir()
    with site_lock(lock_dir, entry.key) as lock:
        if lock is None:
            return Outcome("skipped", f"{entry.site}: the previous run is still going "
                                      f"(lock {lock_dir / (entry.key + '.lock')}); not started")
        started = time.monotonic()
        try:
            # the crawl inherits the locked descriptor: the lock lasts while either process lives
            code = subprocess.call(crawl_argv(entry, executable), pass_fds=(lock.fileno(),))
        except OSError as exc:
            raise CrawlError(f"cannot start filmcat crawl: {exc}") from None
        took = time.monotonic() - started
        if code in STOPPED_CODES or -code in STOPPED_SIGNALS:  # a stop signal (also to this process group)
            return Outcome("stopped", f"{entry.site}: crawl stopped by a signal after {took:.0f} s "
                                      f"(exit status {code})", code)
        if code != 0:
            return Outcome("failed", f"{entry.site}: crawl exited with status {code} after {took:.0f} s", code)
        return Outcome("finished", f"{entry.site}: crawl finished in {took:.0f} s")


def scrapyd_args(entry: Entry) -> dict[str, str]:
    """Spider arguments of the job (read by scraper.schedule.scrapyd_runner)."""
    args = {"start_urls": entry.site} if is_url(entry.site) else {"sites": entry.site}
    if entry.db:
        args["db"] = entry.db
    if entry.frontier:
        args["frontier"] = entry.frontier
    return args


def run_scrapyd(entry: Entry) -> Outcome:
    """Submit a job for the site to every node that is not still running or holding one of its jobs."""
    jobid = f"{entry.key}{JOB_SEPARATOR}{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}"
    submitted, skipped = [], []
    for client in (ScrapydClient(url) for url in entry.scrapyd_urls):
        jobs = client.jobs(entry.project)
        busy = [str(j.get("id")) for j in jobs["pending"] + jobs["running"]
                if str(j.get("id", "")).startswith(entry.key + JOB_SEPARATOR)]
        if busy:
            skipped.append(f"job {busy[0]} still pending or running on {client.base}")
            continue
        client.schedule(entry.project, jobid, scrapyd_args(entry))
        submitted.append(client.base)
    if not submitted:
        return Outcome("skipped", f"{entry.site}: {'; '.join(skipped)}; not submitted")
    note = f" ({'; '.join(skipped)})" if skipped else ""
    return Outcome("submitted", f"{entry.site}: scrapyd job {jobid} submitted to {', '.join(submitted)}{note}")


def run_entry(entry: Entry, lock_dir: Path | None = None) -> Outcome:
    if entry.backend == "scrapyd":
        return run_scrapyd(entry)
    return run_local(entry, lock_dir)

"""`filmcat schedule`: add, list, remove and inspect periodic crawls; run one; deploy to scrapyd."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from scraper.cli.common import db_option, db_url, one_line_errors

BACKEND_CHOICE = click.Choice(["local", "scrapyd"])


def _target_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option("--systemd-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
                        help="Keep entries as systemd .timer/.service units in this folder.")(func)
    return click.option("--crontab-file", type=click.Path(path_type=Path, dir_okay=False), default=None,
                        help="Keep entries in this crontab file instead of the user's crontab.")(func)


def _scrapyd_options(func: Callable[..., Any]) -> Callable[..., Any]:
    from scraper.schedule.entries import DEFAULT_PROJECT, DEFAULT_SCRAPYD

    func = click.option("--project", default=DEFAULT_PROJECT, show_default=True,
                        help="scrapyd project name.")(func)
    return click.option("--scrapyd-url", "scrapyd_urls", multiple=True, default=[DEFAULT_SCRAPYD],
                        show_default=True, metavar="URL",
                        help="scrapyd node (repeatable: every node gets the job; needs --frontier).")(func)


frontier_option = click.option("--frontier", metavar="URL", default=None,
                               help="Share the crawl frontier through Redis (redis://host:port/db).")


def _safe(url: str | None) -> str | None:
    from catalog.db import safe_url

    return safe_url(url) if url else None


def _safe_frontier(url: str | None) -> str | None:
    from scraper.distributed import redact

    return redact(url) if url else None


@click.group("schedule")
def schedule_group() -> None:
    """Periodic crawls per site (cron or systemd timers; run locally or on scrapyd)."""


@schedule_group.command("add")
@click.argument("site")
@click.option("--every", metavar="INTERVAL", default=None, help="Interval: 30m, 6h, 1d, 1w, 1h30m.")
@click.option("--cron", metavar="EXPR", default=None, help='Cron expression, e.g. "15 3 * * *" or @daily.')
@click.option("--backend", type=BACKEND_CHOICE, default="local", show_default=True,
              help="local: a `filmcat crawl` process here; scrapyd: a job on a scrapyd server.")
@_scrapyd_options
@frontier_option
@click.option("--log-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="crontab: append each run's output to <dir>/<site>.log.")
@_target_options
@db_option
@one_line_errors
def add_cmd(site: str, every: str | None, cron: str | None, backend: str, scrapyd_urls: tuple[str, ...],
            project: str, frontier: str | None, log_dir: Path | None, crontab_file: Path | None,
            systemd_dir: Path | None, db: str | None) -> None:
    """Schedule crawls of SITE (a profile name or start URL); replaces its existing entry."""
    from scraper.schedule import Entry, SystemdTarget, add_entry, open_target

    entry = Entry(site=site, every=every, cron=cron, backend=backend, db=db, frontier=frontier,
                  scrapyd_url=",".join(scrapyd_urls) if backend == "scrapyd" else None, project=project)
    target = open_target(crontab_file, systemd_dir, log_dir)
    entry, replaced = add_entry(target, entry)
    click.echo(f"{'updated' if replaced else 'added'}: {entry.site} {entry.when} ({entry.backend}) "
               f"in {target.describe()}")
    if isinstance(target, SystemdTarget):
        click.echo(f"enable with: {target.enable_hint(entry)}")


@schedule_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
@_target_options
@one_line_errors
def list_cmd(as_json: bool, crontab_file: Path | None, systemd_dir: Path | None) -> None:
    """List scheduled crawls: site, schedule, backend, catalogue."""
    from scraper.schedule import open_target

    for entry in open_target(crontab_file, systemd_dir).entries():
        db = _safe(entry.db) or "$FILMCAT_DB"
        if as_json:
            data = json.loads(entry.to_json())
            data.update(db=_safe(entry.db), frontier=_safe_frontier(entry.frontier))
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            shared = f"\tfrontier {_safe_frontier(entry.frontier)}" if entry.frontier else ""
            click.echo(f"{entry.site}\t{entry.when}\t{entry.backend}\t{db}{shared}")


@schedule_group.command("remove")
@click.argument("site")
@_target_options
@one_line_errors
def remove_cmd(site: str, crontab_file: Path | None, systemd_dir: Path | None) -> None:
    """Remove the scheduled crawl of SITE."""
    from scraper.schedule import open_target, remove_entry

    target = open_target(crontab_file, systemd_dir)
    entry = remove_entry(target, site)
    click.echo(f"removed: {entry.site} {entry.when} from {target.describe()}")


@schedule_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per entry.")
@_target_options
@db_option
@one_line_errors
def status_cmd(as_json: bool, crontab_file: Path | None, systemd_dir: Path | None, db: str | None) -> None:
    """Next and last run of every scheduled site (last runs from the catalogue's run records)."""
    from catalog import Catalog
    from scraper.cli.crawl import stale_after
    from scraper.crawl import current_runs
    from scraper.schedule import open_target
    from scraper.schedule.status import status_line, statuses

    entries = open_target(crontab_file, systemd_dir).entries()
    by_db: dict[str, list[Any]] = {}
    for entry in entries:
        by_db.setdefault(entry.db or db_url(db), []).append(entry)
    for url, group in by_db.items():
        with Catalog(url, reading=True) as catalog:
            runs = current_runs(catalog, stale_after())
        for status in statuses(group, runs):
            click.echo(json.dumps(status.as_dict(), default=str, ensure_ascii=False) if as_json
                       else status_line(status))


@schedule_group.command("run")
@click.argument("site")
@click.option("--backend", type=BACKEND_CHOICE, default="local", show_default=True)
@_scrapyd_options
@frontier_option
@click.option("--lock-dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Folder of the per-site lock files (default: $FILMCAT_LOCK_DIR or a per-user temp folder).")
@db_option
@one_line_errors
def run_cmd(site: str, backend: str, scrapyd_urls: tuple[str, ...], project: str, frontier: str | None,
            lock_dir: Path | None, db: str | None) -> None:
    """Run one scheduled crawl of SITE now (what cron and systemd start); skips if one is still going."""
    from scraper.schedule import Entry
    from scraper.schedule.runner import run_local, run_scrapyd

    entry = Entry(site=site, backend=backend, db=db, scrapyd_url=",".join(scrapyd_urls), project=project,
                  frontier=frontier)
    outcome = run_scrapyd(entry) if backend == "scrapyd" else run_local(entry, lock_dir)
    click.echo(f"{outcome.status}: {outcome.message}", err=outcome.exit_code != 0)
    if outcome.exit_code:
        sys.exit(outcome.exit_code)


@schedule_group.command("deploy")
@_scrapyd_options
@click.option("--version", "version", default=None, help="Version label (default: filmcat version + time).")
@one_line_errors
def deploy_cmd(scrapyd_urls: tuple[str, ...], project: str, version: str | None) -> None:
    """Deploy the project to each scrapyd node (scrapyd-deploy builds and uploads the egg)."""
    from scraper.schedule.scrapyd import deploy, redact

    for url in scrapyd_urls:
        done = deploy(url, project, version)
        click.echo(f"deployed {project} {done} to {redact(url)}")


@schedule_group.command("jobs")
@_scrapyd_options
@one_line_errors
def jobs_cmd(scrapyd_urls: tuple[str, ...], project: str) -> None:
    """List the pending, running and finished jobs of the project on each scrapyd node."""
    from scraper.schedule.scrapyd import ScrapydClient

    for url in scrapyd_urls:
        client = ScrapydClient(url)
        for state, jobs in client.jobs(project).items():
            for job in jobs:
                click.echo(f"{job.get('id')}\t{state}\t{job.get('start_time') or '-'}\t"
                           f"{job.get('end_time') or '-'}\t{client.base}")


@schedule_group.command("cancel")
@click.argument("jobid")
@_scrapyd_options
@one_line_errors
def cancel_cmd(jobid: str, scrapyd_urls: tuple[str, ...], project: str) -> None:
    """Cancel a pending or running scrapyd job (on each node given)."""
    from scraper.schedule.scrapyd import ScrapydClient

    for url in scrapyd_urls:
        ScrapydClient(url).cancel(project, jobid)
        click.echo(f"cancelled {jobid} on {ScrapydClient(url).base}")


def register(group: click.Group) -> None:
    group.add_command(schedule_group)

"""`filmcat crawl`, `filmcat sites`, `filmcat runs` and `filmcat reparse`."""
from __future__ import annotations

import json
import sys
from typing import Any

import click

from scraper.cli.common import db_option, db_url, fail, one_line_errors
from scraper.errors import InputError
from scraper.settings import check_override


def _setting_pairs(values: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for item in values:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip().isidentifier() or not name.strip().isupper():
            raise InputError(f"bad --set {item!r}: expected NAME=VALUE with an upper-case setting name")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        out[name.strip()], warning = check_override(name.strip(), value)  # InputError: a usage error
        if warning:
            click.echo(f"filmcat: warning: {warning}", err=True)
    return out


@click.command("crawl")
@click.argument("sites", nargs=-1, metavar="[SITE]...")
@click.option("--start-url", "start_urls", multiple=True, metavar="URL",
              help="Crawl the site of this URL (same scheme, host and port); repeatable.")
@click.option("--frontier", metavar="URL", default=None,
              help="Share the crawl frontier through Redis (redis://host:port/db).")
@click.option("--full", is_flag=True, help="Fetch and extract every page, ignoring stored state.")
@click.option("--max-pages", type=click.IntRange(min=0), default=0,
              help="Stop after N page requests (robots.txt and sitemaps not counted; 0: no limit).")
@click.option("--profiles", "profiles_file", metavar="FILE", default=None,
              help="Extra site profiles (TOML, as scraper/profiles/sites.toml).")
@click.option("--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy/filmcat setting (VALUE as JSON, else text); repeatable.")
@db_option
@one_line_errors
def crawl_cmd(sites: tuple[str, ...], start_urls: tuple[str, ...], frontier: str | None, full: bool,
              max_pages: int, profiles_file: str | None, overrides: tuple[str, ...], db: str | None) -> None:
    """Crawl review sites (by --start-url or profile name) into the catalogue, then resolve films."""
    from scraper.crawl import run_crawl

    try:  # bad names, URLs, settings or profile files are usage errors
        settings = _setting_pairs(overrides)
        if max_pages:
            settings["FILMCAT_MAX_PAGES"] = max_pages
        if frontier:
            from scraper.distributed import frontier_settings

            settings.update(frontier_settings(frontier))
        summary = run_crawl(list(start_urls), db_url(db), settings=settings, profiles=list(sites), full=full,
                            profiles_file=profiles_file)
    except InputError as exc:
        fail(str(exc), 2)
    finish(summary)


def finish(summary: Any) -> None:
    """Print the run's line; a run a signal stopped exits 128 + the signal (130 SIGINT, 143 SIGTERM),
    so `filmcat crawl ... && next-step` does not go on with a partial crawl."""
    click.echo(summary.line())
    if summary.forced:
        click.echo(f"filmcat: warning: {summary.error}", err=True)
    if summary.exit_code:
        sys.exit(summary.exit_code)


@click.command("sites")
@click.option("--verbose", "-v", is_flag=True, help="Also show start URLs, notes and what the patterns were checked against.")
@click.option("--profiles", "profiles_file", metavar="FILE", default=None, help="Extra site profiles (TOML).")
@one_line_errors
def sites_cmd(verbose: bool, profiles_file: str | None) -> None:
    """List the known site profiles, one per line: name, origin, title, where the patterns come from."""
    from scraper.profiles import load_profiles

    for name, prof in load_profiles(profiles_file).items():
        click.echo(f"{name}\t{prof.origin}\t{prof.title}\t{prof.provenance()}")
        if verbose:
            click.echo(f"\tstart: {' '.join(prof.start_urls)}")
            for line in (prof.notes, prof.checked and f"checked {prof.checked}"):
                if line:
                    click.echo(f"\t{line}")


@click.command("runs")
@click.option("--limit", type=click.IntRange(min=1), default=20, help="Show the last N runs.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per run.")
@db_option
@one_line_errors
def runs_cmd(limit: int, as_json: bool, db: str | None) -> None:
    """Show recorded runs: start, end, status and counts (a crawl whose process is gone: interrupted)."""
    from catalog import Catalog
    from scraper.crawl import current_runs

    with Catalog(db_url(db), reading=True) as catalog:
        runs = current_runs(catalog, stale_after())[-limit:]
    for run in runs:
        click.echo(json.dumps(run, default=str, ensure_ascii=False) if as_json else _run_line(run))


def stale_after() -> float:
    """Seconds without a heartbeat after which another host's crawl counts as gone (FILMCAT_HEARTBEAT_STALE)."""
    from scraper import settings

    return float(settings.FILMCAT_HEARTBEAT_STALE)


def _run_line(run: dict[str, Any]) -> str:
    counts = run.get("counts") or {}
    shown = " ".join(f"{k}={v}" for k, v in sorted(counts.items()) if v)
    end = run.get("finished_at") or "-"
    error = f" error: {run['error']}" if run.get("error") else ""
    return (f"{run.get('id')}\t{run.get('kind')}\t{run.get('status')}\t{run.get('started_at')}\t{end}\t"
            f"{','.join(run.get('sites') or [])}\t{shown}{error}")


@click.command("reparse")
@click.option("--site", default=None, metavar="HOST[:PORT]", help="Only pages of this site.")
@db_option
@one_line_errors
def reparse_cmd(site: str | None, db: str | None) -> None:
    """Re-extract stored pages with the current extractor; update reviews and films."""
    from scraper.crawl import run_reparse

    click.echo(run_reparse(db_url(db), site=site).line())


def register(group: click.Group) -> None:
    for command in (crawl_cmd, sites_cmd, runs_cmd, reparse_cmd):
        group.add_command(command)

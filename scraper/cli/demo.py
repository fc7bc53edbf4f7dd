"""`filmcat demo`: crawl the bundled sample sites on loopback and show the films found."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import click

from scraper.cli.common import db_option, one_line_errors


@click.command("demo")
@db_option
@one_line_errors
def demo_cmd(db: str | None) -> None:
    """Serve the sample review sites on 127.0.0.1, crawl them, list films and same-name films kept apart."""
    from rich.console import Console

    from scraper.demo.server import run_demo

    url = db or f"sqlite:///{Path(tempfile.mkdtemp(prefix='filmcat-demo-')) / 'demo.db'}"
    console = Console()
    console.print(f"[bold]filmcat demo[/bold]: crawling the sample sites into {url}")
    result = run_demo(url, settings={"FILMCAT_PROGRESS": "auto", "FILMCAT_PROGRESS_INTERVAL": 0.5})
    for site in result.sites:
        console.print(f"  served {site.name} on {site.origin}")
    console.print(result.summary.line())
    names = {site.origin.split('://', 1)[1]: site.name for site in result.sites}
    console.print(_films_table(result.films, names))
    _print_namesakes(console, result.shared_titles)
    console.print(f"catalogue kept in {url} — try `filmcat export films --db {url}`")


def _films_table(films: list[dict[str, Any]], names: dict[str, str]) -> Any:
    from rich.table import Table

    table = Table(title=f"{len(films)} films found", show_lines=False)
    for column in ("title", "year", "directors", "reviews", "sites"):
        table.add_column(column)
    for film in sorted(films, key=lambda f: (str(f.get("title") or "").casefold(), f.get("year") or 0)):
        urls = film.get("review_urls") or []
        sites = sorted({names.get(u.split("/")[2], u.split("/")[2]) for u in urls})
        table.add_row(str(film.get("title") or "?"), str(film.get("year") or "–"),
                      ", ".join(film.get("directors") or []), str(len(urls)), ", ".join(sites))
    return table


def _print_namesakes(console: Any, shared: list[Any]) -> None:
    if not shared:
        console.print("no title is shared by several films")
        return
    console.print(f"[bold]same-name films kept apart[/bold] ({len(shared)} titles):")
    for group in shared:
        films = "; ".join(f"{f.title} ({f.year or '?'}, {', '.join(f.directors) or 'director unknown'})"
                          for f in group.films)
        console.print(f"  „{group.title}“ → {len(group.films)} films: {films}")
        if group.differences:
            console.print(f"    told apart by {', '.join(group.differences)}")


def register(group: click.Group) -> None:
    group.add_command(demo_cmd)

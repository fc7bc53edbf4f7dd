"""`filmcat report disambiguation`: shared titles, weak links and likely duplicates, in five formats."""
from __future__ import annotations

from pathlib import Path

import click

from scraper.cli.common import db_option, db_url, one_line_errors, write_output

FORMATS = ("text", "md", "html", "json", "csv")


@click.group("report")
def report() -> None:
    """Reports over the catalogue."""


@report.command("disambiguation")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--title", metavar="TITLE", help="Only films whose titles hold every word of TITLE.")
@click.option("--output", metavar="FILE", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write to FILE instead of standard output.")
@db_option
@one_line_errors
def disambiguation_cmd(fmt: str, title: str | None, output: Path | None, db: str | None) -> None:
    """Titles shared by several films, low-confidence links, likely missed merges — with the fixing commands."""
    from catalog import Catalog
    from catalog.report import disambiguation, render

    with Catalog(db_url(db), reading=True) as cat:
        text = render(disambiguation(cat, title=title), fmt)
    if output is None:
        click.echo(text, nl=False)
        return
    write_output(output, [text.encode("utf-8")])


def register(group: click.Group) -> None:
    """Add `report` to the filmcat command."""
    group.add_command(report)

"""`filmcat export reviews|films`: one JSON object per line, as the evaluation contract says."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from scraper.cli.common import db_option, db_url, one_line_errors, write_output

output_option = click.option(
    "--output", metavar="FILE", type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE instead of standard output (whole or not at all: an earlier FILE stays on error).")


def _lines(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        yield json.dumps(item, ensure_ascii=False, default=str)


def _emit(items: Iterator[dict[str, Any]], output: Path | None) -> None:
    if output is None:
        for line in _lines(items):
            click.echo(line)
        return
    write_output(output, (f"{line}\n".encode() for line in _lines(items)))


@click.group("export")
def export() -> None:
    """Export the catalogue as JSON lines."""


@export.command("reviews")
@output_option
@db_option
@one_line_errors
def export_reviews(output: Path | None, db: str | None) -> None:
    """Every stored review: the review record plus film_id."""
    from catalog import Catalog

    with Catalog(db_url(db), reading=True) as cat:
        _emit(cat.iter_reviews(), output)


@export.command("films")
@output_option
@db_option
@one_line_errors
def export_films(output: Path | None, db: str | None) -> None:
    """Every film: film_id, consensus facts, review_urls and provenance."""
    from catalog import Catalog

    with Catalog(db_url(db), reading=True) as cat:
        _emit(cat.iter_films(), output)


def register(group: click.Group) -> None:
    """Add `export` to the filmcat command."""
    group.add_command(export)

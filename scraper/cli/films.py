"""`filmcat resolve [--full]` and `filmcat films merge|split`: film resolution and manual decisions."""
from __future__ import annotations

import click

from scraper.cli.common import db_option, db_url, one_line_errors


@click.command("resolve")
@click.option("--full", is_flag=True, help="Re-resolve every review (default: only new and changed ones).")
@db_option
@one_line_errors
def resolve_cmd(full: bool, db: str | None) -> None:
    """Group reviews into films."""
    from catalog import Catalog

    with Catalog(db_url(db)) as cat:
        stats = cat.resolve(full=full)
    click.echo(f"{stats.mode}: {stats.reviews} reviews → {stats.films} films "
               f"({stats.films_new} new, {stats.redirects} redirected) in {stats.seconds:.2f} s")


@click.group("films")
def films() -> None:
    """Manual film decisions (always respected by later resolution)."""


@films.command("merge")
@click.argument("film_a")
@click.argument("film_b")
@db_option
@one_line_errors
def merge_cmd(film_a: str, film_b: str, db: str | None) -> None:
    """Declare films FILM_A and FILM_B one film."""
    from catalog import Catalog

    with Catalog(db_url(db)) as cat:
        merged = cat.merge_films(film_a, film_b)
    click.echo(f"merged {film_a} and {film_b} into {merged}")


@films.command("split")
@click.argument("film_id")
@click.option("--review", "reviews", multiple=True, required=True, metavar="URL",
              help="URL of a review to split off (repeatable).")
@db_option
@one_line_errors
def split_cmd(film_id: str, reviews: tuple[str, ...], db: str | None) -> None:
    """Split the given reviews off FILM_ID into a film of their own."""
    from catalog import Catalog

    with Catalog(db_url(db)) as cat:
        new = cat.split_film(film_id, list(reviews))
    click.echo(f"split {len(reviews)} review(s) off {film_id} into {new}")


def register(group: click.Group) -> None:
    """Add `resolve` and `films` to the filmcat command."""
    group.add_command(resolve_cmd)
    group.add_command(films)

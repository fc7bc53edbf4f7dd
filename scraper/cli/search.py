"""`filmcat search` and `filmcat show`: find films by title and filters, show one film in full."""
from __future__ import annotations

import click

from scraper.cli.common import db_option, db_url, one_line_errors

SORT_CHOICES = ("relevance", "score", "reviews", "year")


@click.command("search")
@click.argument("query", nargs=-1)
@click.option("--year", metavar="YEAR|FROM-TO", help="Release year or range, e.g. 2023 or 2019-2021.")
@click.option("--genre", metavar="GENRE", help=("Genre, e.g. thriller, Sci-Fi or Krimi (mapped to its slug); "
                                                "a compound (Actionthriller, Sci-Fi-Horror) needs every part."))
@click.option("--fsk", metavar="AGE", help="FSK age rating: 0, 6, 12, 16 or 18.")
@click.option("--director", metavar="NAME", help="Director name or part of it (any word order).")
@click.option("--platform", metavar="NAME", help="Platform, e.g. Netflix or Kino.")
@click.option("--min-score", "min_score", metavar="0-100", help="Lowest aggregate score.")
@click.option("--site", metavar="HOST", help="Only films reviewed on this site.")
@click.option("--sort", type=click.Choice(SORT_CHOICES), default="relevance", show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@db_option
@one_line_errors
def search_cmd(query: tuple[str, ...], year: str | None, genre: str | None, fsk: str | None,
               director: str | None, platform: str | None, min_score: str | None, site: str | None,
               sort: str, fmt: str, limit: int, db: str | None) -> None:
    """Find films by any of their titles (typos, accents and umlaut spellings forgiven)."""
    from catalog import Catalog
    from catalog.query import Filters, search
    from catalog.query.format import format_hits

    filters = Filters.parse(year=year, genre=_genre_slugs(genre), fsk=fsk, director=director,
                            platform=_platform_name(platform), min_score=min_score, site=site)
    with Catalog(db_url(db), reading=True) as cat:
        _catch_up(cat)
        hits = search(cat, " ".join(query) or None, filters, sort=sort, limit=limit)
    click.echo(format_hits(hits, fmt), nl=False)


def _genre_slugs(genre: str | None) -> list[str] | None:
    """A genre as the user writes it ("Sci-Fi", "Krimi", "Actionthriller") to the catalogue's slugs
    (a compound gives each part); a text without known genres passes as given (and then matches its slug or nothing)."""
    from scraper.normalize.genres import parse_genres

    if genre is None:
        return None
    return parse_genres(genre) or [genre]


def _platform_name(platform: str | None) -> str | None:
    """A platform alias ("Amazon Prime", "im Kino") to its canonical name; unknown names pass as given."""
    from scraper.normalize.platform import parse_platform

    return (parse_platform(platform) or platform) if platform else None


@click.command("show")
@click.argument("film", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
@db_option
@one_line_errors
def show_cmd(film: tuple[str, ...], fmt: str, db: str | None) -> None:
    """One film (by id or title): facts with sources and conflicts, reviews, aggregate score."""
    from catalog import Catalog
    from catalog.errors import AmbiguousError
    from catalog.query import candidates_of, film_details
    from catalog.query.format import format_candidates, format_details

    with Catalog(db_url(db), reading=True) as cat:
        _catch_up(cat)
        try:
            details = film_details(cat, " ".join(film))
        except AmbiguousError as err:  # list the candidates instead of guessing
            click.echo(format_candidates(str(err), candidates_of(err)), nl=False)
            return
    click.echo(format_details(details, fmt), nl=False)


def _catch_up(cat: object) -> None:
    """Bring the search index up to date, saying so when there was work (after a big crawl)."""
    from catalog.query import index_is_stale, refresh_index

    if getattr(cat, "read_only", False):
        if index_is_stale(cat):
            click.echo("filmcat: warning: the catalogue is read-only and its search index lags behind its "
                       "films: results may miss the latest changes", err=True)
        return
    done = refresh_index(cat)
    if done:
        click.echo(f"search index: re-indexed {done} films", err=True)


def register(group: click.Group) -> None:
    """Add `search` and `show` to the filmcat command."""
    group.add_command(search_cmd)
    group.add_command(show_cmd)

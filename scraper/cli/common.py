"""Shared CLI pieces: the --db option and turning library errors into one-line messages."""
from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any

import click

DEFAULT_DB = "sqlite:///filmcat.db"


def db_url(value: str | None) -> str:
    """The catalogue URL: --db, else $FILMCAT_DB, else filmcat.db in the working directory."""
    if value is not None and not value.strip():
        from scraper.errors import InputError

        raise InputError("--db: empty database URL (give a URL such as sqlite:///filmcat.db)")
    return value or os.environ.get("FILMCAT_DB") or DEFAULT_DB


db_option = click.option(
    "--db", "db", metavar="URL", default=None,
    help="SQLAlchemy URL of the catalogue (default: $FILMCAT_DB or sqlite:///filmcat.db).",
)


def fail(message: str, code: int = 2) -> None:
    """Print one line on stderr and exit non-zero."""
    line = " ".join(str(message).split()) or "unknown error"
    click.echo(f"filmcat: error: {line}", err=True)
    sys.exit(code)


def one_line_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command; any library error becomes a one-line message and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            sys.exit(0)
        except Exception as exc:  # the CLI promise: no traceback, ever
            if os.environ.get("FILMCAT_DEBUG"):
                raise
            fail(f"{exc}" if _is_ours(exc) else f"{type(exc).__name__}: {exc}", 1)

    return wrapper


def _is_ours(exc: Exception) -> bool:
    from catalog.errors import CatalogError
    from scraper.errors import FilmcatError

    return isinstance(exc, (FilmcatError, CatalogError))

"""Shared CLI pieces: the --db option and turning library errors into one-line messages."""
from __future__ import annotations

import functools
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
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
        except BrokenPipeError:  # the reader went away (`| head -1`): stop quietly, as a pipe's writer does
            _quiet_stdout()
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


def _quiet_stdout() -> None:
    """Point stdout at /dev/null: the interpreter's final flush of what the closed pipe did not take
    would otherwise print "Exception ignored … BrokenPipeError" on the way out."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no real stdout (captured): nothing will be flushed to a pipe
        pass


def write_atomically(path: Path, chunks: Iterable[bytes]) -> int:
    """Write `chunks` to `path` whole or not at all; returns the bytes written.

    They go to a temporary file beside `path` that replaces it only once everything is on disk:
    a full disk, any write error or an interrupted export leaves an earlier `path` as it was and
    no temporary file behind (the error propagates). A new file gets the mode the umask gives.
    """
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    size = 0
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return size


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(path: Path, chunks: Iterable[bytes]) -> None:
    """`write_atomically`, an OSError becoming the one-line error (exit 1) and success a note on stderr."""
    try:
        size = write_atomically(path, chunks)
    except OSError as err:
        fail(f"cannot write {path}: {err.strerror or err} (any earlier {path.name} is left as it was)", 1)
    click.echo(f"wrote {path} ({size} bytes)", err=True)

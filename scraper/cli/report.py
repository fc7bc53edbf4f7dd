"""`filmcat report disambiguation`: shared titles, weak links and likely duplicates, in five formats."""
from __future__ import annotations

from pathlib import Path

import click

from scraper.cli.common import db_option, db_url, fail, one_line_errors

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
    try:
        _replace(output, text.encode("utf-8"))
    except OSError as err:
        fail(f"cannot write {output}: {err.strerror or err} (any earlier {output.name} is left as it was)", 1)
    click.echo(f"wrote {output} ({len(text.encode('utf-8'))} bytes)", err=True)


def _replace(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a full disk leaves the earlier report, not a truncated one."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent if str(path.parent) else ".")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def register(group: click.Group) -> None:
    """Add `report` to the filmcat command."""
    group.add_command(report)

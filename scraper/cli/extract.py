"""`filmcat extract FILE --url URL [--explain]`: extract one saved page and print its review record."""
from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import click

from scraper.cli.common import one_line_errors
from scraper.errors import InputError
from scraper.record import Candidate, ReviewRecord

MAX_FILE = 50 * 1024 * 1024  # bytes; larger files are not web pages


def read_page(path: str) -> bytes:
    """The file's bytes, or an InputError with a one-line reason."""
    file = Path(path)
    try:
        if not file.is_file():
            raise InputError(f"{path}: no such file" if not file.exists() else f"{path}: not a regular file")
        if file.stat().st_size > MAX_FILE:
            raise InputError(f"{path}: larger than {MAX_FILE // (1024 * 1024)} MB, not a web page")
        return file.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc


SNIFF = 65536                        # characters of a file looked at to tell markup from binary data
BINARY_SHARE = 0.01                  # control characters or undecodable bytes above this share: binary
CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
MARKUP = re.compile(r"<[A-Za-z!/?]")


def not_html(body: bytes) -> str | None:
    """Why the file's bytes are no web page (binary data, no markup), or None."""
    from scraper.extract.decode import decode

    if not body.strip():
        return "empty file"
    logging.disable(logging.WARNING)  # bs4's "Some characters could not be decoded" is this verdict's to give
    try:
        texts = [decode(body[:SNIFF * 4], None)[:SNIFF]]
    finally:
        logging.disable(logging.NOTSET)
    if b"\x00" in body[:4096]:  # UTF-16 without a byte-order mark (a server's header would have said)
        texts += [body[:SNIFF * 2].decode(codec, errors="replace") for codec in ("utf-16-le", "utf-16-be")]
    why = "binary data"
    for text in texts:
        if len(CONTROL.findall(text)) <= BINARY_SHARE * len(text):
            if MARKUP.search(text):
                return None
            why = "no HTML markup"
    return why


def _value(cand: Candidate) -> str:
    value = cand.value
    if hasattr(value, "normalized"):
        return f"{value.value}/{value.scale} = {value.normalized}"
    return json.dumps(value, ensure_ascii=False)


def explain(record: ReviewRecord) -> None:
    """Per field: winner, strategy and snippet, then the losing candidates (on stderr)."""
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    console.print(f"[bold]verdict:[/bold] is_review={record.is_review} ({record.verdict})")
    table = Table(show_lines=True)
    for column in ("field", "value", "strategy", "weight", "snippet"):
        table.add_column(column, overflow="fold")
    for field, cands in record.candidates.items():
        won = record.winners.get(field)
        for i, cand in enumerate(cands):
            mark = "[bold green]" if cand is won else "[dim]"
            table.add_row(field if i == 0 else "", f"{mark}{_value(cand)}", cand.strategy,
                          f"{cand.weight:g}", cand.snippet)
    console.print(table)


def register(group: click.Group) -> None:
    """Add the `extract` command."""

    @group.command("extract")
    @click.argument("file")
    @click.option("--url", required=True, help="The URL the page was fetched from.")
    @click.option("--explain", "show", is_flag=True, help="Show winners, strategies and losing candidates (stderr).")
    @one_line_errors
    def extract_cmd(file: str, url: str, show: bool) -> None:
        """Extract one saved page as if fetched from URL; print the review record as JSON."""
        from scraper.extract import extract
        from scraper.urls import validate_start_url

        if "://" not in url:
            raise InputError(f"--url {url!r}: not an absolute URL")
        try:
            validate_start_url(url)
        except InputError as exc:
            raise InputError(f"--url: {exc}") from None
        body = read_page(file)
        if (why := not_html(body)) is not None:
            raise InputError(f"{file}: not an HTML page ({why})")
        record = extract(body, url)
        if show:
            explain(record)
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False))

"""The crontab target: schedule entries as a managed block in the user's crontab or in a file."""
from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path

from scraper.errors import InputError
from scraper.schedule.entries import Entry

BEGIN = "# >>> filmcat schedule: managed by `filmcat schedule`, edits inside this block are lost >>>"
END = "# <<< filmcat schedule <<<"
ENTRY_MARK = "# filmcat-entry "
CRONTAB_TIMEOUT = 30  # seconds for the crontab program


def render_block(entries: list[Entry], executable: str | None = None, log_dir: Path | None = None) -> list[str]:
    """The managed block: per entry, a JSON comment (the entry itself) and its cron line."""
    lines = [BEGIN]
    for entry in sorted(entries, key=lambda e: e.key):
        lines.append(ENTRY_MARK + entry.to_json())
        lines.append(f"{entry.cron_expr().text} {_command(entry, executable, log_dir)}")
    lines.append(END)
    return lines


def _command(entry: Entry, executable: str | None, log_dir: Path | None) -> str:
    command = " ".join(shlex.quote(a) for a in entry.run_command(executable))
    if log_dir is not None:
        command += f" >> {shlex.quote(str(log_dir / f'{entry.key}.log'))} 2>&1"
    # cron turns an unescaped % into a newline (URL-encoded passwords contain them)
    return command.replace("%", "\\%")


def split_block(text: str) -> tuple[list[str], list[str], list[str]]:
    """(lines before, lines of the managed block, lines after) of a crontab."""
    lines = text.splitlines()
    if BEGIN not in lines:
        return lines, [], []
    start = lines.index(BEGIN)
    end = lines.index(END, start) if END in lines[start:] else len(lines) - 1
    return lines[:start], lines[start:end + 1], lines[end + 1:]


def parse_entries(block: list[str]) -> list[Entry]:
    return [Entry.from_json(line[len(ENTRY_MARK):]) for line in block if line.startswith(ENTRY_MARK)]


class CrontabTarget:
    """Reads and writes the managed block of a crontab: a file, or the user's (`crontab -l` / `crontab -`)."""

    def __init__(self, path: Path | None = None, executable: str | None = None,
                 log_dir: Path | None = None) -> None:
        self.path = path
        self.executable = executable
        self.log_dir = log_dir

    def describe(self) -> str:
        return f"crontab file {self.path}" if self.path else "the user's crontab"

    def entries(self) -> list[Entry]:
        return parse_entries(split_block(self._read())[1])

    def save(self, entries: list[Entry]) -> None:
        before, _, after = split_block(self._read())
        block = render_block(entries, self.executable, self.log_dir) if entries else []
        while before and not before[-1].strip() and block:
            before.pop()
        text = "\n".join([*before, *([""] if before and block else []), *block, *after]).strip("\n")
        if self.log_dir is not None and entries:
            self.log_dir.mkdir(parents=True, exist_ok=True)
        self._write(text + "\n" if text else "")

    def _read(self) -> str:
        if self.path is not None:
            try:
                return self.path.read_text(encoding="utf-8") if self.path.exists() else ""
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"cannot read crontab file {self.path}: {exc}") from None
        result = self._crontab(["-l"], None)
        if result.returncode != 0:
            if "no crontab" in result.stderr.lower():
                return ""
            raise InputError(f"crontab -l failed: {result.stderr.strip() or result.returncode}")
        return result.stdout

    def _write(self, text: str) -> None:
        if self.path is not None:
            try:
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, self.path)  # readers never see half a crontab
            except OSError as exc:
                raise InputError(f"cannot write crontab file {self.path}: {exc}") from None
            return
        result = self._crontab(["-"], text)
        if result.returncode != 0:
            raise InputError(f"crontab - failed: {result.stderr.strip() or result.returncode}")

    @staticmethod
    def _crontab(args: list[str], stdin: str | None) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(["crontab", *args], input=stdin, capture_output=True, text=True,
                                  timeout=CRONTAB_TIMEOUT, check=False)
        except FileNotFoundError:
            raise InputError("the crontab program is not installed (`apt-get install cron`), "
                             "or use --crontab-file / --systemd-dir") from None
        except subprocess.TimeoutExpired:
            raise InputError(f"crontab {' '.join(args)} did not answer within {CRONTAB_TIMEOUT} s") from None

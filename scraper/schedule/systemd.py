"""The systemd target: one .timer and one oneshot .service unit per schedule entry, in a directory."""
from __future__ import annotations

import shlex
from pathlib import Path

from scraper.errors import InputError
from scraper.schedule.entries import Entry
from scraper.schedule.timing import cron_as_calendar, parse_cron

UNIT_PREFIX = "filmcat-crawl-"
ENTRY_KEY = "X-Filmcat-Entry="   # systemd ignores X- keys: the entry travels inside its own unit
FIRST_RUN_DELAY = "1min"         # after the timer starts, for intervals (OnUnitActiveSec needs a first run)

SERVICE = """\
[Unit]
Description=filmcat crawl of {site}
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
ExecStart={command}
"""

TIMER = """\
[Unit]
Description=filmcat crawl of {site} ({when})
{entry_key}{entry}

[Timer]
{schedule}
Persistent=true
RandomizedDelaySec=60

[Install]
WantedBy=timers.target
"""


def timer_schedule(entry: Entry) -> list[str]:
    """[Timer] lines: OnCalendar= for cron expressions, monotonic timers for intervals."""
    if entry.cron:
        return [f"OnCalendar={value}" for value in cron_as_calendar(parse_cron(entry.cron))]
    return [f"OnActiveSec={FIRST_RUN_DELAY}", f"OnUnitActiveSec={entry.seconds()}s"]


def _exec_quote(arg: str) -> str:
    # systemd expands % specifiers and $VARS in ExecStart: double them so they stay literal
    return shlex.quote(arg.replace("%", "%%").replace("$", "$$"))


class SystemdTarget:
    """Unit files in a directory (e.g. ~/.config/systemd/user); enabling them is left to systemctl."""

    def __init__(self, directory: Path, executable: str | None = None) -> None:
        self.directory = directory
        self.executable = executable

    def describe(self) -> str:
        return f"systemd units in {self.directory}"

    def unit_names(self, entry: Entry) -> tuple[str, str]:
        return f"{UNIT_PREFIX}{entry.key}.service", f"{UNIT_PREFIX}{entry.key}.timer"

    def entries(self) -> list[Entry]:
        if not self.directory.is_dir():
            return []
        out = []
        for timer in sorted(self.directory.glob(f"{UNIT_PREFIX}*.timer")):
            for line in timer.read_text(encoding="utf-8").splitlines():
                if line.startswith(ENTRY_KEY):
                    out.append(Entry.from_json(line[len(ENTRY_KEY):]))
        return out

    def save(self, entries: list[Entry]) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            wanted: set[str] = set()
            for entry in entries:
                wanted.update(self._write(entry))
            for stale in self.directory.glob(f"{UNIT_PREFIX}*"):
                if stale.name not in wanted and stale.suffix in (".service", ".timer"):
                    stale.unlink()
        except OSError as exc:
            raise InputError(f"cannot write systemd units in {self.directory}: {exc}") from None

    def _write(self, entry: Entry) -> tuple[str, str]:
        service, timer = self.unit_names(entry)
        command = " ".join(_exec_quote(a) for a in entry.run_command(self.executable))
        site = entry.site.replace("%", "%%")
        (self.directory / service).write_text(SERVICE.format(site=site, command=command), encoding="utf-8")
        (self.directory / timer).write_text(TIMER.format(
            site=site, when=entry.when, entry_key=ENTRY_KEY, entry=entry.to_json(),
            schedule="\n".join(timer_schedule(entry))), encoding="utf-8")
        return service, timer

    def enable_hint(self, entry: Entry) -> str:
        user = "--user " if "systemd/user" in str(self.directory) or ".config" in str(self.directory) else ""
        return f"systemctl {user}daemon-reload && systemctl {user}enable --now {self.unit_names(entry)[1]}"

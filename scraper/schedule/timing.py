"""When scheduled crawls fire: intervals (6h, 1d) and 5-field cron expressions, with next-run times."""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from scraper.errors import InputError

UNIT_SECONDS = {"m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
INTERVAL_RE = re.compile(r"^(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")
MIN_INTERVAL = 60                 # seconds: cron's resolution is one minute
MAX_INTERVAL = 366 * 86400        # seconds
MACROS = {
    "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
    "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
# (name, lowest, highest, names) of the five fields, in crontab order.
FIELDS = (("minute", 0, 59, None), ("hour", 0, 23, None), ("day of month", 1, 31, None),
          ("month", 1, 12, MONTHS), ("day of week", 0, 7, WEEKDAYS))
SEARCH_DAYS = 366 * 5             # a valid expression fires within five years (29 February: four)
SYSTEMD_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]


def parse_interval(text: str) -> int:
    """Seconds of an interval such as 30m, 6h, 1d, 2w or 1h30m; InputError when malformed."""
    match = INTERVAL_RE.match(text.strip().lower())
    if not text.strip() or match is None:
        raise InputError(f"bad interval {text!r}: use a number with m, h, d or w (e.g. 30m, 6h, 1d, 1h30m)")
    weeks, days, hours, minutes = (int(g or 0) for g in match.groups())
    seconds = weeks * UNIT_SECONDS["w"] + days * 86400 + hours * 3600 + minutes * 60
    if not MIN_INTERVAL <= seconds <= MAX_INTERVAL:
        raise InputError(f"interval {text!r} is out of range: between 1m and 366d")
    return seconds


@dataclass(frozen=True)
class CronExpr:
    """A parsed cron expression: the allowed values of each field."""

    text: str
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]        # 0 = Sunday
    days_restricted: bool           # cron: when both day fields are restricted, either may match
    weekdays_restricted: bool

    def matches_day(self, when: datetime) -> bool:
        if when.month not in self.months:
            return False
        dom = when.day in self.days
        dow = (when.isoweekday() % 7) in self.weekdays
        if self.days_restricted and self.weekdays_restricted:
            return dom or dow
        return dom and dow

    def next_after(self, when: datetime) -> datetime:
        """The first firing time strictly after `when` (same tzinfo; minute resolution)."""
        start = when.replace(second=0, microsecond=0) + timedelta(minutes=1)
        day = start.replace(hour=0, minute=0)
        for _ in range(SEARCH_DAYS):
            if self.matches_day(day):
                for hour in sorted(self.hours):
                    for minute in sorted(self.minutes):
                        candidate = day.replace(hour=hour, minute=minute)
                        if candidate >= start:
                            return candidate
            day += timedelta(days=1)
        raise InputError(f"cron expression {self.text!r} never fires")


def parse_cron(text: str) -> CronExpr:
    """Parse a 5-field cron expression (names, ranges, steps, lists, @daily-style macros)."""
    expanded = MACROS.get(text.strip().lower(), text.strip())
    parts = expanded.split()
    if len(parts) != len(FIELDS):
        raise InputError(f"bad cron expression {text!r}: want 5 fields (minute hour day month weekday)")
    values = [_field(part, *spec) for part, spec in zip(parts, FIELDS)]
    weekdays = frozenset(d % 7 for d in values[4])  # 7 is Sunday too
    expr = CronExpr(expanded, values[0], values[1], values[2], values[3], weekdays,
                    days_restricted=parts[2] != "*", weekdays_restricted=parts[4] != "*")
    expr.next_after(datetime(2000, 1, 1))  # rejects 30 February and friends now, not at run time
    return expr


def _field(text: str, name: str, low: int, high: int, names: list[str] | None) -> frozenset[int]:
    out: set[int] = set()
    for item in text.lower().split(","):
        out.update(_item(item, name, low, high, names))
    return frozenset(out)


def _item(item: str, name: str, low: int, high: int, names: list[str] | None) -> range:
    body, _, step_text = item.partition("/")
    step = _number(step_text, name, names=None) if step_text else 1
    if step < 1:
        raise InputError(f"bad cron {name} step in {item!r}")
    if body == "*":
        first, last = low, high
    elif "-" in body:
        first_text, last_text = body.split("-", 1)
        first, last = _number(first_text, name, names), _number(last_text, name, names)
    else:
        first = _number(body, name, names)
        last = high if step_text else first
    if not low <= first <= last <= high:
        raise InputError(f"cron {name} {item!r} is outside {low}-{high}")
    return range(first, last + 1, step)


def _number(text: str, name: str, names: list[str] | None) -> int:
    if names and text[:3] in names and not text.isdigit():
        return names.index(text[:3]) + (1 if names is MONTHS else 0)
    if not text.isdigit():
        raise InputError(f"bad cron {name} value {text!r}")
    return int(text)


def spread_minute(key: str) -> int:
    """A stable minute (0-59) per site, so scheduled crawls do not all start at :00."""
    return zlib.crc32(key.encode()) % 60


def interval_as_cron(seconds: int, key: str) -> str:
    """The cron expression that fires evenly every `seconds`, or InputError when cron cannot."""
    minute = spread_minute(key)
    hour = zlib.crc32(key[::-1].encode()) % 24
    if seconds < 3600 and 3600 % seconds == 0:
        step = seconds // 60
        return f"{minute % step}-59/{step} * * * *" if step > 1 else "* * * * *"
    if seconds < 86400 and seconds % 3600 == 0 and 86400 % seconds == 0:
        step = seconds // 3600
        return f"{minute} {hour % step}-23/{step} * * *"
    if seconds == 86400:
        return f"{minute} {hour} * * *"
    if seconds == 7 * 86400:
        return f"{minute} {hour} * * {zlib.crc32(key.encode()) % 7}"
    raise InputError(f"an interval of {_human(seconds)} does not divide an hour, a day or a week, so cron "
                     "cannot run it evenly: use --cron, or the systemd target (--systemd-dir)")


def _human(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60}m" if rest else f"{hours}h"


def cron_as_calendar(expr: CronExpr) -> list[str]:
    """systemd OnCalendar= values equivalent to the cron expression (one or two lines)."""
    time_part = f"{_calendar_values(expr.hours, 0, 23)}:{_calendar_values(expr.minutes, 0, 59)}:00"
    months = _calendar_values(expr.months, 1, 12)
    days = _calendar_values(expr.days, 1, 31)
    weekdays = ",".join(SYSTEMD_DAYS[d] for d in sorted(expr.weekdays))
    if expr.days_restricted and expr.weekdays_restricted:  # cron's OR: one line per day field
        return [f"*-{months}-{days} {time_part}", f"{weekdays} *-{months}-* {time_part}"]
    prefix = f"{weekdays} " if expr.weekdays_restricted else ""
    return [f"{prefix}*-{months}-{days} {time_part}"]


def _calendar_values(values: frozenset[int], low: int, high: int) -> str:
    if values == frozenset(range(low, high + 1)):
        return "*"
    return ",".join(f"{v:02d}" for v in sorted(values))

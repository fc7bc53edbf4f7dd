"""Schedule timing: intervals, cron expressions and their next firing times, cron ↔ systemd calendars."""
from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest

from scraper.errors import InputError
from scraper.schedule.timing import (
    cron_as_calendar,
    interval_as_cron,
    parse_cron,
    parse_interval,
)


@pytest.mark.parametrize(("text", "seconds"), [
    ("30m", 1800), ("6h", 21600), ("1d", 86400), ("1w", 604800), ("1h30m", 5400), ("2d12h", 216000),
    (" 15M ", 900),
])
def test_intervals(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "6", "h", "-1h", "0m", "1.5h", "6 h", "1y", "400d", "30s", "1m1h"])
def test_bad_intervals(text: str) -> None:
    with pytest.raises(InputError):
        parse_interval(text)


START = datetime(2026, 12, 1, 7, 13, 30)  # a Tuesday


@pytest.mark.parametrize(("expr", "after", "expected"), [
    ("*/15 * * * *", START, datetime(2026, 12, 1, 7, 15)),
    ("0 3 * * *", START, datetime(2026, 12, 2, 3, 0)),
    ("13 7 * * *", START, datetime(2026, 12, 2, 7, 13)),          # strictly after
    ("30 9-17 * * mon-fri", datetime(2026, 12, 4, 18, 0), datetime(2026, 12, 7, 9, 30)),  # Fri → Mon
    ("0 0 1 jan *", START, datetime(2027, 1, 1, 0, 0)),
    ("0 12 29 2 *", START, datetime(2028, 2, 29, 12, 0)),          # leap day
    ("0 0 13 * 5", START, datetime(2026, 12, 4, 0, 0)),            # day OR weekday: Friday the 4th
    ("@hourly", START, datetime(2026, 12, 1, 8, 0)),
    ("@weekly", START, datetime(2026, 12, 6, 0, 0)),               # Sunday
    ("0 0 * * 7", START, datetime(2026, 12, 6, 0, 0)),             # 7 is Sunday too
    ("5/20 * * * *", START, datetime(2026, 12, 1, 7, 25)),
    ("0 8,20 * * *", START, datetime(2026, 12, 1, 8, 0)),
])
def test_cron_next(expr: str, after: datetime, expected: datetime) -> None:
    assert parse_cron(expr).next_after(after) == expected


@pytest.mark.parametrize("expr", ["* * * *", "60 * * * *", "* 24 * * *", "0 0 31 2 *", "*/0 * * * *",
                                  "a b c d e", "0 0 * * funday", "5-1 * * * *", "@sometimes"])
def test_bad_cron(expr: str) -> None:
    with pytest.raises(InputError):
        parse_cron(expr)


@pytest.mark.parametrize(("seconds", "fires_per_day"), [(900, 96), (1800, 48), (3600, 24), (6 * 3600, 4),
                                                        (8 * 3600, 3), (86400, 1)])
def test_interval_as_cron_is_even(seconds: int, fires_per_day: int) -> None:
    expr = parse_cron(interval_as_cron(seconds, "example-org"))
    times, when = [], expr.next_after(datetime(2026, 11, 30, 23, 59))  # first firing on 1 December
    while when.day == 1:
        times.append(when)
        when = expr.next_after(when)
    assert len(times) == fires_per_day
    gaps = {(b - a).total_seconds() for a, b in pairwise(times)}
    assert gaps <= {float(seconds)}


def test_interval_as_cron_spreads_sites_and_refuses_uneven() -> None:
    minutes = {interval_as_cron(86400, f"site-{i}").split()[0] for i in range(20)}
    assert len(minutes) > 5  # sites do not all start at the same minute
    with pytest.raises(InputError, match="systemd"):
        interval_as_cron(5 * 3600, "x")
    assert interval_as_cron(7 * 86400, "x").split()[2:4] == ["*", "*"]


@pytest.mark.parametrize(("expr", "calendar"), [
    ("*/15 * * * *", ["*-*-* *:00,15,30,45:00"]),
    ("30 3 * * *", ["*-*-* 03:30:00"]),
    ("0 9-11 * * mon-fri", ["Mon,Tue,Wed,Thu,Fri *-*-* 09,10,11:00:00"]),
    ("0 0 1 * 0", ["*-*-01 00:00:00", "Sun *-*-* 00:00:00"]),      # cron's day OR weekday
    ("0 6 1 1,7 *", ["*-01,07-01 06:00:00"]),
])
def test_cron_as_systemd_calendar(expr: str, calendar: list[str]) -> None:
    assert cron_as_calendar(parse_cron(expr)) == calendar

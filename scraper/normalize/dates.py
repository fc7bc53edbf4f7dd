"""Date text -> ISO "YYYY-MM-DD": common German/English forms by pattern, dateparser (German first) for the rest."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from functools import lru_cache

MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "january": 1, "februar": 2, "feb": 2, "february": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    "december": 12, "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO = re.compile(r"\b((?:18|19|20)\d{2})-(\d{1,2})-(\d{1,2})\b")
DMY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:18|19|20)\d{2})\b")
# 21/07/2023: day first as in Germany and Britain, unless the first number cannot be a month day pair that way
# 06.10.23: a two-digit year, German style (dots only: "1/2/23" is too ambiguous)
DMY_SHORT = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2})(?![\d.])")
CENTURY_PIVOT = 50  # two-digit years below this are 20xx, the rest 19xx (film starts from 1950 on)
SLASHED = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:18|19|20)\d{2})\b")
D_MONTH_Y = re.compile(r"\b(\d{1,2})\.?\s+(" + _MONTH + r")\.?\s+((?:18|19|20)\d{2})\b", re.IGNORECASE)
MONTH_D_Y = re.compile(r"\b(" + _MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:18|19|20)\d{2})\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:18|19|20)\d{2}\b")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _by_pattern(text: str, month_first: bool = False) -> str | None:
    for rx, order in ((ISO, "ymd"), (DMY, "dmy"), (SLASHED, "dmy/"), (D_MONTH_Y, "dMy"), (MONTH_D_Y, "Mdy")):
        m = rx.search(text)
        if not m:
            continue
        a, b, c = m.groups()
        if order == "ymd":
            return _iso(int(a), int(b), int(c))
        if order == "dmy":
            return _iso(int(c), int(b), int(a))
        if order == "dmy/":
            return _slashed(int(a), int(b), int(c), month_first)
        if order == "dMy":
            return _iso(int(c), MONTHS[b.lower()], int(a))
        return _iso(int(c), MONTHS[a.lower()], int(b))
    return None


def _slashed(a: int, b: int, year: int, month_first: bool) -> str | None:
    """07/04/2023: 7 April (day first), or 4 July on a US page; a number above 12 is the day either way."""
    if month_first:
        month, day = (a, b) if a <= 12 else (b, a)
    else:
        day, month = (a, b) if b <= 12 else (b, a)
    return _iso(year, month, day)


@lru_cache(maxsize=512)
def _by_dateparser(text: str, month_first: bool = False) -> str | None:
    import dateparser  # imported late: about 0.3 s, and rarely needed

    try:
        got = dateparser.parse(text, languages=["de", "en"],
                               settings={"DATE_ORDER": "MDY" if month_first else "DMY", "PREFER_DAY_OF_MONTH": "first",
                                         "REQUIRE_PARTS": ["day", "month", "year"]})
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on odd input
        return None
    return got.date().isoformat() if got else None


D_MONTH = re.compile(r"\b(\d{1,2})\.?\s+(" + _MONTH + r")\b", re.IGNORECASE)
MONTH_D = re.compile(r"\b(" + _MONTH + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.IGNORECASE)


def day_month(text: str | None) -> tuple[int, int] | None:
    """(month, day) of a date stated without a year ("20. Juli", "July 20"), or None."""
    if not text:
        return None
    m = D_MONTH.search(text)
    if m and 1 <= int(m.group(1)) <= 31:
        return MONTHS[m.group(2).lower()], int(m.group(1))
    m = MONTH_D.search(text)
    if m and 1 <= int(m.group(2)) <= 31:
        return MONTHS[m.group(1).lower()], int(m.group(2))
    return None


# the Unix epoch: the date a CMS prints for an empty date field ("Kinostart: 01.01.1970"), never a film's start
EPOCH = "1970-01-01"


def placeholder_date(text: str | None) -> bool:
    """`text` states the Unix epoch as its date: an empty date field of the CMS, no statement."""
    return bool(text) and "1970" in str(text) and _by_pattern(str(text)) == EPOCH


def parse_date(text: str | None, month_first: bool = False) -> str | None:
    """The first full date (day, month, year) in `text` as ISO, or None (the Unix epoch, a CMS's empty date,
    is none). `month_first`: slashed dates are American ("07/04/2023" is 4 July), for pages in US English."""
    if not text or placeholder_date(text):
        return None
    if not YEAR.search(text):
        short = DMY_SHORT.search(text)
        if not short:
            return None
        day, month, yy = (int(g) for g in short.groups())
        return _iso(2000 + yy if yy < CENTURY_PIVOT else 1900 + yy, month, day)
    found = _by_pattern(text, month_first)
    if found:
        return found
    return _by_dateparser(text.strip()[:80], month_first) if len(text) <= 80 else None


def nearest_year(month: int, day: int, around: tuple[int, int, int]) -> str | None:
    """ISO date of a year-less day and month ("6. Oktober"), in the year that puts it nearest to `around`
    (year, month, day: the page's date; a start date is stated within months of it)."""
    year, ref_m, ref_d = around
    try:
        ref = dt.date(year, ref_m, ref_d)
    except ValueError:
        return None
    options = [d for y in (year - 1, year, year + 1) if (d := _iso(y, month, day))]
    return min(options, key=lambda d: abs((dt.date.fromisoformat(d) - ref).days)) if options else None


# weekdays of relative starts ("ab Donnerstag im Kino", "in theaters Friday"); "heute"/"today" is the page's day
WEEKDAYS = {"montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
            "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
TODAY_WORDS = ("heute", "today", "ab sofort")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r"|heute|today)\b", re.IGNORECASE)
DAYS_IN_WEEK = 7


def weekday_start(text: str | None) -> int | None:
    """The weekday (0 = Monday) a relative start names ("ab Donnerstag", "Friday"), -1 for "heute"/"today"."""
    m = WEEKDAY.search(text or "")
    if not m:
        return None
    word = m.group(1).lower()
    return -1 if word in ("heute", "today") else WEEKDAYS[word]


def on_or_after(weekday: int, around: tuple[int, int, int]) -> str | None:
    """ISO date of the first `weekday` (0 = Monday; -1: the day itself) on or after the date `around`."""
    try:
        ref = dt.date(*around)
    except ValueError:
        return None
    if weekday < 0:
        return ref.isoformat()
    return (ref + dt.timedelta(days=(weekday - ref.weekday()) % DAYS_IN_WEEK)).isoformat()


def http_date(text: str) -> dt.datetime | None:
    """An HTTP-date header value (RFC 9110 5.6.7: "Sun, 06 Nov 1994 08:49:37 GMT", and the obsolete
    forms) as an aware UTC datetime, or None when it is none."""
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)

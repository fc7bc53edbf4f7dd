"""Page context the text strategies need: the page's language and its publication date (from markup)."""
from __future__ import annotations

import re

from scraper.extract.page import Page

# where pages state their language and publication date
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language")
DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "date", "dc.date",
             "pubdate", "publish-date", "article:modified_time")
# English-speaking regions that write the day first (07/04/2023 = 7 April); the US writes the month first
DAY_FIRST_REGIONS = frozenset({"gb", "uk", "ie", "au", "nz", "in", "za", "sg"})
DAY_FIRST_TLDS = DAY_FIRST_REGIONS | {"co.uk", "com.au", "co.nz", "co.za", "co.in"}
# a blog URL's date path: /2024/05/ or /2024/05/03/ (the day defaults to mid-month)
URL_DATE = re.compile(r"/((?:19|20)\d{2})/(0[1-9]|1[0-2])/(?:(0[1-9]|[12]\d|3[01])/)?")
ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def _locale(page: Page) -> tuple[str, str]:
    """(language, region) the page states, lower case ("en", "us"); "" for what it does not state."""
    if "locale" not in page.cache:
        found = (page.root.get("lang") or page.root.get("xml:lang") or "") if page.root is not None else ""
        tags = [found, *(page.meta.get(name, [""])[0] for name in LANGUAGE_META)]
        parts = [re.split(r"[-_,\s]+", t.strip().lower()) for t in tags if t.strip()]
        lang = parts[0][0] if parts else ""
        region = next((p[1] for p in parts if len(p) > 1 and p[0] == lang and p[1]), "")
        page.cache["locale"] = (lang, region)
    return page.cache["locale"]  # type: ignore[no-any-return]


def language(page: Page) -> str:
    """The page's language as a lower-case primary tag ("en", "de"), or "" when it states none."""
    return _locale(page)[0]


def month_first(page: Page) -> bool:
    """Slashed dates on this page are American (month first): US English, or English without a region
    on a host outside the day-first countries (.co.uk, .com.au, …)."""
    if "month_first" not in page.cache:
        page.cache["month_first"] = _month_first(page)
    return bool(page.cache["month_first"])


def _month_first(page: Page) -> bool:
    lang, region = _locale(page)
    if lang != "en" or region in DAY_FIRST_REGIONS:
        return False
    if region:
        return region == "us"
    host = page.url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return not any(host.endswith("." + tld) for tld in DAY_FIRST_TLDS)


def is_english(page: Page) -> bool:
    """The page says it is English (<html lang="en-US">, og:locale en_US)."""
    return language(page) == "en"


def _jsonld_date(page: Page) -> str:
    for obj in page.jsonld:
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str) and ISO_DATE.search(value):
            return value
    return ""


def published(page: Page) -> tuple[int, int, int] | None:
    """(year, month, day) the page was published: meta tags, JSON-LD, the first <time datetime>, the URL's
    date path."""
    if "published" not in page.cache:
        text = page.meta_first(*DATE_META) or _jsonld_date(page)
        if not text and page.root is not None:
            stamp = next((t.get("datetime") for t in page.root.iter("time") if t.get("datetime")), None)
            text = stamp or ""
        m = ISO_DATE.search(text)
        url = URL_DATE.search(page.url) if not m else None
        page.cache["published"] = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else \
            (int(url.group(1)), int(url.group(2)), int(url.group(3) or 15)) if url else None
    return page.cache["published"]  # type: ignore[no-any-return]

"""Page context the text strategies need: the page's language and its publication date (from markup)."""
from __future__ import annotations

import re

from scraper.extract.page import Page

# where pages state their language and publication date
LANGUAGE_META = ("og:locale", "content-language", "language", "dc.language")
DATE_META = ("article:published_time", "og:article:published_time", "datepublished", "date", "dc.date",
             "pubdate", "publish-date", "article:modified_time")
ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})")


def language(page: Page) -> str:
    """The page's language as a lower-case primary tag ("en", "de"), or "" when it states none."""
    if "language" not in page.cache:
        found = (page.root.get("lang") or page.root.get("xml:lang") or "") if page.root is not None else ""
        found = found or page.meta_first(*LANGUAGE_META) or ""
        page.cache["language"] = re.split(r"[-_,\s]", found.strip().lower(), maxsplit=1)[0]
    return str(page.cache["language"])


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
    """(year, month, day) the page was published: meta tags, JSON-LD, the first <time datetime>."""
    if "published" not in page.cache:
        text = page.meta_first(*DATE_META) or _jsonld_date(page)
        if not text and page.root is not None:
            stamp = next((t.get("datetime") for t in page.root.iter("time") if t.get("datetime")), None)
            text = stamp or ""
        m = ISO_DATE.search(text)
        page.cache["published"] = (int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    return page.cache["published"]  # type: ignore[no-any-return]

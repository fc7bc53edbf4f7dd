"""Person-name lists -> clean names: roles, "u. a." and trailing punctuation removed."""
from __future__ import annotations

import re

SPLIT = re.compile(r"\s*(?:,|;|\s/\s|·|•|\|)\s*|\s+(?:und|and|&)\s+")
# "and others" in several languages
OTHERS = re.compile(r"\b(?:u\.\s?a\b\.?|u\.\s?v\.\s?a\.|und\s+(?:andere|weitere)|and\s+others|et\s+al\.?|uvm\.?)",
                    re.IGNORECASE)
ROLE = re.compile(r"\s*[\(\[][^)\]]*[\)\]]|\s+(?:als|as)\s+.*$")
# a trailing period is kept after these (suffixes and initials)
KEEP_DOT = re.compile(r"(?:\b(?:Jr|Sr|St)|\b[A-Z])\.$")
MAX_NAME = 60  # characters; longer items are sentences


def clean_name(text: str) -> str:
    """One person's name without role, notes or trailing punctuation."""
    name = OTHERS.sub("", text)
    name = ROLE.sub("", name)
    name = " ".join(name.split()).strip(" \t\u00a0,;:–-")
    while name.endswith((".", "…")) and not KEEP_DOT.search(name):
        name = name[:-1].rstrip()
    return name


def parse_names(value: str | list[str] | None) -> list[str]:
    """Names in page order, without duplicates or empty items."""
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        for part in SPLIT.split(OTHERS.sub("", str(item))):
            name = clean_name(part)
            if name and len(name) <= MAX_NAME and any(c.isalpha() for c in name) and name not in out:
                out.append(name)
    return out

"""Small helpers shared by the report renderers: safe plain text and fact summaries."""
from __future__ import annotations

import re

from catalog.report.model import FilmFacts

# C0/C1 control characters (ANSI escapes included) never reach a terminal or file.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object) -> str:
    """Page-derived text as one safe line: control characters dropped, whitespace collapsed."""
    text = str(value)
    if text.isprintable() and "  " not in text and text == text.strip():
        return text  # the usual case, decided in C (isprintable is False for every control character)
    return " ".join(_CONTROL.sub(" ", text).split())


def or_dash(value: object) -> str:
    """A value, or an en dash where it is missing."""
    if value is None or value == "" or value == ():
        return "–"
    if isinstance(value, (list, tuple)):
        return ", ".join(clean(v) for v in value) or "–"
    return clean(value)


def sites_line(film: FilmFacts) -> str:
    """'site-a 2, site-b 1' — review counts per site."""
    return ", ".join(f"{clean(site)} {n}" for site, n in film.reviews_per_site) or "no reviews"


def film_line(film: FilmFacts) -> str:
    """One line of the facts that tell a film apart."""
    parts = [f"year {or_dash(film.year)}", f"directed by {or_dash(film.directors)}"]
    if film.original_title:
        parts.append(f"original title {clean(film.original_title)}")
    if film.platform:
        parts.append(f"on {clean(film.platform)}")
    if film.cast:
        parts.append(f"with {or_dash(film.cast)}")
    return "; ".join(parts)


def score_text(score: float | None) -> str:
    """A link score as text (two decimals) or 'no score'."""
    return "no score" if score is None else f"{score:.2f}"


NOTHING_APART = "nothing recorded tells them apart (year, directors, original title, platform and cast agree)"

"""Markdown rendering of the disambiguation report (tables; page text escaped)."""
from __future__ import annotations

import re

from catalog.report.model import FilmFacts, Report
from catalog.report.renderers.common import NOTHING_APART, clean, or_dash, score_text, sites_line

# Characters with meaning in Markdown or inline HTML; escaped so page text stays text.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&~])")


def md(value: object) -> str:
    """Page-derived text escaped for a Markdown table cell or paragraph."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", clean(value))


def code(value: str) -> str:
    """A shell command as inline code (backticks inside cannot end the span)."""
    text = clean(value).replace("|", "\\|")  # GFM tables split cells on | even in code
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def render_markdown(report: Report) -> str:
    """The report as GitHub-flavoured Markdown."""
    scope = f" — title “{md(report.title_filter)}”" if report.title_filter else ""
    out = [f"# Disambiguation report{scope}", "",
           f"{report.film_count} films, {report.review_count} reviews; generated {md(report.generated_at)}.", ""]
    out += _shared(report) + _weak(report) + _duplicates(report)
    out += [md(note) for note in report.notes]
    return "\n".join(out).rstrip() + "\n"


FILM_HEADER = ["| film | title | year | directors | original title | platform | cast | reviews |",
               "| --- | --- | --- | --- | --- | --- | --- | --- |"]


def _film_row(film: FilmFacts) -> str:
    cells = [code(film.film_id), md(film.title), md(or_dash(film.year)), md(or_dash(film.directors)),
             md(or_dash(film.original_title)), md(or_dash(film.platform)), md(or_dash(film.cast)),
             md(sites_line(film))]
    return "| " + " | ".join(cells) + " |"


def _shared(report: Report) -> list[str]:
    out = [f"## Titles shared by several films ({len(report.shared_titles)})", ""]
    if not report.shared_titles:
        out += ["None.", ""]
    for group in report.shared_titles:
        out += [f"### {md(group.title)} ({len(group.films)} films)", ""] + FILM_HEADER
        out += [_film_row(film) for film in group.films]
        out += [""] + [f"- told apart by {md(d)}" for d in group.differences]
        out += [] if group.differences else [f"- {md(NOTHING_APART)}"]
        out += [f"- if they are one film: {code(group.merge_command)}", ""]
    return out


def _weak(report: Report) -> list[str]:
    out = [f"## Low-confidence links ({len(report.weak_links)})", ""]
    if not report.weak_links:
        return out + ["None.", ""]
    out += ["| review | site | linked film | score | reasons | to detach |", "| --- | --- | --- | --- | --- | --- |"]
    for link in report.weak_links:
        cells = [f"{md(link.review_title)} ({md(link.review_url)})", md(link.site),
                 f"{code(link.film_id)} {md(link.film_title)}", score_text(link.score),
                 md("; ".join(link.reasons) or "–"), code(link.split_command)]
        out.append("| " + " | ".join(cells) + " |")
    return out + [""]


def _duplicates(report: Report) -> list[str]:
    out = [f"## Films that look like duplicates ({len(report.duplicates)})", ""]
    if not report.duplicates:
        return out + ["None.", ""]
    for pair in report.duplicates:
        heading = f"### {md(pair.first.title)} / {md(pair.second.title)} (title similarity {pair.similarity:.0f})"
        out += [heading, "", *FILM_HEADER]
        out += [_film_row(pair.first), _film_row(pair.second), ""]
        out += [f"- {md(r)}" for r in pair.reasons] + [f"- to merge: {code(pair.merge_command)}", ""]
    return out

"""Plain-text rendering of the disambiguation report (terminal, `filmcat demo`)."""
from __future__ import annotations

from catalog.report.model import FilmFacts, Report
from catalog.report.renderers.common import NOTHING_APART, clean, film_line, score_text, sites_line

RULE = "=" * 72


def render_text(report: Report) -> str:
    """The report as readable plain text."""
    lines = [_heading(report), ""]
    lines += _shared(report)
    lines += _weak(report)
    lines += _duplicates(report)
    lines += [clean(note) for note in report.notes]
    return "\n".join(lines).rstrip() + "\n"


def _heading(report: Report) -> str:
    scope = f" for title {clean(report.title_filter)!r}" if report.title_filter else ""
    return (f"Disambiguation report{scope}: {report.film_count} films, {report.review_count} reviews "
            f"(generated {report.generated_at})")


def _film(film: FilmFacts, indent: str = "  ") -> list[str]:
    return [f"{indent}- [{clean(film.film_id)}] {clean(film.title)}: {film_line(film)}",
            f"{indent}  reviews: {sites_line(film)}"]


def _shared(report: Report) -> list[str]:
    lines = [RULE, f"Titles shared by several films ({len(report.shared_titles)})", RULE]
    if not report.shared_titles:
        lines.append("  none")
    for group in report.shared_titles:
        lines.append(f"\n\"{clean(group.title)}\" — {len(group.films)} films")
        for film in group.films:
            lines += _film(film)
        for diff in group.differences:
            lines.append(f"  told apart by {clean(diff)}")
        if not group.differences:
            lines.append(f"  {NOTHING_APART}")
        lines.append(f"  if they are one film: {clean(group.merge_command)}")
    return lines + [""]


def _weak(report: Report) -> list[str]:
    lines = [RULE, f"Low-confidence links ({len(report.weak_links)})", RULE]
    if not report.weak_links:
        lines.append("  none")
    for link in report.weak_links:
        lines.append(f"- {clean(link.review_url)} ({clean(link.site)}: \"{clean(link.review_title)}\")")
        lines.append(f"  -> [{clean(link.film_id)}] {clean(link.film_title)}, "
                     f"score {score_text(link.score)}")
        for reason in link.reasons:
            lines.append(f"  because {clean(reason)}")
        lines.append(f"  to detach it: {clean(link.split_command)}")
    return lines + [""]


def _duplicates(report: Report) -> list[str]:
    lines = [RULE, f"Films that look like duplicates ({len(report.duplicates)})", RULE]
    if not report.duplicates:
        lines.append("  none")
    for pair in report.duplicates:
        lines.append(f"- \"{clean(pair.first.title)}\" / \"{clean(pair.second.title)}\" "
                     f"(title similarity {pair.similarity:.0f})")
        lines += _film(pair.first, "    ")
        lines += _film(pair.second, "    ")
        for reason in pair.reasons:
            lines.append(f"  because {clean(reason)}")
        lines.append(f"  to merge: {clean(pair.merge_command)}")
    return lines + [""]

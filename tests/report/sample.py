"""A hand-made report with hostile page text, shared by the renderer tests."""
from __future__ import annotations

from catalog.report.model import DuplicatePair, FilmFacts, Report, SharedTitle, WeakLink

SCRIPT = "<script>alert(1)</script>"


def film(film_id: str, title: str, year: int | None, director: str, **extra: object) -> FilmFacts:
    base: dict = {"film_id": film_id, "title": title, "original_title": None, "year": year,
                  "directors": (director,), "platform": None, "cast": (), "titles": (title,),
                  "reviews_per_site": (("a.example", 1),)}
    base.update(extra)
    return FilmFacts(**base)


def sample_report() -> Report:
    first = film("f1", "Nachtzug", 2001, "Ann Ahl", platform="Kino", cast=("Bo Berg",),
                 reviews_per_site=(("a.example", 2), ("b.example", 1)))
    second = film("f2", "Nachtzug", 2019, "Cem Cil", original_title="Night Train")
    hostile = film("f3", SCRIPT, 2020, "Dee | Dow", titles=(SCRIPT, "=HYPERLINK(1)"))
    twin = film("f4", SCRIPT + "!", 2020, "Dee | Dow")
    return Report(
        generated_at="2026-01-01T00:00:00Z", title_filter=None, film_count=4, review_count=6,
        shared_titles=(SharedTitle("Nachtzug", "nachtzug", (first, second),
                                   ("year: 2001 / 2019", "directors: Ann Ahl / Cem Cil"),
                                   "filmcat films merge f1 f2"),),
        weak_links=(WeakLink("http://b.example/x?a=1&b=<2>", "b.example", SCRIPT, "f1", "Nachtzug", 0.42,
                             ("year missing", "\x1b[31mred\x1b[0m director"), "filmcat films split f1 --review 'u'"),),
        duplicates=(DuplicatePair(hostile, twin, 97.0, ("same year and director",), "filmcat films merge f3 f4"),),
    )

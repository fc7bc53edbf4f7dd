"""Strategy: OpenGraph video tags (og:type video.movie, video:director, video:release_date, video:actor)."""
from __future__ import annotations

from scraper.extract.page import Page
from scraper.normalize import parse_date, parse_names
from scraper.normalize.names import CAST
from scraper.normalize.title import clean_title
from scraper.record import Candidate

NAME = "meta"
WEIGHTS = {"title": 60, "directors": 50, "cast": 50, "release_date": 50}


def candidates(page: Page) -> list[Candidate]:
    """Candidates from meta tags; og:title counts only on pages typed as a film."""
    out: list[Candidate] = []
    film_page = (page.meta_first("og:type") or "").lower().startswith("video.movie")
    title = clean_title(page.meta_first("og:title"), page.meta_first("og:site_name")) if film_page else None
    if title:
        out.append(Candidate("title", title, NAME, f"og:title {title}", WEIGHTS["title"]))
    directors = parse_names(page.meta.get("video:director", []))
    if directors:
        out.append(Candidate("directors", directors, NAME, "video:director", WEIGHTS["directors"]))
    cast = parse_names(page.meta.get("video:actor", []), CAST)
    if cast:
        out.append(Candidate("cast", cast, NAME, "video:actor", WEIGHTS["cast"]))
    date = parse_date(page.meta_first("video:release_date"))
    if date:
        out.append(Candidate("release_date", date, NAME, "video:release_date", WEIGHTS["release_date"]))
    return out

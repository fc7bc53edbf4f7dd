"""The score box of a disc review (Blu-ray, DVD, 4K UHD test sites): rows Film / Bild / Ton / Extras / Gesamt
(Movie / Video / Audio / Extras / Overall). The critic's rating of the film is the Film row; the overall score
rates the disc (picture, sound and extras weigh in), as does a JSON-LD Review of the disc as a Product."""
from __future__ import annotations

import re
from collections.abc import Iterable

from scraper.extract.page import Page
from scraper.normalize import parse_rating
from scraper.record import Candidate

NAME = "factbox"
WEIGHT = 96  # above the JSON-LD reviewRating (95): on such a page that one is the disc's overall score
# labels of the row that rates the film itself
FILM_ROWS = frozenset({"film", "der film", "movie", "the movie", "the film", "story", "hauptfilm", "handlung"})
# labels of the rows that rate the disc's technique and bonus material
DISC_ROWS = frozenset({"bild", "bildqualität", "ton", "tonqualität", "video", "audio", "extras", "bonus",
                       "bonusmaterial", "ausstattung", "picture", "picture quality", "sound", "sound quality",
                       "video quality", "audio quality", "special features", "supplements"})
MIN_DISC_ROWS = 2  # a Film row beside at least two of picture, sound and extras: a disc's breakdown
MAX_SCORE = 30     # characters of a row's value: a score, maybe with its stars
ROW_LINE = re.compile(r"^([^\W\d][\w .-]{1,20}?)\s*[:：]?\s+(\S.{0,29})$")


def _key(label: str) -> str:
    return " ".join(label.lower().split()).strip(" :.")


def _rows(page: Page, pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(folded label, value) of the labelled pairs and of the short "Label: score" lines of the main content."""
    out = [(_key(label), " ".join(value.split())) for label, value in pairs]
    for line in page.main_lines:
        m = ROW_LINE.match(line.text.strip())
        if m:
            out.append((_key(m.group(1)), m.group(2)))
    return out


def film_score(page: Page, pairs: Iterable[tuple[str, str]]) -> Candidate | None:
    """The Film row's score when the page rates the film, the picture, the sound and the extras apart; None on a
    page without such a breakdown (a plain "Gesamtwertung" of a film review stays its rating)."""
    film: tuple[str, str] | None = None
    disc: set[str] = set()
    for label, value in _rows(page, pairs):
        if len(value) > MAX_SCORE or parse_rating(value, letters=True) is None:
            continue
        if label in FILM_ROWS and film is None:
            film = (label, value)
        elif label in DISC_ROWS:
            disc.add(label)
    if film is None or len(disc) < MIN_DISC_ROWS:
        return None
    rating = parse_rating(film[1], letters=True)
    return Candidate("rating", rating, NAME, f"{film[0]}: {film[1]}"[:160], WEIGHT) if rating else None

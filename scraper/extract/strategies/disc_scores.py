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
    """(folded label, value) of the labelled pairs and of the short "Label: score" lines of the main content
    (computed once: the Film row and the criteria table read the same rows)."""
    if "score_rows" not in page.cache:
        out = [(_key(label), " ".join(value.split())) for label, value in pairs]
        for line in page.main_lines:
            m = ROW_LINE.match(line.text.strip())
            if m:
                out.append((_key(m.group(1)), m.group(2)))
        page.cache["score_rows"] = out
    return list(page.cache["score_rows"])  # type: ignore[arg-type]


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


# --- criteria tables ---------------------------------------------------------------------------------------------
# "Story 8/10 · Schauspiel 7/10 · Optik 9/10 · Gesamt 84%": a review's scores per criterion and the overall one; the
# overall row is the critic's rating of the film (the first criterion is not), unless a separate Film row rates the
# film (a disc review's box, read above; a Film row beside too few disc rows is left as it was)
OVERALL_ROWS = frozenset({"gesamt", "gesamtwertung", "gesamtnote", "gesamturteil", "gesamteindruck", "gesamtbewertung",
                          "gesamtpunktzahl", "insgesamt", "endnote", "endwertung", "overall", "overall score",
                          "overall rating", "total", "total score", "final score", "gesamt-wertung"})
FILM_ONLY_ROWS = FILM_ROWS - {"story", "handlung"}  # in a criteria table "Story" rates the plot, not the film
MIN_CRITERIA = 2     # scored criteria beside the overall row
W_OVERALL = 91       # above a labelled rating line (90): the criteria's own rows are unlabelled scores
# a rating row of its own or others' is no criterion ("Unsere Wertung 8/10 · Leserwertung 6/10 · Gesamt 7/10")
NOT_CRITERION = re.compile(r"wertung|rating|score|note|punkte|leser|user|community|zuschauer|publikum|presse|"
                           r"kritiker|critic|audience|reader", re.IGNORECASE)
OVERALL_HINT = re.compile(r"gesamt|overall|total|insgesamt|endnote|endwertung|final", re.IGNORECASE)
SEGMENTS = re.compile(r"\s+[·•|]\s+|\s*[·•|]\s*(?=[^\W\d])")


def _segment_rows(page: Page) -> list[tuple[str, str]]:
    """(folded label, value) of the segments of short "Story 8/10 · Schauspiel 7/10 · Gesamt 84%" lines."""
    out = []
    for line in page.main_lines:
        text = line.text
        if len(text) > 200 or not any(sep in text for sep in "·•|") or not OVERALL_HINT.search(text):
            continue
        for part in SEGMENTS.split(text):
            m = ROW_LINE.match(part.strip())
            if m:
                out.append((_key(m.group(1)), m.group(2)))
    return out


def criteria_score(page: Page, pairs: Iterable[tuple[str, str]]) -> Candidate | None:
    """The overall row's score of a table scoring two or more criteria with their scale ("Story 8/10", "Acting
    7/10") and the whole ("Gesamt 84%", "Overall: 8.4": a bare number on the criteria's scale); None without
    such a table, or when a row rates the Film apart."""
    rows = _rows(page, pairs)
    rows += _segment_rows(page)
    if not any(label in OVERALL_ROWS for label, _ in rows):
        return None  # most pages: no overall row, nothing to parse
    overall: tuple[str, str] | None = None
    scales: list[float] = []
    disc = 0
    for label, value in rows:
        if len(value) > MAX_SCORE:
            continue
        if label in FILM_ONLY_ROWS and parse_rating(value) is not None:
            return None
        if label in OVERALL_ROWS:
            overall = overall or (label, value)
        elif not NOT_CRITERION.search(label) and (found := parse_rating(value)) is not None and found.scale:
            scales.append(found.scale)
            disc += label in DISC_ROWS
    if overall is None or len(scales) < MIN_CRITERIA or disc >= MIN_DISC_ROWS:
        # (picture, sound and extras scored without a Film row: the overall score rates the disc)
        return None
    rating = parse_rating(overall[1])
    if rating is None and len(set(scales)) == 1:  # "Overall: 8.4" beside "Story: 8/10" rows: out of ten
        rating = parse_rating(overall[1], bare=True, scale_hint=scales[0])
    if rating is None or not 0 <= rating.normalized <= 100:  # a bare number above the criteria's scale
        return None
    return Candidate("rating", rating, NAME, f"{overall[0]}: {overall[1]}"[:160], W_OVERALL)

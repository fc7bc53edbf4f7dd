"""Labelled values -> normalized (field, value) pairs: the value parsing of the factbox strategy (pure text)."""
from __future__ import annotations

import re
from collections.abc import Callable

from scraper.extract.labels import (
    BROADCAST_LABELS,
    COUNTRIES,
    FACT_LABELS,
    RELEASE_PLATFORM,
    VENUE_LABELS,
    WRITER_DIRECTOR,
)
from scraper.extract.strategies.phrases import VOTES
from scraper.normalize import parse_date, parse_fsk, parse_genres, parse_names, parse_platform, parse_rating
from scraper.normalize.dates import day_month, placeholder_date, weekday_start
from scraper.normalize.genres import is_genre_word
from scraper.normalize.names import CAST, CREW, stage_names
from scraper.normalize.platform import canon_of
from scraper.normalize.title import NATIVE_ALTERNATE, strip_quotes, without_material
from scraper.normalize.vocab import fold

YEAR = re.compile(r"(?<!\d)((?:18|19|20)\d{2})(?!\d)")
FSK_HINT = re.compile(r"\d|frei|jugend|ohne|o\.\s?a\.", re.IGNORECASE)  # a bare FSK cell: a number or a phrase
THEATRICAL = re.compile(r"cinema|theat(?:er|re)|kino", re.IGNORECASE)  # a release label naming the cinema
RAW_PLATFORM = re.compile(r"^[A-Z][\w+ .&-]{1,24}$")  # "HBO Max", "Crunchyroll": a short name, no sentence
# a platform named after a start date: "12. März 2024 (HBO Max)", "12.03.2024 / Crunchyroll", "… bei MagentaTV"
RELEASE_TAIL = re.compile(r"(?:\d{4}|\d\.)\s*(?:\(([^()]{2,25})\)|(?:/|bei|auf|on|via)\s+([^()/,;]{2,25}?))\s*\.?$")
NOT_PLATFORMS = re.compile(r"^(?:Deutschland|Österreich|Schweiz|USA|UK|US|DE|AT|CH|Germany|DVD|Blu-ray|"
                           r"limitiert|bundesweit|Wiederaufführung|OmU|OV|Original)\b", re.IGNORECASE)
# a distributor named after a cinema start ("Start: 4.7.2024 (Alamode Film)") is no platform
DISTRIBUTOR = re.compile(r"\b(?:Film|Films|Filmverleih|Verleih|Pictures|Entertainment|Distribution|Studios?|"
                         r"Releasing|Kinowelt|Media)\b", re.IGNORECASE)
MAX_VALUE = 400  # characters
# one-word items of a cast list that are no stage name: the list's filler ("Sonstige", "Weitere") and other facts
# the box runs on into ("…, Rebecca Ferguson, Netflix", "…, Frankreich", "…, Kinostart"); a stage name ("Zendaya",
# "Tabu") is kept beside them
NOT_STAGE_NAMES = frozenset(fold(w) for w in (
    "sonstige", "weitere", "andere", "viele", "mehr", "others", "more", "many", "etc", "usw", "streaming", "stream",
    "trailer", "kritik", "review", "info", "infos", "details", "cast", "crew", "besetzung", "darsteller", "regie"))
# an empty field: a dash, a question mark, "k. A." (keine Angabe), "n/a", "none", "unbekannt" (no value at all is a
# start named alone: "In theaters.")
NO_VALUE = re.compile(r"^[\W_]*$|^(?:k\.?\s?a\.?|keine\s+angaben?|n\.?\s?[/.]?\s?a\.?|none|unbekannt|entfällt)"
                      r"[\s.\-–—]*$", re.IGNORECASE)
# the label of a total after single scores in one rating value (hosts' or sub-scores, then the verdict)
TOTAL_LABEL = re.compile(r"\b(?:gesamt[a-zäöü]*|insgesamt|endwertung|endnote|overall|total|final\s+(?:score|grade|"
                         r"rating|verdict))\b\s*[:=]?\s*", re.IGNORECASE)
TITLE_TEXT = re.compile(r"[^\W\d_]|\d\d")


def value_candidates(field: str, label: str, value: str, scale: Callable[[], float | None],
                     us_dates: bool = False) -> list[tuple[str, object]]:
    """(field, normalized value) pairs stated by one labelled value; a start without a year gives a
    ("release_day", (month, day)) pair, a weekday ("ab Donnerstag") a ("release_weekday", 0..6) pair, that
    factbox.candidates() dates from the page's context."""
    value = value.strip()[:MAX_VALUE]
    if field in ("title", "original_title"):
        text = strip_quotes(without_material(value))
        text = NATIVE_ALTERNATE.sub("", text).strip() if field == "title" else text  # "Die Falle (덫)"
        # a title has a letter or two digits ("1917", "Nr. 9"); a lone "0" or "–" is an empty cell
        return [(field, text)] if TITLE_TEXT.search(text) else []
    if field in ("year", "country"):
        m = YEAR.search(value)
        return [("year", int(m.group(1)))] if m else []
    if field == "genres":
        return [("genres", parse_genres(value))]
    if field == "fsk":
        return [("fsk", parse_fsk(value if FSK_HINT.search(value) else None))]
    if field in ("directors", "cast", "writers"):
        names = parse_names(value, CAST if field == "cast" else CREW)
        if field == "cast":
            names = [n for n in names or stage_names(value) if " " in n or not _other_word(n)]
        # "Buch und Regie: X" credits the writer too
        return [(field, names), ("writers", names)] if field == "directors" and label in WRITER_DIRECTOR else \
            [(field, names)]
    if field == "platform" and " ".join(label.split()) in BROADCAST_LABELS:
        return [("platform", parse_platform(value) or "TV")]  # "Sendetermin: Sonntag, 23:35 Uhr im Ersten"
    if field == "platform":
        # a platform the vocabulary does not know is still the page's statement ("HBO Max")
        raw = value.strip(" .;") if RAW_PLATFORM.match(value.strip(" .;")) and label not in VENUE_LABELS else None
        # "Where to see it: In UK cinemas from 10 November 2023" states the start as well
        return [("platform", parse_platform(value) or raw), ("release_date", parse_date(value, us_dates))]
    if field == "release":
        if placeholder_date(value) or (value and NO_VALUE.match(value)):
            # "Kinostart: 01.01.1970", "Kinostart: -": the CMS's empty date field states no start and no cinema
            return []
        key = " ".join(label.split())
        platform = parse_platform(value) or parse_platform(RELEASE_PLATFORM.get(key, "")) or \
            ("Kino" if THEATRICAL.search(key) else None) or _raw_release_platform(value)
        date = parse_date(value, us_dates)
        if platform is None and date and key in DISTRIBUTED_STARTS and _distributor_after_date(value):
            platform = "Kino"  # "Deutschlandstart: 19.07.2001 (Constantin Film)": a distributor's start is a cinema's
        day = day_month(value) if date is None else None
        weekday = weekday_start(value) if date is None and day is None else None
        if date is None and day is None and weekday is None and len(value.split()) >= MIN_SENTENCE_WORDS and \
                not parse_platform(value) and not any(map(str.isdigit, value)):
            # "… nach dem Kinostart: Scorseses Remake ist …": a label word in a sentence, no start ("In cinemas
            # now", "Kinostart (DE)" are the label's own statement)
            platform = None
        return [("release_date", date), ("platform", platform), ("release_day", day),
                ("release_weekday", weekday)]
    if field == "rating":
        if VOTES.search(value):
            return []  # "Bewertung: 4,2/5 (37 Stimmen)": the readers' average
        total = TOTAL_LABEL.search(value)  # "Jana: 8/10 · Malte: 7/10, Gesamturteil: 7,5 von 10": the total
        if total and (overall := parse_rating(value[total.end():], letters=True)):
            return [("rating", overall)]
        found = parse_rating(value, letters=True)
        return [("rating", found or parse_rating(value, bare=True, scale_hint=scale()))]
    return []


# a country's start (the word of cinema releases; a disc's is "VÖ", "DVD-Start"): with a distributor after the date
# it states a cinema start; a bare "Start:" may be a disc's or a stream's, and its distributor says nothing
DISTRIBUTED_STARTS = frozenset({"deutschlandstart", "deutschland-start"})


def _distributor_after_date(value: str) -> bool:
    """The start value names a distributor in parentheses right after its date ("19.07.2001 (Constantin Film)")."""
    m = RELEASE_TAIL.search(value.strip())
    return bool(m and m.group(1) and DISTRIBUTOR.search(m.group(1)))


MIN_SENTENCE_WORDS = 3  # words of a release value without a date that make it a sentence, not a start


def _raw_release_platform(value: str) -> str | None:
    """A platform the vocabulary does not know, named after the date of a start line ("… 2024 (HBO Max)")."""
    m = RELEASE_TAIL.search(value.strip())
    name = (m.group(1) or m.group(2) or "").strip(" .") if m else ""
    if not name or not RAW_PLATFORM.match(name) or NOT_PLATFORMS.match(name) or fold(name) in COUNTRIES or \
            DISTRIBUTOR.search(name):
        return None
    return name


def _other_word(word: str) -> bool:
    """A one-word cast item that names no one: a genre, a country, a platform, a fact label or a list's filler."""
    key = fold(word)
    return key in NOT_STAGE_NAMES or key in FOLDED_COUNTRIES or is_genre_word(word) or \
        canon_of(word) is not None or word.lower() in FACT_LABELS


FOLDED_COUNTRIES = frozenset(fold(c) for c in COUNTRIES)

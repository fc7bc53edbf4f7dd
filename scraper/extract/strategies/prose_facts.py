"""Fallback strategy: the FSK rating and the genre a review's prose states in a sentence ("ist ab 12 Jahren freigegeben")."""
from __future__ import annotations

import re

from scraper.extract.page import Page
from scraper.extract.text import in_teaser
from scraper.normalize.fsk import OTHER_COUNTRIES, VALID
from scraper.normalize.genres import genre_slugs
from scraper.record import Candidate

NAME = "prose"
W_PROSE_FSK = 40     # below every stated or labelled FSK (phrases 70, labels 90)
W_PROSE_GENRE = 20   # below every stated genre and the headline's genre kicker (40)
PROSE_BLOCKS = ("p", "div", "blockquote")
MIN_PROSE = 30       # characters of a prose line
# an age rating in a sentence: "hat eine FSK 6 bekommen", "FSK-Freigabe von 16", "die FSK gab den Film ab 12 frei",
# "ist ab 12 Jahren freigegeben", "freigegeben ab 16", "eine Altersfreigabe ab 6 Jahren" (never a date "FSK 12.03.")
PROSE_FSK = re.compile(
    r"\bFSK(?:-(?:Freigabe|Einstufung|Kennzeichnung))?\s*(?:(?:von|lautet|ist|liegt\s+bei|:)\s*)?(?:ab\s+)?"
    r"(?P<a>\d{1,2})(?![\d.,]\d|\s*(?:min|minuten|%|\.\s*\d))(?!\w)|"
    r"\bab\s+(?P<b>\d{1,2})\s+(?:Jahren\s+)?(?:freigegeben|frei\b)|"
    r"\bfreigegeben\s+ab\s+(?P<c>\d{1,2})(?!\w|[.,]\d)|"
    r"\bAltersfreigabe\s+(?:ab|von)\s+(?P<d>\d{1,2})(?!\w|[.,]\d)", re.IGNORECASE)
# a sentence naming another country's rating ("In Österreich ist der Film ab 12 Jahren freigegeben")
FOREIGN_RATING = re.compile(r"\b(?:Österreich|Schweiz|USA|Großbritannien|England|Frankreich|MPAA|BBFC|USK|PEGI|"
                            r"JMK|FSF)\b|\(\s*(?:" + OTHER_COUNTRIES + r")\s*\)")
SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„“\"])")


def fsk(page: Page) -> list[Candidate]:
    """The first FSK rating a prose sentence of the main content states, outside teasers."""
    for line in page.main_lines:
        text = line.text
        if line.block not in PROSE_BLOCKS or len(text) < MIN_PROSE or not _may_state_fsk(text):
            continue
        for sentence in SENTENCE_SPLIT.split(text):
            m = PROSE_FSK.search(sentence)
            if m is None or FOREIGN_RATING.search(sentence):
                continue
            value = int(next(g for g in m.groups() if g is not None))
            if value in VALID and not in_teaser(line.el, page.main):
                return [Candidate("fsk", value, NAME, sentence[:160], W_PROSE_FSK)]
    return []


def _may_state_fsk(text: str) -> bool:
    low = text.lower()
    return "fsk" in low or "freigegeben" in low or "freigabe" in low or " frei" in low


# a phrase that names the film's genre: an article, up to three adjectives and the genre noun opening a sentence
# ("Das schonungslose Drama erzählt …", "Ein packender Thriller, der …"), or after "ist"/"is" ("„Blitz“ ist ein
# packender Thriller"). The noun is a capitalised German genre word or compound ("Horrorfilm", "Actionthriller",
# "Science-Fiction-Film", "Musical-Film") or an English genre noun after "a"/"an"/"this".
GENRE_NOUN = r"(?P<noun>[A-ZÄÖÜ][\wäöüß]*(?:-[A-ZÄÖÜ][\wäöüß]*)*|[a-z][a-z-]+)"
GENRE_PHRASE = re.compile(
    r"(?:^|[.!?]\s+|\b(?:ist|is|wird)\s+)(?:Der|Die|Das|Dieses|Ein|Eine|ein|eine|A|An|a|an|This|this)\s+"
    r"(?:(?:[a-zäöüß][\wäöüß-]*),?\s+){0,3}" + GENRE_NOUN + r"(?=[\s,.;:!?)]|$)")
# the noun must name a kind of film: a word ending in "film", "movie", "streifen" or a genre that is nothing else
# ("Drama", "Thriller", "Komödie", "Western", "Musical", "Krimi", "Doku", "Biopic", and compounds on them:
# "Kriegsdrama", "Actionthriller"); "Die Geschichte", "Der Krieg", "Die Musik", "Das Abenteuer" name the plot
KIND_ENDINGS = ("film", "movie", "streifen", "drama", "thriller", "komödie", "comedy", "western", "musical", "krimi",
                "doku", "dokumentation", "documentary", "biopic")
MAX_TEASER_LINES = 3  # the first prose lines of the main content: standfirst and first paragraph


def genres(page: Page) -> list[Candidate]:
    """The genre a phrase of the teaser (the first prose lines) names the film by: "Das schonungslose Drama",
    "ein packender Thriller", "Der Horrorfilm" — the first such phrase with a word of the contract's genres."""
    seen = 0
    for line in page.main_lines:
        if line.block not in PROSE_BLOCKS or len(line.text) < MIN_PROSE or in_teaser(line.el, page.main):
            continue
        seen += 1
        if seen > MAX_TEASER_LINES:
            break
        for m in GENRE_PHRASE.finditer(line.text):
            noun = m.group("noun")
            slugs = genre_slugs(noun) if noun.lower().endswith(KIND_ENDINGS) else []
            if slugs:
                return [Candidate("genres", slugs, NAME, line.text[max(0, m.start()):m.end() + 40][:160],
                                  W_PROSE_GENRE)]
    return []

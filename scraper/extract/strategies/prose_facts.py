"""Fallback strategy: the FSK rating and the genre a review's prose states in a sentence ("ist ab 12 Jahren freigegeben")."""
from __future__ import annotations

import re

from scraper.extract.page import Page
from scraper.extract.text import in_teaser
from scraper.normalize.fsk import OTHER_COUNTRIES, VALID
from scraper.normalize.genres import genre_slugs
from scraper.normalize.vocab import fold, genre_compounds
from scraper.record import Candidate

NAME = "prose"
W_PROSE_FSK = 40     # below every stated or labelled FSK (phrases 70, labels 90)
W_PROSE_GENRE = 20   # below every stated genre and the headline's genre kicker (40)
PROSE_BLOCKS = ("p", "div", "blockquote")
MIN_PROSE = 30       # characters of a prose line
# an age rating in a sentence: "hat eine FSK 6 bekommen", "FSK-Freigabe von 16", "die FSK gab den Film ab 12 frei",
# "ist ab 12 Jahren freigegeben", "freigegeben ab 16", "freigegeben ist der Film ab 12", "eine Altersfreigabe ab 6
# Jahren" (never a date "FSK 12.03.")
PROSE_FSK = re.compile(
    r"\bFSK(?:-(?:Freigabe|Einstufung|Kennzeichnung))?\s*(?:(?:von|lautet|ist|liegt\s+bei|:)\s*)?(?:ab\s+)?"
    r"(?P<a>\d{1,2})(?![\d.,]\d|\s*(?:min|minuten|%|\.\s*\d))(?!\w)|"
    r"\bab\s+(?P<b>\d{1,2})\s+(?:Jahren\s+)?(?:freigegeben|frei\b)|"
    r"\bfreigegeben\s+(?:(?:ist|wurde|wird)\s+(?:[\wäöü]+\s+){0,2})?ab\s+(?P<c>\d{1,2})(?!\w|[.,]\d)|"
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
# ("Das schonungslose Drama erzählt …", "A slow-burning horror film …"), or after "ist"/"is" ("„Blitz“ ist ein
# packender Thriller", "Glass Harbor is a gripping thriller"). The noun is a German genre word or compound
# ("Horrorfilm", "Actionthriller", "Science-Fiction-Film", "Musical-Film") or an English genre noun, maybe with
# "film"/"movie" after it ("horror film", "romantic comedy").
ARTICLE_LEAD = re.compile(r"(?:^|[.!?]\s+|\b(?:ist|is|wird)\s+)(?:Der|Die|Das|Dieses|Ein|Eine|ein|eine|A|An|a|an|The|This|this)"
                          r"\s+(?P<rest>.{1,120})")
MAX_PHRASE_WORDS = 4  # adjectives and the noun after the article
WORD_EDGE = ",;:.!?()\"'„“”»«"
# the noun must name a kind of film: a word ending in "film", "movie", "streifen" or a genre that is nothing else
# ("Drama", "Thriller", "Komödie", "Western", "Musical", "Krimi", "Doku", "Biopic", and compounds on them:
# "Kriegsdrama", "Actionthriller"); "Die Geschichte", "Der Krieg", "Die Musik", "Das Abenteuer" name the plot
KIND_ENDINGS = ("film", "movie", "streifen", "drama", "thriller", "komödie", "comedy", "western", "musical", "krimi",
                "doku", "dokumentation", "documentary", "biopic")
FILM_WORDS = frozenset({"film", "movie", "films", "movies"})
MAX_TEASER_LINES = 3  # the first prose lines of the main content: standfirst and first paragraph


def _phrase_genres(rest: str) -> list[str]:
    """The genres the words after an article name: the first noun of a kind of film among the next few words
    (German adjectives are lower case, so a capitalised word other than a genre ends the phrase)."""
    words = [w.strip(WORD_EDGE) for w in rest.split()[:MAX_PHRASE_WORDS + 1]]
    for i, word in enumerate(words[:MAX_PHRASE_WORDS]):
        if not word:
            return []
        low, nxt = word.lower(), (words[i + 1].lower() if i + 1 < len(words) else "")
        if i and (pair := genre_compounds().get(fold(f"{words[i - 1]} {word}"))):
            return list(pair)  # the vocabulary's compounds: "romantic comedy" (a "family drama" is a drama)
        if low.endswith(KIND_ENDINGS) and (slugs := genre_slugs(word)):
            return slugs
        if nxt in FILM_WORDS and (slugs := genre_slugs(word)):
            return slugs  # "horror film", "science fiction movie"
        if word[:1].isupper() and i:
            return []  # a German noun that names no kind of film ends the phrase
    return []


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
        for m in ARTICLE_LEAD.finditer(line.text):
            if slugs := _phrase_genres(m.group("rest")):
                return [Candidate("genres", slugs, NAME, line.text[m.start():m.start() + 80], W_PROSE_GENRE)]
    return []

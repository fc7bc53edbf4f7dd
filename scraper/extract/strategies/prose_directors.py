"""Fallback strategy (low trust): the director named only in running prose (phrases, possessives before the title)."""
from __future__ import annotations

import re
from collections import Counter

from scraper.extract.page import Page
from scraper.extract.strategies.prose import (
    _CAP,
    PERSON,
    hints_by_line,
    is_person,
    nominative,
    prose_lines,
    without_job,
)
from scraper.extract.text import Line
from scraper.normalize.names import CREW, parse_names
from scraper.normalize.title import QUOTES, REVIEW_WORD
from scraper.record import Candidate

NAME = "prose"
W_DIRECTOR = 25  # below every stated or structured value; runs only when nothing else names the director
# "der neue Film von Mara Lindqvist", "the latest film from Ola Svensk" (an author's "Werk" needs "neu")
NEW_FILM_BY = re.compile(rf"\b(?:neue[nrs]?|jüngste[nrs]?|aktuelle[nrs]?|new|latest|newest)\s+"
                         rf"(?:Film|Spielfilm|Kinofilm|Werk|film|movie|feature)\s+(?:von|from|by)\s+(?P<name>{PERSON})")
# a second director joined by "and"/"und" ("directed by Daniel Kwan and Daniel Scheinert, …"), only when the clause
# ends after the name: "directed by A and Emma Stone is superb" names an actor
# several directors in a comma list ("directed by A, B and C", "in der Regie von A, B"): full names only, the list
# ending the clause and not going on with a further name ("directed by A, B, C and D star" names a cast, and so
# does any list that ends in a verb); an apposition or a relative clause after the comma ("directed by Greta Gerwig,
# who …", "von Christian Petzold, dem …") is no name, so the one director stays alone
_LIST_END = rf"(?=\s*(?:[.;:!?)–—]|,(?!\s*(?:{PERSON}|(?:and|und|&)\s))|\s-\s|$))"
SECOND = (rf"(?:(?P<more>(?:,\s+{PERSON}){{1,2}}(?:,?\s+(?:and|und|&)\s+{PERSON})?){_LIST_END}"
          rf"|\s+(?:and|und|&)\s+(?P<second>{PERSON})(?=\s*(?:[,.;:!?)–—]|\s-\s|$)))?")
MAX_PROSE_DIRECTORS = 3  # "two or three full names": a longer list in prose is a cast, or a list of films
HINT_REACH = 30  # characters before a hint where its phrase may start
# "Regisseurin Mara Lindqvist", "Ausnahme-Regisseur X", "director Ola Svensk", "directed by X",
# "Regie führte X", "in/unter der Regie von X" (filmmaker words are left out: they name producers and writers)
# (substrings one of which a line must hold, pattern): the plain test first, the regex only then (German
# prose capitalises every noun, so a name pattern alone would be tried at every other word)
DIRECTOR_PHRASES = (
    # also a director who wrote the film: "Regisseurin und Drehbuchautorin X", "director and co-writer X"
    (("egisseur", "Regiestar", "irector"),
     re.compile(rf"(?:\b|-)(?:\w*[Rr]egisseur(?:in|s)?|Regiestar|[Dd]irector)(?:\s+(?:und|&|and)\s+(?:Co-|co-)?"
                rf"(?:Drehbuchautor(?:in)?|Autor(?:in)?|(?:screen)?writer))?\s+(?P<name>{PERSON})")),
    # "the directorial debut by the talented X", "das Regiedebüt von X"
    (("irectorial", "Regiedebüt", "Spielfilmdebüt"),
     re.compile(rf"\b(?:directorial\s+(?:debut|effort|feature)\s+(?:by|of|from)|(?:Regie|Spielfilm)debüt\s+von)\s+"
                rf"(?:the\s+|de[rs]\s+)?(?:[a-zäöü][\w-]*\s+)?(?P<name>{PERSON})")),
    (("s latest", "s new"), re.compile(rf"(?P<name>{PERSON})['’]s\s+(?:latest|new|newest)\s+"
                                        r"(?:film|movie|feature|epic|drama|thriller|work)\b")),
    # "Ola Svensk’s thriller about …", "Celine Song’s debut feature": a possessive before a word for a film
    # (not "adaptation" or "screenplay": those are the writer's)
    (("’s ", "'s "), re.compile(rf"(?P<name>{PERSON})['’]s\s+(?:(?:debut|first|second|third|fourth|fifth|latest|"
                                r"new)\s+)?(?:feature\s+)?(?:film|movie|thriller|drama|comedy|horror\s+film|"
                                r"documentary|biopic|western|satire|melodrama)\b")),
    (("irected by", "elmed by"), re.compile(rf"\b(?:[Dd]irected|[Hh]elmed)\s+by\s+(?P<name>{PERSON}){SECOND}")),
    (("Regie führte",), re.compile(rf"\bRegie\s+führten?\s+(?:hier\s+)?(?P<name>{PERSON}){SECOND}")),
    (("Regie von",), re.compile(rf"\b(?:[Ii]n|[Uu]nter)\s+der\s+Regie\s+von\s+(?P<name>{PERSON}){SECOND}")),
    # "Ola Svensk directed.", "… which Ola Svensk directs with care"; "inszeniert von X", "gedreht von X"
    ((" directed", " directs"), re.compile(rf"(?P<name>{PERSON})\s+(?:co-)?direct(?:ed|s)\b(?!\s+by)")),
    # also at a sentence's start: "Inszeniert von X, ist der Film …"
    (("inszeniert von", "gedreht von", "Inszeniert von", "Gedreht von"),
     re.compile(rf"\b(?:[Ii]nszeniert|[Gg]edreht)\s+von\s+(?P<name>{PERSON}){SECOND}")),
    # the object first: "Inszeniert hat den Film Mara Lindqvist", "Gedreht hat ihn Ola Svensk"
    (("Inszeniert hat", "Gedreht hat"),
     re.compile(rf"\b(?:Inszeniert|Gedreht)\s+hat\s+(?:(?:ihn|es|sie|das\s+Ganze|(?:den|das|die|diesen|dieses|diese)\s+"
                rf"[\w-]+)\s+)?(?P<name>{PERSON}){SECOND}")),
    # "vor Mara Lindqvist und ihrem Cast", "Ola Svensk and his ensemble": the person whose cast it is directs
    ((" Cast", " Ensemble", " cast", " ensemble"),
     re.compile(rf"(?P<name>{PERSON})\s+(?:und|mit|and|with)\s+(?:seinem|seinen|ihrem|ihren|his|her|their)\s+"
                rf"(?:\w+\s+)?(?:Cast|Ensemble|cast|ensemble)\b")),
    # "Bis an die Grenze treibt Mara Lindqvist ihren Film": the person whose film it is, right before it
    (("seinen Film", "ihren Film", "seinen neuen Film", "ihren neuen Film"),
     re.compile(rf"(?P<name>{PERSON})\s+(?:seinen|ihren)\s+(?:neuen\s+|jüngsten\s+)?Film\b")),
    # "Mara Lindqvist inszeniert das Drama als …" (present tense; "inszeniert sich" is an actor's or a character's)
    ((" inszeniert ",), re.compile(rf"(?P<name>{PERSON})\s+inszeniert\s+(?!sich\b|von\b)")),
    ((" Film von", " Werk von", "film von", "film from", "film by", "movie from", "movie by", "feature from",
      "feature by"), NEW_FILM_BY),
    # "Mara Lindqvist verfilmte den Roman", "Mit „Nebelhorn“ verfilmt Mara Lindqvist …" (after the quoted title:
    # "die verfilmte Geschichte" is an adjective)
    ((" verfilmt",), re.compile(rf"(?P<name>{PERSON})\s+verfilmte?\b|[“”\"»«]\s+verfilmte?\s+(?P<name2>{_CAP}(?:\s+{_CAP}){{1,2}})\b")),
    # perfect tense: "Christopher Nolan hat das Leben des Physikers J. Robert Oppenheimer verfilmt" (the subject before
    # "hat"; the name before the participle is its object; "hat sich … inszeniert" is an actor's or a character's)
    ((" verfilmt", " inszeniert"),
     re.compile(rf"(?P<name>{PERSON})\s+(?:hat|hatte)\s+(?!sich\b)"
                rf"(?:(?:[^.,;:!?]|(?<=\s[A-Z])\.){{0,60}}?\s)?(?:verfilmt|inszeniert)\b")),
    # "Mara Lindqvist übernimmt (für Nebelhorn nicht nur) die Regie", "… übernahm die Regie"
    ((" übernimmt ", " übernahm "),
     re.compile(rf"(?P<name>{PERSON})\s+(?:übernimmt|übernahm)\s+(?:[^.,;:!?]{{0,40}}?\s)?(?:die\s+)?Regie\b")),
    # "das Drama von und mit Mara Lindqvist": she directs and acts
    (("von und mit",), re.compile(rf"\bvon\s+und\s+mit\s+(?P<name>{PERSON})")),
    # "written by Ola Svensk, who also directed this feature"
    (("who also direct",), re.compile(rf"(?P<name>{PERSON}),?\s+who\s+also\s+direct(?:ed|s)\b")),
)
# beside the film's title in the same line: "Glass Harbor is a slow drama from filmmaking legend Ola Svensk",
# "… das Drama von Mara Lindqvist" (a producer, writer or studio named between is not the director)
FILM_FROM = ((" from ", " by ", " von "),
             re.compile(rf"\b(?:film|movie|drama|thriller|comedy|epic|feature|documentary|western|satire|biopic|"
                        rf"Film|Spielfilm|Kinofilm|Drama|Thriller|Komödie|Horrorfilm|Dokumentarfilm|Western|Epos)\s+"
                        rf"(?:from|by|von)\s+(?P<pre>(?:[a-z][\w-]*\s+){{0,3}})(?P<name>{PERSON})"))
NOT_DIRECTING = re.compile(r"produc|writer(?!-director)|author|novel|studio|star|actor|actress|autor|"
                           r"drehbuch", re.IGNORECASE)  # "writer-director X" directs
# a one-word genitive before the film's title is the director's only after a word for a film
# ("Lindqvists aktuelles Werk Nebelhorn"; "Felds Spiel macht Nebelhorn" is the actor's)
FILM_WORDS = re.compile(r"(?:^|\s)(?:\w*(?:[Ff]ilm|[Ww]erk|[Dd]rama|[Tt]hriller|[Ee]pos|[Rr]egiearbeit|[Ss]treifen)"
                        r"|film|movie|drama|thriller|epic|feature)\s*$")
# words that link a name to something else than its own film ("Jonas Feld als Wärter in „Nebelhorn“")
LINKS = frozenset([
    "als", "in", "im", "as", "mit", "und", "and", "is", "ist", "von", "of", "the", "die", "der", "das", "zu",
    "with", "bei", "auf", "an", "for", "für",
])
POSSESSIVE_WINDOW = 120  # characters before a title mention where "Name's … Title" is looked for
MAX_BETWEEN = 4       # words between a possessive and the film's title ("Lindqvists stilles Küstendrama „…“")


# title-free forms of the per-title patterns below, compiled once: each holds the pattern's part before the title
# (or after it) with every constraint that reads no character outside that part, so a line where none matches
# next to a mention of the title cannot hold a match of the pattern (compiling the three patterns for the page's
# title took about 2 ms a page, nearly all of the fallback's time; the checks below take microseconds)
# an apposition after a possessive's word for a film: "Alexander Payne’s mournful holiday comedy, The Holdovers"
_FILM_NOUN = r"(?:film|movie|comedy|drama|thriller|feature|western|satire|biopic|documentary|epic|melodrama|Film|Drama|" \
             r"Thriller|Komödie|Werk|Epos)"
_APPOSITION = rf"(?:[\w-]+\s+){{0,3}}?{_FILM_NOUN},\s+"
_POSSESSIVE_TAIL = re.compile(rf"{PERSON}(?:['’]s\s+(?:(?:[\w-]+\s+){{0,{MAX_BETWEEN}}}|{_APPOSITION})|"
                              rf"(?<!['’])s\s+(?:[\w-]+\s+){{0,{MAX_BETWEEN}}})[{QUOTES}]?\Z")
_GENITIVE_TAIL = re.compile(rf"[A-ZÄÖÜ][\w-]{{2,}}s\s+(?:[\w-]+\s+){{1,{MAX_BETWEEN}}}[{QUOTES}]?\Z")  # \b left out
_BY_HEAD = re.compile(rf"[{QUOTES}]?\s+(?:von|by)\s")


def _mentions(text: str, title: str) -> list[int]:
    """Where `title` starts in `text`, overlapping mentions too (as `_before` finds them)."""
    out, at = [], text.find(title)
    while at >= 0:
        out.append(at)
        at = text.find(title, at + 1)
    return out


def _may_end_at_title(tail: re.Pattern[str], text: str, title: str) -> bool:
    """Whether `tail` (anchored at its end) matches some stretch of `text` that ends at a mention of `title` and
    starts at most POSSESSIVE_WINDOW characters before it: necessary for a match in one of `_before`'s windows."""
    return any(tail.search(text[max(0, at - POSSESSIVE_WINDOW):at]) for at in _mentions(text, title))


def _before(text: str, title: str) -> list[str]:
    """The stretches of `text` that end at a mention of `title` (the regex then runs on short windows only)."""
    out, at = [], text.find(title)
    while at >= 0:
        out.append(text[max(0, at - POSSESSIVE_WINDOW):at + len(title)])
        at = text.find(title, at + 1)
    return out


def _possessive_pattern(title: str) -> re.Pattern[str]:
    """ "Mara Lindqvists stilles Drama „Nebelhorn“", "Ola Svensk's Glass Harbor" (`_POSSESSIVE_TAIL` + the title).
    A German genitive without apostrophe ("Lindqvists") needs a word before the title: "Niklas Nebelhorn" is none."""
    return re.compile(rf"(?P<name>{PERSON})(?:['’]s\s+(?:(?P<a>(?:[\w-]+\s+){{0,{MAX_BETWEEN}}}?)|(?P<c>{_APPOSITION}))|(?<!['’])s\s+"
                      rf"(?P<b>(?:[\w-]+\s+){{0,{MAX_BETWEEN}}}?))[{QUOTES}]?{re.escape(title)}\b")


def _by_pattern(title: str) -> re.Pattern[str]:
    """ „Nebelhorn“ von Mara Lindqvist: "von/by" right after the quoted title (bylines open with a review word or
    stand alone, and are no prose lines); unquoted only after a word for a film ("im neuen Film Anatomie eines
    Falls von Justine Triet"; a novel's "Dune von Frank Herbert" has none). Needs `_BY_HEAD` after the title."""
    film = re.escape(title)
    return re.compile(rf"(?:[{QUOTES}]{film}[{QUOTES}]|\b(?:Film|Spielfilm|Kinofilm|film|movie)\s+{film}|"
                      rf"(?:^|(?<=[.!?]\s)){film})\s+(?:von|by)\s+(?P<name>{PERSON})")


def _genitive_pattern(title: str) -> re.Pattern[str]:
    """ "Lindqvists neuer Film Nebelhorn": a one-word genitive before the title (`_GENITIVE_TAIL` + the title)."""
    return re.compile(rf"\b(?P<sur>[A-ZÄÖÜ][\w-]{{2,}})s\s+(?P<b>(?:[\w-]+\s+){{1,{MAX_BETWEEN}}}?)"
                      rf"[{QUOTES}]?{re.escape(title)}")


def _possessive(page: Page) -> list[tuple[str, str]]:
    """(name, line) of "Mara Lindqvists stilles Drama „Nebelhorn“", "Ola Svensk's Glass Harbor": a person's
    possessive just before the film's own title (the page's best title so far)."""
    titles = sorted(page.cache.get("titles", []), key=lambda c: -c.weight)
    if not titles:
        return []
    title = str(titles[0].value)
    lines = [line for line in prose_lines(page) if title in line.text]
    possessive = [line for line in lines if _may_end_at_title(_POSSESSIVE_TAIL, line.text, title)]
    by_lines = [line for line in lines if not REVIEW_WORD.search(line.text)
                and any(_BY_HEAD.match(line.text, at + len(title)) for at in _mentions(line.text, title))]
    if not possessive and not by_lines:
        return _surname_possessive(page, title, lines)
    pattern, by = _possessive_pattern(title), _by_pattern(title)
    out = [(m.group("name"), line.text) for line in possessive for window in _before(line.text, title)
           for m in pattern.finditer(window)
           if is_person(m.group("name")) and not set((m.group("a") or m.group("b") or m.group("c") or "").lower()
                                                     .replace(",", " ").split()) & LINKS
           and (m.group("b") != "" or _bare_surname(page, m.group("name")))
           and not (m.group("c") and _compared(window, m))]  # "Like X's thriller, Glass Harbor …"
    out += [(m.group("name"), line.text) for line in by_lines
            for m in by.finditer(line.text) if is_person(m.group("name"))
            and not any(m.group("name") in text for text in _literature_lines(page))]
    return out or _surname_possessive(page, title, lines)


def _bare_surname(page: Page, name: str) -> bool:
    """A German genitive right before the title ("Christopher Nolans Oppenheimer") is the director's only when the
    prose also writes the surname bare ("Nolan schafft es …"): "Jonas Niklas Nebelhorn" is no genitive."""
    surname = re.escape(name.split()[-1])
    bare = re.compile(rf"\b{surname}\b(?!s\b)")
    return any(bare.search(line.text) for line in prose_lines(page))


def _surname_possessive(page: Page, title: str, lines: list[Line]) -> list[tuple[str, str]]:
    """(full name, line) of "Lindqvists neuer Film Nebelhorn" when the prose names exactly one person with that
    surname (the first or the last word: family names come first in Korean and Chinese names). `lines`: the
    prose lines that mention the title."""
    lines = [line for line in lines if _may_end_at_title(_GENITIVE_TAIL, line.text, title)]
    if not lines:
        return []
    genitive = _genitive_pattern(title)
    tried: set[str] = set()  # surnames without one full name (overlapping windows meet a genitive again and again)
    for line in lines:
        for window in _before(line.text, title):
            for m in genitive.finditer(window):
                if m.group("sur") in tried or set(m.group("b").lower().split()) & LINKS \
                        or not FILM_WORDS.search(m.group("b")):
                    continue
                if full := _full_name(page, m.group("sur")):
                    return [(full, line.text)]
                tried.add(m.group("sur"))
    return []


def _full_name(page: Page, surname: str) -> str | None:
    """The one person of the prose whose first or last name is `surname`."""
    word = re.escape(surname)
    pattern = re.compile(rf"\b{word}(?:\s+[A-ZÄÖÜ][\w'’\-\u2011]*){{1,2}}|(?:[A-ZÄÖÜ][\w'’\-\u2011]*\s+){{1,2}}{word}\b")
    found = {m.group().strip() for line in prose_lines(page) if surname in line.text
             for m in pattern.finditer(line.text)}
    people = {nominative(name, page) for name in found if is_person(name)}
    return people.pop() if len(people) == 1 else None


# "Dune: Part Two is Denis Villeneuve's sci-fi epic sequel": a possessive before a word for a work that is no word for
# a film by itself, only where it calls the film its work (reviews name other directors' masterpieces all the time)
POSSESSIVE_WORK = re.compile(rf"(?P<name>{PERSON})['’]s\s+(?:(?:latest|new|newest|sci-fi|science-fiction|space|"
                             r"war|crime|horror|fantasy|western|period|animated|epic|long-awaited|much-anticipated|"
                             r"[a-z]+-(?:winning|nominated)|first|second|third|final|last)\s+){0,2}"
                             r"(?:masterpiece|masterwork|magnum\s+opus|opus|epic|sequel|follow-up|saga)\b"
                             # "Frank Herbert's epic novel": the writer's book
                             r"(?!\s+(?:novel|book|saga|series|poem|story|trilogy|cycle|of\s+a\s+novel)\b)")
POSSESSIVE_WORK_HINTS = frozenset(["’s ", "'s "])
# the possessive's work is the film: "Dune: Part Two is (perhaps) Denis Villeneuve's masterpiece", "Dune: Part Two,
# Denis Villeneuve's sci-fi epic sequel", "Denis Villeneuve's masterpiece Dune: Part Two"
IS_WORK = r"(?:,|:|\s[–—]|\s+(?:is|was|remains|becomes|marks|ist|war|bleibt))\s+(?:[a-z]+\s+){0,3}?$"
# a comparison or a source before the possessive: "Like David Lean's epic, Dune …", "owes much to Lean's epic"
COMPARED = re.compile(r"\b(?:like|unlike|as|than|to|of|after|since|from|besides|alongside|beside|versus|vs\.?|"
                      r"echoing|recalling|evoking|channell?ing|invoking|homage|wie|als)\s+(?:[a-z]+\s+)?$",
                      re.IGNORECASE)
# a writer's words beside the name anywhere on the page ("Frank Herbert's novel", "Roman von Frank Herbert")
LITERATURE = re.compile(r"\b(?:novel|novels|book|books|author|writer|novelist|Roman|Romans|Buch|Autor|Autorin|"
                        r"Schriftsteller(?:in)?|Vorlage|comic|manga)\b")


def _compared(text: str, match: re.Match[str]) -> bool:
    """A comparison or a source before the possessive ("Like Alfred Hitchcock's thriller, …")."""
    first = match.group("name").split()[0]  # "Like David Lean's epic": a capital at the sentence's start
    return bool(COMPARED.search(f"{text[max(0, match.start() - 60):match.start()]}{first} "))


def _possessive_work(page: Page, text: str, film: str) -> list[str]:
    """The people of `text`'s "X's masterpiece / sci-fi epic sequel" phrases that call the film their work: right
    after the film's title and "is"/a comma, or right before it; not after a comparison ("Like X's epic, …"), and
    never someone the page names beside a book (the novel's author)."""
    out = []
    for m in POSSESSIVE_WORK.finditer(text):
        before = text[max(0, m.start() - 120):m.start()]
        after = text[m.end():m.end() + len(film) + 6].lstrip(" ,:–—").lstrip(QUOTES)
        titled = (film in before and re.match(IS_WORK, before[before.rfind(film) + len(film):].lstrip(QUOTES))) \
            or after.startswith(film)
        if not titled or _compared(text, m) or not (name := _names(m, page, True)):
            continue
        if any(name in line for line in _literature_lines(page)):
            continue
        out.append(name)
    return out


def _literature_lines(page: Page) -> list[str]:
    """The main lines with a writer's word, searched once a page (each phrase asked again: quadratic on a long
    line of such phrases)."""
    if "literature_lines" not in page.cache:
        page.cache["literature_lines"] = [ln.text for ln in page.main_lines if LITERATURE.search(ln.text)]
    return page.cache["literature_lines"]


# an apposition naming the director of a film: "Mara Lindqvist, Regisseurin von „Nebelhorn“, …", "Ola Svensk, the
# director of Foghorn, …", "X, Regisseur des Films Y": the director of the page's film only when the film after
# "von"/"of" is the page's own title ("Denis Villeneuve, Regisseur von Arrival" on a review of Dune names another film)
APPOSITION = re.compile(rf"(?P<name>{PERSON}),\s+(?:(?:der|die|the)\s+)?(?:[\w-]*[Rr]egisseur(?:in)?|[Dd]irector|"
                        rf"[Ff]ilmemacher(?:in)?|filmmaker)\s+(?:von|of|des\s+Films|behind|hinter)\s+"
                        rf"(?:(?:dem\s+Film|the\s+film|the\s+movie)\s+)?[{QUOTES}]?")
APPOSITION_HINTS = frozenset(["egisseur", "irector"])


def _apposition(page: Page, text: str, film: str) -> list[str]:
    """The people of `text`'s director appositions whose film is `film`."""
    out = []
    for m in APPOSITION.finditer(text):
        rest = text[m.end():]
        after = rest[len(film):len(film) + 1]
        if rest.startswith(film) and not (after.isalnum() or after == ":") and (name := _name(m, page)):
            out.append(name)
    return out


HINTS = tuple(dict.fromkeys([h for hints, _ in DIRECTOR_PHRASES for h in hints] + list(FILM_FROM[0])))
GERMAN_HINTS = frozenset(["Regie führte", "Regie von", "inszeniert von", "gedreht von", "Inszeniert von", "Gedreht von",
                          "Inszeniert hat", "Gedreht hat", " inszeniert ", " Film von",
                          " Werk von", "film von", " von ", " verfilmt", " inszeniert", " übernimmt ", " übernahm ",
                          "von und mit"])
ENGLISH_HINTS = frozenset(["s latest", "s new", "’s ", "'s ", "irected by", "elmed by", " directed", " directs",
                           "film from", "film by", "movie from", "movie by", "feature from", "feature by", " from ",
                           " by ", " cast", " ensemble", "who also direct"])
OTHER_LANGUAGE = {"de": ENGLISH_HINTS, "en": GERMAN_HINTS}
POSSESSIVES = (DIRECTOR_PHRASES[2][1], DIRECTOR_PHRASES[3][1])  # "X's new film", "X’s thriller": maybe an actor's
PHRASE_SETS = tuple((frozenset(hints), pattern) for hints, pattern in DIRECTOR_PHRASES)  # a line's hints & these
FILM_FROM_HINTS = frozenset(FILM_FROM[0])


def _matches(pattern: re.Pattern[str], text: str, hints: tuple[str, ...]) -> list[re.Match[str]]:
    """The pattern's matches in a line; a phrase whose hint is in its middle ("der neue Film von X") is
    searched only around each hint (an alternation tried at every position of a long line costs 5 µs)."""
    if pattern is not NEW_FILM_BY:
        return list(pattern.finditer(text))
    out: list[re.Match[str]] = []
    for hint in hints:
        at = text.find(hint)
        while at >= 0:
            m = pattern.search(text, max(0, at - HINT_REACH), min(len(text), at + HINT_REACH + 60))
            if m and all(m.start() != o.start() for o in out):
                out.append(m)
            at = text.find(hint, at + 1)
    return sorted(out, key=lambda m: m.start())


def _film(page: Page) -> str | None:
    titles = sorted(page.cache.get("titles", []), key=lambda c: -c.weight)
    return str(titles[0].value) if titles else None


# a determiner right before a name-first phrase ("das Leben des Physikers J. Robert Oppenheimer verfilmt", "the
# physicist J. Robert Oppenheimer directs"): the name is an apposition of a role noun, a character's or a subject's,
# never the subject that directs
DETERMINER = re.compile(r"(?P<lead>^|,\s+|[\s(„“\"'])(?P<det>des|der|dem|den|die|das|eines|einer|einem|eine|ein|"
                        r"seines|seiner|seinem|ihres|ihrer|ihrem|the|a|an|his|her|their|its|of)\s+"
                        r"(?P<noun>[a-zäöü][\w-]*\s+)?$")
RELATIVE = frozenset(["der", "die", "das", "den", "dem"])
# role nouns that do name the one who directs ("Die Regisseurin Mara Lindqvist inszeniert …", "the director X directs")
DIRECTING_NOUN = re.compile(r"^(?:\w*[Rr]egisseur(?:in)?|[Ff]ilmemacher(?:in)?|director|filmmaker|auteur|helmer|"
                            r"writer-director)$")


def _after_role_noun(match: re.Match[str], group: str) -> bool:
    """A name-first phrase whose name follows a determiner and a role noun: the German noun is the name's first
    word ("des Physikers J. Robert …", "der Sängerin Ida Berg"), the English one is lower-case ("the physicist
    J. Robert …")."""
    if match.start(group) != match.start():
        return False  # the phrase's own words come first ("Regisseur X", "directed by X")
    before = DETERMINER.search(match.string, max(0, match.start() - 40), match.start())
    if before is None:
        return False
    if before.group("lead").startswith(",") and before.group("det") in RELATIVE and not before.group("noun"):
        return False  # a relative pronoun: "eine Geschichte, die Mara Lindqvist inszeniert hat"
    noun = (before.group("noun") or "").strip() or match.group(group).split()[0]
    return not DIRECTING_NOUN.match(noun)


def _name(match: re.Match[str], page: Page) -> str | None:
    """The phrase's person without a job word before it ("Regisseurin Mara Lindqvist inszeniert") or a
    genitive after it; none after a determiner and a role noun ("des Physikers X verfilmt")."""
    groups = match.groupdict()
    group = "name" if groups.get("name") else "name2"
    if _after_role_noun(match, group):
        return None
    name = nominative(without_job(groups.get("name") or groups.get("name2") or ""), page)
    name = name if name.endswith(("Jr.", "Sr.")) else name.rstrip(".")
    return name if is_person(name) else None


def _names(match: re.Match[str], page: Page, possessive: bool) -> str | None:
    """The phrase's director, or its two directors joined by a comma ("directed by A and B"); none when a
    possessive ("X's new film") names one of the film's cast: "Timothée Chalamet's new film" is an actor's."""
    name = _name(match, page)
    if name is None or (possessive and name in page.cache.get("cast_names", ())):
        return None
    second = (match.groupdict().get("second") or "").strip()
    if second and is_person(second) and second not in page.cache.get("cast_names", ()):
        return f"{name}, {nominative(second, page)}"
    if more := match.groupdict().get("more"):
        others = [p.strip() for p in re.split(r",|\s(?:and|und|&)\s", more) if p.strip()]
        if len(others) + 1 <= MAX_PROSE_DIRECTORS and all(
                is_person(o) and not o.endswith(("'s", "’s")) and o not in page.cache.get("cast_names", ())
                for o in others):
            return ", ".join([name] + [nominative(o, page) for o in others])
    return name


def _names_another_film(text: str, end: int, film: str) -> bool:
    """The possessive's work is named right after it and is not the film ("Tarkovsky's masterpiece Stalker",
    "Hitchcock's thriller „Vertigo“"): another film's director."""
    rest = text[end:end + 80].lstrip(" ,:–—")
    if not rest or not (rest[0].isupper() or rest[0] in QUOTES or rest[0].isdigit()):
        return False
    return not rest.lstrip(QUOTES).startswith(film)


# what a sentence names before a director phrase when the phrase credits another film: a year ("Remake des Thrillers
# von 1997, in dem … unter der Regie von X"), an earlier work ("the original, directed by X"), a quoted title
SENTENCE_END = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ„“\"»])")
YEAR = re.compile(r"(?<![\d.,/-])(?:19|20)\d\d(?!\d|[.,/-]\d)")
EARLIER_WORK = re.compile(r"\b(?:original|Original(?:film|version)?|Vorlage|Vorgänger(?:film)?|predecessor|"
                          r"(?:Remake|Neuverfilmung)\s+(?:des|eines|von)|remake\s+of)\b")
QUOTED = re.compile(r"[„“”\"»«]([^„“”\"»«]{2,60})[“”\"«»]")


def _about_another_film(text: str, start: int, film: str | None, years: set[object]) -> bool:
    """The sentence before a director phrase at `start` names another film than the page's: a year that is not
    the film's (only when the page states its year), an earlier work, or a quoted title that is not the film's."""
    ends = list(SENTENCE_END.finditer(text, max(0, start - 300), start))
    before = text[ends[-1].end() if ends else max(0, start - 300):start]
    if years and any(int(y.group()) not in years for y in YEAR.finditer(before)):
        return True
    if EARLIER_WORK.search(before):
        return True
    return any(film is None or film not in q.group(1) for q in QUOTED.finditer(before))


def director_hits(page: Page) -> list[tuple[str, str]]:
    """(name, line) of every director phrase in the prose, in page order (asked by the cast fallback too)."""
    if "director_hits" not in page.cache:
        hits: list[tuple[str, str]] = []
        film, years = _film(page), set(page.cache.get("years", ()))
        present = hints_by_line(page, HINTS, OTHER_LANGUAGE)
        for line, here in zip(prose_lines(page), present, strict=True):
            if not here:
                continue
            for hints, pattern in PHRASE_SETS:
                if here & hints:
                    hits += [(name, line.text) for m in _matches(pattern, line.text, tuple(hints))
                             if not (pattern in POSSESSIVES and (_names_another_film(line.text, m.end(), film or "")
                                                                 or _compared(line.text, m)))
                             and not _about_another_film(line.text, m.start(), film, years)
                             and (name := _names(m, page, pattern in POSSESSIVES))]
            if film and here & APPOSITION_HINTS and film in line.text and ", " in line.text:
                hits += [(name, line.text) for name in _apposition(page, line.text, film)]
            if film and here & POSSESSIVE_WORK_HINTS and film in line.text:
                hits += [(name, line.text) for name in _possessive_work(page, line.text, film)]
            if film and here & FILM_FROM_HINTS and film in line.text:
                hits += [(name, line.text) for m in FILM_FROM[1].finditer(line.text)
                         if not NOT_DIRECTING.search(m.group("pre"))
                         and not _about_another_film(line.text, m.start(), film, years) and (name := _name(m, page))]
        page.cache["director_hits"] = hits
    return list(page.cache["director_hits"])  # type: ignore[arg-type]


def directors(page: Page) -> list[Candidate]:
    """The director named most often in prose phrases (first named on a tie); else a possessive before the title."""
    if page.main is None:
        return []
    hits = director_hits(page) or _possessive(page)
    if not hits:
        return []
    counts = Counter(name for name, _ in hits)
    top = max(counts.values())
    name, snippet = next((n, s) for n, s in hits if counts[n] == top)
    return [Candidate("directors", parse_names(name, CREW), NAME, snippet[:160], W_DIRECTOR)]

"""Fallback strategy (low trust): title and year stated only in running prose or the URL slug; person patterns."""
from __future__ import annotations

import bisect
import re
import urllib.parse
from collections import Counter

from scraper.extract.page import Page
from scraper.extract.text import Line, in_teaser
from scraper.normalize.title import QUOTED, QUOTES, strip_quotes
from scraper.record import Candidate

NAME = "prose"
# trust: below every stated or structured value; these only run when nothing else names the field
W_SLUG_QUOTED, W_SLUG_TITLE, W_SLUG_CUT, W_QUOTED_TITLE, W_SLUG_YEAR = 27, 26, 24, 22, 20
PROSE_BLOCKS = ("p", "div", "li", "blockquote", "figcaption", "td", "section", "article", "body")
MIN_PROSE_LINE = 30  # characters: shorter lines are headings, captions or credits, not prose

# one person's name: 2–4 capitalised words (hyphens incl. U+2011, particles between them)
# a period only after an initial ("J. Smith", "J.J. Abrams"); initials are tried first: a bare capital would end
# "Jon M. Chu" at "Jon M" (the pattern is satisfied there and never backtracks into the longer form)
_CAP = r"(?:(?:[A-Z]\.){1,3}(?=\s)|[A-ZÄÖÜÉÈÁÍÓÚÇŁØŠČŞĞİŽŘŐŰ][\w'’\-\u2011]*)"
# "der"/"den" only after "von"/"van" ("Ursula von der Leyen", "Rogier van den Berg"): alone they are German articles,
# and "Leben der Sängerin Ida Berg" is no name
_PARTICLE = r"(?:(?:van|von)(?:\s+(?:der|den|de))?|de|da|del|della|di|du|le|la|bin|al|dos|ter)"
# a suffix keeps its period ("Robert Downey Jr."): tried before a plain word
PERSON = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)*(?:(?:Jr|Sr)\.|{_CAP})){{1,3}}"
PERSON_RE = re.compile(rf"^{PERSON}$")
# function words that tell German prose from English (" die " is English too, " and " in titles is rare)
GERMAN_WORDS = (" und ", " nicht ", " ist ", " das ", " mit ")
ENGLISH_WORDS = (" the ", " and ", " is ", " of ")
LANGUAGE_SAMPLE = 3000  # characters of prose read for its language (a page of two languages keeps every hint)
# words right before a name that make it a person's
PERSON_WORDS = r"[Dd]irector|[Rr]egisseur(?:in)?|[Ff]ilmmaker|[Ff]ilmemacher(?:in)?|[Aa]ctor|[Aa]ctress|" \
               r"[Ss]chauspieler(?:in)?|by|von"
# a capitalised job noun before a name is no part of it (German capitalises nouns): "Burgschauspieler Ann Berg"
JOB_WORD = re.compile(r"^[\w-]*(?:schauspieler|darsteller|regisseur|star|sänger|musiker|komiker|legende|autor|"
                      r"filmemacher|newcomer|veteran)(?:in|innen|en)?$", re.IGNORECASE)
# brands and nouns are never part of a name; function words only as words of their own ("Park So-dam", "Kim Am-ho")
NOT_PERSON = re.compile(r"\b(?:Netflix|Kino|Prime|Disney|HBO|Apple|Sky|Original|Regie|Director|Review|Kritik|"
                        r"Film|Movie|Oscar|Oscars|Golden|Teil|Part|Bros|Pictures|Studios?|Films|Entertainment|Productions|"
                        r"Media|Screenplay|Drehbuch|Award|Awards|Prize|Festival|Academy|City|Street|Avenue)\b|"
                        r"\b(?:The|Der|Die|Das|Ein|Eine|In|Im|Am|Als|Mit|"
                        r"Und|And|But|This|That|Doch|Aber|Auch|So|Wie|Wenn|Dann|Sein|Ihr|Seine|Ihre|What|When|"
                        r"Where|While|Which|Who|Why|How|If|It|As|At|For|After|Before|Here|There|Now|Yet|Still|About|From|Into|"
                        r"Against|Without|Beyond)\b"
                        r"(?![-\u2011'’])")

# URL slug words that are not the film's name; review words split a slug into the film's name and the rest
SLUG_REVIEW = frozenset(["review", "reviews", "kritik", "kritiken", "filmkritik", "filmkritiken", "rezension"])
SLUG_NOISE = frozenset([
    "film", "filme", "films", "movie", "movies", "html", "htm", "php", "aspx", "www", "de", "en", "com",
    "filmdat", "main", "inhalt", "artikel", "article", "story", "news", "magazin", "netflix", "amp", "kino",
    "serie", "serien", "the", "der", "die", "das", "of", "zu", "zum", "zur",
])
QUOTE_CHARS = frozenset(QUOTES)
ARTICLES = frozenset({"the", "a", "an", "der", "die", "das", "of"})
FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a", "ó": "o",
                      "í": "i", "ú": "u", "ç": "c", "ñ": "n"})
FOLD_PAIRS = tuple((chr(k), v) for k, v in FOLD.items())
WORD = re.compile(r"[^\W_]+")
SLUG_YEAR = re.compile(r"^(?:18|19|20)\d{2}$")
MIN_SLUG_WORD = 4     # letters: one-word slug titles shorter than this are too common to trust
MIN_MENTIONS = 2      # a film's name recurs in its review
MIN_QUOTED = 3        # quoted mentions for the most quoted name to count as the film
MAX_SLUG_TITLE = 6    # words: a longer run the text writes out is the headline sentence, not the name


def prose_lines(page: Page) -> list[Line]:
    if "prose_lines" not in page.cache:
        page.cache["prose_lines"] = [ln for ln in page.main_lines if ln.block in PROSE_BLOCKS
                                     and len(ln.text) >= MIN_PROSE_LINE and not in_teaser(ln.el, page.main)]
    return page.cache["prose_lines"]  # type: ignore[no-any-return]


def prose_text(page: Page) -> str:
    """The prose lines joined by newlines, computed once (rules test their hints on it before any line)."""
    if "prose_text" not in page.cache:
        page.cache["prose_text"] = "\n".join(line.text for line in prose_lines(page))
    return page.cache["prose_text"]  # type: ignore[no-any-return]


def prose_language(page: Page) -> str:
    """"de" or "en" when the prose holds function words of one of them only, else "" (both, or neither)."""
    if "prose_language" not in page.cache:
        text = prose_text(page)[:LANGUAGE_SAMPLE]
        german, english = any(w in text for w in GERMAN_WORDS), any(w in text for w in ENGLISH_WORDS)
        page.cache["prose_language"] = "de" if german and not english else "en" if english and not german else ""
    return page.cache["prose_language"]  # type: ignore[no-any-return]


def hints_by_line(page: Page, hints: tuple[str, ...], other_language: dict[str, frozenset[str]] | None = None,
                  needs: dict[str, tuple[str, ...]] | None = None) -> list[frozenset[str]]:
    """For each prose line, the `hints` it holds: each hint is searched once in the joined prose (a test per
    hint and line costs a Python call each), jumping to the next line after a hit. `other_language` names
    the hints a page of that language is not searched for ({"de": English hints, "en": German hints});
    `needs` the hints searched only when one of the given hints (listed before them) was found."""
    text = prose_text(page)
    skip = (other_language or {}).get(prose_language(page), frozenset())
    if "prose_starts" not in page.cache:
        starts, at = [], 0
        for line in prose_lines(page):
            starts.append(at)
            at += len(line.text) + 1
        page.cache["prose_starts"] = starts
    starts = page.cache["prose_starts"]
    found: list[set[str]] = [set() for _ in starts]
    seen: set[str] = set()
    for hint in (h for h in hints if h not in skip):
        if needs and hint in needs and not seen.intersection(needs[hint]):
            continue
        at = text.find(hint)
        if at >= 0:
            seen.add(hint)
        while at >= 0:
            index = bisect.bisect_right(starts, at) - 1
            found[index].add(hint)
            at = text.find(hint, starts[index + 1]) if index + 1 < len(starts) else -1
    return [frozenset(f) for f in found]


# the first word of an in-story group, place or realm, never of a person: "House Atreides", "Clan MacLeod" (not
# "Lake": the actress Lake Bell)
GROUP_HEADS = frozenset(["House", "Haus", "Clan", "Tribe", "Stamm", "Planet", "Kingdom", "Königreich", "Empire",
                         "Imperium", "Family", "Familie", "Team", "Club", "Klub", "Camp", "Fort", "Castle", "Schloss",
                         "Burg", "Mount", "Port", "Cape", "Isle", "Island", "Station", "Villa"])


# an adjective made of a name: "a Dorian Gray-like story", "Wes Anderson-esque", "Stephen King-style", "eine Dorian
# Gray-artige Geschichte", "Tarantino-mäßig", "mit Hitchcock'scher Spannung" (no word of a person's name ends so)
NAME_ADJECTIVE = re.compile(r"(?:[-\u2011](?:like|esque|esk|style|type|inspired|ish|artig|mäßig|maessig|haft|ähnlich|"
                            r"haltig|lastig|verdächtig|würdig)|['’]sch)[a-zäöüß]*(?!\S)")  # lower case: "Al-Ishaq" is a name


def is_person(text: str) -> bool:
    return bool(PERSON_RE.match(text)) and not NOT_PERSON.search(text) and text.split(None, 1)[0] not in GROUP_HEADS \
        and not NAME_ADJECTIVE.search(text)


def _fold(word: str) -> str:
    # str.translate with a dict table costs ~0.1 us per character (65 us on a 600-character line); a
    # replace per folded letter present is 5x faster and the same (no replacement holds a folded letter)
    word = word.lower()
    for letter, ascii_ in FOLD_PAIRS:
        if letter in word:
            word = word.replace(letter, ascii_)
    return word


def _slug_words(url: str) -> list[list[str]]:
    """Word runs of the URL path's segments, split at review words; the runs beside a review word first
    ("/…/mara-lindqvist-glass-harbor-review-dana-roe-shines" -> the film's name first)."""
    try:
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    except ValueError:
        return []
    beside: list[list[str]] = []
    other: list[list[str]] = []
    for segment in re.split(r"[/,]", path):
        run: list[str] = []
        after_review = False
        for word in (_fold(w) for w in re.split(r"[-_.+\s]+", segment) if w):
            if word in SLUG_REVIEW:
                if run:
                    beside.append(run)
                run, after_review = [], True
            elif word.isalpha() and word not in SLUG_NOISE:
                run.append(word)
        if run:
            (beside if after_review else other).append(run)
    return beside + other[::-1]  # the page's own slug comes last in the path; sections come before it


def _match_at(tokens: list[str], start: int, slug: list[str]) -> int:
    """End index of `slug` matched from tokens[start] (articles the slug left out may be skipped), or -1."""
    i = start
    for word in slug:
        while i < len(tokens) and tokens[i] != word and tokens[i] in ARTICLES:
            i += 1
        if i >= len(tokens) or tokens[i] != word:
            return -1
        i += 1
    return i


class _Text:
    """The main lines tokenized once, with an index token -> (line, position): slug runs are matched often."""

    def __init__(self, texts: list[str], wanted: set[str]) -> None:
        self.texts = texts
        # lines naming none of the slug words are left untokenized (most lines of a long page)
        self.words = [list(WORD.finditer(t)) if any(w in folded for w in wanted) else []
                      for t, folded in ((t, _fold(t)) for t in texts)]  # each line folded once, not once per word
        # one lower/translate per line, not per word (NUL never occurs in a word)
        self.tokens = [_fold("\0".join(m.group() for m in words)).split("\0") if words else []
                       for words in self.words]
        self.index: dict[str, list[tuple[int, int]]] = {}
        for li, tokens in enumerate(self.tokens):
            for pos, token in enumerate(tokens):
                if token in wanted:  # only slug words are ever looked up
                    self.index.setdefault(token, []).append((li, pos))

    def spans(self, slug: list[str]) -> list[str]:
        """Every place the word run `slug` occurs, as the text writes it."""
        if any(word not in self.index for word in slug):
            return []
        out = []
        for li, pos in self.index[slug[0]]:
            end = _match_at(self.tokens[li], pos, slug)
            if end > 0:
                out.append(self.texts[li][self.words[li][pos].start():self.words[li][end - 1].end()])
        return out


def _longest_named(run: list[str], text: _Text) -> tuple[int, str] | None:
    """(mentions, text) of the longest part of `run` the texts name often enough; not a list of names."""
    for size in range(min(len(run), MAX_SLUG_TITLE), 0, -1):
        for i in range(len(run) - size + 1):
            part = run[i:i + size]
            if size == 1 and len(part[0]) < MIN_SLUG_WORD:
                continue
            found = [s for s in text.spans(part) if (s[0].isupper() or s[0].isdigit()) and "," not in s]
            # a whole slug segment the text writes out counts as one mention more
            if len(found) + (size == len(run)) >= MIN_MENTIONS:
                return len(found), Counter(found).most_common(1)[0][0]
    return None


def _slug_title(page: Page) -> Candidate | None:
    """The longest run of URL slug words the page text names at least twice (a whole slug run: once),
    written as the text writes it."""
    runs = _slug_words(page.url)
    if not runs:
        return None
    text = _Text([ln.text for ln in page.main_lines], {w for run in runs for w in run})
    # the first run the text names wins: the one beside a review word, else the last path segment's
    found = next((f for run in runs if (f := _longest_named(run, text)) is not None), None)
    if not found:
        return None
    return Candidate("title", found[1], NAME, f"URL slug, {found[0]}× in the text: {page.url}"[:160], W_SLUG_TITLE)


def _quoted_counts(page: Page) -> Counter[str]:
    if "quoted_counts" not in page.cache:  # asked by the slug and the quoted-title fallbacks
        page.cache["quoted_counts"] = Counter(strip_quotes(m.group(1)) for ln in page.main_lines
                                              for m in QUOTED.finditer(ln.text))
    return Counter(page.cache["quoted_counts"])


def _slug_quoted(page: Page) -> Candidate | None:
    """The most quoted name whose words are a run of the URL slug („Nebelhorn“ and /filmkritik-nebelhorn-…)."""
    runs = [" ".join(run) for run in _slug_words(page.url)]
    found = []
    for name, count in _quoted_counts(page).items():
        words = " ".join(_fold(w) for w in WORD.findall(name) if _fold(w) not in SLUG_NOISE)
        if words and name[:1].isupper() and any(f" {words} " in f" {run} " for run in runs):
            found.append((len(words.split()), count, name))
    if not found:
        return None
    _, count, name = max(found)  # the longest name ("Nebelhorn: Teil 2" over "Nebelhorn"), then the most quoted
    return Candidate("title", name, NAME, f"quoted {count}× and in the URL: „{name}“", W_SLUG_QUOTED)


def _slug_cut_quoted(page: Page) -> Candidate | None:
    """A quoted name of two or more words whose first words end the page's own slug, cut short by the CMS
    ("/review-…-new-movie-classic-killers-104135735" and „Killers of the Moon“)."""
    runs = _slug_words(page.url)
    if not runs:
        return None
    tail = runs[-1] if len(runs) == 1 else runs[0]
    found = []
    for name, count in _quoted_counts(page).items():
        words = [_fold(w) for w in WORD.findall(name)]
        for size in range(min(len(words) - 1, len(tail)), 0, -1):
            if words[:size] == tail[-size:] and sum(len(w) for w in words[:size]) >= MIN_SLUG_WORD \
                    and name[:1].isupper():
                found.append((size, count, name))
                break
    if not found:
        return None
    _, count, name = max(found)
    name = name.rstrip(".,;")  # American quoting puts the sentence's period inside the quotes
    return Candidate("title", name, NAME, f"quoted {count}×, its start ends the URL: „{name}“", W_SLUG_CUT)


def _opens_with_person(page: Page, span: str) -> bool:
    """The slug span opens with a name the prose calls a person ("Ola Svensk delivers …" and "director Ola
    Svensk", "Ola Svensk's"): a headline sentence, not the film's name."""
    words = span.split()
    for size in (2, 3):
        name = " ".join(words[:size])
        if len(words) > size and is_person(name):
            person = re.compile(rf"(?:{PERSON_WORDS})\s+{re.escape(name)}\b|\b{re.escape(name)}['’]s\b")
            if any(name in ln.text and person.search(ln.text) for ln in page.main_lines):
                return True
    return False


def _quoted_title(page: Page) -> Candidate | None:
    """The name the text quotes most often („Nebelhorn“ …), when it clearly leads."""
    ranked = _quoted_counts(page).most_common(2)
    if not ranked or ranked[0][1] < MIN_QUOTED or (len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]):
        return None
    name = ranked[0][0]
    if not name or not name[0].isupper() or len(name.split()) > 8:
        return None
    return Candidate("title", name, NAME, f"quoted {ranked[0][1]}×: „{name}“", W_QUOTED_TITLE)


def title(page: Page) -> list[Candidate]:
    """Fallback title candidates for pages whose markup names no title."""
    if page.main is None:
        return []
    quoted, slug = _slug_quoted(page), _slug_title(page)
    if slug and _opens_with_person(page, str(slug.value)):
        slug = None
    if quoted and slug and len(slug.value) > len(quoted.value) and _fold(slug.value).startswith(_fold(quoted.value)) \
            and not QUOTE_CHARS & set(slug.value) and not slug.snippet.startswith("URL slug, 1×"):
        # the text writes out more of the slug than it quotes, more than once ("Nebelhorn – Die Nacht am Meer")
        slug = Candidate("title", slug.value, NAME, slug.snippet, W_SLUG_QUOTED + 1)
    cut = None if quoted or slug else _slug_cut_quoted(page)
    return [c for c in (quoted, slug, cut, _quoted_title(page)) if c is not None]


def _year_line(page: Page) -> list[Candidate]:
    """A line that is only a year inside a run of labelled fact lines ("Genre: Drama" / "2024"): the film's year."""
    from scraper.extract.credits import label_matches  # credits imports this module's helpers

    lines = page.main_lines
    for i, line in enumerate(lines):
        if SLUG_YEAR.match(line.text.strip()):
            near = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
            if sum(bool(label_matches(t)) for t in near if len(t) <= 200) >= 1 and not in_teaser(line.el, page.main):
                return [Candidate("year", int(line.text.strip()), NAME, f"year line beside facts: {line.text}",
                                  W_SLUG_YEAR)]
    return []


def year(page: Page) -> list[Candidate]:
    """A year on a line of its own among labelled facts, else the year right after the film's title in the URL
    slug ("/nebelhorn-2023"), for pages that state neither a year nor a release date (a year elsewhere in the
    path is the posting date)."""
    titles = sorted(page.cache.get("titles", []), key=lambda c: -c.weight)
    if not titles or "release_date" in page.cache.get("fields", ()):
        return []
    if page.main is not None and (found := _year_line(page)):
        return found
    name = [w for w in (_fold(w) for w in WORD.findall(str(titles[0].value))) if w not in ARTICLES]
    try:
        path = urllib.parse.unquote(urllib.parse.urlsplit(page.url).path)
    except ValueError:
        return []
    for segment in re.split(r"[/,]", path):
        words = [w for w in (_fold(w) for w in re.split(r"[-_.+\s]+", segment) if w) if w not in ARTICLES]
        for i in range(len(words) - len(name)):
            if name and words[i:i + len(name)] == name and SLUG_YEAR.match(words[i + len(name)]):
                year = int(words[i + len(name)])
                return [Candidate("year", year, NAME, f"URL slug: {page.url}"[:160], W_SLUG_YEAR)]
    return []


def without_job(name: str) -> str:
    """`name` without a capitalised job noun before it (German capitalises nouns): "Burgschauspieler Ann Berg"."""
    first, _, rest = name.partition(" ")
    return rest if JOB_WORD.match(first) and " " in rest else name


def nominative(name: str, page: Page) -> str:
    """`name` without an English possessive ("director Ann Berg’s camera") or a German genitive "s" when the
    page writes the name without it too ("Regisseur Ann Bergs neues Drama" and "Berg")."""
    if name.endswith(("’s", "'s")):
        return name[:-2]
    stem = name[:-1]
    if not name.endswith("s") or name.endswith(("ss", "Jr.", "Sr.")) or len(stem.split()[-1]) < 3:
        return name
    if "main_text" not in page.cache:
        page.cache["main_text"] = "\n".join(line.text for line in page.main_lines)
    last = re.escape(stem.split()[-1])
    return stem if re.search(rf"\b{last}\b(?!s)", page.cache["main_text"]) else name

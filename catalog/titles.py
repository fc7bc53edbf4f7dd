"""Title keys: normalized title forms (articles, sequel numbers, subtitles) for blocking and comparison."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Leading articles (de/en/fr/es/it); stripped only when words remain after them.
ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "el", "los", "las", "il", "lo", "gli", "uno"])
ELISIONS = ("l'", "l’", "d'", "d’")
# Alternative-title connectors (rule N5): "X or: Y", "X oder: Y", "X, or Y", "X; or, Y", "X aka Y",
# "X a.k.a. Y"; a plain "X oder Y" / "X or Y" only before four or more words ("Birdman oder die unverhoffte
# Macht der Ahnungslosigkeit"), since short ones are titles ("Dead or Alive", "Alles oder nichts").
ALT_TITLE = (r",?\s+(?:or|oder)\s*:|[,;]\s*(?:or|oder)\b,?|\s(?:aka|a\.k\.a\.)\s"
             r"|\s(?:or|oder)\s(?=(?:\S+\s+){3}\S)")
# Separators between a main title and its subtitle / series name; with alternative titles, for titles
# that hold " or", " oder", ",o", ";o", "aka" or "a.k.a" (lower-cased; see split()): the plain pattern splits
# two to three times faster
SEPARATORS = re.compile(r"\s*(?::|\s[–—-]\s|\s/\s|\|)\s*")
SUBTITLE_SEPARATORS = re.compile(rf"\s*(?:{ALT_TITLE}|:|\s[–—-]\s|\s/\s|\|)\s*", re.IGNORECASE)
# "Birdman oder (Die unverhoffte …)": the connector left before a parenthesis that norm() removes
CONNECTOR_BEFORE_GROUP = re.compile(r"[,;]?\s+(?:or|oder)\s*(?=[(\[])", re.IGNORECASE)
# A bracket group opening the title is part of it ("(500) Days of Summer", "[REC]²"); later ones are notes.
LEADING_GROUP = re.compile(r"^\s*[(\[]([^)\]]*)[)\]]")
# Superscript digits are a separate number ("Alien³" = "Alien 3"), not a letter a broken encoding lost.
SUPERSCRIPTS = str.maketrans({"¹": " 1", "²": " 2", "³": " 3"})
# Review-page furniture a title part may consist of ("Ballerina – Kritik / Netflix"): such a part is no
# part of the film's title (rule N7). A part is furniture when all its words are FURNITURE_WORDS and one
# of them is a REVIEW_OR_PLATFORM word ("The Movie" alone is a title part).
REVIEW_OR_PLATFORM = frozenset(["kritik", "filmkritik", "review", "filmreview", "rezension", "filmrezension",
                                "besprechung", "netflix", "prime", "disney", "kino", "kinokritik", "streaming",
                                "trailer"])
FURNITURE_WORDS = REVIEW_OR_PLATFORM | frozenset(["film", "movie", "im", "auf", "bei", "zum", "zur", "on", "tv",
                                                  "video", "amazon", "plus", "apple", "original", "und", "and"])
# a cheap first look (a word of REVIEW_OR_PLATFORM contains one of these); most titles have none
# (case spelled out: an IGNORECASE search costs a third more, on every title)
FURNITURE_HINT = re.compile("[Kk](?:ritik|ino)|[Rr]e(?:view|zension)|[Bb]esprechung|[Nn]etflix|[Pp]rime|[Dd]isney"
                            "|[Ss]treaming|[Tt]railer|KRITIK|REVIEW|KINO")
TRAILING_ARTICLE = re.compile(r",\s*(the|a|an|der|die|das|le|la|les|l'|el|los|las|il|lo|gli|i)\s*$", re.IGNORECASE)
PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
NON_WORD = re.compile(r"[\W_]+")
SEQUEL_WORDS = frozenset(["part", "teil", "chapter", "kapitel", "episode", "vol", "volume", "folge"])
# Entries of a series whose number wording is followed by the entry's own name ("Star Wars: Episode VIII –
# Die letzten Jedi", "John Wick: Chapter 3 – Parabellum"): pages drop the number and keep the name (N9).
SERIES_WORDS = frozenset(["chapter", "kapitel", "episode"])
# Number words (rule N1), folded ("fünf" → "funf", "zwölf" → "zwolf"): anywhere in a title they are the
# number ("Ocean's Eleven" = "Ocean's 11", "Drei Haselnüsse" = "3 Haselnüsse"); "elf" only after a sequel
# word, since alone it is also the creature ("Elf").
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "funf": 5, "sechs": 6, "sieben": 7,
                "acht": 8, "neun": 9, "zehn": 10, "zwolf": 12, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14,
                "funfzehn": 15, "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
                "zwanzig": 20}
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11,
         "xii": 12, "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}
NUMBER_WORDS = {**WORD_NUMBERS, "elf": 11, **ROMAN}  # after a sequel word ("Teil elf", "Episode IX")
# A trailing roman numeral ("Rocky V", "Halloween II"); "i", "x" and "xx" alone are too often words or
# names ("Malcolm X", "Fast X" stay names; "Generation X").
TRAILING_ROMAN = frozenset(ROMAN) - {"i", "x", "xx"}
CONJUNCTIONS = frozenset(["and", "und", "et"])  # dropped inside a title: "Romeo & Julia" = "Romeo und Julia" (N6)
LOSSY = re.compile(r"[^\x00-\x7f]|\?")
LOST_LETTER = "\u0294"  # a letter no title folds to: stands for one non-ASCII letter or the '?' it became
MAX_SEQUEL = 30  # a trailing number above this is part of the title ("Blade Runner 2049", "300")
# entries per cache: the distinct titles and parts of a 1M-review catalogue (≈ 400k) fit, so a full
# resolution normalizes each once (a smaller LRU evicts them before a film's next review); bounded,
# since a long-lived process resolves again and again
CACHE_SIZE = 1 << 20


@lru_cache(maxsize=CACHE_SIZE)
def fold(text: str) -> str:
    """Case-folded, accents removed, ß → ss."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=CACHE_SIZE)
def norm(title: str) -> str:
    """One title's key: folded, punctuation gone, articles, conjunctions and number wording unified,
    review-page furniture parts dropped."""
    text = _without_furniture(title)
    text = _superscripts(text)
    if "(" in text or "[" in text:  # most titles have no brackets: skip three regex passes
        text = PARENTHESES.sub(" ", LEADING_GROUP.sub(r"\1 ", CONNECTOR_BEFORE_GROUP.sub(" ", text)))
    if "," in text:
        text = TRAILING_ARTICLE.sub("", text.strip())  # "Casa, La (1960)"
    tokens = NON_WORD.sub(" ", _drop_elision(fold(text.replace("&", " and ").strip()))).split()
    tokens = _canonical_numbers(tokens)
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    if not CONJUNCTIONS.isdisjoint(tokens[1:]):
        tokens = tokens[:1] + [t for t in tokens[1:] if t not in CONJUNCTIONS]
    return " ".join(tokens)


def title_parts(title: str) -> list[str]:
    """The raw parts of a title around subtitle separators and alternative-title connectors, without
    the parts that are review-page furniture ("Kritik", "Netflix") when another part remains."""
    parts = [p for p in split(title) if p.strip()]
    if len(parts) < 2 or not FURNITURE_HINT.search(title):
        return parts
    kept = [p for p in parts if not _furniture(p)]
    return kept if kept else parts


def split(title: str) -> list[str]:
    """SUBTITLE_SEPARATORS.split(title), with the faster plain pattern where no connector can occur."""
    low = title.lower()  # spelled-out `in` tests: twice as fast as any() over a tuple, or a regex search
    alt = " or" in low or " oder" in low or ",o" in low or ";o" in low or "aka" in low or "a.k.a" in low
    return (SUBTITLE_SEPARATORS if alt else SEPARATORS).split(title)


def _superscripts(title: str) -> str:
    """Superscript digits as separate numbers; three scans cost a seventh of one translate()."""
    return title.translate(SUPERSCRIPTS) if "¹" in title or "²" in title or "³" in title else title


def _without_furniture(title: str) -> str:
    """The title without its furniture parts (rejoined), or unchanged when it has none."""
    separated = ":" in title or " – " in title or " - " in title or " / " in title or "|" in title or "—" in title
    if not separated or not FURNITURE_HINT.search(title):  # most norm() calls are on parts: no separator
        return title
    parts = [p for p in split(title) if p.strip()]
    kept = [p for p in parts if not _furniture(p)]
    return " : ".join(kept) if kept and len(kept) < len(parts) else title


def _furniture(part: str) -> bool:
    """Whether a title part is only review-page furniture ("Kritik", "Filmkritik zum Netflix-Film")."""
    words = NON_WORD.sub(" ", fold(part)).split()
    return bool(words) and all(w in FURNITURE_WORDS for w in words) and any(w in REVIEW_OR_PLATFORM for w in words)


def _drop_elision(text: str) -> str:
    for e in ELISIONS:
        if text.startswith(e):
            return text[len(e):]
    return text


def _canonical_numbers(tokens: list[str]) -> list[str]:
    """'part two' / 'teil 2' / trailing 'ii' → '2'; 'part one' → nothing (a first part is the film);
    a number word anywhere → its digits ('eleven' → '11')."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if tok in SEQUEL_WORDS and nxt is not None and _number(nxt) is not None:
            num = _number(nxt)
            if num != 1:
                out.append(str(num))
            i += 2
            continue
        if i == len(tokens) - 1 and i > 0 and tok in TRAILING_ROMAN:
            out.append(str(ROMAN[tok]))
        elif tok in WORD_NUMBERS:
            out.append(str(WORD_NUMBERS[tok]))
        else:
            out.append(tok)
        i += 1
    return out


def _number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


def sequel_number(key: str) -> int:
    """The sequel number a normalized title ends with (1 when none)."""
    last = key.rsplit(" ", 1)[-1] if key else ""
    if last.isdigit() and " " in key and 1 < int(last) <= MAX_SEQUEL:
        return int(last)
    return 1


@lru_cache(maxsize=CACHE_SIZE)
def lossy(text: str) -> str:
    """The text with every non-ASCII character and '?' dropped: what survives a broken encoding."""
    return LOSSY.sub("", text)


@lru_cache(maxsize=CACHE_SIZE)
def masked(title: str) -> str:
    """The whole-title key with every non-ASCII character and '?' as one placeholder letter, or ''
    for a plain-ASCII title: 'Acci?n mutante' and 'Acción mutante' share it, 'Marie' and 'Mari?e' do not."""
    title = _superscripts(title)
    if not LOSSY.search(title):
        return ""
    return norm(LOSSY.sub(LOST_LETTER, title))


@lru_cache(maxsize=CACHE_SIZE)
def forms(title: str) -> tuple[str, ...]:
    """All keys of a title: the whole title first, then its main title and subtitle parts, then the lossy key.

    Before a part that is only a sequel number ("Dune: Part Two – Die Rückkehr"), the main title
    with that number is the form ("dune 2"): the main title alone names the first film.
    """
    whole = norm(title)
    out = [whole] if whole else []
    damaged = norm(lossy(_superscripts(title)))  # "Mari?e" (encoding lost) and "Mariée": "marie"
    if damaged and damaged != whole and len(damaged) >= 3:
        out.append(damaged)
    parts = [norm(p) for p in title_parts(title)]
    if len(parts) > 1:
        for n, key in enumerate(parts):
            if _bare_sequel(key):
                continue
            if n + 1 < len(parts) and _bare_sequel(parts[n + 1]):
                key = f"{key} {parts[n + 1]}"
            if len(key) >= 3 and key not in out and key not in ARTICLES:
                out.append(key)
    return tuple(out)


def _bare_sequel(key: str) -> bool:
    return key.isdigit() and 1 < int(key) <= MAX_SEQUEL


@lru_cache(maxsize=CACHE_SIZE)
def sequel_of(title: str) -> int:
    """The sequel number of a raw title: a trailing one ("Dune II"), else a part that is only a number
    ("Mirror: Part Two – Die Rückkehr" → 2); 1 when none."""
    number = sequel_number(norm(title))
    if number == 1:
        for part in title_parts(title)[1:]:
            key = norm(part)
            if _bare_sequel(key):
                return int(key)
    return number


@lru_cache(maxsize=CACHE_SIZE)
def sequel_numbers(title: str) -> tuple[int, ...]:
    """The sequel numbers a title may carry: sequel_of's, and when that is 1, also a number its main
    title ends with ("Paddington 2: Ein Bär" → (1, 2)): the same film is "Paddington 2", but "Avatar 2:
    The Way of Water" is also "Avatar: The Way of Water", so the number is possible, not certain. So is
    the number of a named entry ("Star Wars: Episode VIII – Die letzten Jedi" is "Star Wars: Die letzten Jedi")."""
    number = sequel_of(title)
    if number == 1:
        parts = title_parts(title)
        main = sequel_number(norm(parts[0])) if len(parts) > 1 else 1
        if main != 1:
            return (1, main)
    elif _named_entry(title, number):
        return (1, number)
    return (number,)


def _named_entry(title: str, number: int) -> bool:
    """Whether the number is a series-word part ("Episode VIII", "Chapter 3") followed by a part that
    names the entry ("Die letzten Jedi", "Parabellum"); "Part Two – Die Rückkehr" is no named entry."""
    parts = title_parts(title)
    for n in range(1, len(parts) - 1):
        words = NON_WORD.sub(" ", fold(parts[n])).split()
        if words and words[0] in SERIES_WORDS and norm(parts[n]) == str(number):
            return any(len(norm(p)) >= 3 and not _bare_sequel(norm(p)) for p in parts[n + 1:])
    return False

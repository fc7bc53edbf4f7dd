"""Title keys: normalized title forms (articles, sequel numbers, subtitles) for blocking and comparison."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Leading articles (de/en/fr/es/it); stripped only when words remain after them.
ARTICLES = frozenset(["the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "el", "los", "las", "il", "lo", "gli", "uno"])
ELISIONS = ("l'", "l’", "d'", "d’")
# Separators between a main title and its subtitle / series name.
SUBTITLE_SEPARATORS = re.compile(r"\s*(?::|\s[–—-]\s|\s/\s|\|)\s*")
TRAILING_ARTICLE = re.compile(r",\s*(the|a|an|der|die|das|le|la|les|l'|el|los|las|il|lo|gli|i)\s*$", re.IGNORECASE)
PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
NON_WORD = re.compile(r"[\W_]+")
SEQUEL_WORDS = frozenset(["part", "teil", "chapter", "kapitel", "episode", "vol", "volume", "folge"])
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eins": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "funf": 5,
                "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "i": 1, "ii": 2, "iii": 3,
                "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
TRAILING_ROMAN = frozenset(["ii", "iii", "iv", "vi", "vii", "viii"])  # "v"/"x"/"i" alone are too often words
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
    """One title's key: folded, punctuation gone, articles and sequel wording unified."""
    text = TRAILING_ARTICLE.sub("", PARENTHESES.sub(" ", title).strip())  # "Casa, La (1960)"
    text = text.replace("&", " and ")
    tokens = NON_WORD.sub(" ", _drop_elision(fold(text))).split()
    tokens = _canonical_numbers(tokens)
    if len(tokens) > 1 and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    return " ".join(tokens)


def _drop_elision(text: str) -> str:
    for e in ELISIONS:
        if text.startswith(e):
            return text[len(e):]
    return text


def _canonical_numbers(tokens: list[str]) -> list[str]:
    """'part two' / 'teil 2' / trailing 'ii' → '2'; 'part one' → nothing (a first part is the film)."""
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
            out.append(str(NUMBER_WORDS[tok]))
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
    damaged = norm(lossy(title))  # "Mari?e" (encoding lost) and "Mariée" both become "marie"
    if damaged and damaged != whole and len(damaged) >= 3:
        out.append(damaged)
    parts = [norm(p) for p in SUBTITLE_SEPARATORS.split(title) if p.strip()]
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
        for part in SUBTITLE_SEPARATORS.split(title)[1:]:
            key = norm(part)
            if _bare_sequel(key):
                return int(key)
    return number


@lru_cache(maxsize=CACHE_SIZE)
def sequel_numbers(title: str) -> tuple[int, ...]:
    """The sequel numbers a title may carry: sequel_of's, and when that is 1, also a number its main
    title ends with ("Paddington 2: Ein Bär" → (1, 2)): the same film is "Paddington 2", but "Avatar 2:
    The Way of Water" is also "Avatar: The Way of Water", so the number is possible, not certain."""
    number = sequel_of(title)
    if number == 1:
        parts = SUBTITLE_SEPARATORS.split(title, maxsplit=1)
        main = sequel_number(norm(parts[0])) if len(parts) > 1 else 1
        if main != 1:
            return (1, main)
    return (number,)

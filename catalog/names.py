"""Person-name keys that ignore order, hyphens, diacritics and common romanisation variants."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from catalog.titles import fold, lossy

PARENTHESES = re.compile(r"\s*\([^)]*\)")
NON_LETTER = re.compile(r"[^\w]+|\d+|_")
# Romanisation variants folded to one spelling (Korean RR vs McCune–Reischauer, English habits):
# Jeon/Jun, Ji-hoon/Ji-hun, Joon-ho/Jun-ho, Seong/Sung. "eo" is written "u" only before n/ng (rule Q6):
# a syllable-final "eo" (Seo, 서) is never "oo"/"u" (Soo, 수), so "Lee Seo-woo" and "Lee Woo-soo" differ.
ROMANISATION = (("eon", "un"), ("oo", "u"), ("ou", "u"), ("ee", "i"), ("ph", "f"), ("kh", "k"), ("y", "i"))
# German vs English transliteration of Slavic names (rule Q2): Tarkowski/Tarkovsky, Aleksei/Alexei; after
# ROMANISATION, so "Tarkowskij" and "Tarkovskiy" both end in "ii" before it becomes "i"
TRANSLITERATION = (("w", "v"), ("ks", "x"), ("ii", "i"))
# a word-final j after a vowel is the English y/i of a Slavic name (Sergej, Andrej, Nikolaj, Tarkowskij);
# an initial or inner j stays (Jean, Ji-woon, Benjamin)
FINAL_J = re.compile(r"(?<=[aeiou])j$")
DOUBLED = re.compile(r"([b-df-hj-np-tv-z])\1")  # Dennis/Denis, Hanneke: doubled consonants are one (rule Q2)
# letters Unicode decomposition leaves alone (rule Q1: Żuławski, Akın, Rønning)
# a hyphen between two of the same vowel ("Kore-eda") parts one syllable from the next, and the name is as
# often written without it ("Koreeda", rule Q7): read as one word, so that romanisation folds both alike
SAME_VOWEL_HYPHEN = re.compile(r"([aeiou])-(?=\1)")
LETTERS = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "þ": "th"})
SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
NO_NAMES: frozenset[str] = frozenset()  # shared: frozenset() would make a new object per call
PART_MIN_TOKENS = 3  # words of a name that may hold a shorter credited name (birth name, run-together list)
PART_TOKEN_LETTERS = 2  # an initial ("A.") is no part of a credited two-word name on its own
# entries per name cache: distinct spellings of a 1M-review catalogue (≈ 270k names) fit, so a full
# resolution computes each once; bounded, since a long-lived process resolves again and again
CACHE_SIZE = 1 << 20


def ordered_tokens(name: str) -> tuple[str, ...]:
    """Folded tokens of a name in reading order, 'Surname, Given' turned around."""
    text = PARENTHESES.sub(" ", name)
    if text.count(",") == 1:  # "Surname, Given"
        last, first = text.split(",")
        text = f"{first} {last}"
    return _glued_initials([t for t in NON_LETTER.sub(" ", _folded(text)).split() if t not in SUFFIXES])


def _folded(text: str) -> str:
    """fold() with the letters it leaves alone folded too (rule Q1), a same-vowel hyphen dropped (Q7)."""
    text = fold(text)
    text = text if text.isascii() else text.translate(LETTERS)
    return SAME_VOWEL_HYPHEN.sub(r"\1", text) if "-" in text else text


def _glued_initials(items: list[str]) -> tuple[str, ...]:
    """Tokens with a run of single letters as one token (rule Q3: "J. J." = "J.J." = "JJ")."""
    if not items or min(map(len, items)) > 1:  # the common case: no initials
        return tuple(items)
    out: list[str] = []
    single = False
    for t in items:
        if len(t) == 1 and single:
            out[-1] += t
        else:
            out.append(t)
            single = len(t) == 1
    return tuple(out)


@lru_cache(maxsize=CACHE_SIZE)
def tokens(name: str) -> tuple[str, ...]:
    """Sorted folded tokens of a name ('Chung-hyun Lee' → ('chung', 'hyun', 'lee'))."""
    return tuple(sorted(ordered_tokens(name)))


@lru_cache(maxsize=CACHE_SIZE)
def key(name: str) -> str:
    """Order- and romanisation-insensitive key of a person's name ('' for no name)."""
    return " ".join(sorted(_loose(t) for t in tokens(name)))


@lru_cache(maxsize=CACHE_SIZE)
def _loose(token: str) -> str:
    """A token with its romanisation and transliteration variants folded (tokens repeat across names:
    given names, surnames; cached, so each distinct one is worked out once)."""
    for a, b in ROMANISATION:
        token = token.replace(a, b)
    token = FINAL_J.sub("i", token)
    for a, b in TRANSLITERATION:
        token = token.replace(a, b)
    return DOUBLED.sub(r"\1", token)


def keys(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Keys of several names (empty ones dropped), plus the key of what survives a broken encoding."""
    if len(names) == 1:  # the common director list: one cached set, shared by every record naming them
        return name_keys(names[0])
    # built exactly as before (all keys, then the lossy ones): a set's iteration order follows its
    # insertion history, and block keys (so the order of candidate pairs) follow that order
    out = {key(n) for n in names}
    for n in names:
        damaged = lossy(n)
        if damaged != n:
            out.add(key(damaged))
    out.discard("")
    return frozenset(out) if out else NO_NAMES


@lru_cache(maxsize=CACHE_SIZE)
def name_keys(name: str) -> frozenset[str]:
    """Keys of one name: its key and the key of what survives a broken encoding ("Rodr?guez" and
    "Rodríguez" share "rodrguez"), empty ones dropped."""
    damaged = lossy(name)
    out = {key(name), key(damaged)} if damaged != name else {key(name)}  # inserted in keys()'s order
    out.discard("")
    return frozenset(out) if out else NO_NAMES


def part_keys(name: str) -> frozenset[str]:
    """Keys of the shorter names a long name may contain. With four or more words: every two
    neighbouring words (a run-together list 'Kevin Brownlow Andrew Mollo') and every word with the
    last one (a birth name 'Arthur Christopher Orme Plummer' holds 'Christopher Plummer'); with three,
    only the first and the last ('Peter Lindsay Weir' → 'Peter Weir'). A hyphenated word is one word
    ('Kang Hyun-ji' has two), since its halves name no one alone."""
    units = _units(name)
    if len(units) < PART_MIN_TOKENS:
        return frozenset()
    if len(units) == PART_MIN_TOKENS:
        pairs = {(units[0], units[-1])}
    else:
        pairs = set(pairwise(units)) | {(u, units[-1]) for u in units[:-1]}
    return frozenset(" ".join(sorted(_loose(t) for u in pair for t in u)) for pair in pairs
                     if min(len("".join(u)) for u in pair) >= PART_TOKEN_LETTERS)


def _units(name: str) -> list[tuple[str, ...]]:
    """The words of a name in reading order, each as its folded tokens (a hyphenated word has two)."""
    text = PARENTHESES.sub(" ", name)
    if text.count(",") == 1:
        last, first = text.split(",")
        text = f"{first} {last}"
    units = [tuple(t for t in NON_LETTER.sub(" ", _folded(w)).split() if t not in SUFFIXES)
             for w in text.split()]
    return [u for u in units if u]


@lru_cache(maxsize=CACHE_SIZE)
def person_keys(name: str) -> frozenset[str]:
    """Every key one person's name can meet another under: its key, lossy key and part keys."""
    damaged = lossy(name)
    if damaged == name and len(tokens(name)) < PART_MIN_TOKENS:  # the common case: one key
        full = key(name)
        return frozenset((full,)) if full else NO_NAMES
    parts = part_keys(damaged) if damaged != name else frozenset()
    if "?" not in name:  # a '?' stands for a lost letter: it splits a word, so only the lossy parts count
        parts |= part_keys(name)
    return keys((name,)) | parts


def surname_tokens(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """Loose tokens of ≥ 3 letters of every name (surname candidates in any name order)."""
    return frozenset(_loose(t) for n in names for t in tokens(n) if len(t) >= 3)


@lru_cache(maxsize=CACHE_SIZE)
def spelling(name_key: str) -> tuple[str, str]:
    """A key's letters in sorted order, and the same without its initials (rule Q4): "Bong Joonho" and
    "Bong Joon-ho", "Ava DuVernay" and "Ava Du Vernay" spell one name with or without a space;
    "Samuel L. Jackson" and "Samuel Jackson" one without the initial."""
    words = name_key.split()
    longer = [w for w in words if len(w) > 1]
    full = _letters(words)
    return full, (_letters(longer) if len(longer) >= SPELLING_MIN_WORDS and len(longer) < len(words) else full)


def _letters(words: list[str]) -> str:
    """Sorted letters, a run of i as one: y, ee, ii and a final j all became i, so how many is no
    evidence ("Yimou" / "Yi-mou")."""
    letters = "".join(sorted("".join(words)))
    extra = letters.count("i") - 1
    return letters.replace("i", "", extra) if extra > 0 else letters


# cast sets whose spellings are kept: candidate pairs meet within blocks, so recent sets recur; a set per
# review would hold ≈ 300 MB at 1M reviews
SPELLINGS_CACHE = 1 << 16
SPELLING_MIN_WORDS = 2  # words of ≥ 2 letters a key must keep when its initials are dropped
SPELLING_WORD_LETTERS = 3  # a shared word this long anchors two spellings (a surname, a given name)


def same_spelling(x: str, y: str) -> bool:
    """Whether two name keys spell one name: the same letters (with or without initials) and a shared
    word of ≥ 3 letters (so two anagrams with nothing in common never meet)."""
    sx, sy = spelling(x), spelling(y)
    if sx[0] != sy[0] and sx[1] != sy[1]:
        return False
    mine = {w for w in x.split() if len(w) >= SPELLING_WORD_LETTERS}
    return any(w in mine for w in y.split())


INITIALS_LETTERS = 3  # a word this short may be a run of initials ("dv" of "D. W.", "ja" of "J.A.")
VOWELS = frozenset("aeiou")


@lru_cache(maxsize=SPELLINGS_CACHE)
def initials_agree(x: str, y: str) -> bool:
    """Whether two name keys are one person written once with initials and once with given names (rule
    Q8): "F. W. Murnau" / "Friedrich Wilhelm Murnau", "J.A. Bayona" / "Juan Antonio Bayona", "F. Gary Gray"
    / "Felix Gary Gray". They share a word of ≥ 3 letters (the surname); every initial of either key
    stands for a word of the other that begins with it (or for the same initial), each word for one
    initial; given names left over are only on one side (a credit that drops a middle name: "J. Abrams" /
    "Jeffrey Jacob Abrams"), and at least one initial stands for a given name. "J. Smith" / "Kevin
    Smith" and "F. W. Murnau" / "Fritz Murnau" are namesakes. Keys are sorted, so the order of the given
    names is not compared; a short word may be a run of initials or a syllable, both readings are tried
    ("Kim Ji-hoon" / "Kim Ji-hyun" stay apart under both)."""
    mine, theirs = x.split(), y.split()
    shared = set(mine).intersection(theirs)
    if not any(len(w) >= SPELLING_WORD_LETTERS for w in shared):
        return False
    own = [w for w in mine if w not in shared]
    other = [w for w in theirs if w not in shared]
    if not own or not other or not any(len(w) <= INITIALS_LETTERS for w in own + other):
        return False
    return any(_initials_fit(a, b) for a in _readings(tuple(own)) for b in _readings(tuple(other)))


Reading = tuple[tuple[frozenset[str], ...], tuple[str, ...]]  # (initials, each as the letters it may be; words)


def _readings(words: tuple[str, ...]) -> list[Reading]:
    """Each way to read a key's words: a short word as a run of initials or as a word (one letter is an
    initial). A run's letters as the name keys fold them back: "x" may be "ks" ("K. S."), a final "i"
    after a vowel a "j" ("A. J." → "ai")."""
    out: list[Reading] = [((), ())]
    for w in words:
        as_word = [(i, (*ws, w)) for i, ws in out] if len(w) > 1 else []
        as_run = [(i + run, ws) for i, ws in out for run in _runs(w)] if len(w) <= INITIALS_LETTERS else []
        out = as_word + as_run
    return out


def _runs(word: str) -> list[tuple[frozenset[str], ...]]:
    """The initials a folded run of them may have been."""
    letters = [frozenset("ij") if c == "i" and n == len(word) - 1 and n and word[n - 1] in VOWELS else frozenset(c)
               for n, c in enumerate(word)]
    runs = [tuple(letters)]
    if "x" in word:  # "K. S." was glued to "ks", then transliterated to "x"
        runs.append(tuple(s for c in letters for s in ((frozenset("k"), frozenset("s")) if c == {"x"} else (c,))))
    return runs


def _initials_fit(a: Reading, b: Reading) -> bool:
    """Whether every initial of a and b stands for a word or an initial of the other side, with words left
    over on one side at most and one initial standing for a word."""
    if not a[0] and not b[0]:
        return False
    return _assign(list(a[0]), list(b[0]), list(a[1]), list(b[1]), False)


def _assign(mine: list[frozenset[str]], theirs: list[frozenset[str]], my_words: list[str], their_words: list[str],
            named: bool) -> bool:
    """Backtracking over the initials left (a handful at most): the first of mine, else of theirs, takes a
    word or an initial of the other side."""
    if not mine and not theirs:
        return named and not (my_words and their_words)
    if not mine:
        return _assign(theirs, [], their_words, my_words, named)
    first, rest = mine[0], mine[1:]
    for n, w in enumerate(their_words):
        if w[0] in first and _assign(rest, theirs, my_words, their_words[:n] + their_words[n + 1:], True):
            return True
    for n, c in enumerate(theirs):
        if first & c and _assign(rest, theirs[:n] + theirs[n + 1:], my_words, their_words, named):
            return True
    return False


@lru_cache(maxsize=SPELLINGS_CACHE)
def spellings(name_keys_: frozenset[str]) -> frozenset[str]:
    """Both sorted-letter forms of each key of a set (one shared set per distinct cast or director set)."""
    return frozenset(f for k in name_keys_ for f in spelling(k))

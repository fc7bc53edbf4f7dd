"""Stage 2: pairwise comparison of two review profiles → score with reasons, and hard constraints."""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from rapidfuzz import fuzz

from catalog import names, titles
from catalog.resolve.keys import EMPTY, Profile, crew_shared
from catalog.resolve.options import ResolveOptions

NAME_RATIO = 90.0  # token-set ratio at which two name keys count as one person
SYLLABLE = 3  # letters: a word this short that differs is another given name ("Ji-woon" / "Ji-hoon"), no typo


def directors_agree(a: Profile, b: Profile) -> bool | None:
    """True/False when both list directors, None when one does not."""
    if not a.directors or not b.directors:
        return None
    if a.directors & b.directors:
        return True
    return any(same_person(x, y) for x in a.directors for y in b.directors)


@lru_cache(maxsize=65536)
def same_person(x: str, y: str) -> bool:
    """Two name keys of one person: one spelling with or without spaces (rule Q4), or near alike by
    token-set ratio, unless the words they differ in are all short syllables (rule Q5: "Kim Ji-woon"
    / "Kim Ji-hoon" are namesakes, "Jordan Peele" / "Jordan Peel" a typo), or once with initials and once
    with the given names they stand for (rule Q8: "F. W. Murnau" / "Friedrich Wilhelm Murnau")."""
    if names.same_spelling(x, y) or names.initials_agree(x, y):
        return True
    if fuzz.token_set_ratio(x, y) < NAME_RATIO:
        return False
    mine, theirs = set(x.split()), set(y.split())
    own, other = mine - theirs, theirs - mine
    return not (own and other and all(len(w) <= SYLLABLE for w in own | other))


def shared_cast(a: Profile, b: Profile) -> int:
    """People both casts name: by key, else by spelling (rule Q4; the exact keys are the common case)."""
    return len(a.cast & b.cast) or spelled_cast(a, b)


def spelled_cast(a: Profile, b: Profile) -> int:
    """People two casts that share no key spell alike (rule Q4)."""
    if names.spellings(a.cast).isdisjoint(names.spellings(b.cast)):
        return 0
    return sum(any(names.same_spelling(x, y) for y in b.cast) for x in a.cast)


def year_gap(a: Profile, b: Profile) -> int | None:
    """|year difference| or None when a year is missing."""
    return None if a.year is None or b.year is None else abs(a.year - b.year)


def cannot_link(a: Profile, b: Profile, opt: ResolveOptions) -> bool:
    """Hard constraint: these two reviews are never the same film."""
    gap = year_gap(a, b)
    if gap is None:
        return False
    if gap > opt.max_year_gap_same_director:
        return True
    return gap > opt.max_year_gap_other_director and directors_agree(a, b) is False


def score(a: Profile, b: Profile, freq: Mapping[str, int], opt: ResolveOptions) -> tuple[float, list[str]]:
    """Sum of evidence points for `a` and `b` being one film, and the reasons (see `evidence`)."""
    total, reasons = evidence(a, b, freq, opt)
    return total, list(reasons)


def evidence(a: Profile, b: Profile, freq: Mapping[str, int], opt: ResolveOptions) -> tuple[float, tuple[str, ...]]:
    """Points and reasons of one pair: title (whole / form / part / near / different, rare-title
    bonus, sequel numbers), year, directors, crew, cast, then release date, platform and genres
    (docs/resolution.md, "Comparison"). The hot path: the reasons are looked up by what each
    comparison found (a few hundred distinct lists, each built once and shared)."""
    if not a.forms or not b.forms:
        total, title, sequel = 0.0, "", False
    else:
        shared: frozenset[str] | None = a.forms & b.forms
        if a.whole & b.whole or (a.masked and any(k in b.masked for k in a.masked)):
            total, title = opt.title_exact, "="
        elif shared and shared <= a.parts and shared <= b.parts:
            if subtitles_only(a, b, shared, opt.fuzzy_ratio) or (
                    siblings(a.parts - shared, b.parts - shared, opt.fuzzy_ratio) and not numbered(shared)):
                total, title, shared = opt.title_mismatch, "≠", None
            else:
                total, title, shared = opt.title_fuzzy, "part", EMPTY
        elif shared:
            total, title = opt.title_form, "form"
        elif a.title_key and b.title_key and fuzz.token_sort_ratio(a.title_key, b.title_key) >= opt.fuzzy_ratio:
            total, title = opt.title_fuzzy, "≈"
        else:
            total, title, shared = opt.title_mismatch, "≠", None
        sequel = False
        if shared is not None:
            if shared:
                total += opt.rare_title_bonus / max(min(freq.get(f, 1) for f in shared), 1)
            if sequels_differ(a.sequels, b.sequels) or (title == "≈" and numbers_differ(a.title_key, b.title_key)):
                total += opt.sequel_conflict
                sequel = True
    gap = None if a.year is None or b.year is None else abs(a.year - b.year)
    if gap is not None:
        total += opt.year_close if gap <= 1 else opt.year_near if gap == 2 else opt.year_far
    agree = directors_agree(a, b)
    if agree is not None:
        total += opt.director_match if agree else opt.director_mismatch
    crew = bool((a.writers or b.writers) and not agree and crew_shared(a, b))
    if crew:
        total += opt.crew_match
    cast = None
    if a.cast and b.cast:
        cast = shared_cast(a, b)
        total += min(cast, opt.cast_cap) * opt.cast_each if cast else opt.cast_none
    extras, dated = 0.0, bool(a.release_date and a.release_date == b.release_date)
    if dated:
        extras += opt.release_date_equal
    platform = None if not (a.platform and b.platform) else a.platform == b.platform
    if platform is not None:
        extras += opt.platform_equal if platform else opt.platform_differs
    genre = bool(a.genres & b.genres)
    if genre:
        extras += opt.genre_overlap
    return round(total + extras, 3), _reasons(title, sequel, gap, agree, crew, cast, dated, platform, genre)


@lru_cache(maxsize=65536)
def siblings(mine: frozenset[str], theirs: frozenset[str], ratio: float) -> bool:
    """Whether two titles that share only a part differ in their other parts: entries of one series
    ("Avengers: Infinity War" / "Avengers: Endgame"), not one film written two ways ("Avengers:
    Endgame" / "Avengers 4: Endgame", "Spider-Man: No Way Home" / "Spiderman: No Way Home")."""
    if not mine or not theirs:
        return False
    for x in mine:
        tx = set(x.split())
        for y in theirs:
            ty = set(y.split())
            if tx <= ty or ty <= tx or fuzz.ratio(x, y) >= ratio or fuzz.token_sort_ratio(x, y) >= ratio:
                return False
    return True


def sequels_differ(mine: frozenset[int], theirs: frozenset[int]) -> bool:
    """Whether two titles' sequel numbers tell them apart: no number in common, or each states a number
    other than 1 and none of those is shared (rule N′: "Star Wars: Episode VIII – …" {1, 8} and "Star Wars:
    Episode IX – …" {1, 9} are two entries; either may be read without its number, not both as the other)."""
    if mine.isdisjoint(theirs):
        return True
    if len(mine) == 1 or len(theirs) == 1:  # the common case: one number each, and it is shared
        return False
    return (mine - ONE).isdisjoint(theirs - ONE) and bool(mine - ONE) and bool(theirs - ONE)


ONE = frozenset([1])


def near_numbers(a: Profile, b: Profile, opt: ResolveOptions) -> bool:
    """Near titles with other numbers (rule N″), for pairs the title comparison did not score."""
    return numbers_differ(a.title_key, b.title_key) and fuzz.token_sort_ratio(a.title_key, b.title_key) >= opt.fuzzy_ratio


@lru_cache(maxsize=65536)
def numbers_differ(mine: str, theirs: str) -> bool:
    """Whether two near title keys both hold numbers, and not the same ones: "21 jump street" and
    "22 jump street" are two films, whatever their other words (rule N″)."""
    x, y = sorted(t for t in mine.split() if t.isdigit()), sorted(t for t in theirs.split() if t.isdigit())
    return bool(x) and bool(y) and x != y


def subtitles_only(a: Profile, b: Profile, shared: frozenset[str], ratio: float) -> bool:
    """Whether the titles share only subtitles and their main titles differ (rule S): "Golden Harbor – Der
    Fluch" / "River Song – Der Fluch" are two films, also when one page states its main title as the
    original title (so that its other part is no part); "Avengers: Endgame" / "Avengers 4: Endgame" or a
    shared main title ("Terminator 2: Tag der Abrechnung" / "… Judgment Day") are not."""
    mine, theirs = _main(a, shared), _main(b, shared)
    return bool(mine and theirs) and siblings(frozenset([mine]), frozenset([theirs]), ratio)


def _main(p: Profile, shared: frozenset[str]) -> str:
    """The longest form that begins p's title (the title itself when a subtitle is only in its original
    title), when no shared form does ("" otherwise)."""
    key = p.title_key
    leading = [f for f in p.forms if key == f or key.startswith(f + " ")]
    if not leading or any(f in shared for f in leading):
        return ""
    return max(leading, key=len)


@lru_cache(maxsize=65536)
def numbered(shared: frozenset[str]) -> bool:
    """Whether a shared part ends in a sequel number ("terminator 2", "star wars 8"): it names one entry
    of its series, so other parts that differ are that entry's name written in another language
    ("Tag der Abrechnung" / "Judgment Day"), not other entries (rule N8)."""
    return any(titles.sequel_number(f) > 1 for f in shared)


TITLE_REASONS = {"": "no title", "=": "title =", "part": "title part =", "form": "title form =", "≈": "title ≈",
                 "≠": "title ≠"}


@lru_cache(maxsize=65536)
def _reasons(title: str, sequel: bool, gap: int | None, agree: bool | None, crew: bool, cast: int | None,
             dated: bool, platform: bool | None, genre: bool) -> tuple[str, ...]:
    """The reasons score() gives for these findings, in its order."""
    out = [TITLE_REASONS[title]] + (["sequel ≠"] if sequel else [])
    if gap is not None:
        out.append("year =" if gap == 0 else "year ±1" if gap == 1 else "year ±2" if gap == 2 else f"year Δ{gap}")
    if agree is not None:
        out.append("director =" if agree else "director ≠")
    out += ["crew shared"] if crew else []
    if cast is not None:
        out.append(f"cast {cast} shared" if cast else "cast ≠")
    out += ["release date ="] if dated else []
    if platform is not None:
        out.append("platform =" if platform else "platform ≠")
    out += ["genre overlap"] if genre else []
    return tuple(out)


def score_unique_name(a: Profile, b: Profile, opt: ResolveOptions) -> tuple[float, list[str]]:
    """Points of a pair the people rule found (each the other's unique best match by shared people,
    no title to place either): the rule's points plus the year, director, crew, sequel and extras
    evidence (which can still push it below the threshold). Two titled records whose titles share
    nothing and whose stated years differ are a director's next film, not a translation (rule P)."""
    gap = year_gap(a, b)
    if a.forms and b.forms and gap is not None and gap > opt.people_titled_year_gap:  # rule P: no link
        return opt.year_far, ["unique name", "other title, other year"]
    total, reasons = opt.unique_name, ["unique name"]
    if a.forms and b.forms and (sequels_differ(a.sequels, b.sequels) or near_numbers(a, b, opt)):  # "Dune" / "Dune 2"
        total += opt.sequel_conflict
        reasons.append("sequel ≠")
    for part in (_year(a, b, opt), _directors(a, b, opt), _crew(a, b, opt), _extras(a, b, opt)):
        total += part[0]
        reasons += part[1]
    return round(total, 3), reasons


def career(undated: Profile, year: int, spans: Mapping[str, tuple[int, int]],
           opt: ResolveOptions) -> tuple[float, list[str]]:
    """A record without a year against a film of `year`: do its people's careers (the years of the
    records naming them) reach that year? Fits for one person → a little; excluded by all → against."""
    dated = False
    for person in undated.people:
        found = [spans[k] for k in person if k in spans]
        if not found:
            continue
        dated = True
        lo, hi = min(f[0] for f in found), max(f[1] for f in found)
        if lo - opt.career_slack <= year <= hi + opt.career_slack:
            return opt.career_fit, ["career fits"]
    return (opt.career_miss, ["career ≠"]) if dated else (0.0, [])


def _year(a: Profile, b: Profile, opt: ResolveOptions) -> tuple[float, list[str]]:
    gap = year_gap(a, b)
    if gap is None:
        return 0.0, []
    if gap <= 1:
        return opt.year_close, ["year =" if gap == 0 else "year ±1"]
    if gap == 2:
        return opt.year_near, ["year ±2"]
    return opt.year_far, [f"year Δ{gap}"]


def _directors(a: Profile, b: Profile, opt: ResolveOptions) -> tuple[float, list[str]]:
    agree = directors_agree(a, b)
    if agree is None:
        return 0.0, []
    return (opt.director_match, ["director ="]) if agree else (opt.director_mismatch, ["director ≠"])


def _crew(a: Profile, b: Profile, opt: ResolveOptions) -> tuple[float, list[str]]:
    """A writer of one is a director or writer of the other (auteur films); weaker than director =
    director, never against (most pages name no writer), and only when a writer is named at all."""
    if not (a.writers or b.writers) or directors_agree(a, b):
        return 0.0, []
    return (opt.crew_match, ["crew shared"]) if crew_shared(a, b) else (0.0, [])


def _extras(a: Profile, b: Profile, opt: ResolveOptions) -> tuple[float, list[str]]:
    points, reasons = 0.0, []
    if a.release_date and a.release_date == b.release_date:
        points += opt.release_date_equal
        reasons.append("release date =")
    if a.platform and b.platform:
        same = a.platform == b.platform
        points += opt.platform_equal if same else opt.platform_differs
        reasons.append("platform =" if same else "platform ≠")
    if a.genres & b.genres:
        points += opt.genre_overlap
        reasons.append("genre overlap")
    return points, reasons

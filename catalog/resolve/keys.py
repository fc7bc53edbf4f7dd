"""Stage 1: per-review profiles (normalized titles, names, year) and blocking keys → candidate pairs."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from operator import itemgetter
from typing import Any

from catalog import names, titles
from catalog.resolve.options import ResolveOptions

EMPTY: frozenset[str] = frozenset()  # one shared object: frozenset() makes a new one per call
NAME = "c:"  # name-block keys (cast_keys)
MIN_SHARED_TITLED = 2  # people two titled records with different titles must share (one name is no proof)


@dataclass(slots=True, eq=False)
class Profile:
    """What resolution compares of one review (read-only by convention: a frozen dataclass's
    __init__ costs ≈ 2 µs more per review, 2 s at 1M; compared and hashed by identity)."""

    review_id: int
    url: str
    site: str
    title_key: str                  # the page's whole title, normalized
    forms: frozenset[str]           # every title form (title, original title, main/sub parts)
    whole: frozenset[str]           # whole-title keys only (title and original title), also without spaces
    sequels: frozenset[int]         # sequel numbers of title and original title
    year: int | None                # stated year, else the release date's year
    directors: frozenset[str]       # name keys
    cast: frozenset[str]
    platform: str | None
    release_date: str | None
    genres: frozenset[str]
    writers: frozenset[str] = EMPTY              # name keys; most records state none (no evidence)
    people: tuple[frozenset[str], ...] = ()      # per person (cast, then directors, then writers): its keys
    n_cast: int = 0                              # people[:n_cast] are actors, the rest crew
    masked: tuple[str, ...] = ()                 # whole titles with lost letters masked (titles.masked)
    parts: frozenset[str] = EMPTY                # forms that are only a part (main title or subtitle) of a title


def profile(review_id: int, rec: Mapping[str, Any]) -> Profile:
    """The profile of one contract record (`writers`, where present, is an optional list of names)."""
    get = rec.get
    return _profile(review_id, get("url"), get("site"), get("title"), get("original_title"), get("year"),
                    get("release_date"), get("directors"), get("cast"), get("writers"), get("genres"), get("platform"))


# what _profile reads of a record, in its order
PROFILE_FIELDS = ("url", "site", "title", "original_title", "year", "release_date", "directors", "cast", "writers",
                  "genres", "platform")


def row_profiles(rows: Sequence[Sequence[Any]], names: Sequence[str]) -> list[Profile]:
    """profile() of each row (review id first, then the fields `names` gives, PROFILE_FIELDS among
    them), without a record dict per row (≈ 1 µs per row less: 2 s of a 1M run)."""
    pick = itemgetter(0, *(names.index(f) for f in PROFILE_FIELDS))
    return [_profile(*pick(row)) for row in rows]


def _profile(review_id: int, url: str | None, site: str | None, title: str | None, original: str | None, year: Any,
             release_date: str | None, directors: Any, cast: Any, writers: Any, genres: Any, platform: str | None,
             ) -> Profile:
    title_key, forms, whole, sequels, masked, parts = _title_facts(title or "", original or "")
    directors, cast = tuple(directors or ()), tuple(cast or ())
    writers = tuple(w for w in writers if isinstance(w, str)) if writers else ()
    cast_keys, actors = _name_facts(cast)
    if writers:
        crew = _name_facts(directors + writers)[1]
        director_keys, writer_keys = _name_facts(directors)[0], _name_facts(writers)[0]
    else:
        director_keys, crew = _name_facts(directors)
        writer_keys = EMPTY
    return Profile(review_id, url or "", site or "", title_key, forms, whole, sequels, _year(year, release_date),
                   director_keys, cast_keys, platform or None, release_date or None,
                   _genres(tuple(genres)) if genres else EMPTY, writer_keys, (*actors, *crew), len(actors),
                   masked, parts)


@lru_cache(maxsize=4096)
def _genres(genres: tuple[Any, ...]) -> frozenset[str]:
    """Folded genre names, one shared set per distinct list."""
    return _shared(tuple(titles.fold(g) for g in genres))


TitleFacts = tuple[str, frozenset[str], frozenset[str], frozenset[int], tuple[str, ...], frozenset[str]]


@lru_cache(maxsize=1 << 20)
def _title_facts(title: str, original: str) -> TitleFacts:
    """(title key, forms, whole keys, sequel numbers, masked keys, parts) of a title and original
    title: a film's reviews repeat them, so each distinct pair is worked out once and its sets shared."""
    named = [(t, k) for t, k in ((title, titles.norm(title)), (original, titles.norm(original))) if k]
    wholes = [k for _, k in named]
    forms = set(titles.forms(title)) | set(titles.forms(original)) if original else set(titles.forms(title))
    # a whole title also matches without its spaces ("Old Boy" / "Oldboy", "Spider-Man" / "Spiderman"); only in
    # `whole`, not a form, so it adds no block key
    compact = [k.replace(" ", "") for k in wholes if " " in k]
    return (wholes[0] if wholes and title else "", frozenset(forms), frozenset(wholes + compact),
            _shared(tuple(n for t, _ in named for n in titles.sequel_numbers(t)) or (1,)), _masked(title, original),
            _parts(forms, title, original))


def forget_profiles() -> None:
    """Empty the caches profile() fills (they hold one resolution's titles and names)."""
    _title_facts.cache_clear()
    _name_facts.cache_clear()


@lru_cache(maxsize=1 << 20)
def _name_facts(people: tuple[str, ...]) -> tuple[frozenset[str], tuple[frozenset[str], ...]]:
    """names.keys of a list of names, and each named person's keys (names without a key dropped)."""
    return names.keys(people), tuple(k for k in map(names.person_keys, people) if k)


@lru_cache(maxsize=4096)
def _shared(items: tuple[Any, ...]) -> frozenset[Any]:
    """One frozenset object per distinct small set (sequel numbers, genres): ≈ 200 bytes less per review."""
    return frozenset(items)


def _parts(forms: set[str], title: str, original: str) -> frozenset[str]:
    """The forms that are neither whole title nor what a broken encoding leaves of one."""
    if len(forms) < 2:
        return EMPTY
    out = forms - {titles.norm(t) for t in (title, original) if t} - {titles.norm(titles.lossy(t)) for t in (title, original) if t}
    return frozenset(out) if out else EMPTY


def _masked(title: str, original: str) -> tuple[str, ...]:
    """Masked whole-title keys; a tuple, not a set: it is empty for plain-ASCII titles and short otherwise."""
    return tuple(k for k in (titles.masked(title), titles.masked(original)) if k)


def year_of(rec: Mapping[str, Any]) -> int | None:
    """A record's year: the stated one, else its release date's."""
    return _year(rec.get("year"), rec.get("release_date"))


def _year(year: Any, release_date: str | None) -> int | None:
    if isinstance(year, int) and 1888 <= year <= 2100:
        return year
    date = release_date or ""
    return int(date[:4]) if len(date) >= 4 and date[:4].isdigit() else None


def block_keys(p: Profile) -> list[str]:
    """Keys that put `p` in a block: title forms, director by year (no all-pairs comparison)."""
    # whole titles ("t:") and parts/lossy forms ("p:"): an oversized part block ("Die Rückkehr",
    # "Origins") is dropped instead of split by year, since a shared subtitle is weak evidence
    out = [f"t:{f}" if f in p.whole else f"p:{f}" for f in p.forms]
    if p.year is not None:  # director blocks catch translated titles; years y and y+1 share a key
        for name in p.directors:
            out += [f"d:{name}:{p.year}", f"d:{name}:{p.year + 1}"]
    return out


def stored_keys(p: Profile, extra: Sequence[str] = ()) -> list[str]:
    """Keys kept in review_keys for incremental attach: title forms and director:year (one year each),
    and `extra` (a full run's namekeys.name_extras of the record: what only the whole catalogue tells)."""
    out = [f"t:{f}" if f in p.whole else f"p:{f}" for f in p.forms]
    if p.year is not None:
        out += [f"d:{name}:{p.year}" for name in p.directors]
    return [*out, *extra] if extra else out


def lookup_keys(p: Profile) -> list[str]:
    """Stored keys a new review must look up: its title forms (each also in the other namespace, as
    part blocks meet whole titles), and director at year-1, year, year+1."""
    out = [f"{ns}:{f}" for f in p.forms for ns in ("t", "p")]
    if p.year is not None:
        out += [f"d:{name}:{p.year + d}" for name in p.directors for d in (-1, 0, 1)]
    return out


def cast_keys(p: Profile) -> list[str]:
    """Name blocks ("c:"): every key of every person the record names, in any role (a full birth
    name or a run-together list of names also under the two-word names it contains)."""
    return [f"{NAME}{k}" for k in frozenset().union(*p.people)]


def unique_name_pairs(profiles: list[Profile], blocks: Mapping[str, list[int]], limit: int,
                      accept: Callable[[int, int], bool] = lambda i, j: True,
                      lone_crew: bool = False) -> Iterator[tuple[int, int]]:
    """(i, j), i < j, that the people rule links (docs/resolution.md, "Records the titles cannot place"):
    neither shares a title form with a record of another site, each is the other's unique best
    other-site match by the number of people they share, and two titled records share two or more
    (or, with `lone_crew`, one director or writer of both: rule G2, off by default since rule R).

    Rounds repeat: the records of `accept`ed pairs are placed, so they no longer compete, and the
    records that met them in a name block look again (elimination), until a round accepts nothing.
    """
    placed = title_paired(profiles, blocks, limit)
    todo = [i for i, p in enumerate(profiles) if not placed[i] and p.people]
    while todo:
        best: dict[int, tuple[int, int] | None] = {}
        taken: list[int] = []
        members: dict[str, list[int]] = {}  # name block → its unplaced members, this round
        tried: set[tuple[int, int]] = set()
        for i in todo:
            if placed[i]:
                continue
            found = best[i] if i in best else best.setdefault(i, unique_best(i, profiles, blocks, limit, placed, members))
            if found is None:
                continue
            j, shared = found
            if profiles[i].forms and profiles[j].forms and shared < MIN_SHARED_TITLED and not (
                    lone_crew and crew_shared(profiles[i], profiles[j])):
                continue  # titled: one shared name is no proof (a director's other film, rule R)
            back = best[j] if j in best else best.setdefault(j, unique_best(j, profiles, blocks, limit, placed, members))
            pair = (i, j) if i < j else (j, i)  # j may be no record of this round's list: either end finds it
            if back is not None and back[0] == i and pair not in tried:
                tried.add(pair)
                if accept(*pair):
                    taken += pair
                    yield pair
        for k in taken:
            placed[k] = 1
        todo = sorted(_met(taken, profiles, blocks, limit, placed))


def _met(records: list[int], profiles: list[Profile], blocks: Mapping[str, list[int]], limit: int,
         placed: bytearray) -> set[int]:
    """Unplaced records sharing a (not oversized) name block with one of `records`."""
    out: set[int] = set()
    for m in records:
        for k in cast_keys(profiles[m]):
            members = blocks.get(k, ())
            if len(members) <= limit:
                out.update(x for x in members if not placed[x])
    return out


def title_paired(profiles: list[Profile], blocks: Mapping[str, list[int]], limit: int) -> bytearray:
    """1 for every record sharing a title block with a record of another site (its title can place it)."""
    out = bytearray(len(profiles))
    for k, members in blocks.items():
        if k.startswith(("c:", "d:")) or (k.startswith("p:") and len(members) > limit):
            continue
        if k.startswith("p:"):  # a part meets the same string as a whole title, as in candidate_pairs
            wholes = blocks.get(f"t:{k[2:]}", [])
            members = members + wholes if len(wholes) <= limit else members
        first = profiles[members[0]].site
        if any(profiles[m].site != first for m in members):
            for m in members:
                out[m] = 1
    return out


def unique_best(i: int, profiles: list[Profile], blocks: Mapping[str, list[int]], limit: int,
                placed: bytearray | None = None, open_members: dict[str, list[int]] | None = None,
                ) -> tuple[int, int] | None:
    """The other-site record sharing the most people with record i, and how many, when no other
    record of another site shares as many. Records of i's own site are other films, and records
    `placed` by their titles belong to the films their titles meet: neither competes.

    `open_members` caches each name block's unplaced members while `placed` stays as it is.
    """
    p = profiles[i]
    hits: dict[int, set[int]] = defaultdict(set)  # candidate → which of i's people it names
    for n, person in enumerate(p.people):
        for k in person:
            members = _open(f"c:{k}", blocks, limit, placed, open_members)
            for m in members:
                if profiles[m].site != p.site:
                    hits[m].add(n)
    top, runner_up, winner = 0, 0, -1
    for m in sorted(hits, key=lambda m: -len(hits[m])):
        if len(hits[m]) <= runner_up:
            break  # sorted by an upper bound: no later candidate can beat the runner-up any more
        shared = min(len(hits[m]), named_by(profiles[m], p))
        if shared > top:
            top, runner_up, winner = shared, top, m
        elif shared > runner_up:
            runner_up = shared
    return (winner, top) if top > runner_up else None


def _open(key: str, blocks: Mapping[str, list[int]], limit: int, placed: bytearray | None,
          cache: dict[str, list[int]] | None) -> list[int] | tuple[()]:
    """The unplaced members of a name block; none for an oversized one (a name held by hundreds of
    records tells no film apart)."""
    if cache is not None and key in cache:
        return cache[key]
    members = blocks.get(key, ())
    out = [] if len(members) > limit else [m for m in members if not placed[m]] if placed else list(members)
    if cache is not None:
        cache[key] = out
    return out


def crew_shared(a: Profile, b: Profile) -> bool:
    """Whether a director or writer of one is a director or writer of the other."""
    theirs = frozenset().union(*b.people[b.n_cast:])
    return any(not person.isdisjoint(theirs) for person in a.people[a.n_cast:])


def career_spans(profiles: Sequence[Profile], wanted: set[str]) -> dict[str, tuple[int, int]]:
    """For each name key in `wanted`: the first and last stated year of the records naming it."""
    spans: dict[str, tuple[int, int]] = {}
    for p in profiles:
        if p.year is None:
            continue
        for person in p.people:
            if person.isdisjoint(wanted):  # most people: one test in C instead of a loop over their keys
                continue
            for k in person:
                if k in wanted:
                    lo, hi = spans.get(k, (p.year, p.year))
                    spans[k] = (min(lo, p.year), max(hi, p.year))
    return spans


def named_by(a: Profile, b: Profile) -> int:
    """How many of a's people share a key with one of b's people."""
    theirs = frozenset().union(*b.people)
    return sum(1 for person in a.people if not person.isdisjoint(theirs))


def build_blocks(profiles: Iterable[Profile], options: ResolveOptions) -> dict[str, list[int]]:
    """Block key → indexes of profiles in it."""
    blocks: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in block_keys(p):
            blocks[k].append(i)
        if options.cast_blocking_untitled:
            for k in cast_keys(p):
                blocks[k].append(i)
    return blocks


def candidate_pairs(profiles: list[Profile], blocks: Mapping[str, list[int]], options: ResolveOptions,
                    focus: set[int] | None = None) -> Iterator[tuple[int, int]]:
    """Distinct index pairs (i < j) sharing a block; oversized blocks are split by year.

    With `focus`, only pairs with at least one end in it (incremental: the new reviews).
    """
    seen: set[tuple[int, int]] = set()
    for k, members in blocks.items():
        if k.startswith("p:"):
            groups = _part_pairs(k, members, blocks, options.max_block, focus)
        elif len(members) < 2 or (focus is not None and focus.isdisjoint(members)):
            continue
        elif k.startswith("c:"):  # cast blocks only serve records without a title
            groups = _untitled_pairs(members, profiles, options.max_block)
        else:
            groups = (p for g in _split_large(members, profiles, options.max_block) for p in _combos(g, focus))
        for i, j in groups:
            if focus is not None and i not in focus and j not in focus:
                continue
            pair = (i, j) if i < j else (j, i)
            if pair not in seen:
                seen.add(pair)
                yield pair


def _part_pairs(k: str, members: list[int], blocks: Mapping[str, list[int]], limit: int,
                focus: set[int] | None) -> Iterator[tuple[int, int]]:
    """Pairs of a part block ("p:"): its members among themselves, and with the records holding the
    same string as their whole title ("Eating Out 2" meets "Eating Out 2: Sloppy Seconds", a lossy
    form meets the damaged whole title it equals); an oversized side is dropped, as part blocks are."""
    if len(members) > limit:
        return
    wholes = blocks.get(f"t:{k[2:]}", ())
    if len(wholes) > limit:
        wholes = ()
    if focus is not None and focus.isdisjoint(members) and focus.isdisjoint(wholes):
        return
    yield from _combos(members, focus)
    if focus is None:
        yield from ((i, j) for i in members for j in wholes if i != j)
    else:
        yield from ((i, j) for i in members for j in wholes if i != j and (i in focus or j in focus))


def _combos(members: list[int], focus: set[int] | None) -> Iterator[tuple[int, int]]:
    """Pairs of a block; with `focus`, only those with a focus member (incremental runs: a part
    block of 400 holds 79,800 pairs, a handful of which involve the new reviews)."""
    if focus is None:
        yield from combinations(members, 2)
        return
    for i in members:
        if i in focus:
            yield from ((i, j) for j in members if j != i)


def _untitled_pairs(members: list[int], profiles: list[Profile], limit: int) -> Iterator[tuple[int, int]]:
    if len(members) > limit:  # a prolific actor says nothing about which film
        return
    untitled = [i for i in members if not profiles[i].title_key]
    for i in untitled:
        for j in members:
            if i != j:
                yield i, j


def _split_large(members: list[int], profiles: list[Profile], limit: int) -> list[list[int]]:
    if len(members) <= limit:
        return [members]
    by_year: dict[int, list[int]] = defaultdict(list)
    for i in members:
        y = profiles[i].year
        if y is not None:  # years y and y+1 share a bucket, as for director keys
            by_year[y].append(i)
            by_year[y + 1].append(i)
    return [g for g in by_year.values() if 1 < len(g) <= limit]


def title_frequencies(profiles: Iterable[Profile]) -> dict[str, int]:
    """How many different films (approximated by distinct stated years, at least 1) carry each title form."""
    years: dict[str, set[int]] = defaultdict(set)
    for p in profiles:
        for f in p.forms:
            ys = years[f]
            if p.year is not None:  # an unknown year is no evidence of another film
                ys.add(p.year)
    return {f: max(1, len(ys)) for f, ys in years.items()}

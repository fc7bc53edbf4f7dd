"""Full-resolution stages spread over forked processes: review profiles, and film facts beside the link write."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from operator import attrgetter
from typing import Any

from catalog.resolve import parallel, persist
from catalog.resolve.consensus import consensus
from catalog.resolve.keys import Profile, profile

# This process's part of the profiles: the child also packs its profiles as tuples (≈ 0.25 of the
# building time) and this process unpacks them (≈ 0.15), so an even split would leave it waiting.
PROFILE_SHARE = 0.55
# This process's part of the films' facts: it first writes the links and keys (≈ 0.7 of the facts'
# time at 1M), while the child computes its part; the child's results also travel back pickled.
FACTS_SHARE = 0.25
# fewest items worth a fork (≈ 20-50 ms plus the pickled results): a profile costs ≈ 25 µs, a
# film's facts ≈ 100 µs
MIN_PROFILES = 20_000
MIN_FILMS = 5_000
PROFILE_FIELDS = tuple(f.name for f in fields(Profile))
_profile_tuple = attrgetter(*PROFILE_FIELDS)


def profiles(rows: Sequence[tuple[Any, ...]]) -> list[Profile]:
    """keys.profile of every persist.load_rows tuple, in order."""
    return parallel.map_slices(_profiles_of, rows, min_items=MIN_PROFILES, pack=_pack_profiles, unpack=_unpack_profiles,
                               share=PROFILE_SHARE)


def _profiles_of(rows: Sequence[tuple[Any, ...]]) -> list[Profile]:
    return [profile(row[0], persist.record_of(row)) for row in rows]


def _pack_profiles(items: list[Profile]) -> list[tuple[Any, ...]]:
    """Field tuples (one pickle of plain tuples and shared frozensets, no per-object state calls)."""
    return list(map(_profile_tuple, items))


def _unpack_profiles(packed: list[tuple[Any, ...]]) -> list[Profile]:
    return [Profile(*t) for t in packed]


def film_rows(films: Sequence[tuple[str, Sequence[int]]], records: Callable[[Sequence[int]], list[dict[str, Any]]],
              meanwhile: Callable[[], None]) -> list[tuple[Any, ...]]:
    """(id, *persist.FILM_FIELDS) of each (film id, member indexes), in order; `records` gives the
    members' contract records. `meanwhile()` (the link and key write) runs here while a forked child
    computes most of the facts."""

    def rows_of(chunk: Sequence[tuple[str, Sequence[int]]]) -> list[tuple[Any, ...]]:
        return [film_row(fid, records(members)) for fid, members in chunk]

    return parallel.map_slices(rows_of, films, min_items=MIN_FILMS, share=FACTS_SHARE, meanwhile=meanwhile)


def film_row(film_id: str, records: list[dict[str, Any]]) -> tuple[Any, ...]:
    """(id, *persist.FILM_FIELDS) of one film."""
    facts = consensus(records)
    return (film_id, facts["title"], facts["original_title"], facts["year"], facts["directors"], facts["cast"],
            facts["genres"], facts["fsk"], facts["platform"], facts["release_date"], len(records), facts["facts"])

"""Film facts of a full resolution computed in a forked child while this process writes the links and keys.

Profiles are not built this way: a profile's frozensets come back from a child with another hash
table layout, so their iteration order (which orders blocks, candidate pairs and so ties between
equal edges) could differ from the serial run's (measured: 1 link of 300k with other reasons).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from catalog.resolve import parallel
from catalog.resolve.consensus import consensus

# fewest films worth a fork (≈ 20-50 ms plus the pickled results; a film's facts take ≈ 100 µs)
MIN_FILMS = 5_000


def film_rows(films: Sequence[tuple[str, Sequence[int]]], records: Callable[[Sequence[int]], list[dict[str, Any]]],
              meanwhile: Callable[[], None]) -> list[tuple[Any, ...]]:
    """(id, *persist.FILM_FIELDS) of each (film id, member indexes), in order; `records` gives the
    members' contract records. `meanwhile()` (the link and key write) runs here while a forked child
    starts on the facts; this process joins in once it is done."""

    def rows_of(chunk: Sequence[tuple[str, Sequence[int]]]) -> list[tuple[Any, ...]]:
        return [film_row(fid, records(members)) for fid, members in chunk]

    return parallel.map_slices(rows_of, films, min_items=MIN_FILMS, meanwhile=meanwhile)


def film_row(film_id: str, records: list[dict[str, Any]]) -> tuple[Any, ...]:
    """(id, *persist.FILM_FIELDS) of one film."""
    facts = consensus(records)
    return (film_id, facts["title"], facts["original_title"], facts["year"], facts["directors"], facts["cast"],
            facts["genres"], facts["fsk"], facts["platform"], facts["release_date"], len(records), facts["facts"])

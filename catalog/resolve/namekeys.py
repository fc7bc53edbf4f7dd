"""The name keys a full run stores for incremental runs: those of the records the people rule can place, oversized names, career spans."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from catalog.resolve.keys import NAME, Profile, cast_keys, title_paired

# stored beside a record's name keys (NAME, "c:"): a name held by more than max_block records; a name's
# career span (on its holders of the first and of the last stated year)
MANY, SPAN = "n:", "y:"


def name_extras(profiles: Sequence[Profile], blocks: Mapping[str, list[int]], limit: int) -> dict[int, list[str]]:
    """Per profile index, the name keys a full run stores beyond stored_keys' own (docs/resolution.md,
    "Name keys of the records the people rule can place"), so that an incremental run's people rule
    and careers read what a full run's read:

    - NAME ("c:") keys of a record that no title block pairs (title_paired; every untitled one), but for
      oversized names: the records the people rule can place or compete with (all of them, or none:
      a partial set would hide competitors);
    - MANY ("n:") for a name block above `limit` (no evidence for the people rule), on its first holder;
    - SPAN ("y:") for a name an undated record holds (careers date it), on the first holders of its
      first and of its last stated year: a career's span is those two years.
    """
    out: dict[int, list[str]] = defaultdict(list)
    for key, members in blocks.items():
        if len(members) > limit and key.startswith(NAME):  # (most blocks are small: that test first)
            out[members[0]].append(MANY + key[len(NAME):])
    undated = {k for p in profiles if p.year is None for person in p.people for k in person}  # careers ask of these
    years = [p.year for p in profiles] if undated else []
    for k in undated:
        for m in _span_holders(blocks.get(NAME + k, ()), years):
            out[m].append(SPAN + k)
    paired = title_paired(list(profiles), blocks, limit)
    for i, p in enumerate(profiles):
        if p.people and not paired[i]:
            out[i] += [k for k in cast_keys(p) if len(blocks.get(k, ())) <= limit]
    return out


def _span_holders(members: Sequence[int], years: Sequence[int | None]) -> set[int]:
    """The first records holding the earliest and the latest stated year among `members` (ascending
    profile indexes; `years` by profile index)."""
    stated = [y for y in map(years.__getitem__, members) if y is not None]
    if not stated:
        return set()
    lo, hi = min(stated), max(stated)
    return {next(m for m in members if years[m] == lo), next(m for m in members if years[m] == hi)}

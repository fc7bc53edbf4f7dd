"""Stage 5: consensus film facts by weighted vote, each value traceable to the reviews supporting it."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from catalog import names, titles

SCALAR_FIELDS = ("title", "original_title", "year", "fsk", "platform", "release_date")
LIST_FIELDS = ("directors", "cast", "genres")
PERSON_FIELDS = ("directors", "cast")  # pooled by spelling too (rule Q4)
LIST_SHARE = 0.5  # a person/genre is a fact when at least half of the reviews listing any name it


# how votes on a field's values are pooled (other fields: by the value itself)
VOTE_KEYS: dict[str, Callable[[Any], Any]] = {
    "title": lambda v: titles.norm(str(v)), "original_title": lambda v: titles.norm(str(v)),
    "directors": lambda v: names.key(str(v)), "cast": lambda v: names.key(str(v)),
    "genres": lambda v: titles.fold(str(v)),
}


def consensus(records: Sequence[Mapping[str, Any]], weights: Sequence[float] | None = None) -> dict[str, Any]:
    """Film facts of `records` (contract dicts): {field: value} plus `facts` with support and conflicts."""
    if len(records) == 1 and weights is None:
        return _single(records[0])
    weights = list(weights) if weights is not None else [1.0] * len(records)
    out: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for f in SCALAR_FIELDS:
        out[f], facts[f] = _scalar(f, records, weights)
    if out["year"] is None:  # no page states a year: the release date's year stands in
        years = [{"url": r.get("url"), "year": int(r["release_date"][:4])} for r in records if r.get("release_date")]
        out["year"], facts["year"] = _scalar("year", years, [1.0] * len(years))
    for f in LIST_FIELDS:
        out[f], facts[f] = _listed(f, records, weights)
    out["title"] = out["title"] or next((r.get("title") for r in records if r.get("title")), "") or ""
    out["facts"] = facts
    return out


def _single(rec: Mapping[str, Any]) -> dict[str, Any]:
    """Facts of a film with one review: its values, each supported by that review (the common case)."""
    url = rec.get("url", "")
    out: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for f in SCALAR_FIELDS:
        value = rec.get(f)
        value = None if value == "" else value
        out[f] = value
        facts[f] = {"value": value, "weight": 1.0 if value is not None else 0.0,
                    "support": [url] if value is not None else [], "conflicts": []}
    if out["year"] is None and rec.get("release_date"):
        out["year"] = int(rec["release_date"][:4])
        facts["year"] = {"value": out["year"], "weight": 1.0, "support": [url], "conflicts": []}
    for f in LIST_FIELDS:
        items = _unique(list(rec.get(f) or []))
        out[f] = items
        facts[f] = {"value": items, "items": [{"value": v, "weight": 1.0, "support": [url]} for v in items],
                    "conflicts": []}
    out["title"] = out["title"] or ""
    out["facts"] = facts
    return out


def _tally(field: str, values: list[tuple[Any, str, float]]) -> list[dict[str, Any]]:
    """Options ranked by weight: value (most used spelling), weight, supporting URLs."""
    return _ranked(_groups(VOTE_KEYS.get(field), values))


def _groups(key: Callable[[Any], Any] | None, values: Sequence[tuple[Any, str, float]],
            first: dict[Any, int] | None = None, positions: Sequence[int] = ()) -> dict[Any, list[Any]]:
    """Vote key → [weight, supporting urls, {spelling: weight}] (`key` None: the value itself).
    With `first`, each key's position (positions[n] of the n-th value) where it is first seen."""
    groups: dict[Any, list[Any]] = {}
    for n, (value, url, w) in enumerate(values):
        k = value if key is None else key(value)
        g = groups.get(k)
        if g is None:
            groups[k] = [0.0 + w, [url], {value: 0.0 + w}]
            if first is not None:
                first[k] = positions[n]
            continue
        g[0] += w
        g[1].append(url)
        sp = g[2]
        sp[value] = sp.get(value, 0.0) + w
    return groups


def _ranked(groups: dict[Any, list[Any]]) -> list[dict[str, Any]]:
    ranked = []
    for w, support, sp in groups.values():
        spelling = next(iter(sp)) if len(sp) == 1 else min(sp, key=lambda v: (-sp[v], str(v)))
        ranked.append({"value": spelling, "weight": round(w, 3),
                       "support": sorted(support) if len(support) > 1 else support})
    if len(ranked) > 1:  # ties: the lowest value (earliest date, alphabetical title) wins, deterministically
        ranked.sort(key=lambda o: (-o["weight"], str(o["value"])))
    return ranked


def _scalar(field: str, records: Sequence[Mapping[str, Any]], weights: Sequence[float]) -> tuple[Any, dict[str, Any]]:
    values = [(r.get(field), r.get("url", ""), w) for r, w in zip(records, weights)
              if r.get(field) not in (None, "")]
    ranked = _tally(field, values)
    if not ranked:
        return None, {"value": None, "weight": 0.0, "support": [], "conflicts": []}
    return ranked[0]["value"], {**ranked[0], "conflicts": ranked[1:]}


def _listed(field: str, records: Sequence[Mapping[str, Any]], weights: Sequence[float]) -> tuple[list[Any], dict[str, Any]]:
    listing = [(r, w) for r, w in zip(records, weights) if r.get(field)]
    total = sum(w for _, w in listing)
    values: list[tuple[Any, str, float]] = []
    positions: list[int] = []  # each value's place in its record's list (billing order)
    for r, w in listing:
        items, url = r.get(field) or [], r.get("url", "")
        unique = _unique(items)
        values += [(v, url, w) for v in unique]
        positions += range(len(items)) if unique is items else [items.index(v) for v in unique]
    key = VOTE_KEYS.get(field)
    first: dict[Any, int] = {}  # vote key → place in the first review naming it (keeps credits in billing order)
    groups = _groups(key, values, first, positions)
    if field in PERSON_FIELDS and len(groups) > 1:
        groups = _pooled(groups, first, initials=field == "directors")
    ranked = _ranked(groups)
    kept = [o for o in ranked if total and o["weight"] / total >= LIST_SHARE - 1e-9]
    dropped = [o for o in ranked if o["weight"] / (total or 1) < LIST_SHARE - 1e-9]
    if len(listing) > 1:
        kept.sort(key=lambda o: first.get(o["value"] if key is None else key(o["value"]), len(first)))
    else:
        kept.sort(key=lambda o: listing[0][0][field].index(o["value"]))
    return [o["value"] for o in kept], {"value": [o["value"] for o in kept], "items": kept, "conflicts": dropped}


def _pooled(groups: dict[Any, list[Any]], first: dict[Any, int], initials: bool = False) -> dict[Any, list[Any]]:
    """Person groups whose name keys spell one name ("Bong Joonho" / "Bong Joon-ho", rule Q4) pooled into
    the first seen: one person's votes, every spelling kept for the display choice; with `initials`
    (directors, as the comparison reads them), also a credit by initials and one by the given names they
    stand for ("F. W. Murnau" / "Friedrich Wilhelm Murnau", rule Q8). `first` maps each pooled key to the
    place of the group it joined."""
    seen: dict[str, str] = {}  # sorted-letter form → the first group key having it
    out: dict[Any, list[Any]] = {}
    for k, g in groups.items():
        forms = names.spelling(k)
        target = next((t for t in (seen.get(f) for f in forms) if t is not None and names.same_spelling(t, k)), None)
        if target is None and initials:
            target = next((t for t in out if names.initials_agree(t, k)), None)
        if target is None:
            out[k] = g
            for f in forms:
                seen.setdefault(f, k)
            continue
        into = out[target]
        into[0] += g[0]
        into[1] += g[1]
        for spelled, w in g[2].items():
            into[2][spelled] = into[2].get(spelled, 0.0) + w
        first[target] = first[k] = min(first[target], first[k])
    return out


def _unique(values: list[Any]) -> list[Any]:
    return values if len(values) == len(set(values)) else list(dict.fromkeys(values))


def film_row(film_id: str, records: list[dict[str, Any]]) -> tuple[Any, ...]:
    """(id, *persist.FILM_FIELDS) of one film: its consensus facts as a row."""
    facts = consensus(records)
    return (film_id, facts["title"], facts["original_title"], facts["year"], facts["directors"], facts["cast"],
            facts["genres"], facts["fsk"], facts["platform"], facts["release_date"], len(records), facts["facts"])

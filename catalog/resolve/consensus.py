"""Stage 5: consensus film facts by weighted vote, each value traceable to the reviews supporting it."""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Mapping, Sequence

from catalog import names, titles

SCALAR_FIELDS = ("title", "original_title", "year", "fsk", "platform", "release_date")
LIST_FIELDS = ("directors", "cast", "genres")
LIST_SHARE = 0.5  # a person/genre is a fact when at least half of the reviews listing any name it


def _vote_key(field: str) -> Callable[[Any], Any]:
    if field in ("title", "original_title"):
        return lambda v: titles.norm(str(v))
    if field in ("directors", "cast"):
        return lambda v: names.key(str(v))
    if field == "genres":
        return lambda v: titles.fold(str(v))
    return lambda v: v


def consensus(records: Sequence[Mapping[str, Any]], weights: Sequence[float] | None = None) -> dict[str, Any]:
    """Film facts of `records` (contract dicts): {field: value} plus `facts` with support and conflicts."""
    weights = list(weights) if weights is not None else [1.0] * len(records)
    out: dict[str, Any] = {}
    facts: dict[str, Any] = {}
    for f in SCALAR_FIELDS:
        out[f], facts[f] = _scalar(f, records, weights)
    if out["year"] is None:  # no page states a year: the release date's year stands in
        years = [{**r, "year": int(r["release_date"][:4])} for r in records if r.get("release_date")]
        out["year"], facts["year"] = _scalar("year", years, [1.0] * len(years))
    for f in LIST_FIELDS:
        out[f], facts[f] = _listed(f, records, weights)
    out["title"] = out["title"] or next((r.get("title") for r in records if r.get("title")), "") or ""
    out["facts"] = facts
    return out


def _tally(field: str, values: list[tuple[Any, str, float]]) -> list[dict[str, Any]]:
    """Options ranked by weight: value (most used spelling), weight, supporting URLs."""
    key = _vote_key(field)
    groups: dict[Any, dict[str, Any]] = defaultdict(lambda: {"weight": 0.0, "support": [], "spellings": defaultdict(float)})
    for value, url, w in values:
        g = groups[key(value)]
        g["weight"] += w
        g["support"].append(url)
        g["spellings"][value] += w
    ranked = []
    for g in groups.values():
        spelling = sorted(g["spellings"].items(), key=lambda kv: (-kv[1], str(kv[0])))[0][0]
        ranked.append({"value": spelling, "weight": round(g["weight"], 3), "support": sorted(g["support"])})
    # ties: the earliest date / lowest number / alphabetical value wins, so results are deterministic
    return sorted(ranked, key=lambda o: (-o["weight"], str(o["value"])))


def _scalar(field: str, records: Sequence[Mapping[str, Any]], weights: Sequence[float]) -> tuple[Any, dict[str, Any]]:
    values = [(r.get(field), r.get("url", ""), w) for r, w in zip(records, weights)
              if r.get(field) not in (None, "")]
    ranked = _tally(field, values)
    if not ranked:
        return None, {"value": None, "support": [], "conflicts": []}
    return ranked[0]["value"], {**ranked[0], "conflicts": ranked[1:]}


def _listed(field: str, records: Sequence[Mapping[str, Any]], weights: Sequence[float]) -> tuple[list[Any], dict[str, Any]]:
    listing = [(r, w) for r, w in zip(records, weights) if r.get(field)]
    total = sum(w for _, w in listing)
    values = [(v, r.get("url", ""), w) for r, w in listing for v in dict.fromkeys(r.get(field) or [])]
    ranked = _tally(field, values)
    kept = [o for o in ranked if total and o["weight"] / total >= LIST_SHARE - 1e-9]
    dropped = [o for o in ranked if o not in kept]
    order = _first_seen(field, listing)
    kept.sort(key=lambda o: order.get(_vote_key(field)(o["value"]), len(order)))
    return [o["value"] for o in kept], {"value": [o["value"] for o in kept], "items": kept, "conflicts": dropped}


def _first_seen(field: str, listing: Sequence[tuple[Mapping[str, Any], float]]) -> dict[Any, int]:
    """Page order of the first review naming each item (keeps credits in billing order)."""
    key = _vote_key(field)
    order: dict[Any, int] = {}
    for r, _ in listing:
        for pos, v in enumerate(r.get(field) or []):
            order.setdefault(key(v), pos)
    return order

"""Incremental vs full resolution: how many reviews an incremental run places differently from a full one.

    .venv/bin/python bench/bench_incremental.py synth 20000 --hold 1000      # synthetic catalogue (bench.synth)
    .venv/bin/python bench/bench_incremental.py synth 100000 --hold 1000
    .venv/bin/python bench/bench_incremental.py er --hold 1000                # IMDb–DBpedia records (no labels read)
    .venv/bin/python bench/bench_incremental.py er --hold 1000 --name-keys placeable   # name keys stored (see below)

`--name-keys all` stores every review's name-block keys ("c:", keys.cast_keys) beside its other keys
(measured, not shipped: see docs/resolution.md); `--name-keys placeable` stores in full runs what
namekeys.name_extras gives (the name keys of title-unpaired records, oversized-name marks, career spans),
as pipeline's full run does once it passes them to keys.stored_keys (computed here from the records
and wrapped around the stored keys of the full runs only, in both catalogues alike). Without the
option the shipped keys are stored.

Each run holds out `hold` reviews (half random reviews, half the reviews of whole films when the data
says which film a review is of; the IMDb–DBpedia records do not, so there all are random), resolves
the rest fully, adds the held-out ones and resolves incrementally (timed: resolution only, no search
index), and separately resolves all reviews fully. The two partitions are compared by pairwise
co-membership: pairs together in the full run and apart in the incremental one ("missed") or the
other way round ("extra"), and the reviews in such pairs ("affected"). Each missed or extra pair is
put under the reason of the link that placed it in the run holding it together (the weaker end's
reasons: "best remaining candidate" below / at or above the threshold, the people rule, careers,
the rest); "…_with_held_out" counts the pairs with a held-out review in them (the others are pairs
of stored reviews that the held-out ones would have re-decided in a full run). "…_by_cause" splits
them by what differs: a held-out review left alone or placed elsewhere, or a stored pair that the
full run joins or splits, each with the rule of its link. The baseline of the same run is the full
resolution of all reviews (its time).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Placement = dict[str, tuple[str, float, list[str]]]  # url → (film id, link score, link reasons)


def hold_out(records: list[dict[str, Any]], hold: int, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(kept, held): half random reviews, half whole films (by `film_key`, where records carry one)."""
    rnd = random.Random(seed)
    order = list(range(len(records)))
    rnd.shuffle(order)
    held: set[int] = set()
    if all("film_key" in r for r in records):
        by_film: dict[str, list[int]] = {}
        for n, r in enumerate(records):
            by_film.setdefault(r["film_key"], []).append(n)
        films = sorted(by_film)
        rnd.shuffle(films)
        for key in films:
            if len(held) + len(by_film[key]) > hold // 2:
                continue
            held.update(by_film[key])
            if len(held) >= hold // 2:
                break
    for n in order:
        if len(held) >= hold:
            break
        held.add(n)
    return [r for n, r in enumerate(records) if n not in held], [r for n, r in enumerate(records) if n in held]


def placement(engine: Any) -> Placement:
    """Every review's film and link."""
    from sqlalchemy import select

    from catalog.models import FilmLink, Review

    with engine.connect() as conn:
        return {r.url: (r.film_id, r.score, list(r.reasons)) for r in conn.execute(
            select(Review.url, FilmLink.film_id, FilmLink.score, FilmLink.reasons)
            .join(FilmLink, FilmLink.review_id == Review.id))}


def together(placed: Placement) -> set[tuple[str, str]]:
    """Pairs of reviews (url order) of one film."""
    films: dict[str, list[str]] = {}
    for url, (fid, _, _) in placed.items():
        films.setdefault(fid, []).append(url)
    return {pair for urls in films.values() for pair in combinations(sorted(urls), 2)}


def reason_of(link: tuple[str, float, list[str]], threshold: float) -> str:
    """The rule a link's reasons name (the band rules first: they are what full runs alone did)."""
    _, score, reasons = link
    if "unique name" in reasons:
        return "people rule"
    if "best remaining candidate" in reasons:
        return "elimination (band)" if score < threshold else "weak tie (waited)"
    if any(r.startswith("career") for r in reasons):
        return "career"
    if score < threshold:
        return "below threshold, other"
    return "at/above threshold"


def compare(full: Placement, inc: Placement, held: Iterable[str], threshold: float) -> dict[str, Any]:
    """Pairwise co-membership differences, by the reason of the holding run's weaker link."""
    a, b = together(full), together(inc)
    missed, extra = a - b, b - a
    held = set(held)

    def by_reason(pairs: set[tuple[str, str]], placed: Placement) -> dict[str, int]:
        out: Counter[str] = Counter()
        for x, y in pairs:
            weak = min((placed[x], placed[y]), key=lambda link: (link[1], reason_of(link, threshold)))
            out[reason_of(weak, threshold)] += 1
        return dict(sorted(out.items()))

    def by_cause(pairs: set[tuple[str, str]], placed: Placement, joined: bool) -> dict[str, int]:
        out: Counter[str] = Counter()
        alone = Counter(v[0] for v in inc.values())
        for x, y in pairs:
            weak = min((placed[x], placed[y]), key=lambda link: (link[1], reason_of(link, threshold)))
            new = [u for u in (x, y) if u in held]
            if new:
                where = "left alone" if any(alone[inc[u][0]] == 1 for u in new) else "placed elsewhere"
                out[f"new review {where}: {reason_of(weak, threshold)}"] += 1
            else:
                out[f"stored pair a full run {'joins' if joined else 'splits'}: {reason_of(weak, threshold)}"] += 1
        return dict(sorted(out.items()))

    affected = {u for pair in missed | extra for u in pair}
    new = {pair for pair in missed | extra if held.intersection(pair)}  # a held-out review in the pair
    return {"pairs_full": len(a), "pairs_incremental": len(b), "missed": len(missed), "extra": len(extra),
            "missed_with_held_out": len(missed & new), "extra_with_held_out": len(extra & new),
            "missed_by_reason": by_reason(missed, full), "extra_by_reason": by_reason(extra, inc),
            "missed_by_cause": by_cause(missed, full, True), "extra_by_cause": by_cause(extra, inc, False),
            "affected_reviews": len(affected), "affected_held_out": len(affected & held),
            "films_full": len({v[0] for v in full.values()}), "films_incremental": len({v[0] for v in inc.values()})}


def run(records: list[dict[str, Any]], hold: int, seed: int, name_keys: str = "") -> dict[str, Any]:
    """Full run of all vs full run of the rest + incremental attach of the held-out reviews."""
    from bench.synth import bulk_load
    from catalog import Catalog
    from catalog.resolve import DEFAULT_OPTIONS, resolve

    kept, held = hold_out(records, hold, seed)
    out: dict[str, Any] = {"reviews": len(records), "held_out": len(held)}
    with tempfile.TemporaryDirectory() as tmp:
        with Catalog(f"sqlite:///{tmp}/full.db") as cat:
            bulk_load(cat, records)
            t = time.perf_counter()
            with full_run_keys(records, name_keys):
                resolve(cat.engine, full=True)
            out["full_all_s"] = round(time.perf_counter() - t, 2)
            full = placement(cat.engine)
        with Catalog(f"sqlite:///{tmp}/inc.db") as cat:
            bulk_load(cat, kept)
            with full_run_keys(kept, name_keys):
                resolve(cat.engine, full=True)
            out["stored_keys_per_review"] = round(key_rows(cat.engine) / len(kept), 3)
            bulk_load(cat, held)
            t = time.perf_counter()
            stats = resolve(cat.engine)
            out["incremental_s"], out["mode"] = round(time.perf_counter() - t, 3), stats.mode
            out["incremental_timings"] = stats.timings
            inc = placement(cat.engine)
    out["ratio_incremental_to_full"] = round(out["incremental_s"] / out["full_all_s"], 4)
    out.update(compare(full, inc, (r["url"] for r in held), DEFAULT_OPTIONS.threshold))
    return out


def key_rows(engine: Any) -> int:
    """Rows in review_keys."""
    from sqlalchemy import func, select

    from catalog.models import ReviewKey

    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(ReviewKey)).scalar() or 0)


@contextmanager
def full_run_keys(records: list[dict[str, Any]], mode: str) -> Iterator[None]:
    """Around a full run: the name keys of `mode` added to the stored keys ("all": every review's;
    "placeable": namekeys.name_extras over `records`, what the full run passes on; "": the shipped ones).
    Both the parent's and the twin's stored keys are wrapped (the twin forks with the wrapper)."""
    if not mode:
        yield
        return
    from catalog.resolve import DEFAULT_OPTIONS, keys, pipeline, twin_job

    plain = keys.stored_keys
    if mode == "all":
        def wrapped(p: Any, extra: Any = ()) -> list[str]:
            return sorted(set(plain(p)) | set(keys.cast_keys(p)))
    else:
        from catalog.resolve import namekeys

        profiles = [keys.profile(n, r) for n, r in enumerate(records)]
        extras = namekeys.name_extras(profiles, keys.build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS.max_block)
        by_url = {records[n]["url"]: ks for n, ks in extras.items()}
        del profiles

        def wrapped(p: Any, extra: Any = ()) -> list[str]:
            return plain(p, by_url.get(p.url, ()))
    pipeline.stored_keys, twin_job.stored_keys = wrapped, wrapped  # type: ignore[assignment]
    try:
        yield
    finally:
        pipeline.stored_keys, twin_job.stored_keys = plain, plain  # type: ignore[assignment]
        keys.forget_profiles()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("synth")
    s.add_argument("n", type=int)
    s.add_argument("--hold", type=int, default=1000)
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--name-keys", choices=("all", "placeable"), default="")
    e = sub.add_parser("er")
    e.add_argument("--hold", type=int, default=1000)
    e.add_argument("--seed", type=int, default=1)
    e.add_argument("--name-keys", choices=("all", "placeable"), default="")
    args = ap.parse_args()
    if args.cmd == "synth":
        from bench.synth import generate

        records = list(generate(args.n, args.seed))
    else:
        from bench.bench_resolve import (
            er_records,  # the mapping of bench_resolve's `er`; gt.csv is never read
        )

        records = er_records()
    print(json.dumps({"data": args.cmd, "name_keys": args.name_keys, "load": os.getloadavg()[0],
                      **run(records, args.hold, args.seed, args.name_keys)}, indent=1))


if __name__ == "__main__":
    main()

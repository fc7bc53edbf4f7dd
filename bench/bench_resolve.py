"""Resolution benchmarks: IMDb–DBpedia film matching (quality, time, memory) and synthetic scale runs.

    .venv/bin/python bench/bench_resolve.py er                       # IMDb–DBpedia, shipped settings
    .venv/bin/python bench/bench_resolve.py er --splink              # + Splink side by side (pip install splink)
    .venv/bin/python bench/bench_resolve.py er-untitled              # label-free: can names reach untitled records?
    .venv/bin/python bench/bench_resolve.py er-tmdb                  # IMDb–TMDb works (films, shows, episodes)
    .venv/bin/python bench/bench_resolve.py scale --sizes 100000 300000 1000000 --attach 1000

`er` maps both files onto contract records unchanged in meaning (title, year, directors, cast, writers,
genres; untitled records included), resolves them with the default ResolveOptions, and only then reads
gt.csv.
Each scale size runs in a fresh child process so peak memory is per size. Baselines are measured in the
same run: `er` against exact-title matching, `scale` against one full scan of the reviews table.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ER_DIR = ROOT.parent / "shared" / "benchmarks" / "er-movies" / "imdb-dbpedia-movies"
TMDB_DIR = ROOT.parent / "shared" / "benchmarks" / "er-movies" / "imdb-tmdb"
ESCAPE = re.compile(r"u0([0-9A-F]{3})")  # imdb.csv spells \u00C9 as "u00C9"


def peak_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Current resident set size in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# ------------------------------------------------------------------ IMDb–DBpedia
def _rows(name: str) -> Iterator[dict[str, str]]:
    with open(ER_DIR / name, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="|", quoting=csv.QUOTE_NONE)


def _unescape(text: str) -> str:
    return ESCAPE.sub(lambda m: chr(int("0" + m.group(1), 16)), text)


def er_records() -> list[dict[str, Any]]:
    """Both sources as contract records; the source is the site, the row id is in the URL."""
    out = []
    for r in _rows("imdb.csv"):  # DBpedia-style: title (often empty), one actor, writers, no year, no director
        rec = _record("imdb", r["id"], _unescape(r["title"]), None, [], [_unescape(r["starring"])], [])
        if r["writer"].strip():  # one field; several writers run together ("Kevin Brownlow Andrew Mollo")
            rec["writers"] = [_unescape(r["writer"]).strip()]
        out.append(rec)
    for r in _rows("dbpedia.csv"):  # IMDb-style: "Title (year)", "Surname, Given (I)"
        year = int(r["year"]) if r["year"].isdigit() else None
        out.append(_record("dbpedia", r["id"], r["title"], year, [r["director name"]], [r["actor name"]],
                           [r["genre"]] if r["genre"] else []))
    return out


def _record(site: str, rid: str, title: str, year: int | None, directors: list[str], cast: list[str],
            genres: list[str]) -> dict[str, Any]:
    return {"url": f"bench://{site}/{rid}", "site": site, "title": title.strip(), "original_title": None,
            "year": year if year and 1888 <= year <= 2100 else None, "genres": genres, "fsk": None,
            "directors": [d for d in directors if d.strip()], "cast": [c for c in cast if c.strip()],
            "platform": None, "release_date": None, "rating": None}


def er_truth() -> set[tuple[str, str]]:
    return {(r["D1"], r["D2"]) for r in _rows("gt.csv")}


def pairs_from_films(film_of: dict[str, str]) -> set[tuple[str, str]]:
    """(imdb id, dbpedia id) for every two records of one film."""
    films: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"imdb": [], "dbpedia": []})
    for url, fid in film_of.items():
        site, rid = url.split("/")[2:4]
        films[fid][site].append(rid)
    return {(a, b) for f in films.values() for a in f["imdb"] for b in f["dbpedia"]}


def prf(pred: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(truth) if truth else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "predicted": len(pred), "true": len(truth)}


def exact_title_baseline(records: list[dict[str, Any]]) -> tuple[set[tuple[str, str]], float]:
    """Baseline: pair records whose normalized titles are equal and unique on both sides."""
    from catalog.titles import norm

    t = time.perf_counter()
    by: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"imdb": [], "dbpedia": []})
    for r in records:
        if r["title"]:
            by[norm(r["title"])][r["site"]].append(r["url"].split("/")[3])
    pred = {(s["imdb"][0], s["dbpedia"][0]) for s in by.values() if len(s["imdb"]) == 1 and len(s["dbpedia"]) == 1}
    return pred, time.perf_counter() - t


def run_er(args: argparse.Namespace) -> dict[str, Any]:
    from bench.synth import bulk_load
    from catalog import Catalog

    records = er_records()
    titled = {r["url"].split("/")[3] for r in records if r["site"] == "imdb" and r["title"]}
    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalog(f"sqlite:///{tmp}/er.db")
        bulk_load(cat, records)
        base_rss, t = rss_mb(), time.perf_counter()
        stats = cat.resolve(full=True)
        seconds = time.perf_counter() - t
        film_of = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
        cat.close()
    truth = er_truth()  # read only now: the settings above are the shipped defaults
    pred = pairs_from_films(film_of)
    base_pred, base_s = exact_title_baseline(records)
    result = {
        "records": len(records), "resolve_seconds": round(seconds, 2), "timings": stats.timings,
        "pairs_compared": stats.pairs_compared, "peak_rss_mb": round(peak_mb()), "rss_before_resolve_mb": round(base_rss),
        "all": prf(pred, truth),
        "titled": prf({p for p in pred if p[0] in titled}, {p for p in truth if p[0] in titled}),
        "baseline_exact_title": {**prf(base_pred, truth), "seconds": round(base_s, 2)},
    }
    if args.splink:
        result["splink"] = run_splink(records, truth)
    return result


# ------------------------------------------------------------------ IMDb–TMDb (a second benchmark, never tuned on)
def _tmdb_rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of one IMDb–TMDb file, columns named by the last segment of their IRI."""
    with open(TMDB_DIR / name, encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="|", quoting=csv.QUOTE_NONE)
        head = [c.rsplit("/", 1)[-1] for c in next(rows)]
        for row in rows:
            yield dict(zip(head, row))


def _year_of(*values: str) -> int | None:
    """The year of the first ISO-like date ("2016-01-01") among values."""
    for v in values:
        if len(v) >= 4 and v[:4].isdigit():
            return int(v[:4])
    return None


def tmdb_records() -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The works of both files as contract records (title, year, genres; TMDb's release date), and each
    record's kind ("title": a film or show, "episode"). People (rows with a name) are no works: left out."""
    out, kind = [], {}
    for site, name in (("imdb", "imdb.csv"), ("tmdb", "tmdb.csv")):
        for r in _tmdb_rows(name):
            if r.get("name", "").strip() or not r.get("title", "").strip():
                continue
            year = _year_of(r.get("startYear", ""), r.get("release_year", ""), r.get("releaseDate", ""))
            genres = [g.strip() for g in r.get("genre_list", "").split(",") if g.strip()]
            rec = _record(site, r["id"], r["title"], year, [], [], genres)
            date = r.get("releaseDate", "")
            if len(date) == 10 and date[:4].isdigit():
                rec["release_date"] = date
            out.append(rec)
            kind[f"{site}/{r['id']}"] = "episode" if r.get("episodeNumber") or r.get("seasonNumber") else "title"
    return out, kind


def run_tmdb() -> dict[str, Any]:
    """IMDb–TMDb resolved with the shipped options; gt.csv read only afterwards. Scored on the works'
    pairs, by kind, and against the whole ground truth (people pairs count as missed)."""
    from bench.synth import bulk_load
    from catalog import Catalog

    records, kind = tmdb_records()
    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalog(f"sqlite:///{tmp}/tmdb.db")
        bulk_load(cat, records)
        t = time.perf_counter()
        stats = cat.resolve(full=True)
        seconds = time.perf_counter() - t
        film_of = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
        cat.close()
    films: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"imdb": [], "tmdb": []})
    for url, fid in film_of.items():
        site, rid = url.split("/")[2:4]
        films[fid][site].append(rid)
    pred = {(a, b) for f in films.values() for a in f["imdb"] for b in f["tmdb"]}
    truth = {(r["D1"], r["D2"]) for r in _tmdb_rows("gt.csv")}  # read only now
    works = {p for p in truth if f"imdb/{p[0]}" in kind and f"tmdb/{p[1]}" in kind}
    by_kind = {}
    for k in ("title", "episode"):
        both = {p for p in works if kind[f"imdb/{p[0]}"] == k == kind[f"tmdb/{p[1]}"]}
        mine = {p for p in pred if kind[f"imdb/{p[0]}"] == k == kind[f"tmdb/{p[1]}"]}
        by_kind[k] = prf(mine, both)
    base_pred, _ = exact_title_baseline([{**r, "site": "dbpedia" if r["site"] == "tmdb" else r["site"]}
                                         for r in records])
    return {"records": len(records), "resolve_seconds": round(seconds, 2), "pairs_compared": stats.pairs_compared,
            "works": prf(pred, works), **{f"{k}s": v for k, v in by_kind.items()},
            "whole_truth": prf(pred, truth), "baseline_exact_title": prf(base_pred, works)}


def untitled_reach() -> dict[str, Any]:
    """Label-free: how many untitled records share a name key with others (own site / other site),
    and what the people rule would link (by kind of pair and people shared); gt.csv is not read."""
    from catalog.resolve.keys import (
        build_blocks,
        cast_keys,
        profile,
        title_paired,
        unique_best,
        unique_name_pairs,
    )
    from catalog.resolve.options import DEFAULT_OPTIONS

    profiles = [profile(i, r) for i, r in enumerate(er_records())]
    blocks = build_blocks(profiles, DEFAULT_OPTIONS)
    limit = DEFAULT_OPTIONS.max_block
    out: Counter[str] = Counter()
    for i, p in enumerate(profiles):
        if p.forms:
            continue
        others = {j for k in cast_keys(p) for j in blocks.get(k, []) if j != i}
        other_site = {j for j in others if profiles[j].site != p.site}
        out["untitled"] += 1
        out["no other record"] += not others
        out["own site only"] += bool(others) and not other_site
        out["meets another site"] += bool(other_site)
        out["exactly one record, other site"] += len(others) == 1 and len(other_site) == 1
    paired = title_paired(profiles, blocks, limit)
    out["titled, no other-site title block"] = sum(1 for i, p in enumerate(profiles) if p.forms and not paired[i])
    for i, j in unique_name_pairs(profiles, blocks, limit):
        kind = "+".join(sorted("titled" if profiles[k].forms else "untitled" for k in (i, j)))
        found = unique_best(i, profiles, blocks, limit, paired)
        out[f"people rule: {kind}, {found[1] if found else '?'} shared"] += 1
    return dict(sorted(out.items()))


def run_splink(records: list[dict[str, Any]], truth: set[tuple[str, str]]) -> dict[str, Any]:
    """Splink (DuckDB) on the same records, with our title and name keys as columns, EM-trained.

    The match probability 0.9 is fixed in advance (the label-free figure); the best threshold of a
    sweep is chosen with gt.csv, so it is an oracle figure, reported only as Splink's ceiling here.
    """
    try:
        import pandas as pd
        import splink.comparison_library as cl
        from splink import DuckDBAPI, Linker, SettingsCreator, block_on
    except ImportError as err:
        return {"skipped": f"splink not installed ({err})"}
    from catalog import names, titles

    def people(r: dict[str, Any]) -> list[str]:  # every role in one array: writer/director meet across sources
        return sorted({names.key(n) for n in r["cast"] + r["directors"] + r.get("writers", []) if names.key(n)})

    df = pd.DataFrame([{"unique_id": r["url"].split("/")[3], "source_dataset": r["site"],
                        "title": titles.norm(r["title"]) or None, "people": people(r) or None,
                        "person": next(iter(people(r)), None)}  # a scalar for the EM pass (no exploding there)
                       for r in records])
    t = time.perf_counter()
    settings = SettingsCreator(
        link_type="link_only",
        # year and director exist on one side only (link_only): no comparison can use them; people are
        # one array per record, compared by how many keys the two arrays share
        comparisons=[cl.JaroWinklerAtThresholds("title", [0.95, 0.88]),
                     cl.ArrayIntersectAtSizes("people", [2, 1])],
        blocking_rules_to_generate_predictions=[block_on("title"), block_on("people", arrays_to_explode=["people"])])
    db_api = DuckDBAPI()
    tables = [db_api.register(df[df.source_dataset == name].drop(columns=["source_dataset"]),
                              dataset_display_name=name) for name in ("imdb", "dbpedia")]
    linker = Linker(tables, settings)
    # the usual unsupervised recipe: prior from a deterministic rule, u by sampling, m by EM on two
    # different blockings (a column used for blocking cannot be estimated in that pass)
    linker.training.estimate_probability_two_random_records_match([block_on("title")], recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e7)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("title"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("person"))
    pred_df = linker.inference.predict(threshold_match_probability=0.01).as_pandas_dataframe()
    seconds = time.perf_counter() - t
    scored = [((str(r.unique_id_l), str(r.unique_id_r)) if r.source_dataset_l == "imdb" else
               (str(r.unique_id_r), str(r.unique_id_l)), r.match_probability) for r in pred_df.itertuples()]

    def at(threshold: float) -> dict[str, float]:
        return prf({pair for pair, p in scored if p >= threshold}, truth)

    sweep = {th: at(th) for th in (0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999)}
    best = max(sweep, key=lambda th: sweep[th]["f1"])
    return {**at(0.9), "seconds": round(seconds, 2), "threshold": 0.9,
            "oracle_best_threshold": best, "oracle_best": sweep[best]}


# ------------------------------------------------------------------ synthetic scale
def run_scale_one(n: int, attach: int, seed: int) -> dict[str, Any]:
    """One size in this process: bulk load n, full resolve, then attach `attach` new reviews."""
    from bench.synth import bulk_load, generate
    from catalog import Catalog
    from catalog.resolve import persist

    truth: dict[str, str] = {}

    def stream(skip: int, take: int) -> Iterator[dict[str, Any]]:
        for k, rec in enumerate(generate(n + attach, seed)):
            if skip <= k < skip + take:
                truth[rec["url"]] = rec["film_key"]
                yield rec

    with tempfile.TemporaryDirectory() as tmp:
        cat = Catalog(f"sqlite:///{tmp}/scale.db")
        t = time.perf_counter()
        bulk_load(cat, stream(0, n))
        load_s = time.perf_counter() - t
        with cat.engine.connect() as conn:
            t = time.perf_counter()
            persist.load_records(conn)
            scan_s = time.perf_counter() - t
        rss0, t = rss_mb(), time.perf_counter()
        stats = cat.resolve(full=True)
        full_s = time.perf_counter() - t
        peak_full = peak_mb()
        quality = synthetic_prf(cat, truth)
        bulk_load(cat, stream(n, attach))
        t = time.perf_counter()
        inc = cat.resolve()
        attach_s = time.perf_counter() - t
        cat.close()
    return {"reviews": n, "bulk_load_s": round(load_s, 2), "scan_baseline_s": round(scan_s, 2),
            "full_resolve_s": round(full_s, 2), "ratio_to_scan": round(full_s / scan_s, 1),
            "timings": stats.timings, "pairs_compared": stats.pairs_compared, "films": stats.films,
            "rss_before_mb": round(rss0), "peak_rss_mb": round(peak_full), **quality,
            "attach": attach, "attach_s": round(attach_s, 2), "attach_mode": inc.mode,
            "attach_linked_to_existing": attach - inc.films_new if inc.mode == "incremental" else None}


def synthetic_prf(cat: Any, truth: dict[str, str]) -> dict[str, float]:
    members: dict[str, Counter[str]] = defaultdict(Counter)
    for r in cat.iter_reviews():
        members[r["film_id"]][truth[r["url"]]] += 1
    same = sum(v * (v - 1) // 2 for c in members.values() for v in c.values())
    linked = sum(sum(c.values()) * (sum(c.values()) - 1) // 2 for c in members.values())
    true = sum(v * (v - 1) // 2 for v in Counter(truth.values()).values())
    p, r = same / linked if linked else 1.0, same / true if true else 1.0
    return {"precision": round(p, 5), "recall": round(r, 5), "f1": round(2 * p * r / (p + r), 5) if p + r else 0.0,
            "false_pairs": linked - same, "missed_pairs": true - same, "true_pairs": true}


def run_scale(args: argparse.Namespace) -> list[dict[str, Any]]:
    out = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "scale-one", str(n), "--attach", str(args.attach), "--seed", str(args.seed)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"bench: size {n} failed: {proc.stderr.strip().splitlines()[-1:]}")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(out[-1]), file=sys.stderr, flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    er = sub.add_parser("er", help="IMDb–DBpedia movies")
    er.add_argument("--splink", action="store_true", help="also run Splink on the same records")
    sub.add_parser("er-untitled", help="label-free reach of name keys for untitled IMDb–DBpedia records")
    sub.add_parser("er-tmdb", help="IMDb–TMDb works (films, shows, episodes): a benchmark never tuned on")
    sc = sub.add_parser("scale", help="synthetic catalogues")
    sc.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000])
    sc.add_argument("--attach", type=int, default=1000)
    sc.add_argument("--seed", type=int, default=1)
    one = sub.add_parser("scale-one")
    one.add_argument("n", type=int)
    one.add_argument("--attach", type=int, default=1000)
    one.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "er":
        print(json.dumps(run_er(args), indent=1))
    elif args.cmd == "er-tmdb":
        print(json.dumps(run_tmdb(), indent=1))
    elif args.cmd == "er-untitled":
        print(json.dumps(untitled_reach(), indent=1))
    elif args.cmd == "scale":
        print(json.dumps(run_scale(args), indent=1))
    else:
        print(json.dumps(run_scale_one(args.n, args.attach, args.seed)))


if __name__ == "__main__":
    main()

"""Benchmark: title search, filtered listings and the disambiguation report on a large synthetic catalogue.

Run:  .venv/bin/python bench/bench_query.py --reviews 1000000 --backend sqlite [--db FILE.db] [--reuse]
      .venv/bin/python bench/bench_query.py --reviews 200000 --backend postgresql [--pg-url URL]
      .venv/bin/python bench/bench_query.py --reviews 100000 --attach 1000 [--rounds 3] [--queries 0]
      .venv/bin/python bench/bench_query.py --reuse --db A.db --hits a.json; ... --compare-hits a.json b.json
Builds the catalogue with bench/synth.py (bulk load, then the real resolver and search index), then
times `catalog.query.search` on titles sampled from the catalogue (exact, lower-case/umlaut spellings,
one typo, a prefix), a naive LIKE scan of the film titles as the in-run baseline, filtered listings,
and `catalog.report.disambiguation`. `--attach N` times incremental resolutions of N new reviews of
existing films, alternately without the index refresh (the first search catches up) and with it
(Catalog.resolve's default). Prints a Markdown table (figures in docs/querying.md). `--hits` keeps
every result list, so that two code versions (an older tree on PYTHONPATH with FILMCAT_BENCH_TREE=1)
can be compared on copies of one catalogue with `--compare-hits`. `--refresh-paths 0.1,0.4,1` times
re-indexing those shares of the films in batches and in one bulk pass (where index.BULK_SHARE lies).
"""
from __future__ import annotations

import argparse
import functools
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if os.environ.get("FILMCAT_BENCH_TREE") is None:  # an older tree on PYTHONPATH may stand in for this one
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text

from bench.synth import bulk_load, generate
from catalog import Catalog
from catalog.query import Filters, refresh_index, search
from catalog.report import disambiguation, render

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})
LISTINGS: dict[str, Filters] = {
    "genre + year range, by score": Filters.parse(genre="thriller", year="2000-2010"),
    "director word": Filters.parse(director="Müller"),
    "platform + fsk + min score": Filters.parse(platform="Netflix", fsk=16, min_score=80),
    "site": Filters.parse(site="site7.example"),
}


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# CPU time of this process beside wall time: on a shared machine the wall clock measures the
# neighbours too; SQLite runs in-process, so its work is in the CPU figure (PostgreSQL's is not).
CPU_TIMES: list[float] = []


def _timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    CPU_TIMES.append((time.process_time() - cpu) * 1000)
    return (time.perf_counter() - start) * 1000, result


def build(url: str, n_reviews: int, seed: int) -> dict[str, float]:
    """Fresh catalogue: bulk load, full resolve, search index; seconds per step."""
    out: dict[str, float] = {}
    with Catalog(url) as cat:
        out["load_s"], _ = _timed(lambda: bulk_load(cat, generate(n_reviews, seed=seed)))
        out["resolve_s"], _ = _timed(lambda: cat.resolve(full=True, index=False))
        out["index_s"], _ = _timed(lambda: refresh_index(cat))
    _analyze(url)
    return {k: round(v / 1000, 1) for k, v in out.items()}


def _typo(title: str, rnd: random.Random) -> str:
    words = title.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) < 5:
        return title
    i = rnd.randrange(1, len(word) - 1)
    words[longest] = word[:i] + word[i + 1] + word[i] + word[i + 2:]  # swap two neighbours
    return " ".join(words)


def query_set(cat: Catalog, n: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, query, intended film id) sampled from the catalogue's films."""
    rnd = random.Random(seed)
    with cat.engine.connect() as conn:
        total = conn.execute(text("SELECT count(*) FROM films")).scalar_one()
        offsets = sorted(rnd.sample(range(total), min(n, total)))
        films = [conn.execute(text("SELECT id, title FROM films ORDER BY id LIMIT 1 OFFSET :o"), {"o": o}).one()
                 for o in offsets]
    out = []
    for film_id, title in films:
        kind = rnd.choice(["exact", "spelling", "typo", "prefix"])
        query = {"exact": title, "spelling": title.lower().translate(UMLAUTS).replace(":", ""),
                 "typo": _typo(title, rnd), "prefix": title[:max(4, int(len(title) * 0.6))]}[kind]
        out.append((kind, query, film_id))
    return out


def bench_search(cat: Catalog, queries: list[tuple[str, str, str]],
                 hits_out: list[Any] | None = None) -> dict[str, Any]:
    """Latency per query and whether the intended film is among the first five hits (hits to `hits_out`)."""
    search(cat, "warm up")
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    found: dict[str, int] = {}
    found20: dict[str, int] = {}
    for kind, query, film_id in queries:
        ms, hits = _timed(functools.partial(search, cat, query, limit=20))
        times.setdefault(kind, []).append(ms)
        cpu.setdefault(kind, []).append(CPU_TIMES[-1])
        ids = [h.film_id for h in hits]
        if hits_out is not None:
            hits_out.append([kind, query, [[h.film_id, h.relevance, h.matched_title] for h in hits]])
        found[kind] = found.get(kind, 0) + (film_id in ids[:5])
        found20[kind] = found20.get(kind, 0) + (film_id in ids)
    every = [t for ts in times.values() for t in ts]
    every_cpu = [t for ts in cpu.values() for t in ts]
    rows = {kind: {"n": len(ts), "p50_ms": round(statistics.median(ts), 2), "p95_ms": round(_percentile(ts, .95), 2),
                   "cpu_p50_ms": round(statistics.median(cpu[kind]), 2),
                   "cpu_p95_ms": round(_percentile(cpu[kind], .95), 2),
                   "top5": round(found[kind] / len(ts), 3), "top20": round(found20[kind] / len(ts), 3)}
            for kind, ts in sorted(times.items())}
    rows["all"] = {"n": len(every), "p50_ms": round(statistics.median(every), 2),
                   "p95_ms": round(_percentile(every, .95), 2),
                   "cpu_p50_ms": round(statistics.median(every_cpu), 2),
                   "cpu_p95_ms": round(_percentile(every_cpu, .95), 2),
                   "top5": round(sum(found.values()) / len(every), 3),
                   "top20": round(sum(found20.values()) / len(every), 3)}
    return rows


def _like(conn: Any, sql: Any, query: str) -> Any:
    return conn.execute(sql, {"pattern": f"%{query.lower()}%"}).all()


def bench_baseline(cat: Catalog, queries: list[tuple[str, str, str]], n: int = 20) -> dict[str, float]:
    """A naive case-insensitive LIKE scan over film titles (no typo or umlaut tolerance)."""
    sql = text("SELECT id FROM films WHERE lower(title) LIKE :pattern LIMIT 20")
    times, cpu = [], []
    with cat.engine.connect() as conn:
        for _, query, _ in queries[:n]:
            ms, _ = _timed(functools.partial(_like, conn, sql, query))
            times.append(ms)
            cpu.append(CPU_TIMES[-1])
    return {"n": len(times), "p50_ms": round(statistics.median(times), 2), "p95_ms": round(_percentile(times, .95), 2),
            "cpu_p50_ms": round(statistics.median(cpu), 2), "cpu_p95_ms": round(_percentile(cpu, .95), 2)}


def bench_listings(cat: Catalog, repeat: int = 15) -> dict[str, dict[str, float]]:
    """Filtered listings without a search text."""
    out = {}
    for name, filters in LISTINGS.items():
        times, cpu = [], []
        for _ in range(repeat):
            times.append(_timed(functools.partial(search, cat, None, filters, sort="score", limit=50))[0])
            cpu.append(CPU_TIMES[-1])
        out[name] = {"p50_ms": round(statistics.median(times), 2), "p95_ms": round(_percentile(times, .95), 2),
                     "cpu_p50_ms": round(statistics.median(cpu), 2)}
    return out


def bench_report(cat: Catalog) -> dict[str, Any]:
    """The full disambiguation report, built and rendered."""
    build_ms, report = _timed(lambda: disambiguation(cat))
    build_cpu = CPU_TIMES[-1]
    text_ms, _ = _timed(lambda: render(report, "text"))
    text_cpu = CPU_TIMES[-1]
    html_ms, _ = _timed(lambda: render(report, "html"))
    return {"build_s": round(build_ms / 1000, 2), "build_cpu_s": round(build_cpu / 1000, 2),
            "text_cpu_s": round(text_cpu / 1000, 2), "text_s": round(text_ms / 1000, 2),
            "html_s": round(html_ms / 1000, 2), "shared_titles": len(report.shared_titles),
            "weak_links": len(report.weak_links), "duplicates": len(report.duplicates),
            "films": report.film_count, "reviews": report.review_count}


def _attach_batch(cat: Catalog, n: int, tag: str, seed: int) -> int:
    """Store n new reviews of existing films, as a new site would publish them; returns the count."""
    from bench.synth import bulk_load

    rnd = random.Random(seed)
    with cat.engine.connect() as conn:
        top = conn.execute(text("SELECT max(id) FROM reviews")).scalar_one()
        ids = rnd.sample(range(1, top + 1), min(n, top))
        rows: list[Any] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            rows += conn.execute(text(f"SELECT * FROM reviews WHERE id IN ({','.join(map(str, chunk))})")).mappings()
    site = f"attach-{tag}.example"
    records = [{**{k: r[k] for k in ("title", "original_title", "year", "genres", "fsk", "directors", "cast",
                                     "platform", "release_date", "rating")},
                "url": f"https://{site}/reviews/{r['id']}/", "site": site} for r in rows]
    return bulk_load(cat, records)


def bench_attach(cat: Catalog, n: int, rounds: int, seed: int) -> dict[str, Any]:
    """Incremental resolution of n new reviews with and without the index refresh, alternated."""
    runs: dict[str, dict[str, list[float]]] = {"lazy": {}, "in_resolve": {}}
    for k in range(rounds):
        for mode in ("lazy", "in_resolve"):
            _attach_batch(cat, n, f"{mode}-{k}", seed + 2 * k + (mode == "lazy"))
            resolve_ms, _ = _timed(functools.partial(cat.resolve, index=mode == "in_resolve"))
            cpu = CPU_TIMES[-1]
            first_ms, _ = _timed(lambda: search(cat, "der", limit=20))  # what the first user waits
            first_cpu = CPU_TIMES[-1]
            again_ms, _ = _timed(lambda: search(cat, "der", limit=20))
            for name, value in (("resolve_ms", resolve_ms), ("resolve_cpu_ms", cpu), ("first_search_ms", first_ms),
                                ("first_search_cpu_ms", first_cpu), ("next_search_ms", again_ms)):
                runs[mode].setdefault(name, []).append(value)
    return {mode: {name: round(statistics.median(values), 1) for name, values in figures.items()}
            for mode, figures in runs.items()} | {"reviews_per_batch": n, "rounds": rounds}


def bench_refresh_paths(cat: Catalog, shares: list[float]) -> dict[str, dict[str, float]]:
    """Seconds to re-index a share of the films (the first by id marked dirty) in batches and in one
    bulk pass, alternately on the same catalogue: where the bulk pass starts to pay (index.BULK_SHARE)."""
    from catalog.query import index

    saved = index.BULK_MIN_FILMS, index.BULK_SHARE
    out: dict[str, dict[str, float]] = {}
    try:
        with cat.engine.connect() as conn:
            films = conn.execute(text("SELECT count(*) FROM films")).scalar_one()
        for share in shares:
            row = out.setdefault(f"{share:.0%}", {"films": round(share * films)})
            for path, minimum in (("batches_s", 10**12), ("bulk_s", 0)):
                with cat.engine.begin() as conn:
                    conn.execute(text("INSERT INTO search_dirty (film_id) SELECT id FROM films ORDER BY id "
                                      "LIMIT :n"), {"n": round(share * films)})
                index.BULK_MIN_FILMS, index.BULK_SHARE = minimum, 0.0
                row[path] = round(_timed(lambda: refresh_index(cat))[0] / 1000, 2)
    finally:
        index.BULK_MIN_FILMS, index.BULK_SHARE = saved
    return out


def recreate_index_schema(url: str) -> float:
    """Drop the search index tables and run migration 0002 again (a reused catalogue made by older
    code gets the current DDL); only when 0002 is the newest revision applied. Returns seconds."""
    from catalog.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        if version != "0002":
            raise SystemExit(f"--rebuild-index needs a catalogue at revision 0002, not {version}")
        from catalog.query import ddl

        ddl.drop_triggers(conn)
        for table in ("search_fts", "search_dirty", "search_word_variants", "search_words", "search_facets",
                      "search_titles", "search_films"):
            conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    engine.dispose()
    seconds, _ = _timed(lambda: Catalog(url).close())  # migrates to head: 0002 marks every film dirty
    return seconds / 1000


def run(url: str, args: argparse.Namespace, built: bool) -> dict[str, Any]:
    """Build unless reusing, then every measurement."""
    result: dict[str, Any] = {"backend": url.split(":", 1)[0], "reviews": args.reviews,
                              "load_average_at_start": os.getloadavg()[0]}
    if not built:
        result["build"] = build(url, args.reviews, args.seed)
        print(f"built: {result['build']}", file=sys.stderr, flush=True)
    if built and args.rebuild_index:  # a reused catalogue indexed by older code
        result["index_schema_s"] = round(recreate_index_schema(url), 1)
    with Catalog(url) as cat:
        result["index_catch_up_s"] = round(_timed(lambda: refresh_index(cat))[0] / 1000, 1)
        if args.queries:
            queries = query_set(cat, args.queries, args.seed)
            hits: list[Any] = []
            result["search"] = bench_search(cat, queries, hits)
            if args.hits:
                listed = [[name, [h.film_id for h in search(cat, None, f, sort="score", limit=50)]]
                          for name, f in LISTINGS.items()]
                Path(args.hits).write_text(json.dumps({"searches": hits, "listings": listed}), encoding="utf-8")
            result["baseline_like_scan"] = bench_baseline(cat, queries)
            result["listings"] = bench_listings(cat)
            result["report"] = bench_report(cat)
        if args.attach:
            result["attach"] = bench_attach(cat, args.attach, args.rounds, args.seed)
        if args.refresh_paths:
            result["refresh_paths"] = bench_refresh_paths(cat, [float(x) for x in args.refresh_paths.split(",")])
        with cat.engine.connect() as conn:
            result["films"] = conn.execute(text("SELECT count(*) FROM films")).scalar_one()
    return result


def _sqlite(args: argparse.Namespace) -> dict[str, Any]:
    path = Path(args.db or f"/tmp/filmcat-bench-query-{args.reviews}.db")
    built = args.reuse and path.exists()
    if not built and path.exists():
        path.unlink()
    return run(f"sqlite:///{path}", args, built)


COPIED_TABLES = ("reviews", "films", "film_links")  # what search and report read (plus decisions)


def copy_from_sqlite(sqlite_path: str, url: str) -> dict[str, float]:
    """Fill a fresh PostgreSQL catalogue with an already resolved SQLite one (COPY; same data, so the
    two backends are compared on one catalogue and the resolver need not run twice)."""
    import sqlite3

    with Catalog(url) as cat:  # migrates: tables, search index, triggers
        pass
    source = sqlite3.connect(sqlite_path)
    import psycopg

    seconds: dict[str, float] = {}
    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as target:
        for table in COPIED_TABLES:
            start = time.perf_counter()
            ours = {r[0] for r in target.execute("SELECT column_name FROM information_schema.columns "
                                                  "WHERE table_name = %s", (table,))}
            columns = [r[1] for r in source.execute(f"PRAGMA table_info({table})") if r[1] in ours]
            names = ", ".join(f'"{c}"' for c in columns)
            with target.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {names} FROM {table}"):
                    copy.write_row(row)
            seconds[f"copy_{table}_s"] = round(time.perf_counter() - start, 1)
        target.commit()
    source.close()
    with Catalog(url) as cat:
        seconds["index_s"] = round(_timed(lambda: refresh_index(cat))[0] / 1000, 1)
    _analyze(url)
    return seconds


def _analyze(url: str) -> None:
    # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them.
    if url.startswith("postgresql"):
        with Catalog(url) as cat, cat.engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("ANALYZE"))


def _postgres(args: argparse.Namespace) -> dict[str, Any]:
    if args.pg_url:
        return run(args.pg_url, args, args.reuse)
    from tests.servers import start_postgres  # a throw-away cluster from the Debian binaries

    server = start_postgres()
    try:
        url = server.create_database("bench_query")
        if args.from_sqlite:
            copied = copy_from_sqlite(args.from_sqlite, url)
            print(f"copied: {copied}", file=sys.stderr, flush=True)
            return {**run(url, args, True), "build": copied}
        return run(url, args, False)
    finally:
        server.stop()


def _markdown(result: dict[str, Any]) -> str:
    heading = (f"### {result['backend']}: {result['reviews']:,} reviews, {result['films']:,} films "
               f"(load average {result['load_average_at_start']:.1f} at start)")
    lines = [heading, ""]
    if "build" in result:
        lines += [f"build: {result['build']}", ""]
    if "search" in result:
        lines += _search_lines(result)
    if "attach" in result:
        lines += _attach_lines(result["attach"])
    if "refresh_paths" in result:
        lines += ["", "| films dirty | films | batches s | bulk pass s |", "| --- | --- | --- | --- |"]
        lines += [f"| {k} | {v['films']:,} | {v['batches_s']} | {v['bulk_s']} |" for k, v in result["refresh_paths"].items()]
    return "\n".join(lines)


def _search_lines(result: dict[str, Any]) -> list[str]:
    s = result["search"]
    lines = ["| title search | n | p50 ms | p95 ms | CPU p50 ms | CPU p95 ms | film in top 5 | in top 20 |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {k} | {v['n']} | {v['p50_ms']} | {v['p95_ms']} | {v['cpu_p50_ms']} | {v['cpu_p95_ms']} "
              f"| {v['top5']:.1%} | {v['top20']:.1%} |" for k, v in s.items()]
    b = result["baseline_like_scan"]
    lines += [(f"| baseline: LIKE scan of film titles | {b['n']} | {b['p50_ms']} | {b['p95_ms']} "
               f"| {b['cpu_p50_ms']} | {b['cpu_p95_ms']} | – | – |"), "",
              "| filtered listing | p50 ms | p95 ms | CPU p50 ms |", "| --- | --- | --- | --- |"]
    lines += [f"| {k} | {v['p50_ms']} | {v['p95_ms']} | {v['cpu_p50_ms']} |" for k, v in result["listings"].items()]
    r = result["report"]
    lines += ["", (f"disambiguation report: built in {r['build_s']} s (CPU {r['build_cpu_s']} s), "
                   f"text {r['text_s']} s (CPU {r['text_cpu_s']} s), html {r['html_s']} s; "
                   f"{r['shared_titles']:,} shared titles, {r['weak_links']:,} weak links, "
                   f"{r['duplicates']:,} duplicates"),
              f"search speed-up over the LIKE scan (p50): {b['p50_ms'] / max(s['all']['p50_ms'], 1e-9):.1f}x", ""]
    return lines


def _attach_lines(a: dict[str, Any]) -> list[str]:
    lines = [f"attach {a['reviews_per_batch']:,} new reviews of existing films, median of {a['rounds']} rounds:", "",
             "| index refresh | resolve ms | resolve CPU ms | first search ms | first search CPU ms | next search ms |",
             "| --- | --- | --- | --- | --- | --- |"]
    for mode, label in (("lazy", "on the first search (before)"), ("in_resolve", "in Catalog.resolve (now)")):
        v = a[mode]
        lines.append(f"| {label} | {v['resolve_ms']} | {v['resolve_cpu_ms']} | {v['first_search_ms']} "
                     f"| {v['first_search_cpu_ms']} | {v['next_search_ms']} |")
    return lines


def compare_hits(a: str, b: str) -> int:
    """Print how the hits of two --hits files differ; returns the number of differing queries and listings."""
    da, db = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (a, b))
    same_set = 0
    differ = []
    for x, y in zip(da["searches"], db["searches"], strict=True):
        if x != y:
            differ.append(x[1])
            same_set += sorted(map(tuple, x[2])) == sorted(map(tuple, y[2]))
    lists = sum(x != y for x, y in zip(da["listings"], db["listings"], strict=True))
    print(f"searches: {len(da['searches'])}, {len(differ)} differ ({same_set} only in the order of their hits); "
          f"listings: {len(da['listings'])}, {lists} differ", *differ[:5], sep="\n")
    return len(differ) + lists


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="sqlite")
    parser.add_argument("--db", help="SQLite file (default /tmp/filmcat-bench-query-N.db)")
    parser.add_argument("--pg-url", help="an existing PostgreSQL database (default: start a temporary cluster)")
    parser.add_argument("--reuse", action="store_true", help="reuse an already built catalogue")
    parser.add_argument("--rebuild-index", action="store_true",
                        help="with --reuse: re-create the search index (schema and rows) first")
    parser.add_argument("--from-sqlite", metavar="FILE",
                        help="postgresql: copy this resolved SQLite catalogue instead of building one")
    parser.add_argument("--queries", type=int, default=400, help="title searches (0: skip search, listings, report)")
    parser.add_argument("--attach", type=int, default=0, help="new reviews per incremental resolution measured")
    parser.add_argument("--rounds", type=int, default=3, help="--attach: batches per mode")
    parser.add_argument("--refresh-paths", metavar="SHARES",
                        help="time re-indexing these shares of the films (e.g. 0.1,0.4,1) in batches vs one bulk pass")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the results to this JSON file")
    parser.add_argument("--hits", help="write every search's and listing's hits to this JSON file")
    parser.add_argument("--compare-hits", nargs=2, metavar=("A", "B"),
                        help="compare two --hits files (of two code versions) and exit")
    args = parser.parse_args()
    if args.compare_hits:
        return 1 if compare_hits(*args.compare_hits) else 0
    results = []
    if args.backend in ("sqlite", "both"):
        results.append(_sqlite(args))
    if args.backend in ("postgresql", "both"):
        results.append(_postgres(args))
    for result in results:
        print(_markdown(result) + "\n")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())

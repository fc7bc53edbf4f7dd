"""Full-resolution scale benchmark on stored synthetic catalogues, with a result dump for equivalence checks.

    .venv/bin/python bench/bench_scale.py build 100000 /tmp/cat100k.db     # synthetic catalogue (+ .attach.json)
    .venv/bin/python bench/bench_scale.py run /tmp/cat100k.db --dump /tmp/a.json.gz --attach
    .venv/bin/python bench/bench_scale.py compare /tmp/a.json.gz /tmp/b.json.gz
    .venv/bin/python bench/bench_scale.py sizes 100000 300000 1000000       # build + run each, one table

`run` copies the catalogue, reads every review once with plain Core rows (the scan baseline, measured in
the same process just before), resolves it fully (`catalog.resolve.resolve`: time, stage split, peak RSS of
this process and of the twin process (`child_peak_mb`; FILMCAT_RESOLVE_WORKERS=1 runs serial), `twin_*`: the
share of each task's chunks the twin delivered;
the search index's catch-up is timed apart), re-resolves the unchanged catalogue, then attaches the stored
1,000 extra reviews incrementally (`Catalog.resolve`, index catch-up included). `--dump` writes review url → (film
id, score, reasons, method) and every film's facts, so two code versions can be compared exactly.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if os.environ.get("FILMCAT_BENCH_TREE") is None:  # a reference tree on PYTHONPATH may stand in for this one
    sys.path.insert(0, str(ROOT))

ATTACH = 1000
COMPARE_BLOCK = 1 << 20  # bytes per read when two dumps are compared as text
FILM_COLUMNS = ("id", "title", "original_title", "year", "directors", "cast", "genres", "fsk", "platform",
                "release_date", "n_reviews", "facts")


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size of this process (or of its largest finished child) so far, in MB (Linux reports KiB)."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_s() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children: steadier than wall
    time on a shared machine, and the sum shows what forked work costs."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def build(n: int, out: str, seed: int) -> dict[str, Any]:
    """Bulk-load `n` synthetic reviews into a fresh SQLite file; the next ATTACH go to `out`.attach.json."""
    from bench.synth import bulk_load, generate

    if os.path.exists(out):
        os.remove(out)
    extra: list[dict[str, Any]] = []

    def first(records: Any) -> Any:
        for k, rec in enumerate(records):
            if k < n:
                yield rec
            else:
                extra.append(rec)

    t = time.perf_counter()
    count = bulk_load(f"sqlite:///{out}", first(generate(n + ATTACH, seed)))
    Path(out + ".attach.json").write_text(json.dumps(extra))
    return {"reviews": count, "attach": len(extra), "seconds": round(time.perf_counter() - t, 1)}


def scan(url: str) -> float:
    """Seconds to read every review once (all columns, JSON decoded): the baseline of the same run."""
    from sqlalchemy import create_engine, select

    from catalog.models import Review

    engine = create_engine(url)
    t = time.perf_counter()
    with engine.connect() as conn:
        for _ in conn.execute(select(Review.__table__)):
            pass
    engine.dispose()
    return time.perf_counter() - t


def dump(cat: Any) -> dict[str, Any]:
    """Everything a resolution decides: links by review URL and films by id (timestamps left out)."""
    from sqlalchemy import select

    from catalog.models import Film, FilmLink, Review

    with cat.engine.connect() as conn:
        links = {r.url: [r.film_id, r.score, r.reasons, r.method] for r in conn.execute(
            select(Review.url, FilmLink.film_id, FilmLink.score, FilmLink.reasons, FilmLink.method)
            .join(FilmLink, FilmLink.review_id == Review.id))}
        films = {r.id: list(r) for r in conn.execute(select(*(getattr(Film, c) for c in FILM_COLUMNS)))}
    return {"links": links, "films": films}


def run(db: str, dump_to: str | None, attach: bool, again: bool = True, index: bool = True) -> dict[str, Any]:
    """Full resolution of a fresh copy of `db` (see the module docstring)."""
    from bench.synth import bulk_load
    from catalog import Catalog
    from catalog.query import refresh_index
    from catalog.resolve import resolve

    with tempfile.TemporaryDirectory(dir=os.path.dirname(os.path.abspath(db))) as tmp:
        path = os.path.join(tmp, "cat.db")
        shutil.copyfile(db, path)
        url = f"sqlite:///{path}"
        cat = Catalog(url)  # first: it migrates a catalogue built by an older schema
        scan_s = scan(url)
        t, cpu0 = time.perf_counter(), cpu_s()
        stats = resolve(cat.engine, full=True)
        full_s, peak, cpu = time.perf_counter() - t, peak_mb(), [b - a for a, b in zip(cpu0, cpu_s())]
        out: dict[str, Any] = {"reviews": stats.reviews, "films": stats.films, "pairs": stats.pairs_compared,
                               "scan_s": round(scan_s, 2), "full_s": round(full_s, 2),
                               "ratio": round(full_s / scan_s, 1), "peak_mb": round(peak),
                               "child_peak_mb": round(peak_mb(resource.RUSAGE_CHILDREN)),
                               # both peaks added: an upper bound of what parent and twin held at once
                               "both_peak_mb": round(peak + peak_mb(resource.RUSAGE_CHILDREN)),
                               "cpu_s": round(cpu[0], 2), "child_cpu_s": round(cpu[1], 2),
                               "workers": os.environ.get("FILMCAT_RESOLVE_WORKERS", ""), "timings": stats.timings}
        if index:
            t = time.perf_counter()
            refresh_index(cat)  # the search index catching up (Catalog.resolve does it; not resolution's cost)
            out["index_s"] = round(time.perf_counter() - t, 2)
        result = {"full": dump(cat)} if dump_to else {}
        if again:
            t = time.perf_counter()
            stats = resolve(cat.engine, full=True)
            out["again_s"], out["again_timings"] = round(time.perf_counter() - t, 2), stats.timings
        if attach:
            bulk_load(cat, json.loads(Path(db + ".attach.json").read_text()))
            t = time.perf_counter()
            inc = cat.resolve(index=index)  # with the search index's catch-up, as a crawl does it
            out["attach_s"], out["attach_mode"] = round(time.perf_counter() - t, 2), inc.mode
            out["attach_resolve_s"] = inc.seconds  # without the search index's catch-up
            out["attach_new_films"] = inc.films_new
            if dump_to:
                result["attach"] = dump(cat)
        cat.close()
    if dump_to:
        with gzip.open(dump_to, "wt") as f:
            json.dump(result, f)
    return out


def same_bytes(a: str, b: str) -> bool:
    """Whether two gzipped dumps hold the same text (streamed: a few MB of memory, not two decoded 1M dumps)."""
    with gzip.open(a, "rb") as fa, gzip.open(b, "rb") as fb:
        while True:
            x, y = fa.read(COMPARE_BLOCK), fb.read(COMPARE_BLOCK)
            if x != y:
                return False
            if not x:
                return True


def compare(a: str, b: str) -> int:
    """Print the differences of two dumps; returns the number of differing entries.

    Equal texts are the common case and are checked first; only dumps that differ are decoded
    (≈ 8 GB each for 1M reviews: run that on an otherwise idle machine).
    """
    if same_bytes(a, b):
        print("dumps identical byte for byte: 0 differ")
        return 0
    with gzip.open(a, "rt") as fa, gzip.open(b, "rt") as fb:
        da, db = json.load(fa), json.load(fb)
    bad = 0
    for stage in sorted(set(da) | set(db)):
        for kind in ("links", "films"):
            x, y = da.get(stage, {}).get(kind, {}), db.get(stage, {}).get(kind, {})
            diff = [k for k in set(x) | set(y) if x.get(k) != y.get(k)]
            bad += len(diff)
            print(f"{stage} {kind}: {len(x)} vs {len(y)}, {len(diff)} differ", *sorted(diff)[:3])
    return bad


def sizes(ns: list[int], workdir: str, seed: int) -> list[dict[str, Any]]:
    """Build and run each size in its own child process (peak memory per size)."""
    rows = []
    for n in ns:
        db = os.path.join(workdir, f"cat{n}.db")
        if not os.path.exists(db):
            subprocess.run([sys.executable, __file__, "build", str(n), db, "--seed", str(seed)], check=True)
        proc = subprocess.run([sys.executable, __file__, "run", db, "--attach"], check=True,
                              capture_output=True, text=True)
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("n", type=int)
    b.add_argument("out")
    b.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("run")
    r.add_argument("db")
    r.add_argument("--dump")
    r.add_argument("--attach", action="store_true")
    r.add_argument("--no-again", action="store_true", help="skip re-resolving the unchanged catalogue")
    r.add_argument("--no-index", action="store_true", help="leave the search index alone (attach: resolution only)")
    c = sub.add_parser("compare")
    c.add_argument("a")
    c.add_argument("b")
    s = sub.add_parser("sizes")
    s.add_argument("n", type=int, nargs="+")
    s.add_argument("--workdir", default=tempfile.gettempdir())
    s.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "build":
        print(json.dumps(build(args.n, args.out, args.seed)))
    elif args.cmd == "run":
        print(json.dumps(run(args.db, args.dump, args.attach, not args.no_again, not args.no_index)))
    elif args.cmd == "compare":
        sys.exit(1 if compare(args.a, args.b) else 0)
    else:
        print(json.dumps(sizes(args.n, args.workdir, args.seed), indent=1))


if __name__ == "__main__":
    main()

"""Benchmark: extract() on a realistic ~100 KB review page vs a bare lxml parse (and BeautifulSoup) in the same run.

Run:  .venv/bin/python bench/bench_extract.py [--repeat N] [--kb SIZE] [--pages DIR ...]
Prints CPU time per page of each (median / best of interleaved rounds), the ratio extract/lxml (target <= 4)
and pages/s on one core; --pages also times every *.html below DIR (e.g. ../shared/corpus/dev/sites).
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import lxml.html

from scraper.extract import extract

WORDS = ["der", "Film", "erzählt", "von", "einer", "Familie", "die", "sich", "in", "einer", "fremden", "Stadt", "neu", "erfinden", "muss", "und", "dabei", "immer", "wieder", "an", "ihre", "Grenzen", "stößt", "während", "die", "Kamera", "ruhig", "beobachtet", "und", "die", "Musik", "leise", "pulsiert"]


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def _head(rng: random.Random) -> str:
    script = "var cfg=" + ",".join(f'{{"k{i}":"{_sentence(rng, 4)}"}}' for i in range(120)) + ";"
    jsonld = ('{"@context":"https://schema.org","@type":"Movie","name":"Der lange Weg","genre":["Drama"],'
              '"director":[{"@type":"Person","name":"Mira Lenz"}],"contentRating":"FSK 12",'
              '"aggregateRating":{"ratingValue":"3.9","bestRating":"5"},'
              '"review":{"@type":"Review","reviewRating":{"ratingValue":"4","bestRating":"5"}}}')
    return (f"<head><meta charset='utf-8'><title>Der lange Weg – Kritik | Bench</title>"
            f"<style>{'.a{color:red}' * 400}</style><script>{script}</script>"
            f"<script type='application/ld+json'>{jsonld}</script></head>")


def _article(rng: random.Random) -> str:
    facts = ("<table><tr><td>Titel</td><td>Der lange Weg</td></tr><tr><td>Genre</td><td>Drama</td></tr>"
             "<tr><td>Jahr</td><td>2024</td></tr><tr><td>FSK</td><td>12</td></tr>"
             "<tr><td>Regie</td><td>Mira Lenz</td></tr></table><p><strong>Starttermin:</strong> 01.02.2024 / Kino</p>")
    prose = "".join(f"<h3>Abschnitt {i}</h3><p>{_sentence(rng, 60)} Anna (Lea Brandt) {_sentence(rng, 40)}</p>"
                    for i in range(14))
    return f"<article><h1>Der lange Weg – Kritik / Kino</h1>{facts}{prose}<p><strong>Bewertung: 4 von 5.</strong></p></article>"


def _furniture(rng: random.Random) -> tuple[str, str]:
    nav = "<nav><ul>" + "".join(f"<li><a href='/c/{i}/'>Kategorie {i}</a></li>" for i in range(120)) + "</ul></nav>"
    related = "<div class='related-posts'>" + "".join(
        f"<div class='post'><a href='/p/{i}/'><img src='/i/{i}.jpg' alt='Film {i}'></a><h4>Film {i}</h4>"
        f"<p>{_sentence(rng, 20)} Bewertung: {rng.randint(1, 5)} von 5.</p></div>" for i in range(12)) + "</div>"
    comments = "<div id='comments'><ol>" + "".join(
        f"<li class='comment'><b>Leser{i}</b><p>{_sentence(rng, 30)} {rng.randint(1, 10)}/10</p></li>"
        for i in range(45)) + "</ol></div>"
    sidebar = "<aside>" + "".join(f"<section class='widget'><h2>Box {i}</h2><ul>"
                                  + "".join(f"<li><a href='/x/{i}/{j}'>Link {j}</a> 4/5</li>" for j in range(10))
                                  + "</ul></section>" for i in range(8)) + "</aside>"
    return nav + sidebar, related + comments


def build_page(kb: int, seed: int = 7) -> str:
    """A review page of about `kb` kilobytes: scripts, navigation, sidebar, article, related posts, comments."""
    rng = random.Random(seed)
    top, bottom = _furniture(rng)
    page = f"<!DOCTYPE html><html lang='de'>{_head(rng)}<body><header>{top}</header><main>{_article(rng)}{bottom}</main>"
    while len(page.encode()) < kb * 1024:
        page += f"<footer><p>{_sentence(rng, 40)}</p></footer>"
    return page + "</body></html>"


PROSE_URL = "http://bench.test/kritik/der-lange-weg/"


def build_prose_page(kb: int, seed: int = 7) -> str:
    """The same page with every stated fact gone (no JSON-LD, <title>, <h1> or info box; the director named
    in prose only): extract() then runs its prose fallbacks and the presentation checks."""
    page = build_page(kb, seed)
    page = re.sub(r"<script type='application/ld\+json'>.*?</script>|<title>.*?</title>|<table>.*?</table>"
                  r"|<p><strong>Starttermin:.*?</p>|<p><strong>Bewertung:.*?</p>", "", page, flags=re.DOTALL)
    page = page.replace("<h1>Der lange Weg – Kritik / Kino</h1>",
                        "<p>Kritik: „Der lange Weg“</p><p>In „Der lange Weg“ erzählt Regisseurin Mira Lenz von einer "
                        "Familie, und „Der lange Weg“ nimmt sich dafür Zeit, mit Lea Brandt und Tom Weber.</p>")
    return page


def timeit(funcs: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """(median, best) CPU seconds per call of each function, calls interleaved (the ratio is what counts)."""
    for func in funcs:
        func()
    times: list[list[float]] = [[] for _ in funcs]
    for _ in range(repeat):
        for func, bucket in zip(funcs, times):
            t0 = time.thread_time()  # CPU time of this thread: other processes on the machine do not count
            func()
            bucket.append(time.thread_time() - t0)
    return [(statistics.median(bucket), min(bucket)) for bucket in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=30)
    ap.add_argument("--kb", type=int, default=100)
    ap.add_argument("--pages", nargs="*", default=[], help="folders of saved pages to time as well")
    args = ap.parse_args()
    page = build_page(args.kb)
    body = page.encode("utf-8")
    record = extract(body, "http://bench.test/der-lange-weg/")
    assert record.is_review and record.title == "Der lange Weg", record.verdict
    from bs4 import BeautifulSoup

    # BeautifulSoup is timed apart: its large trees make the garbage collector run during the others
    base, ours = timeit([lambda: lxml.html.fromstring(body),
                         lambda: extract(body, "http://bench.test/der-lange-weg/")], args.repeat)
    (soup,) = timeit([lambda: BeautifulSoup(body, "lxml")], max(5, args.repeat // 4))
    print(f"page: {len(body) / 1024:.1f} KB, {args.repeat} interleaved rounds; median / best of")
    print(f"lxml.html.fromstring  {base[0] * 1000:7.2f} / {base[1] * 1000:6.2f} ms")
    print(f"BeautifulSoup(lxml)   {soup[0] * 1000:7.2f} / {soup[1] * 1000:6.2f} ms   "
          f"ratio {soup[0] / base[0]:5.1f} / {soup[1] / base[1]:5.1f}x")
    print(f"extract()             {ours[0] * 1000:7.2f} / {ours[1] * 1000:6.2f} ms   "
          f"ratio {ours[0] / base[0]:5.1f} / {ours[1] / base[1]:5.1f}x (target <= 4x)")
    print(f"extract() pages/s/core {1 / ours[0]:7.1f} / {1 / ours[1]:6.1f}")
    prose = build_prose_page(args.kb).encode("utf-8")
    record = extract(prose, PROSE_URL)
    assert record.is_review and record.title == "Der lange Weg" and record.directors == ["Mira Lenz"], record.verdict
    base, ours = timeit([lambda: lxml.html.fromstring(prose), lambda: extract(prose, PROSE_URL)], args.repeat)
    print(f"facts only in prose ({len(prose) / 1024:.1f} KB): lxml {base[0] * 1000:.2f} ms, extract() "
          f"{ours[0] * 1000:.2f} / {ours[1] * 1000:.2f} ms, ratio {ours[0] / base[0]:.1f} / {ours[1] / base[1]:.1f}x")
    for folder in args.pages:
        corpus(Path(folder), max(5, args.repeat // 6))


def corpus(folder: Path, repeat: int) -> None:
    """Sum of median CPU times over every saved page below `folder`."""
    bodies = [p.read_bytes() for p in sorted(folder.rglob("*.html"))]
    if not bodies:
        return
    base = ours = 0.0
    for body in bodies:
        (b, _), (e, _) = timeit([partial(lxml.html.fromstring, body),
                                 partial(extract, body, "http://bench.test/page/")], repeat)
        base, ours = base + b, ours + e
    kb = sum(map(len, bodies)) / len(bodies) / 1024
    print(f"{folder}: {len(bodies)} pages, {kb:.1f} KB on average: lxml {base * 1000 / len(bodies):.2f} ms, "
          f"extract {ours * 1000 / len(bodies):.2f} ms per page, ratio {ours / base:.1f}x, "
          f"{len(bodies) / ours:.0f} pages/s/core")


if __name__ == "__main__":
    main()

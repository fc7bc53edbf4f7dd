"""One review under several URLs (AMP, print, query copies) is stored once, whichever URL comes first."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from catalog import Catalog
from scraper.spiders.copies import MAX_COPIES_PER_TARGET, CopyTracker, body_digest, page_digests
from tests.httpserver import Handler, Route, assert_no_traceback, conditional, page, redirect, run_cli, serve

REVIEW = ('<!doctype html><html lang="de"><head><meta charset="utf-8"><title>{title} – Filmkritik</title>{head}'
          '</head><body><article><h1>{title} – Kritik</h1>'
          '<p>Regie: {director} | Darsteller: Jonas Brenner, Ilse Kramer | Genre: Drama | Produktionsjahr: {year}</p>'
          '<p>Der Film nimmt sich Zeit für jedes Gesicht. Unsere Kritik zu einem leisen Drama über Schuld '
          'und Heimkehr, das lange nachwirkt, weil es seinen Figuren nie vorschreibt, was sie fühlen sollen.</p>'
          '<p>Die Kamera bleibt geduldig, die Musik zurückhaltend, und die Darsteller tragen die langen '
          'Einstellungen mit großer Ruhe. Manche Szene dauert zu lange, doch das Ende belohnt die Geduld.</p>'
          '<p>Fazit: ein stiller, genauer Film, der seinem Publikum vertraut und lange im Kopf bleibt, '
          'auch wenn die Geschichte selbst wenig Überraschungen bietet.</p>{links}<p>Bewertung: 4 von 5</p></article></body></html>')
FILMS = {"a": ("Der stille Hafen", "Marta Lindqvist", 2021), "b": ("Nebelsommer", "Karl Oden", 2019),
         "c": ("Die letzte Fähre", "Ana Petrov", 2018), "d": ("Kaltes Licht", "Ben Aurich", 2020),
         "e": ("Sandbank", "Lea Morn", 2022), "g": ("Fremde Gäste", "Tom Hesse", 2017),
         "h": ("Zwei Ufer", "Ida Varga", 2016), "k": ("Verlorene Spur", "Emil Roth", 2015),
         "m": ("Weiße Nächte", "Olga Brandt", 2014),
         **{f"t{i}": (f"{name} im Tal", f"{name} Kessler", 2000 + i)
            for i, name in enumerate(("Anna", "Bruno", "Clara", "David", "Eva", "Felix", "Greta", "Hugo"))}}


def review(key: str, head: str = "", links: str = "") -> str:
    title, director, year = FILMS[key]
    return REVIEW.format(title=title, director=director, year=year, head=head, links=links)


def canonical(href: str) -> str:
    return f'<link rel="canonical" href="{href}">'


def _crawl(origin: str, db: str) -> dict:  # type: ignore[type-arg]
    proc = run_cli("crawl", "--db", db, "--start-url", origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread")
    assert_no_traceback(proc.stderr)
    assert proc.returncode == 0, proc.stderr
    with Catalog(db) as catalog:
        return list(catalog.iter_runs())[-1]["counts"]


def _stored(db: str) -> tuple[list[str], list[str]]:
    with Catalog(db) as catalog:
        urls = sorted(r["url"].split("/", 3)[3] for r in catalog.iter_reviews())
        films = sorted(str(f.get("film_id") or f.get("id")) for f in catalog.iter_films())
    return urls, films


def test_copies_with_canonical_and_query_copies_are_stored_once(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    home = "".join(f'<a href="{u}">{u}</a>' for u in (
        "/amp/film/a/",                 # AMP copy first: its original is linked nowhere else
        "/film/b/",                     # original first: its AMP copy is linked only from it
        "/film/c/", "/druck/film/c/",   # print copy at another path
        "/film/d/?print=1",             # query copy with a canonical (the original linked nowhere)
        "/film/e/?r=abc&sort=new",      # query copy without a canonical: same bytes as /film/e/
        "/film/g/", "/film/h/", "/amp/film/k/",
        "/film/m/print/", "/amp/film/m/"))  # a chain: AMP -> print -> original
    with serve(None, "127.0.0.141") as srv, serve(None, "127.0.0.142") as other:
        srv.routes.update({
            "/": page(f"<html><head><title>Start</title></head><body><h1>Filme</h1>{home}</body></html>"),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/film/a/": page(review("a", canonical("/film/a/"))),
            "/amp/film/a/": page(review("a", canonical(srv.origin.replace("http:", "https:") + "/film/a/"))),
            "/film/b/": page(review("b", canonical("/film/b/"), '<a href="/film/b/amp/">AMP</a>')),
            "/film/b/amp/": page(review("b", canonical("/film/b/"))),
            "/film/c/": page(review("c")),
            "/druck/film/c/": page(review("c", '<meta property="og:url" content="/film/c/">')),
            "/film/d/": page(review("d", canonical("/film/d/"))),
            "/film/e/": conditional(review("e"), '"e1"'),    # 304 on a re-crawl
            "/film/g/": page(review("g", canonical(other.origin + "/film/g/"))),   # another host: ignored
            "/film/h/": page(review("h", canonical("/film/h2/"))),                 # a loop h -> h2 -> h
            "/film/h2/": page(review("h", canonical("/film/h/"))),
            "/amp/film/k/": page(review("k", canonical("/film/k/"))),              # its original is a 404
            "/amp/film/m/": page(review("m", canonical("/film/m/print/"))),
            "/film/m/print/": page(review("m", canonical("/film/m/"))),
            "/film/m/": page(review("m", canonical("/film/m/"))),
        })
        counts = _crawl(srv.origin, db)
        fetched = srv.paths()
        first = _stored(db)
        again = _crawl(srv.origin, db)    # a re-crawl: /film/e/ answers 304, nothing new, no copy stored
    urls, films = _stored(db)
    assert (urls, films) == first and again["duplicates"] == 8 and not again.get("reviews_new"), again
    loop = [u for u in urls if u.startswith("film/h")]
    assert len(loop) == 1, urls
    assert [u for u in urls if u not in loop] == [
        "amp/film/k/", "film/a/", "film/b/", "film/c/", "film/d/", "film/e/", "film/g/", "film/m/"]
    assert len(films) == 9
    assert counts["duplicates"] == 8 and counts.get("copies_kept") == 1, counts
    assert not any(p.startswith("/amp/film/a") for p in other.paths())   # nothing asked of the other host
    assert fetched.count("/film/a/") == 1 and "/film/d/" in fetched and "/film/e/" in fetched
    with Catalog(db) as catalog:
        reasons = {r["url"].split("/", 3)[3]: r["reason"] for r in _rejections(catalog)}
    assert reasons["amp/film/a/"] == f"duplicate of {srv.origin}/film/a/"
    assert reasons["film/e/?r=abc&sort=new"] == f"duplicate of {srv.origin}/film/e/"
    # a copy kept after all (its original is a 404) is stored as a review: its "duplicate of" rejection,
    # written by both crawls before the copy was fetched again, is gone with it
    assert "amp/film/k/" not in reasons, reasons.get("amp/film/k/")


def _rejections(catalog: Catalog) -> list[dict]:  # type: ignore[type-arg]
    from sqlalchemy import select

    from catalog.models import Rejection

    with catalog.engine.connect() as conn:
        return [dict(r) for r in conn.execute(select(Rejection.url, Rejection.reason)).mappings()]


def test_canonicals_naming_the_home_page_or_one_article_everywhere_keep_all_reviews(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    template = [f"t{i}" for i in range(8)]   # a broken template: every one names /film/a/ as canonical
    with serve(None, "127.0.0.143") as srv:
        home_head = canonical(srv.origin + "/")
        links = "".join(f'<a href="/film/{k}/">{k}</a>' for k in ["a", "b", "c", *template])
        srv.routes.update({
            "/": page(f"<html><head>{home_head}<title>Start</title></head><body>{links}</body></html>"),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/film/a/": page(review("a", home_head)),
            "/film/b/": page(review("b", '<meta property="og:url" content="/">')),
            "/film/c/": page(review("c", canonical(srv.origin + "/"))),
            **{f"/film/{k}/": page(review(k, canonical("/film/a/"))) for k in template},
        })
        counts = _crawl(srv.origin, db)
    urls, _ = _stored(db)
    assert urls == sorted(f"film/{k}/" for k in ["a", "b", "c", *template])
    assert not counts.get("duplicates") and counts.get("copies_kept") == 6, counts
    with Catalog(db) as catalog:   # the six counted as copies first were stored: no stale "duplicate of"
        assert not [r for r in _rejections(catalog) if r["reason"].startswith("duplicate of")]


def test_trusted_target_rules() -> None:
    tracker = CopyTracker(["http://s.de/", "http://s.de/filme/"])
    follow = lambda url: True
    page = "http://s.de/amp/x/"
    assert tracker.trusted_target(page, "https://s.de/x/", follow) == "http://s.de/x/"   # scheme mapped
    assert tracker.trusted_target(page, "http://s.de/", follow) is None                 # site root
    assert tracker.trusted_target(page, "http://s.de/filme/", follow) is None           # a start URL
    assert tracker.trusted_target(page, "http://other.de/x/", follow) is None           # another host
    assert tracker.trusted_target(page, "http://s.de:8080/x/", follow) is None          # another server
    assert tracker.trusted_target(page, page, follow) is None                           # itself
    assert tracker.trusted_target("http://s.de/", "http://s.de/x/", follow) is None     # the home is no copy
    assert tracker.trusted_target(page, "http://s.de/x/", lambda url: False) is None   # not followed
    tracker.count_copy(page, "http://s.de/x/")
    assert tracker.trusted_target("http://s.de/x/", page, follow) is None               # a loop
    assert tracker.trusted_target("http://s.de/amp2/x/", page, follow) == "http://s.de/x/"   # a chain, followed
    assert tracker.outcome("http://s.de/x/", "rejected") == ([page], [])                # no review: copy back
    assert tracker.trusted_target("http://s.de/amp/y/", "http://s.de/x/", follow) is None   # known non-review
    claims = [tracker.count_copy(f"http://s.de/p{i}/", "http://s.de/z/") for i in range(MAX_COPIES_PER_TARGET + 1)]
    assert claims[:-1] == [None] * MAX_COPIES_PER_TARGET                                 # copies
    assert claims[-1] == [f"http://s.de/p{i}/" for i in range(MAX_COPIES_PER_TARGET)]     # a template: all back
    assert tracker.trusted_target("http://s.de/q/", "http://s.de/z/", follow) is None


def test_same_bytes_ignore_the_echoed_query() -> None:
    tracker = CopyTracker([])
    body = b"<p>x</p>"
    assert tracker.same_bytes("http://s.de/x/", body_digest(body, "http://s.de/x/")) is None
    echoed = b'<p>x</p><a href="?r=1&amp;s=2">'
    plain = b'<p>x</p><a href="?">'
    assert body_digest(echoed, "http://s.de/x/?r=1&s=2") == body_digest(plain, "http://s.de/x/")
    assert tracker.same_bytes("http://s.de/x/?r=1", body_digest(body, "http://s.de/x/?r=1")) == "http://s.de/x/"
    assert tracker.same_bytes("http://s.de/x/?r=2", body_digest(b"<p>y</p>", "http://s.de/x/?r=2")) is None


def test_declared_canonical_reads_the_head() -> None:
    from scrapy.http import HtmlResponse

    from scraper.spiders.copies import declared_canonical

    def declared(head: bytes) -> str | None:
        return declared_canonical(HtmlResponse("http://s.de/amp/x/", body=head, encoding="utf-8"))

    assert declared(b'<head><LINK REL="Canonical" href="/x/?a=1&amp;b=2"></head>') == "http://s.de/x/?a=1&b=2"
    assert declared(b"<head><meta property='og:url' content='/o/'><link rel=canonical href=/y/>") == "http://s.de/y/"
    assert declared(b"<head><meta property='og:url' content='https://s.de/o/'></head>") == "https://s.de/o/"
    assert declared(b"<head></head><body><link rel=canonical href=/z/></body>") is None   # only the head counts
    assert declared(b"\xff\xfe garbage") is None


def test_a_canonical_naming_the_page_without_its_slash_or_a_redirecting_url_is_the_page(tmp_path: Path) -> None:
    """Sites link "/p/film" and redirect it to "/p/film/", whose canonical says "/p/film": one page, stored."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.144") as srv:
        srv.routes.update({
            "/": page('<html><head><title>Start</title></head><body><a href="/p/a">a</a> <a href="/p/b/">b</a>'
                      '<a href="/p/c">c</a></body></html>'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/p/a": redirect("/p/a/", 301),
            "/p/a/": page(review("a", canonical("/p/a"))),          # reached through the redirect
            "/p/b/": page(review("b", canonical("/p/b"))),          # linked with the slash directly
            "/p/c": redirect("/p/c-2023/", 301),                     # an old slug moved; canonical the old one
            "/p/c-2023/": page(review("c", canonical("/p/c"))),
        })
        counts = _crawl(srv.origin, db)
    urls, _ = _stored(db)
    assert urls == ["p/a/", "p/b/", "p/c-2023/"], (urls, counts)
    assert not counts.get("duplicates"), counts


def test_a_product_under_many_query_strings_and_collection_paths_is_stored_once(tmp_path: Path) -> None:
    """A shop serves one product at /shop/p/a/, under recommendation query strings and under collection
    paths, all declaring the canonical "/shop/p/a", which itself redirects to "/shop/p/a/". Ten URLs
    of one page are copies, not a template naming one article everywhere (only three distinct
    pages: equal bytes are one). A copy whose canonical redirects to a page without a review is kept."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    recs = "".join(f'<a href="/shop/p/a/?rec={i}&pos={i}">a</a>' for i in range(8))
    product = review("a", canonical("/shop/p/a"), recs)
    with serve(None, "127.0.0.145") as srv:
        srv.routes.update({
            "/": page('<html><head><title>Shop</title></head><body><a href="/shop/p/a">a</a>'
                      '<a href="/c/all/p/a">a</a> <a href="/c/picks/p/a/">a</a> <a href="/c/all/p/b/">b</a>'
                      '</body></html>'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            "/shop/p/a": redirect("/shop/p/a/", 301),
            "/shop/p/a/": page(product),              # every ?rec= query string: the same bytes
            "/c/all/p/a": redirect("/c/all/p/a/", 301),
            "/c/all/p/a/": page(product.replace("<article>", '<nav>Alle &gt; a</nav><article>')),
            "/c/picks/p/a/": page(product.replace("<article>", '<nav>Tipps &gt; a</nav><article>')),
            # b's canonical (linked only from its copy) redirects to a page that is no review: the copy stays
            "/c/all/p/b/": page(review("b", canonical("/shop/p/b"))),
            "/shop/p/b": redirect("/shop/p/b/", 301),
            "/shop/p/b/": page("<html><head><title>Ausverkauft</title></head><body><p>Nicht mehr im "
                               "Sortiment.</p></body></html>"),
        })
        counts = _crawl(srv.origin, db)
    urls, _ = _stored(db)
    assert urls == ["c/all/p/b/", "shop/p/a/"], (urls, counts)
    assert counts["duplicates"] == 10 and counts.get("copies_kept") == 1, counts


def test_copies_with_equal_bytes_are_one_page_for_the_template_limit() -> None:
    tracker = CopyTracker(["http://s.de/"])
    same = frozenset((b"x" * 12,))
    assert all(tracker.count_copy(f"http://s.de/p/a/?r={i}", "http://s.de/p/a", digests=same) is None
               for i in range(3 * MAX_COPIES_PER_TARGET))
    distinct = [tracker.count_copy(f"http://s.de/c{i}/p/a/", "http://s.de/p/a", digests=frozenset((bytes([i]) * 12,)))
                for i in range(MAX_COPIES_PER_TARGET)]
    assert distinct[:-1] == [None] * (MAX_COPIES_PER_TARGET - 1) and distinct[-1] is not None   # the 7th page
    tracker = CopyTracker(["http://s.de/"])
    tracker.redirect("http://s.de/p/b", "http://s.de/p/b/")
    tracker.count_copy("http://s.de/c/p/b/", "http://s.de/p/b")
    assert tracker.outcome("http://s.de/p/b/", "rejected") == (["http://s.de/c/p/b/"], [])   # through the redirect
    assert tracker.trusted_target("http://s.de/d/p/b/", "http://s.de/p/b", lambda url: True) is None


def test_trusted_target_ignores_the_page_itself_and_its_redirects() -> None:
    tracker = CopyTracker(["http://s.de/"])
    follow = lambda url: True
    assert tracker.trusted_target("http://s.de/p/x/", "http://s.de/p/x", follow) is None
    assert tracker.trusted_target("http://s.de/p/x", "http://s.de/p/x/", follow) is None
    assert tracker.trusted_target("http://s.de/p/y/", "http://s.de/p/old", follow, {"http://s.de/p/old"}) is None
    assert tracker.trusted_target("http://s.de/amp/x/", "http://s.de/p/x", follow) == "http://s.de/p/x"


def test_same_bytes_match_when_the_page_links_others_with_its_own_query() -> None:
    """A TYPO3 page links its neighbours with the same `?tx_news…&cHash=…` it was reached with: taking
    that string out of the copy's bytes alone must not hide that the bytes are the bare page's."""
    query = "tx_news_pi1%5Bcontroller%5D=News&cHash=8f3e2a"
    body = f'<p>x</p><a href="/other/?{query.replace("&", "&amp;")}">next</a>'.encode()
    tracker = CopyTracker(["http://s.de/"])
    assert tracker.same_bytes("http://s.de/x/", page_digests(body, "http://s.de/x/")) is None
    assert tracker.same_bytes(f"http://s.de/x/?{query}", page_digests(body, f"http://s.de/x/?{query}")) == "http://s.de/x/"
    other = CopyTracker(["http://s.de/"])      # the query copy first, the bare page second
    assert other.same_bytes(f"http://s.de/x/?{query}", page_digests(body, f"http://s.de/x/?{query}")) is None
    assert other.same_bytes("http://s.de/x/", page_digests(body, "http://s.de/x/")) == f"http://s.de/x/?{query}"


def test_same_bytes_under_an_index_file_or_another_case_are_one_review(tmp_path: Path) -> None:
    """A server answering "/r/a/", "/r/a/index.html" and "/R/A/" with the same bytes (no canonical) holds one
    review; a page declaring its own URL with the slash, linked with and without it, is stored once; the same
    index-file name with other bytes is a page of its own."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    links = ["/r/a/", "/r/a", "/r/a/index.html", "/R/A/", "/r/b", "/r/b/", "/r/c/", "/r/c/index.php"]
    with serve(None, "127.0.0.145") as srv:
        srv.routes.update({
            "/": page("<html><head><title>Start</title></head><body>"
                      + "".join(f'<a href="{u}">{u}</a> ' for u in links) + "</body></html>"),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
            **dict.fromkeys(("/r/a/", "/r/a", "/r/a/index.html", "/R/A/"), page(review("a"))),
            **dict.fromkeys(("/r/b", "/r/b/"), page(review("b", canonical(f"{srv.origin}/r/b/")))),
            "/r/c/": page(review("c")),
            "/r/c/index.php": page(review("d")),      # another review under the index file name
        })
        counts = _crawl(srv.origin, db)
    urls, films = _stored(db)
    assert len([u for u in urls if u.lower().startswith("r/a")]) == 1, (urls, counts)
    assert len([u for u in urls if u.startswith("r/b")]) == 1, (urls, counts)
    assert "r/c/" in urls and "r/c/index.php" in urls, (urls, counts)
    assert len(urls) == 4 and len(films) == 4, (urls, films, counts)


def test_an_index_file_is_a_path_variant() -> None:
    tracker = CopyTracker([])
    assert tracker.same_bytes("http://a.de/r/x/", b"1") is None
    assert tracker.same_bytes("http://a.de/r/x/index.html", b"1") == "http://a.de/r/x/"
    assert tracker.same_bytes("http://a.de/R/X/Default.htm", b"1") == "http://a.de/r/x/"
    assert tracker.same_bytes("http://a.de/r/y/index.html", b"1") is None      # another path: no copy
    assert tracker.same_bytes("http://a.de/r/x/index.html/more", b"2") is None  # only a last segment counts


def test_a_copy_stored_by_an_earlier_run_retires_when_another_url_of_it_survives(tmp_path: Path) -> None:
    """Which of two same-bytes URLs is stored depends on which is answered first: the first crawl
    reaches only "/r/a/", the second first reaches "/R/A/" (the site's links changed case) and then
    "/r/a/" (asked for as a stored review). Before, both stayed reviews of the same page; now the
    older copy's review retires and the film keeps its id. A canonical a page adds later (its print
    URL stored first) retires the copy the same way."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    home = ['/r/a/', '/druck/b/']
    with serve(None, "127.0.0.146") as srv:
        def site(links: list[str], print_head: str) -> None:
            srv.routes.update({
                "/": page("<html><head><title>Start</title></head><body>"
                          + "".join(f'<a href="{u}">{u}</a> ' for u in links) + "</body></html>"),
                "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
                **dict.fromkeys(("/r/a/", "/R/A/"), page(review("a"))),
                "/druck/b/": page(review("b", print_head)),
                "/film/b/": page(review("b")),
            })
        site(home, "")
        first = _crawl(srv.origin, db)
        urls, films = _stored(db)
        assert urls == ["druck/b/", "r/a/"] and len(films) == 2, (urls, films, first)
        with Catalog(db) as catalog:
            film_of = {r["url"].split("/", 3)[3]: r["film_id"] for r in catalog.iter_reviews()}
        site(['/R/A/', '/druck/b/'], canonical(f"{srv.origin}/film/b/"))
        second = _crawl(srv.origin, db)
    urls, films = _stored(db)
    assert urls == ["R/A/", "film/b/"] and len(films) == 2, (urls, films, second)
    assert second.get("reviews_retired") == 2, second
    with Catalog(db) as catalog:
        now = {r["url"].split("/", 3)[3]: r["film_id"] for r in catalog.iter_reviews()}
    assert now == {"R/A/": film_of["r/a/"], "film/b/": film_of["druck/b/"]}, (now, film_of)


def test_a_chain_ending_in_a_failure_keeps_its_last_answering_page_in_any_order() -> None:
    """A names B, B names C, C fails: B (the last page that answers) is kept and A is B's copy,
    whichever of A and B was judged first (A judged after B reaches C through the chain)."""
    a, b, c = "http://s.de/amp/f/", "http://s.de/druck/f/", "http://s.de/f/"
    follow = lambda url: True
    for first in ("a", "b"):
        tracker = CopyTracker(["http://s.de/"])
        if first == "a":
            assert tracker.trusted_target(a, b, follow) == b and tracker.count_copy(a, b) is None
        assert tracker.trusted_target(b, c, follow) == c and tracker.count_copy(b, c) is None
        if first == "b":
            assert tracker.trusted_target(a, b, follow) == c and tracker.count_copy(a, c) is None
        assert tracker.outcome(c, "failed") == ([b], [a] if first == "b" else []), first
        assert tracker.trusted_target(a, b, follow) == b, first       # judged again: B's copy now
        assert tracker.count_copy(a, b) is None
        assert tracker.outcome(b, "reviews_new") == ([], []), first   # B stored: A stays its copy


@pytest.mark.parametrize("late", ["/film/b/", "/amp/film/a/"])
def test_a_chain_to_a_404_stores_one_review_whichever_copy_answers_first(tmp_path: Path, late: str) -> None:
    """/amp/film/a/ names /film/b/ as canonical, /film/b/ names /film/c/, a 404. Either copy answers
    0.6 s after the other (the 404 after 2 s): /film/b/ is the one review, /amp/film/a/ its copy.
    Before, with /film/b/ first, /amp/film/a/ was counted a copy of /film/c/ and both were kept."""
    db = f"sqlite:///{tmp_path / 'c.db'}"

    def after(seconds: float, route: Route) -> Route:
        def delayed(h: Handler) -> None:
            time.sleep(seconds)
            route(h)
        return delayed

    with serve(None, "127.0.0.144") as srv:
        routes = {
            "/amp/film/a/": page(review("k", canonical("/film/b/"))),
            "/film/b/": page(review("k", canonical("/film/c/"))),
            "/film/c/": after(2.0, page("<html><body>weg</body></html>", status=404)),
        }
        routes[late] = after(0.6, routes[late])
        srv.routes.update(routes)
        srv.routes.update({
            "/": page('<html><head><title>Start</title></head><body><a href="/amp/film/a/">a</a> '
                      '<a href="/film/b/">b</a></body></html>'),
            "/robots.txt": page("User-agent: *\nDisallow:\n", ctype="text/plain"),
        })
        counts = _crawl(srv.origin, db)
        origin = srv.origin
    with Catalog(db) as catalog:
        reasons = [(r["url"].removeprefix(origin), r["reason"]) for r in _rejections(catalog)]
    urls, films = _stored(db)
    assert urls == ["film/b/"] and len(films) == 1, (urls, reasons)
    assert ("/amp/film/a/", f"duplicate of {origin}/film/b/") in reasons, reasons
    assert counts["duplicates"] == 1 and counts.get("copies_kept") == 1, counts

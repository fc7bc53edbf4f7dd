"""Incremental runs join two existing films through a new review where a full run would, and only there."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from catalog import Catalog
from tests.resolve.test_resolution import films, rec

# one film under two titles: the German reviews name the director, the English ones the cast; the two
# sets share no block, so they are two films until a review states both titles (and both credits)
GERMAN = [rec(f"http://{s}.test/nacht/", "Nacht der Kalorin", 2001, ["Anna Weber"]) for s in "abc"]
ENGLISH = [rec(f"http://{s}.test/night/", "Kalorin Night", 2001, [], ["Tom Koch", "Ida Klein"]) for s in "de"]
BRIDGE = rec("http://f.test/kalorin/", "Kalorin Night", 2001, ["Anna Weber"], ["Tom Koch", "Ida Klein"],
             original_title="Nacht der Kalorin")


def partition(cat: Catalog) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for url, fid in films(cat).items():
        out.setdefault(fid, set()).add(url)
    return {frozenset(v) for v in out.values()}


def full_partition(records: list[dict[str, Any]]) -> set[frozenset[str]]:
    with Catalog("sqlite://") as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=True)
        return partition(cat)


def one_film(parts: set[frozenset[str]], *groups: list[dict[str, Any]]) -> bool:
    urls = {r["url"] for g in groups for r in g}
    return any(urls <= p for p in parts)


def attached(url: str, stored: list[dict[str, Any]], new: list[dict[str, Any]]) -> set[frozenset[str]]:
    """Films after resolving `stored` fully and then attaching `new` incrementally."""
    with Catalog(url) as cat:
        cat.upsert_reviews(stored)
        cat.resolve()
        cat.upsert_reviews(new)
        assert cat.resolve().mode == "incremental"
        return partition(cat)


def one(cat: Catalog, sql: str, **params: Any) -> Any:
    with cat.engine.connect() as conn:
        return conn.execute(text(sql), params).one()


def redirects(cat: Catalog) -> dict[str, tuple[str, str]]:
    with cat.engine.connect() as conn:
        return {old: (new, reason) for old, new, reason in
                conn.exec_driver_sql("SELECT old_id, new_id, reason FROM film_redirects")}


def test_a_new_review_bridging_two_films_merges_them_with_a_redirect(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(GERMAN + ENGLISH)
        cat.resolve()
        before = films(cat)
        kept, retired = before[GERMAN[0]["url"]], before[ENGLISH[0]["url"]]
        assert kept != retired
        cat.upsert_reviews([BRIDGE])
        assert cat.resolve().mode == "incremental"
        inc = partition(cat)
        assert inc == {frozenset(r["url"] for r in GERMAN + ENGLISH + [BRIDGE])} == full_partition(GERMAN + ENGLISH + [BRIDGE])
        assert set(films(cat).values()) == {kept}  # the film with more of the reviews keeps its id
        assert cat.film_id_for(retired) == kept
        new, reason = redirects(cat)[retired]
        assert new == kept and "merged" in reason
        assert one(cat, "SELECT count(*), min(n_reviews), min(title) FROM films") == (1, 6, "Kalorin Night")
        moved = one(cat, "SELECT l.film_id, l.score, l.method FROM film_links l JOIN reviews r ON r.id = l.review_id "
                         "WHERE r.url = :url", url=ENGLISH[0]["url"])
        assert moved == (kept, 9.0, "auto")  # the moved reviews' links keep their own evidence
        links = films(cat)
        cat.resolve(full=True)  # a full re-resolution agrees, ids and redirect included
        assert films(cat) == links
        assert cat.film_id_for(retired) == kept


@pytest.mark.parametrize("directed", [False, True])
def test_a_bridge_between_other_directors_years_apart_is_refused(db_url: str, directed: bool) -> None:
    # the English reviews state 2003; with a director of their own the two films can never be one
    # (other directors, years two apart), and the undated-director bridge cannot join them
    english = [dict(r, year=2003, directors=["Ben Hoffmann"] if directed else []) for r in ENGLISH]
    bridge = dict(BRIDGE, year=2002, directors=[])
    inc = attached(db_url, GERMAN + english, [bridge])
    assert inc == full_partition(GERMAN + english + [bridge])
    assert one_film(inc, GERMAN, english) is not directed


@pytest.mark.parametrize("shared_site", [False, True])
def test_a_bridge_between_two_reviews_of_one_site_is_refused(db_url: str, shared_site: bool) -> None:
    # a site reviews a film once: with an English review from site a (which has a German one) the
    # two films stay apart, and the bridge joins the one it scores best with
    english = [dict(ENGLISH[0], url="http://a.test/night/", site="a.test") if shared_site else ENGLISH[0],
               ENGLISH[1]]
    inc = attached(db_url, GERMAN + english, [BRIDGE])
    assert inc == full_partition(GERMAN + english + [BRIDGE])
    assert one_film(inc, GERMAN, english) is not shared_site
    assert one_film(inc, GERMAN, [BRIDGE])


@pytest.mark.parametrize("split", [False, True])
def test_a_manual_split_keeps_a_bridge_from_merging(any_db_url: str, split: bool) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(GERMAN + ENGLISH)
        cat.resolve()
        ids = films(cat)
        if split:  # merged by hand, then split again: the English reviews are another film
            merged = cat.merge_films(ids[GERMAN[0]["url"]], ids[ENGLISH[0]["url"]])
            cat.split_film(merged, [r["url"] for r in ENGLISH])
        cat.upsert_reviews([BRIDGE])
        assert cat.resolve().mode == "incremental"
        inc = partition(cat)
        assert one_film(inc, GERMAN, ENGLISH, [BRIDGE]) is not split
        assert one_film(inc, GERMAN, [BRIDGE])
        cat.resolve(full=True)  # the full run replays the decision alike
        assert partition(cat) == inc


def test_a_changed_review_leaving_its_film_leaves_the_rest_their_id(db_url: str) -> None:
    # the rest of the film was not among the groups stored, so its id looked free to the moved review
    stay = [rec(f"http://{s}.test/x/", "Kalorin Night", 2001, ["Anna Weber"], ["Tom Koch"]) for s in "abc"]
    other = rec("http://d.test/y/", "Glass Road", 1975, ["Tom Rees"], ["Vera Holm"])
    with Catalog(db_url) as cat:
        cat.upsert_reviews([*stay, other])
        cat.resolve()
        before = films(cat)
        moved = dict(stay[2], title="Glass Road", year=1975, directors=["Tom Rees"], cast=["Vera Holm"])
        cat.upsert_reviews([moved])
        assert cat.resolve().mode == "incremental"
        after = films(cat)
        assert after[stay[0]["url"]] == after[stay[1]["url"]] == before[stay[0]["url"]]
        assert after[moved["url"]] == after[other["url"]] == before[other["url"]]
        assert one(cat, "SELECT n_reviews FROM films WHERE id = :id", id=before[stay[0]["url"]]) == (2,)
        assert redirects(cat) == {}

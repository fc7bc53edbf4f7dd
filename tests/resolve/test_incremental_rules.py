"""Incremental runs decide elimination, weak ties, careers and the people rule as a full run does."""
from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from catalog import Catalog
from catalog.resolve import keys, namekeys, pipeline
from catalog.resolve.hood import Hood, paired_among
from catalog.resolve.keys import build_blocks, title_paired
from catalog.resolve.options import DEFAULT_OPTIONS
from tests.resolve.test_resolution import films, rec

OLD = rec("http://b.test/road-1948/", "Road House", 1948, ["Jean Negulesco"], ["Ida Lupino"])
NEW = rec("http://b.test/road-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
DATED = rec("http://a.test/road-house-1989/", "Road House", 1989, ["Rowdy Herrington"], ["Kelly Lynch"])
POND = rec("http://credits.test/silent-pond/", "The Silent Pond", 1971, ["Ode Lind"], ["Vera Holm"])
ROAD = rec("http://credits.test/glass-road/", "Glass Road", 1975, ["Tom Rees"], ["Vera Holm"])


@pytest.fixture
def name_keys(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The name keys a full run stores for incremental runs (namekeys.name_extras, passed to
    keys.stored_keys): where pipeline's full run does not pass them yet, they are computed here from
    its profiles and added to the keys it stores (full runs only; tests are serial: no twin)."""
    if "name_extras" not in vars(pipeline):
        extras: dict[int, list[str]] = {}
        edges, full, plain = pipeline._edges, pipeline._full, keys.stored_keys

        def with_names(profiles: list[keys.Profile], opt: Any, focus: Any = None, tw: Any = None) -> Any:
            if focus is None:
                found = namekeys.name_extras(profiles, keys.build_blocks(profiles, opt), opt.max_block)
                extras.update({profiles[i].review_id: ks for i, ks in found.items()})
            return edges(profiles, opt, focus, tw)

        def full_run(*args: Any) -> Any:
            try:
                return full(*args)
            finally:
                extras.clear()

        monkeypatch.setattr(pipeline, "_edges", with_names)
        monkeypatch.setattr(pipeline, "_full", full_run)
        monkeypatch.setattr(pipeline, "stored_keys", lambda p, extra=(): plain(p, extra or extras.get(p.review_id, ())))
    yield


def partition(cat: Catalog) -> set[frozenset[str]]:
    out: dict[str, set[str]] = {}
    for url, fid in films(cat).items():
        out.setdefault(fid, set()).add(url)
    return {frozenset(v) for v in out.values()}


def both(url: str, base: list[dict[str, Any]], new: list[dict[str, Any]]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(films after a full run of `base` and an incremental one of `new`, films of one full run of all)."""
    with Catalog(url) as cat:
        cat.upsert_reviews(base)
        assert cat.resolve().mode == "full"
        cat.upsert_reviews(new)
        assert cat.resolve().mode == "incremental"
        inc = partition(cat)
    with Catalog("sqlite://") as cat:
        cat.upsert_reviews(base + new)
        cat.resolve(full=True)
        return inc, partition(cat)


def together(parts: set[frozenset[str]], *records: dict[str, Any]) -> bool:
    return any({r["url"] for r in records} <= p for p in parts)


def test_elimination_places_a_new_review_as_a_full_run_does(db_url: str) -> None:
    # site a's dated review takes the 1989 film, so the yearless one of site a is left the 1948 one
    undated = rec("http://a.test/road/", "Road House", None, [], ["Patrick Swayze"])
    inc, full = both(db_url, [OLD, NEW, DATED], [undated])
    assert inc == full
    assert together(inc, undated, OLD)


def test_an_existing_rival_keeps_a_weak_tie_apart(db_url: str) -> None:
    # c's bare review ties between the two films; a's bare review can only take 1948 (a has 1989),
    # but 1948 itself then ties between a's and c's: a full run joins neither (the two bare reviews
    # name other platforms, so they are no rivals at the threshold for each other)
    bare_c = rec("http://c.test/road/", "Road House", None, [], [], platform="Netflix")
    bare_a = rec("http://a.test/road/", "Road House", None, [], [], platform="Kino")
    inc, full = both(db_url, [OLD, NEW, DATED, bare_c], [bare_a])
    assert inc == full
    assert {bare_a["url"]} in inc and {bare_c["url"]} in inc


def test_a_career_read_from_the_whole_catalogue_dates_a_new_review(any_db_url: str, name_keys: None) -> None:
    # the yearless review's actor is dated only by another film, which shares no block with it
    undated = rec("http://a.test/road/", "Road House", None, [], ["Patrick Swayze"])
    dancing = rec("http://b.test/dancing/", "Dirty Dancing", 1987, ["Emile Ardolino"], ["Patrick Swayze"])
    inc, full = both(any_db_url, [OLD, NEW, dancing], [undated])
    assert inc == full
    assert together(inc, undated, NEW)


def test_the_people_rule_places_a_new_untitled_review(any_db_url: str, name_keys: None) -> None:
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    inc, full = both(any_db_url, [POND, ROAD], [untitled])
    assert inc == full
    assert together(inc, untitled, POND)


def test_the_people_rule_sees_a_rival_of_the_candidate(db_url: str, name_keys: None) -> None:
    # the rival shares both names with POND too: POND's best is not unique, neither links
    # (a rival already linked to POND by an earlier full run stays there: films are not split)
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    rival = rec("http://elsewhere.test/2/", "", None, [], ["Vera Holm", "Ode Lind"])
    inc, full = both(db_url, [POND, ROAD], [untitled, rival])
    assert inc == full
    assert not together(inc, untitled, POND) and not together(inc, rival, POND)


def test_a_titled_new_review_takes_an_untitled_one_away_from_the_rule(db_url: str, name_keys: None) -> None:
    # the new review's title meets POND's on another site: POND is placed by its title and no
    # longer a candidate of the people rule (a title-paired record does not compete)
    untitled = rec("http://people.test/1/", "", None, [], ["Vera Holm", "Ode Lind"])
    titled = rec("http://other.test/pond/", "The Silent Pond", 1971, ["Ode Lind"], ["Vera Holm"])
    inc, full = both(db_url, [POND, ROAD], [titled, untitled])
    assert inc == full


@pytest.mark.parametrize("limit", [DEFAULT_OPTIONS.max_block, 3])  # 3: oversized blocks too
def test_stored_title_pairing_agrees_with_the_full_runs(any_db_url: str, limit: int) -> None:
    from bench.synth import generate

    records = list(generate(600, seed=7)) + [OLD, NEW, DATED, POND, ROAD]
    records += [rec(f"http://x{k}.test/part/", "Kalorin: Die Rückkehr", 2001, [], []) for k in range(2)]
    records += [rec("http://y.test/whole/", "Die Rückkehr", 1999, [], [])]
    random.Random(2).shuffle(records)
    pending = records[-40:]
    with Catalog(any_db_url) as cat:
        cat.upsert_reviews(records[:-40])
        cat.resolve()
        cat.upsert_reviews(pending)
        with cat.engine.connect() as conn:
            ids = [rid for rid, in conn.exec_driver_sql("SELECT id FROM reviews ORDER BY id")]
            hood = Hood()
            hood.add(conn, ids[-40:] + ids[:100])  # the pending ones and some stored ones loaded
            got = paired_among(conn, hood, ids, limit, set(ids[-40:]))
            everything = Hood()
            everything.add(conn, ids)
    want = title_paired(everything.profiles, build_blocks(everything.profiles, DEFAULT_OPTIONS), limit)
    assert got == {rid for rid in ids if want[everything.index[rid]]}
    assert 0 < len(got) < len(ids)


def test_existing_members_keep_their_links_when_a_review_attaches(db_url: str) -> None:
    # the new review meets only one member of the film (by its original title): the other member
    # has no edge in the run and kept its link as before, and both keep their best edge, as a full run has them
    a = rec("http://a.test/x/", "Kalorin Night", 2001, ["Anna Weber"], ["Tom Koch", "Ida Klein"])
    b = rec("http://b.test/x/", "Kalorin Night", 2001, ["Anna Weber"], ["Tom Koch", "Ida Klein"],
            original_title="Nacht der Kalorin")
    c = rec("http://c.test/x/", "Nacht der Kalorin", None, [], ["Tom Koch", "Ida Klein"])

    def links(cat: Catalog) -> dict[str, tuple[Any, ...]]:
        with cat.engine.connect() as conn:
            return {url: (score, tuple(reasons), method) for url, score, reasons, method in conn.exec_driver_sql(
                "SELECT r.url, l.score, l.reasons, l.method FROM film_links l JOIN reviews r ON r.id = l.review_id")}

    with Catalog(db_url) as cat:
        cat.upsert_reviews([a, b])
        cat.resolve()
        cat.upsert_reviews([c])
        assert cat.resolve().mode == "incremental"
        inc = links(cat)
        cat.resolve(full=True)
        assert links(cat) == inc
    assert inc[a["url"]][2] == "auto"


@pytest.mark.parametrize("first", ["untitled", "titled"])
def test_name_blocks_pair_an_untitled_review_in_an_incremental_run(db_url: str, name_keys: None, first: str) -> None:
    # no title and no year on one side: only the name blocks bring the two together
    untitled = rec("http://a.test/u/", "", None, ["Ode Lind"], ["Vera Holm", "Tom Rees"])
    titled = rec("http://b.test/pond/", "The Silent Pond", 1971, ["Ode Lind"], ["Vera Holm", "Tom Rees"])
    base, new = ([untitled], [titled]) if first == "untitled" else ([titled], [untitled])
    inc, full = both(db_url, [ROAD, *base], new)
    assert inc == full
    assert together(inc, untitled, titled)

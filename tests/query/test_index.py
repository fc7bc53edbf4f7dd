"""The search index follows the catalogue: new, changed, merged films; lost triggers come back."""
from __future__ import annotations

from catalog import Catalog
from catalog.query import Filters, refresh_index, search
from tests.query.catalogue import build, record


def test_new_and_changed_reviews_are_searchable(any_db_url: str) -> None:
    build(any_db_url)
    with Catalog(any_db_url) as cat:
        assert search(cat, "wolkenbruch") == []
        cat.upsert_review(record("kino-c.example", "wolken", "Wolkenbruch", year=2020, directors=["Ida Lind"]))
        cat.resolve()
        assert [h.title for h in search(cat, "wolkenbruch")] == ["Wolkenbruch"]
        changed = record("kino-c.example", "wolken", "Wolkenbruch im Mai", year=2020, directors=["Ida Lind"],
                         rating=64)
        cat.upsert_review(changed)
        cat.resolve()
        hit = search(cat, "wolkenbruch mai")[0]
        assert hit.matched_title == "Wolkenbruch im Mai" and hit.score == 64.0


def test_merged_films_leave_the_index(any_db_url: str) -> None:
    build(any_db_url)
    with Catalog(any_db_url) as cat:
        a, b = (h.film_id for h in search(cat, "sternfall"))
        survivor = cat.merge_films(a, b)
        hits = search(cat, "sternfall")
        assert [h.film_id for h in hits] == [survivor]
        assert hits[0].review_count == 3


def test_refresh_is_incremental_and_idempotent(any_db_url: str) -> None:
    build(any_db_url)
    with Catalog(any_db_url) as cat:
        assert refresh_index(cat) == 0     # resolving indexed every film already
        cat.upsert_review(record("kino-c.example", "neu", "Neuland", year=2021))
        cat.resolve(index=False)
        assert 1 <= refresh_index(cat) < 7  # only what changed
        assert refresh_index(cat) == 0


def test_resolve_leaves_the_index_fresh(any_db_url: str) -> None:
    from catalog.query.index import rebuild

    with Catalog(any_db_url) as cat:
        cat.upsert_review(record("kino-c.example", "neu", "Neuland", year=2021))
        cat.resolve(index=False)
        assert refresh_index(cat) == 1
        cat.upsert_review(record("kino-c.example", "neu", "Neuland", year=2022))  # changed
        cat.upsert_review(record("kino-a.example", "neu", "Neuland", year=2022))
        cat.resolve()
        assert refresh_index(cat) == 0  # nothing left for the first search
        assert [(h.title, h.year, h.review_count) for h in search(cat, "neuland")] == [("Neuland", 2022, 2)]
        assert rebuild(cat.engine) == 1


def test_lost_triggers_are_reinstalled_and_everything_reindexed(any_db_url: str) -> None:
    from catalog.query import ddl

    build(any_db_url)
    with Catalog(any_db_url) as cat:
        refresh_index(cat)
        with cat.engine.begin() as conn:  # what a table rebuild in a later migration would do
            ddl.drop_triggers(conn)
        cat.upsert_review(record("kino-c.example", "x", "Lichtjahre", year=2024, directors=["Ida Lind"]))
        cat.resolve()  # unrecorded: no trigger saw it
    with Catalog(any_db_url) as cat:  # the next process to search notices and repairs
        assert [h.title for h in search(cat, "lichtjahre")] == ["Lichtjahre"]
        listed = {h.film_id for h in search(cat, None, Filters.parse(year="1888-2100"), limit=100)}
        assert listed == {f["film_id"] for f in cat.iter_films()}  # the full re-index left nothing out
        with cat.engine.connect() as conn:
            assert not ddl.triggers_missing(conn)


def test_rebuild_gives_the_same_results(any_db_url: str) -> None:
    from catalog.query.index import rebuild

    build(any_db_url)
    with Catalog(any_db_url) as cat:
        before = [(h.film_id, h.relevance) for h in search(cat, "sternfall")]
        assert rebuild(cat.engine) == 7
        assert [(h.film_id, h.relevance) for h in search(cat, "sternfall")] == before


def test_the_trigger_check_cache_dies_with_its_engine(any_db_url: str) -> None:
    """The trigger check is cached per engine for TRIGGER_CHECK_S. A closed catalogue's entry must
    go with its engine: keyed by id(), it stayed, and a later engine that CPython happened to
    allocate at the same address inherited a "seen" it never checked (CI saw a re-opened
    catalogue miss triggers a migration had dropped)."""
    import gc

    from catalog.query import ddl, index
    from catalog.query.index import needs_refresh

    build(any_db_url)
    gc.collect()
    before = len(index._TRIGGERS_SEEN)
    for _ in range(5):
        with Catalog(any_db_url) as cat:
            refresh_index(cat)
            with cat.engine.connect() as conn:
                assert not needs_refresh(cat.engine, conn)  # checked once: cached as "seen"
        del cat, conn
    gc.collect()
    assert len(index._TRIGGERS_SEEN) <= before  # nothing left that a new engine could inherit
    with Catalog(any_db_url) as cat, cat.engine.begin() as conn:
        ddl.drop_triggers(conn)
    del cat, conn
    gc.collect()
    with Catalog(any_db_url) as cat, cat.engine.connect() as conn:
        assert needs_refresh(cat.engine, conn)

"""Writers as a stored credit: migration 0005, hashing as before without writers, history, resolution, export."""
from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa
from click.testing import CliRunner
from sqlalchemy import select

from catalog import Catalog
from catalog.models import Review, ReviewHistory, utcnow
from catalog.store import clean_record, record_hash
from scraper.record import FIELDS, ReviewRecord

# The contract fields as hashed before revision 0005 (a frozen copy: the old rule must not drift).
OLD_HASHED = ("site", "title", "original_title", "year", "genres", "fsk", "directors", "cast",
              "platform", "release_date", "rating")
REC: dict[str, Any] = {
    "url": "http://kritik.test/film/7/", "site": "kritik.test", "title": "Die Brücke am Fluss",
    "original_title": None, "year": 2019, "genres": ["Drama"], "fsk": 12, "directors": ["Ilse Varga"],
    "cast": ["Jonas Brandt"], "platform": "Kino", "release_date": "2019-03-07",
    "rating": {"raw": "4/5", "value": 4, "scale": 5, "normalized": 80.0}}


def _old_hash(record: dict[str, Any]) -> str:
    payload = {k: record.get(k) for k in OLD_HASHED}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _migrate(url: str, revision: str) -> None:
    from alembic import command

    from catalog.db import _alembic_config

    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, revision)
    finally:
        engine.dispose()


def _review_columns(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return {c["name"] for c in sa.inspect(engine).get_columns("reviews")}
    finally:
        engine.dispose()


def test_hash_without_writers_is_the_old_hash() -> None:
    clean = clean_record(REC)
    assert clean["writers"] == []
    assert record_hash(clean) == _old_hash(clean) == record_hash(REC)
    assert record_hash({**REC, "writers": []}) == record_hash({**REC, "writers": None}) == _old_hash(clean)
    with_writers = clean_record({**REC, "writers": ["Ilse Varga", "Tom Ekberg"]})
    assert record_hash(with_writers) != _old_hash(clean)
    assert record_hash(with_writers) != record_hash(clean_record({**REC, "writers": ["Tom Ekberg"]}))


def test_clean_record_makes_writers_a_list_of_names() -> None:
    assert clean_record({**REC, "writers": "  Tom Ekberg "})["writers"] == ["Tom Ekberg"]
    assert clean_record({**REC, "writers": [" A Writer", "", None, "B Writer"]})["writers"] == ["A Writer", "B Writer"]
    assert clean_record({**REC, "writers": 42})["writers"] == []


def test_writers_stored_read_back_changed_and_kept_in_history(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        first = cat.upsert_review({**REC, "writers": ["Ilse Varga", "Tom Ekberg"]})
        assert cat.upsert_review({**REC, "writers": ["Ilse Varga", "Tom Ekberg"]}).status == "unchanged"
        assert [r["writers"] for r in cat.iter_reviews()] == [["Ilse Varga", "Tom Ekberg"]]
        assert cat.upsert_review({**REC, "writers": ["Tom Ekberg"]}).status == "changed"
        assert cat.upsert_review(REC).status == "changed"  # the writers are gone from the page
        (row,) = list(cat.iter_reviews())
        assert "writers" not in row and {k: row[k] for k in REC} == REC
        with cat.session() as s:
            history = s.execute(select(ReviewHistory.record).where(ReviewHistory.review_id == first.review_id)
                                .order_by(ReviewHistory.id)).scalars().all()
            stored = s.execute(select(Review.writers)).scalar_one()
    assert [h["writers"] for h in history] == [["Ilse Varga", "Tom Ekberg"], ["Tom Ekberg"]]
    assert stored == []


def test_history_of_a_review_without_writers_has_the_old_shape(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_review(REC)
        cat.upsert_review({**REC, "year": 2020})
        with cat.session() as s:
            (old,) = s.execute(select(ReviewHistory.record)).scalars().all()
    assert set(old) == {"url", *OLD_HASHED}


def test_upgrade_keeps_old_reviews_unchanged_and_downgrade_drops_the_column(any_db_url: str) -> None:
    Catalog(any_db_url).close()
    _migrate(any_db_url, "0004")
    assert "writers" not in _review_columns(any_db_url)
    engine = sa.create_engine(any_db_url)
    try:  # a review stored by a catalogue at 0004, hashed by the old rule
        old = {k: v for k, v in clean_record(REC).items() if k != "writers"}
        with engine.begin() as conn:  # the table as it is at 0004 (the model's would add writers)
            reviews = sa.Table("reviews", sa.MetaData(), autoload_with=conn)
            conn.execute(sa.insert(reviews).values(**old, record_hash=_old_hash(old), created_at=utcnow(),
                                                   updated_at=utcnow()))
    finally:
        engine.dispose()
    with Catalog(any_db_url) as cat:  # opening upgrades to 0005
        (row,) = list(cat.iter_reviews())
        assert "writers" not in row and {k: row[k] for k in REC} == REC
        assert cat.upsert_review(REC).status == "unchanged"
        assert cat.upsert_review({**REC, "writers": ["Tom Ekberg"]}).status == "changed"
    assert "writers" in _review_columns(any_db_url)
    _migrate(any_db_url, "0004")
    assert "writers" not in _review_columns(any_db_url)
    with Catalog(any_db_url) as cat:  # and up again: the review is still there, its writers empty
        assert [r["url"] for r in cat.iter_reviews()] == [REC["url"]]


def _untitled(site: str, n: int, writers: list[str]) -> dict[str, Any]:
    rec: dict[str, Any] = {"url": f"http://{site}/r/{n}", "site": site, "title": "", "cast": ["Mara Quell"]}
    return {**rec, "writers": writers} if writers else rec


def _films(url: str, records: list[dict[str, Any]]) -> list[str | None]:
    with Catalog(url) as cat:
        for rec in records:
            cat.upsert_review(rec)
        cat.resolve(full=True)
        return [r["film_id"] for r in cat.iter_reviews()]


def test_resolution_reads_stored_writers(any_db_url: str) -> None:
    # One untitled review on a.test; two on b.test with the same actor, one of them also naming
    # the writer. Only the stored writer makes one b.test review the unique best match.
    a, b1, b2 = _films(any_db_url, [_untitled("a.test", 1, ["Tobin Ferrow"]),
                                    _untitled("b.test", 2, ["Tobin Ferrow"]), _untitled("b.test", 3, [])])
    assert a == b1 and a != b2


def test_without_writers_the_actor_alone_is_ambiguous(db_url: str) -> None:
    a, b1, b2 = _films(db_url, [_untitled("a.test", 1, []), _untitled("b.test", 2, []), _untitled("b.test", 3, [])])
    assert len({a, b1, b2}) == 3


def test_review_record_emits_writers_only_when_present() -> None:
    bare = ReviewRecord(url=REC["url"], site=REC["site"], title="Die Brücke am Fluss")
    assert list(bare.to_dict()) == ["url", "site", *FIELDS]
    credited = ReviewRecord(url=REC["url"], site=REC["site"], writers=["Tom Ekberg"])
    data = credited.to_dict()
    assert data["writers"] == ["Tom Ekberg"] and data["writers"] is not credited.writers
    assert set(data) == {"url", "site", *FIELDS, "writers"}


def test_export_reviews_carries_writers(db_url: str) -> None:
    from scraper.cli.export import export

    # the second as the crawl hands it over: ReviewRecord.to_dict() of an extracted page
    second = ReviewRecord(url="http://kritik.test/film/8/", site="kritik.test", title="Nachtzug",
                          year=2021, cast=["Jonas Brandt"], writers=["Tom Ekberg"]).to_dict()
    with Catalog(db_url) as cat:
        cat.upsert_reviews([REC, second])
    result = CliRunner().invoke(export, ["reviews", "--db", db_url])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert ["writers" in r for r in rows] == [False, True]
    assert rows[1] == {**second, "film_id": None}

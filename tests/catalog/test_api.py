"""Catalogue API: opening, pages, upserts with history, runs, rejections, typed database errors."""
from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from sqlalchemy import select

from catalog import Catalog, DatabaseError
from catalog.models import Page, ReviewHistory

REC = {"url": "http://site.test/review/x/", "site": "site.test", "title": "Some Film", "original_title": None,
       "year": 2020, "genres": ["drama"], "fsk": 12, "directors": ["Ann Director"], "cast": ["Bo Actor"],
       "platform": "Kino", "release_date": "2020-05-01",
       "rating": {"raw": "4/5", "value": 4, "scale": 5, "normalized": 80.0}}


def test_upsert_new_unchanged_changed_keeps_history(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        first = cat.upsert_review(REC)
        assert first.status == "new"
        assert cat.upsert_review(REC) == type(first)(first.review_id, "unchanged")
        changed = cat.upsert_review({**REC, "year": 2021})
        assert changed.status == "changed" and changed.review_id == first.review_id
        assert [r["year"] for r in cat.iter_reviews()] == [2021]
        with cat.session() as s:
            old = s.execute(select(ReviewHistory.record)).scalars().all()
        assert [o["year"] for o in old] == [2020]


def test_batch_with_duplicate_urls_stores_one_review(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        results = cat.upsert_reviews([REC, {**REC, "title": "Some Film (again)"}])
        assert results[0].review_id == results[1].review_id
        reviews = list(cat.iter_reviews())
        assert len(reviews) == 1 and reviews[0]["title"] == "Some Film (again)"


def test_export_record_matches_contract_keys(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        cat.upsert_review(REC)
        cat.resolve()
        (row,) = list(cat.iter_reviews())
    assert {k: row[k] for k in REC} == REC
    assert isinstance(row["film_id"], str)


def test_pages_are_compressed_and_validators_kept(any_db_url: str) -> None:
    body = b"<html>" + "Ä".encode() * 5000 + b"</html>"
    headers = {"ETag": '"abc"', "Last-Modified": "Tue, 01 Dec 2026 07:00:00 GMT", "Content-Type": "text/html"}
    with Catalog(any_db_url) as cat:
        stored = cat.store_page(url="http://site.test/a", status=200, headers=headers, body=body,
                                sitemap_lastmod="2026-11-30")
        assert stored.changed
        again = cat.store_page(url="http://site.test/a", status=200, headers=headers, body=body)
        assert again.page_id == stored.page_id and not again.changed
        state = cat.page_state("http://site.test/a")
        assert state is not None and state.etag == '"abc"' and state.last_modified.startswith("Tue")
        assert cat.page_state("http://site.test/missing") is None
        with cat.session() as s:
            raw = s.execute(select(Page.body)).scalar_one()
        assert len(raw) < len(body) / 10 and zlib.decompress(raw) == body
        (page,) = list(cat.iter_pages("site.test"))
        assert page.body == body and page.headers["ETag"] == '"abc"'
        cat.mark_not_modified("http://site.test/a")


def test_runs_and_rejections(any_db_url: str) -> None:
    with Catalog(any_db_url) as cat:
        run = cat.start_run("crawl", ["site.test"], {"depth": 2})
        cat.record_rejection("http://site.test/impressum/", "not a review: no film facts", run_id=run)
        cat.finish_run(run, {"pages": 3, "reviews": 1})
        (row,) = list(cat.iter_runs())
    assert row["status"] == "finished" and row["counts"] == {"pages": 3, "reviews": 1}


def test_unwritable_path_is_a_one_line_database_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as err:
        Catalog(f"sqlite:///{tmp_path}/no/such/dir/x.db")
    assert "\n" not in str(err.value) and "unable to open" in str(err.value)


@pytest.mark.parametrize("url", ["not a url", "nosuchdriver://x/y", "postgresql+nosuchdrv://u:pw@h/db"])
def test_bad_urls_are_database_errors(url: str) -> None:
    with pytest.raises(DatabaseError) as err:
        Catalog(url)
    assert "\n" not in str(err.value)


def test_password_never_in_messages() -> None:
    with pytest.raises(DatabaseError) as err:
        Catalog("postgresql://user:s3cret@127.0.0.1:1/db")  # nothing listens on port 1
    assert "s3cret" not in str(err.value) and "***" in str(err.value)


def test_sqlite_uses_wal(tmp_path: Path) -> None:
    with Catalog(f"sqlite:///{tmp_path / 'w.db'}") as cat, cat.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_file_that_is_not_a_database(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.db"
    bogus.write_text("this is not SQLite\n" * 100)
    with pytest.raises(DatabaseError) as err:
        Catalog(f"sqlite:///{bogus}")
    assert "not a database" in str(err.value)


@pytest.mark.parametrize("bad", [
    {"genres": "Drama", "year": 99999, "release_date": "5. Mai 2020", "directors": None, "cast": ["", None, "Bo"]},
    {"title": None, "fsk": "sixteen", "year": "nineteen"},
])
def test_odd_values_are_cleaned_not_fatal(db_url: str, bad: dict) -> None:
    with Catalog(db_url) as cat:
        cat.upsert_review({**REC, **bad})
        cat.resolve()
        (row,) = list(cat.iter_reviews())
    assert row["film_id"] and row["year"] in (None, 99999)  # stored as given; resolution ignores absurd years
    assert all(isinstance(row[f], list) for f in ("genres", "directors", "cast"))


def test_record_without_url_is_a_typed_error(db_url: str) -> None:
    from catalog import QueryError

    with Catalog(db_url) as cat, pytest.raises(QueryError):
        cat.upsert_review({**REC, "url": ""})

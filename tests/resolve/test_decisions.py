"""Manual merges and splits survive re-crawls and full re-resolution; retired ids redirect."""
from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Catalog, NotFoundError
from tests.resolve.devlabels import label_records


@pytest.fixture
def cat(any_db_url: str, shared_dir: Path):
    records = label_records(shared_dir)
    c = Catalog(any_db_url)
    c.upsert_reviews([r for _, r in records])
    c.resolve()
    c.records = records  # type: ignore[attr-defined]
    yield c
    c.close()


def films_by_key(cat: Catalog) -> dict[str, set[str]]:
    ids = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
    out: dict[str, set[str]] = {}
    for key, rec in cat.records:  # type: ignore[attr-defined]
        out.setdefault(key, set()).add(ids[rec["url"]])
    return out


def test_merge_survives_recrawl_and_full_resolution(cat: Catalog) -> None:
    before = films_by_key(cat)
    (a,), (b,) = before["ballerina-2023-lee"], before["the-call-2020-lee"]
    merged = cat.merge_films(a, b)
    assert merged in (a, b)
    for _ in range(2):
        after = films_by_key(cat)
        assert after["ballerina-2023-lee"] == after["the-call-2020-lee"] == {merged}
        cat.upsert_reviews([r for _, r in cat.records])  # type: ignore[attr-defined]
        cat.resolve(full=True)
    retired = b if merged == a else a
    assert cat.film_id_for(retired) == merged


def test_split_survives_changed_record_and_full_resolution(cat: Catalog) -> None:
    (fid,) = films_by_key(cat)["ballerina-2023-lee"]
    urls = [r["url"] for k, r in cat.records if k == "ballerina-2023-lee"]  # type: ignore[attr-defined]
    new = cat.split_film(fid, urls[:1])
    assert new != fid
    changed = {**next(r for _, r in cat.records if r["url"] == urls[0]), "cast": []}  # type: ignore[attr-defined]
    cat.upsert_review(changed)  # a re-crawl changed the page: it is resolved again
    cat.resolve()
    ids = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
    assert ids[urls[0]] == new and {ids[u] for u in urls[1:]} == {fid}
    cat.resolve(full=True)
    ids = {r["url"]: r["film_id"] for r in cat.iter_reviews()}
    assert ids[urls[0]] == new and {ids[u] for u in urls[1:]} == {fid}


def test_split_checks_its_reviews(cat: Catalog) -> None:
    (fid,) = films_by_key(cat)["dune-2021-villeneuve"]
    with pytest.raises(NotFoundError):
        cat.split_film(fid, ["http://elsewhere.test/not-in-this-film/"])
    with pytest.raises(NotFoundError):
        cat.merge_films("film-doesnotexist", fid)

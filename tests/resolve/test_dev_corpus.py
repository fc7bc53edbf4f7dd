"""Resolution on the dev corpus labels: F1 pinned at 1.0, namesakes apart, stable ids and decisions."""
from __future__ import annotations

from pathlib import Path

import pytest

from catalog import Catalog
from tests.resolve.devlabels import label_records, pairwise_f1


@pytest.fixture
def loaded(any_db_url: str, shared_dir: Path):
    records = label_records(shared_dir)
    cat = Catalog(any_db_url)
    cat.upsert_reviews([r for _, r in records])
    cat.resolve()
    yield cat, records
    cat.close()


def film_of(cat: Catalog) -> dict[str, str]:
    return {r["url"]: r["film_id"] for r in cat.iter_reviews()}


def assignment(cat: Catalog, records) -> list[tuple[str, str]]:
    films = film_of(cat)
    return [(key, films[rec["url"]]) for key, rec in records]


def urls_of(records, key: str) -> list[str]:
    return [rec["url"] for k, rec in records if k == key]


def test_f1_is_one_and_films_counted(loaded) -> None:
    cat, records = loaded
    assert pairwise_f1(assignment(cat, records)) == (1.0, 1.0, 1.0)
    assert len(list(cat.iter_films())) == 11


@pytest.mark.parametrize("keys", [
    ("ballerina-2023-lee", "ballerina-2025-wiseman"),
    ("halloween-1978-carpenter", "halloween-2018-green"),
    ("dune-2021-villeneuve", "dune-part-two-2024-villeneuve"),
    ("ballerina-2023-lee", "the-call-2020-lee"),
])
def test_namesakes_and_neighbours_stay_apart(loaded, keys) -> None:
    cat, records = loaded
    films = film_of(cat)
    ids = [{films[u] for u in urls_of(records, k)} for k in keys]
    assert all(len(s) == 1 for s in ids), ids
    assert ids[0] != ids[1]


def test_title_variants_join(loaded) -> None:
    cat, records = loaded
    films = film_of(cat)
    for key in ("extraction-2-2023-hargrave", "im-westen-nichts-neues-2022-berger", "ballerina-2025-wiseman"):
        assert len({films[u] for u in urls_of(records, key)}) == 1, key


def test_yearless_halloween_goes_by_director(loaded) -> None:
    cat, records = loaded
    films = film_of(cat)
    yearless = next(r["url"] for k, r in records if k == "halloween-1978-carpenter" and r["year"] is None)
    other_1978 = next(r["url"] for k, r in records if k == "halloween-1978-carpenter" and r["year"])
    assert films[yearless] == films[other_1978]


def test_ids_stable_across_full_resolution_and_recrawl(loaded) -> None:
    cat, records = loaded
    before = film_of(cat)
    cat.upsert_reviews([r for _, r in records])  # a re-crawl with identical records
    cat.resolve()
    assert film_of(cat) == before
    cat.resolve(full=True)
    assert film_of(cat) == before


def test_film_facts_carry_provenance(loaded) -> None:
    cat, records = loaded
    films = {f["film_id"]: f for f in cat.iter_films()}
    fid = film_of(cat)[urls_of(records, "ballerina-2025-wiseman")[0]]
    film = films[fid]
    assert film["year"] == 2025 and film["directors"] == ["Len Wiseman"]
    assert set(film["facts"]["year"]["support"]) == set(urls_of(records, "ballerina-2025-wiseman"))
    dates = [film["facts"]["release_date"]["value"]] + [c["value"] for c in film["facts"]["release_date"]["conflicts"]]
    assert set(dates) == {"2025-06-05", "2025-06-06"}  # the conflict is kept, not dropped

"""The disambiguation report built from a real catalogue: namesakes, weak links, likely duplicates."""
from __future__ import annotations

import pytest

from catalog import Catalog
from catalog.errors import QueryError
from catalog.report import Report, disambiguation
from tests.query.catalogue import RECORDS, build
from tests.report.records import EXTRA


@pytest.fixture
def report_db(any_db_url: str) -> str:
    build(any_db_url, RECORDS + EXTRA)
    return any_db_url


def _report(url: str, title: str | None = None) -> Report:
    with Catalog(url) as cat:
        return disambiguation(cat, title=title)


def test_namesakes_with_what_tells_them_apart(report_db: str) -> None:
    report = _report(report_db)
    groups = {g.key: g for g in report.shared_titles}
    stern = groups["sternfall"]
    assert [f.year for f in stern.films] == [2001, 2022]
    assert "year: 2001 / 2022" in stern.differences
    assert "directors: Ola Nordmann / Mia Ek" in stern.differences
    assert [f.reviews_per_site for f in stern.films] == [(("kino-a.example", 1), ("kino-b.example", 1)),
                                                         (("kino-a.example", 1),)]
    assert stern.merge_command.startswith("filmcat films merge film")
    assert groups["nebelhorn"].differences == ()   # nothing separates them
    assert report.film_count == 12 and report.review_count == 16


def test_weak_links_carry_scores_reasons_and_split_commands(report_db: str) -> None:
    links = _report(report_db).weak_links
    assert {link.review_url for link in links} >= {"http://kino-c.example/funk-2/"}
    link = next(link for link in links if link.review_url == "http://kino-c.example/funk-2/")
    assert link.site == "kino-c.example" and link.film_title == "Funkstille"
    assert link.score is not None and link.reasons
    assert link.split_command == f"filmcat films split {link.film_id} --review http://kino-c.example/funk-2/"


def test_likely_duplicates(report_db: str) -> None:
    pairs = {(p.first.title, p.second.title): p for p in _report(report_db).duplicates}
    same = pairs[("Nebelhorn", "Nebelhorn")]
    assert same.similarity == 100 and "the same director" in same.reasons
    similar = next(p for k, p in pairs.items() if "Der Leuchtturmwärter" in k)
    assert "the same year (2008)" in similar.reasons and similar.similarity >= 88
    # namesakes with other directors and decades apart are not suggested for merging
    assert not any(k == ("Sternfall", "Sternfall") for k in pairs)


def test_a_split_pair_is_never_suggested_again(report_db: str) -> None:
    with Catalog(report_db) as cat:
        pair = next(p for p in disambiguation(cat).duplicates if p.first.title == "Nebelhorn")
        merged = cat.merge_films(pair.first.film_id, pair.second.film_id)
        assert not any(p.first.title == "Nebelhorn" for p in disambiguation(cat).duplicates)
        cat.split_film(merged, ["http://kino-a.example/nebel-2/"])
        assert not any(p.first.title == "Nebelhorn" for p in disambiguation(cat).duplicates)


def test_title_filter_narrows_everything(report_db: str) -> None:
    report = _report(report_db, title="STERNFALL")
    assert [g.key for g in report.shared_titles] == ["sternfall"]
    assert report.weak_links == () and report.duplicates == ()
    assert report.film_count == 2 and report.title_filter == "STERNFALL"
    assert _report(report_db, title="Nichts dergleichen").shared_titles == ()


@pytest.mark.parametrize("title", ["", "?!", "x" * 300])
def test_unusable_title_filter(report_db: str, title: str) -> None:
    with pytest.raises(QueryError, match="--title"):
        _report(report_db, title=title)


def test_empty_catalogue(any_db_url: str) -> None:
    report = _report(any_db_url)
    assert (report.film_count, report.shared_titles, report.weak_links, report.duplicates) == (0, (), (), ())

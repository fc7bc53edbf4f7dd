"""Records without a title: linked only by a mutually unique shared name, in full runs."""
from __future__ import annotations

from catalog import Catalog
from tests.resolve.test_resolution import films, rec

FILM = rec("http://credits.test/silent-pond/", "The Silent Pond", 1971, ["Vera Holm"], ["Plummer, Christopher"])
OTHER = rec("http://credits.test/night-ferry/", "Night Ferry", 1980, ["Ode Lind"], ["Ann Marlow"])
UNTITLED = rec("http://people.test/42/", "", None, [], ["Arthur Christopher Orme Plummer"])


def _resolve(url: str, records: list[dict], full: bool = True) -> dict[str, str]:
    with Catalog(url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=full)
        return films(cat)


def test_untitled_record_joins_the_one_film_with_its_name(any_db_url: str) -> None:
    ids = _resolve(any_db_url, [FILM, OTHER, UNTITLED])
    assert ids[UNTITLED["url"]] == ids[FILM["url"]]
    assert ids[OTHER["url"]] != ids[FILM["url"]]


def test_a_name_in_two_films_links_nothing(db_url: str) -> None:
    second = rec("http://credits.test/glass-road/", "Glass Road", 1975, ["Ode Lind"], ["Christopher Plummer"])
    ids = _resolve(db_url, [FILM, second, UNTITLED])
    assert len({ids[FILM["url"]], ids[second["url"]], ids[UNTITLED["url"]]}) == 3


def test_same_site_stays_apart(db_url: str) -> None:
    same_site = {**UNTITLED, "url": "http://credits.test/99/", "site": "credits.test"}
    ids = _resolve(db_url, [FILM, same_site])
    assert ids[same_site["url"]] != ids[FILM["url"]]


def test_two_untitled_claimants_both_stay_apart(db_url: str) -> None:
    twin = {**UNTITLED, "url": "http://people.test/43/"}
    ids = _resolve(db_url, [FILM, UNTITLED, twin])
    assert ids[FILM["url"]] not in (ids[UNTITLED["url"]], ids[twin["url"]])


def test_a_year_conflict_keeps_them_apart(db_url: str) -> None:
    dated = {**UNTITLED, "year": 1990}
    ids = _resolve(db_url, [FILM, dated])
    assert ids[dated["url"]] != ids[FILM["url"]]


def test_titled_records_never_link_by_name_alone(db_url: str) -> None:
    titled = rec("http://people.test/7/", "Something Else", None, [], ["Christopher Plummer"])
    ids = _resolve(db_url, [FILM, titled])
    assert ids[titled["url"]] != ids[FILM["url"]]

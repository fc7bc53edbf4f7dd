"""Rule Q8: a director credited by initials ("F. W. Murnau") is the one credited by given names
("Friedrich Wilhelm Murnau") when the surname is shared and every initial stands for one of the other
side's given names; namesakes with other initials, another surname or other given names stay apart."""
from __future__ import annotations

from typing import Any

import pytest

from catalog import Catalog, names
from catalog.resolve.consensus import consensus
from tests.resolve.test_real_names import agree
from tests.resolve.test_resolution import films, rec


@pytest.mark.parametrize("a, b", [
    ("F. W. Murnau", "Friedrich Wilhelm Murnau"), ("J. J. Abrams", "Jeffrey Jacob Abrams"),
    ("F. Gary Gray", "Felix Gary Gray"), ("R. W. Fassbinder", "Rainer Werner Fassbinder"),
    ("J.A. Bayona", "Juan Antonio Bayona"), ("D. W. Griffith", "David Wark Griffith"),
    ("S. Craig Zahler", "Steven Craig Zahler"), ("P.T. Anderson", "Paul Thomas Anderson"),
    ("Murnau, F. W.", "Friedrich Wilhelm Murnau"), ("F. Wilhelm Murnau", "F. W. Murnau"),
    ("J. Abrams", "Jeffrey Jacob Abrams"), ("Bong J. H.", "Bong Joon-ho"),
    ("K. S. Raghavan", "Kamala Sundari Raghavan"), ("A. J. Pemberton", "Alvin Jerome Pemberton"),
])
def test_initials_agree_with_the_given_names_they_stand_for(a: str, b: str) -> None:
    """Before, each pair was two directors ("director ≠", −4): the keys differ and the token-set ratio
    of a run of initials against two given names is far below 90."""
    assert agree(a, b)[0]
    assert names.initials_agree(names.key(a), names.key(b)) and names.initials_agree(names.key(b), names.key(a))


@pytest.mark.parametrize("a, b", [
    ("J. Smith", "Kevin Smith"),                            # another initial: a namesake
    ("J. K. Smith", "Kevin Smith"),                         # J. stands for no given name of the other
    ("F. W. Murnau", "Friedrich Wilhelm Plumpe"),           # initials fit, the surname does not
    ("F. W. Murnau", "Fritz Murnau"),                       # W. stands for nothing
    ("F. Gary Gray", "Felix Tom Gray"),                     # each has a given name the other lacks
    ("Kim Ji-hoon", "Kim Ji-min"), ("Kim Ji-woon", "Kim Ji-hoon"),  # syllables are no initials
    ("Park Chan-wook", "Park Chan-hong"), ("Park Ji-ho", "Park Hae-jin"), ("Bong Ji-ho", "Bong Jun-ho"),
])
def test_namesakes_stay_apart(a: str, b: str) -> None:
    assert not agree(a, b)[0]
    assert not names.initials_agree(names.key(a), names.key(b))


def test_surname_alone_still_agrees_with_initials_and_given_names() -> None:
    """A credit of the surname alone met both spellings before (token-set ratio 100) and still does."""
    assert agree("Murnau", "F. W. Murnau")[0] and agree("Murnau", "Friedrich Wilhelm Murnau")[0]


def _ids(db_url: str, records: list[dict[str, Any]]) -> dict[str, str]:
    with Catalog(db_url) as cat:
        cat.upsert_reviews(records)
        cat.resolve(full=True)
        return films(cat)


def test_initials_and_given_names_are_one_film(db_url: str) -> None:
    """One silent film reviewed by two sites, one crediting the director by initials (before: two films)."""
    ids = _ids(db_url, [
        rec("http://a.test/wiki/nosferatu/", "Nosferatu – Eine Symphonie des Grauens", 1922,
            ["Friedrich Wilhelm Murnau"], ["Max Schreck", "Greta Schröder"]),
        rec("http://b.test/log/nosferatu/", "Nosferatu", 1922, ["F. W. Murnau"],
            original_title="Nosferatu, eine Symphonie des Grauens"),
    ])
    assert ids["http://a.test/wiki/nosferatu/"] == ids["http://b.test/log/nosferatu/"]


def test_clusters_credited_two_ways_are_not_directed_apart(db_url: str) -> None:
    """Rule T keeps clusters apart whose directors two reviews each state and none agrees: two reviews
    naming "F. W." and two naming the given names are one director, so one film (before: two)."""
    ids = _ids(db_url, [
        rec(f"http://{s}.test/sunrise/", "Sunrise", 1927, [credit], [])
        for s, credit in (("a", "F. W. Murnau"), ("b", "F.W. Murnau"), ("c", "Friedrich Wilhelm Murnau"),
                          ("d", "Murnau, Friedrich Wilhelm"))
    ])
    assert len(set(ids.values())) == 1


def test_namesakes_and_other_years_stay_apart(db_url: str) -> None:
    """Another initial is another director; one director's two films of one title four years apart are two."""
    ids = _ids(db_url, [
        rec("http://a.test/mall/", "Mallrats", 1995, ["J. Smith"], []),
        rec("http://b.test/mall/", "Mallrats", 1995, ["Kevin Smith"], []),
        rec("http://a.test/phantom/", "Phantom", 1922, ["F. W. Murnau"], ["Alfred Abel"]),
        rec("http://b.test/phantom/", "Phantom", 1926, ["Friedrich Wilhelm Murnau"], ["Alfred Abel"]),
    ])
    assert ids["http://a.test/mall/"] != ids["http://b.test/mall/"]
    assert ids["http://a.test/phantom/"] != ids["http://b.test/phantom/"]


def test_surname_only_credit_joins_the_film(db_url: str) -> None:
    """A third site naming only the surname joins the film both spellings are (before: the initials' review
    stayed alone)."""
    ids = _ids(db_url, [
        rec("http://a.test/tabu/", "Tabu", 1931, ["Friedrich Wilhelm Murnau"], []),
        rec("http://b.test/tabu/", "Tabu", 1931, ["F. W. Murnau"], []),
        rec("http://c.test/tabu/", "Tabu", 1931, ["Murnau"], []),
    ])
    assert len(set(ids.values())) == 1


def test_consensus_counts_both_credits_for_one_director() -> None:
    """The film's facts name one director with both reviews' support, not two directors (before: both
    credits, each with half of the votes, were listed)."""
    records = [rec("http://a.test/n/", "Nosferatu", 1922, ["Friedrich Wilhelm Murnau"], ["Max Schreck"]),
               rec("http://b.test/n/", "Nosferatu", 1922, ["F. W. Murnau"], [])]
    facts = consensus(records)
    assert len(facts["directors"]) == 1 and not facts["facts"]["directors"]["conflicts"]
    assert facts["facts"]["directors"]["items"][0]["support"] == ["http://a.test/n/", "http://b.test/n/"]

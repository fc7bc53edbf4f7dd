"""Rule set Q, credits: one credit string becomes its people (labels dropped, shared surnames given,
one person never split)."""
from __future__ import annotations

import pytest

from scraper.normalize.names import CAST, CREW, parse_names


@pytest.mark.parametrize("raw, expected", [
    ("Joel und Ethan Coen", ["Joel Coen", "Ethan Coen"]),
    ("Ethan & Joel Coen", ["Ethan Coen", "Joel Coen"]),
    ("Anthony and Joe Russo", ["Anthony Russo", "Joe Russo"]),
    ("Jean-Pierre und Luc Dardenne", ["Jean-Pierre Dardenne", "Luc Dardenne"]),
    ("Lars und Joachim von Trier", ["Lars von Trier", "Joachim von Trier"]),
    ("Pia (*1971) und Ida (*1974) Holm", ["Pia Holm", "Ida Holm"]),
])
def test_given_names_before_one_surname_share_it(raw: str, expected: list[str]) -> None:
    """Q6: a connector between single given names and one full name gives them its surname."""
    assert parse_names(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Jean-Pierre Jeunet & Marc Caro", ["Jean-Pierre Jeunet", "Marc Caro"]),
    ("Daniel Kwan, Daniel Scheinert", ["Daniel Kwan", "Daniel Scheinert"]),
    ("Ann Berg, Zoe und Tom Holm", ["Ann Berg", "Zoe", "Tom Holm"]),  # a list's last connector
    ("Coen", ["Coen"]),
    ("Mary & Max", []),
    ("Bong Joon-ho", ["Bong Joon-ho"]),
])
def test_full_names_and_single_words_are_not_given_a_surname(raw: str, expected: list[str]) -> None:
    """Q6/Q7: two full names stay two; in a comma list nothing is shared; single words alone name no one."""
    assert parse_names(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Regie: Phil Lord & Christopher Miller", ["Phil Lord", "Christopher Miller"]),
    ("Regie und Drehbuch: Greta Gerwig", ["Greta Gerwig"]),
    ("Directed by Denis Villeneuve", ["Denis Villeneuve"]),
    ("R : Ann und Eva Holm", ["Ann Holm", "Eva Holm"]),
    ("Hauptdarsteller: Tom Berg", ["Tom Berg"]),
    ("Regie Ann Berg, Eva Holm", ["Ann Berg", "Eva Holm"]),
    ("Regie führte Ann Berg", ["Ann Berg"]),
    ("Written and directed by Ann Berg", ["Ann Berg"]),
    ("Regie: Ann und Eva Holm; mit Tom Berg, Zoe Lind", ["Ann Holm", "Eva Holm", "Tom Berg", "Zoe Lind"]),
    ("Mitchell Berg", ["Mitchell Berg"]),
    ("Darsteller: Tom Hanks, Meg Ryan u. a.", ["Tom Hanks", "Meg Ryan"]),
])
def test_credit_labels_are_no_names(raw: str, expected: list[str]) -> None:
    """Q8: a label left in the value ("Regie:", "Directed by") is dropped."""
    assert parse_names(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("George Tillman, Jr.", ["George Tillman Jr."]),
    ("del Toro, Guillermo", ["Guillermo del Toro"]),
    ("Tillman Jr., George", ["George Tillman Jr."]),
    ("Ann Berg, Zoe", ["Ann Berg", "Zoe"]),  # an ordinary name before the comma: two people
])
def test_a_comma_inside_one_name(raw: str, expected: list[str]) -> None:
    """Q9: a suffix after a comma and an inverted name whose surname has a particle or suffix are one person."""
    assert parse_names(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Nuria und Tom Berg", ["Nuria", "Tom Berg"]),      # a one-word stage name beside a full name
    ("Aki & Mara Lindqvist", ["Aki", "Mara Lindqvist"]),
    ("Tom Berg und Nuria", ["Tom Berg", "Nuria"]),
    ("Ann Berg, Zoe und Tom Holm", ["Ann Berg", "Zoe", "Tom Holm"]),
    ("Darsteller: Nuria und Tom Berg u. a.", ["Nuria", "Tom Berg"]),
])
def test_cast_lists_give_no_shared_surname(raw: str, expected: list[str]) -> None:
    """A cast list keeps one-word names whole: mononymous performers are common in casts, sibling credits are not."""
    assert parse_names(raw, CAST) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Nuria und Tom Berg", ["Nuria Berg", "Tom Berg"]),
    ("Regie: Ann und Eva Holm", ["Ann Holm", "Eva Holm"]),
])
def test_crew_credits_keep_the_shared_surname(raw: str, expected: list[str]) -> None:
    """The same string as a crew credit (the default) shares the surname."""
    assert parse_names(raw, CREW) == expected == parse_names(raw)


@pytest.mark.parametrize("raw, expected", [
    ("Ann Berg, Tom Holm, and Zoe Lind", ["Ann Berg", "Tom Holm", "Zoe Lind"]),
    ("Cast: Ann Berg, Tom Holm, & Zoe Lind", ["Ann Berg", "Tom Holm", "Zoe Lind"]),
    ("Ann Berg, Tom Holm, und Zoe Lind", ["Ann Berg", "Tom Holm", "Zoe Lind"]),
])
def test_the_serial_comma_leaves_no_connector_in_a_name(raw: str, expected: list[str]) -> None:
    assert parse_names(raw, CAST) == expected == parse_names(raw)


@pytest.mark.parametrize("value, names", [
    ("Anna Berger – und das merkt man in jeder Einstellung", ["Anna Berger"]),  # the prose after a dash
    ("Lars von Trier, Guillermo del Toro", ["Lars von Trier", "Guillermo del Toro"]),
    ("Haifaa al-Mansour", ["Haifaa al-Mansour"]),
    ("bell hooks", ["bell hooks"]),  # an all-lower-case name is a style, no sentence
])
def test_prose_after_a_name_is_no_name(value: str, names: list[str]) -> None:
    assert parse_names(value) == names

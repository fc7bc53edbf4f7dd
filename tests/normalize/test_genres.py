"""Genres -> canonical slugs: lists, vocabulary words, listed and generic compounds."""
import pytest

from scraper.normalize.genres import is_genre_word, parse_genres


@pytest.mark.parametrize("raw, expected", [
    ("Action, Thriller", ["action", "thriller"]),
    ("Actionthriller", ["action", "thriller"]),
    ("Action-Thriller", ["action", "thriller"]),
    ("Drama, Kriegsfilm", ["drama", "war"]),
    ("Sci-Fi, Adventure", ["science-fiction", "adventure"]),
    (["Science-Fiction", "Abenteuer"], ["science-fiction", "adventure"]),
    ("Tragikomödie", ["comedy", "drama"]),
    ("Horrordrama", ["horror", "drama"]),
    ("Science-Fiction-Abenteuer", ["science-fiction", "adventure"]),
    ("Kriegsdrama / Historienfilm", ["war", "drama", "history"]),
    ("Komödie | Liebesfilm", ["comedy", "romance"]),
    ("Animationsfilm", ["animation"]),
    ("Dokumentarfilm", ["documentary"]),
    ("Familienkomödie", ["family", "comedy"]),
    ("Romantic Comedy", ["romance", "comedy"]),
    ("Drama und Thriller", ["drama", "thriller"]),
    ("Slasher", []),  # outside the contract vocabulary: no genre (it was once kept as its own slug)
    ("Gerichtsdrama", ["drama"]),
    ("Rachethriller", ["thriller"]),
    ("Comedy-Drama", ["comedy", "drama"]),
    ("Thriller, Thriller", ["thriller"]),
    ("", []),
    (None, []),
])
def test_parse_genres(raw, expected):
    assert parse_genres(raw) == expected


@pytest.mark.parametrize("word, known", [
    ("Actionthriller", True), ("Drama", True), ("Kriegsfilm", True), ("Südkorea", False), ("Netflix", False),
    ("93 Minuten", False),
])
def test_is_genre_word(word, known):
    assert is_genre_word(word) is known

"""The possessive-before-the-title fallback compiles its per-title patterns only where a title-free check says they
can match, and that check never skips a line where one of them would match."""
from __future__ import annotations

import random

import pytest

from scraper.extract import extract
from scraper.extract.strategies import prose_directors as pd

FILLER = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
          "in den Vordergrund, sodass man dem Geschehen gebannt folgt. ")
# pieces of lines: names, possessives, genitives, quotes, "von"/"by", mentions of the titles and their parts
PIECES = ["Mara", "Lindqvist", "Lindqvists", "Lindqvist's", "Lindqvist’s", "Ola", "Svensk", "Svensks", "s", "'s",
          "’s", "McDonald", "J.", "van", "der", "Jr.", "neuer", "stilles", "Film", "film", "Drama", "movie", "the",
          "als", "in", "„", "“", '"', "»", "von", "by", "Nebelhorn", "Nebel", "horn", "Nebelhornhorn", "Glass",
          "Harbor", "Harbors", "-", ",", "Kritik"]
SEPARATORS = [" ", " ", " ", "", "  ", "\n"]
TITLES = ["Nebelhorn", "Nebel", "Glass Harbor", "horn", "Film"]


def _line(rng: random.Random, title: str) -> str:
    pieces = PIECES + [f"„{title}“", f'"{title}"', f"Film {title}", "Mara Lindqvist", "von Ola Svensk", "by Ola"]
    return "".join(rng.choice(pieces) + rng.choice(SEPARATORS) for _ in range(rng.randint(3, 14)))


def _possessive_matches(text: str, title: str) -> bool:
    pattern = pd._possessive_pattern(title)
    return any(pattern.search(window) for window in pd._before(text, title))


def _genitive_matches(text: str, title: str) -> bool:
    pattern = pd._genitive_pattern(title)
    return any(pattern.search(window) for window in pd._before(text, title))


def _by_head(text: str, title: str) -> bool:
    return any(pd._BY_HEAD.match(text, at + len(title)) for at in pd._mentions(text, title))


@pytest.mark.parametrize("title", TITLES)
def test_the_title_free_checks_pass_every_line_a_per_title_pattern_matches(title: str) -> None:
    rng = random.Random(title)
    hits = {"possessive": 0, "genitive": 0, "by": 0}
    for _ in range(1500):
        text = _line(rng, title)
        if _possessive_matches(text, title):
            hits["possessive"] += 1
            assert pd._may_end_at_title(pd._POSSESSIVE_TAIL, text, title), text
        if _genitive_matches(text, title):
            hits["genitive"] += 1
            assert pd._may_end_at_title(pd._GENITIVE_TAIL, text, title), text
        if pd._by_pattern(title).search(text):
            hits["by"] += 1
            assert _by_head(text, title), text
    assert min(hits.values()) >= 5, hits  # the lines do exercise every pattern


def test_a_long_line_with_the_title_far_from_a_possessive_is_skipped() -> None:
    text = "Mara Lindqvists stilles Drama " + "und so weiter " * 12 + "„Nebelhorn“ beginnt am Meer."
    assert not _possessive_matches(text, "Nebelhorn")
    assert not pd._may_end_at_title(pd._POSSESSIVE_TAIL, text, "Nebelhorn")
    near = "Mara Lindqvists stilles Drama „Nebelhorn“ " + "und so weiter " * 12 + "„Nebelhorn“ beginnt am Meer."
    assert _possessive_matches(near, "Nebelhorn") and pd._may_end_at_title(pd._POSSESSIVE_TAIL, near, "Nebelhorn")


def _page(*paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>"


@pytest.fixture()
def compiled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The titles the per-title patterns are compiled for."""
    seen: list[str] = []
    for name in ("_possessive_pattern", "_by_pattern", "_genitive_pattern"):
        build = getattr(pd, name)
        monkeypatch.setattr(pd, name, lambda title, build=build: seen.append(title) or build(title))
    return seen


def test_a_page_without_a_possessive_before_its_title_compiles_no_pattern_for_it(compiled: list[str]) -> None:
    html = _page("Kritik: „Nebelhorn“", "In „Nebelhorn“ wartet eine Familie am Meer auf Nachricht. " + FILLER,
                 "Am Ende bleibt „Nebelhorn“ ein leiser Film. " + FILLER, FILLER)
    record = extract(html, "https://blog.example/nebelhorn/")
    assert record.title == "Nebelhorn" and record.directors == []
    assert compiled == []


def test_a_possessive_before_the_title_still_names_the_director(compiled: list[str]) -> None:
    html = _page("Kritik: „Nebelhorn“",
                 "Mara Lindqvists stilles Küstendrama „Nebelhorn“ erzählt von einer Familie am Meer. " + FILLER,
                 "Jonas Feld als Leuchtturmwärter in „Nebelhorn“ trägt den Film fast ohne Worte. " + FILLER, FILLER)
    assert extract(html, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]
    assert "Nebelhorn" in compiled
    by = _page("Kritik: „Nebelhorn“", "Das Drama „Nebelhorn“ von Mara Lindqvist wartet auf Nachricht. " + FILLER,
               FILLER, FILLER)
    assert extract(by, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]


def test_a_genitive_met_again_looks_for_its_full_name_once(monkeypatch: pytest.MonkeyPatch) -> None:
    looked: list[str] = []
    full_name = pd._full_name
    monkeypatch.setattr(pd, "_full_name", lambda page, sur: looked.append(sur) or full_name(page, sur))
    # a long line of the same genitive before the title: each mention's window holds it again (took 1.7 s)
    html = _page("Kritik: „Nebelhorn“", FILLER, "Lindqvists neuer stiller Film Nebelhorn und " * 400, FILLER)
    assert extract(html, "https://blog.example/nebelhorn/").directors == []
    assert looked == ["Lindqvist"]
    named = _page("Kritik: „Nebelhorn“", "Mara Lindqvist erzählt vom Meer. " + FILLER,
                  "Lindqvists neuer stiller Film Nebelhorn und " * 40, FILLER)
    assert extract(named, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]


class _CountingPattern:
    def __init__(self, pattern: object) -> None:
        self.pattern, self.calls = pattern, 0

    def search(self, text: str) -> object:
        self.calls += 1
        return self.pattern.search(text)  # type: ignore[attr-defined]


def test_the_lines_with_a_writers_word_are_searched_once_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = _CountingPattern(pd.LITERATURE)
    monkeypatch.setattr(pd, "LITERATURE", counting)
    html = _page("Nebelhorn review", "Nebelhorn is Mara Lindqvist's masterpiece, " * 60,
                 "Frank Herbert wrote the novel, and the book is long. " + FILLER, FILLER)
    assert extract(html, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]
    assert 0 < counting.calls <= 5  # once per main line, not once per phrase (400 phrases: 222 ms)
    author = _page("Nebelhorn review", "Nebelhorn is Frank Herbert's masterpiece, and a long one. " + FILLER,
                   "Frank Herbert wrote the novel, and the book is long. " + FILLER, FILLER)
    assert extract(author, "https://blog.example/nebelhorn/").directors == []

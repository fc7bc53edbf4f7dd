"""Title and name keys: articles, sequel numbers, subtitles, romanisation, order and diacritics."""
from __future__ import annotations

import pytest

from catalog import names, titles


@pytest.mark.parametrize("a, b", [
    ("The Call", "Call, The"),
    ("Der Wüstenplanet", "Der Wustenplanet"),
    ("Dune: Part Two", "Dune Part 2"),
    ("Dune – Teil 2", "Dune II"),
    ("Casa del terror, La (1960)", "La casa del terror"),
    ("L'Avventura", "Avventura"),
    ("Fast & Furious", "Fast and Furious"),
    ("OLDBOY", "Oldboy"),
])
def test_same_title_key(a: str, b: str) -> None:
    assert titles.norm(a) == titles.norm(b)


@pytest.mark.parametrize("a, b", [("Dune", "Dune: Part Two"), ("Halloween", "Halloween II"), ("Rocky", "Rocky III")])
def test_sequels_differ(a: str, b: str) -> None:
    assert titles.sequel_number(titles.norm(a)) != titles.sequel_number(titles.norm(b))


@pytest.mark.parametrize("title, numbers", [
    ("Paddington 2: Ein Bär", (1, 2)), ("Star Trek II: The Wrath of Khan", (1, 2)), ("Die Hard 2 – Die Harder", (1, 2)),
    ("Apollo 13: Die Mission", (1, 13)), ("Dune: Part Two – Die Rückkehr", (2,)), ("Dune II", (2,)),
    ("Spider-Man: No Way Home", (1,)), ("2001: A Space Odyssey", (1,)), ("300: Rise of an Empire", (1,)),
])
def test_a_main_title_may_give_a_sequel_number(title: str, numbers: tuple[int, ...]) -> None:
    """A number ending the main title is possible, not certain ("Avatar 2: The Way of Water" is also
    "Avatar: The Way of Water"); one in the whole title or a bare-number part is certain."""
    assert titles.sequel_numbers(title) == numbers


@pytest.mark.parametrize("title", ["Blade Runner 2049", "300", "Dune: Part One", "Ocean's 8000"])
def test_numbers_that_are_not_sequels(title: str) -> None:
    assert titles.sequel_number(titles.norm(title)) == 1


@pytest.mark.parametrize("title, part", [
    ("Tyler Rake: Extraction 2", "extraction 2"),
    ("From the World of John Wick: Ballerina", "ballerina"),
    ("Halloween – Die Nacht des Grauens", "halloween"),
])
def test_subtitle_parts_are_forms(title: str, part: str) -> None:
    assert part in titles.forms(title)


def test_broken_encoding_shares_a_form() -> None:
    assert set(titles.forms("Mariée était en noir")) & set(titles.forms("Mari?e ?tait en noir"))


@pytest.mark.parametrize("variants", [
    ("Lee Chung-hyun", "Lee Chung Hyun", "Chung-hyun Lee"),
    ("Éric Warin", "Eric Warin"),
    ("Jeon Jong-seo", "Jun Jong-seo", "Jong-seo Jeon"),
    ("Kim Ji-hoon", "Kim Ji-hun", "Ji-hoon Kim"),
    ("Bong Joon Ho", "Bong Joon-ho"),
    ("P. J. Soles", "P.J. Soles"),
    ("Carpenter, John (I)", "John Carpenter"),
    ("Hirokazu Kore-eda", "Hirokazu Koreeda", "Koreeda Hirokazu"),  # rule Q7: a same-vowel hyphen
])
def test_name_variants_share_a_key(variants: tuple[str, ...]) -> None:
    assert len({names.key(v) for v in variants}) == 1


@pytest.mark.parametrize("a, b", [("Lee Chung-hyun", "Bong Joon-ho"), ("John Carpenter", "David Gordon Green"),
                                  ("Lee Seo-woo", "Lee Woo-soo"), ("Seo Ji-min", "Soo Ji-min"),  # rule Q6: 서 ≠ 수
                                  ("Kim Ji-eun", "Kim Jieun Park")])
def test_different_people_differ(a: str, b: str) -> None:
    assert names.key(a) != names.key(b)


def test_focused_candidate_pairs_are_the_full_ones_with_a_focus_end() -> None:
    """An incremental run's pairs (focus: the new reviews) are exactly the full run's pairs touching them,
    over oversized blocks split by year, part blocks meeting whole titles and name blocks."""
    import random

    from bench.synth import generate
    from catalog.resolve.keys import build_blocks, candidate_pairs, profile
    from catalog.resolve.options import ResolveOptions

    records = list(generate(4000, seed=3))
    records += [{**r, "url": r["url"] + "x", "title": ""} for r in records[:50]]  # untitled: name blocks pair them
    profiles = [profile(i, r) for i, r in enumerate(records)]
    opt = ResolveOptions(max_block=40)  # small, so that blocks are split by year and part blocks dropped
    blocks = build_blocks(profiles, opt)
    every = set(candidate_pairs(profiles, blocks, opt))
    for seed in range(3):
        focus = set(random.Random(seed).sample(range(len(profiles)), 300)) | {len(profiles) - 1}
        got = list(candidate_pairs(profiles, blocks, opt, focus))
        assert len(got) == len(set(got))
        assert set(got) == {p for p in every if p[0] in focus or p[1] in focus}

"""Title clean-up: page furniture removed, the film's name kept."""
import pytest

from scraper.normalize.title import clean_title, title_year


@pytest.mark.parametrize("raw, site, expected", [
    ("Ballerina – Kritik / Netflix", None, "Ballerina"),
    ("Ballerina – Kritik / Kino | Der Filmwächter", None, "Ballerina"),
    ("Filmkritik: Dune", None, "Dune"),
    ("Review: Past Lives", None, "Past Lives"),
    ("Retro Review: Halloween", None, "Halloween"),
    ("Dune (2021) Review", None, "Dune"),
    ("Extraction 2 Review", None, "Extraction 2"),
    ("Oppenheimer (2023) Review [DRAFT]", None, "Oppenheimer"),
    ("„Ballerina“", None, "Ballerina"),
    ("\"The Zone of Interest\"", None, "The Zone of Interest"),
    ("Halloween – Die Nacht des Grauens (1978)", None, "Halloween – Die Nacht des Grauens"),
    ("Tyler Rake: Extraction 2 (2023)", None, "Tyler Rake: Extraction 2"),
    ("Ballerina - Filmkritik | Leinwandreport", None, "Ballerina"),
    ("Anatomie eines Falls - Kritik - Filmportal", "Filmportal", "Anatomie eines Falls"),
    ("Kritik zu „Poor Things“", None, "Poor Things"),
    ("Perfect Days Filmkritik", None, "Perfect Days"),
    ("Movie Review: The Holdovers (2023)", None, "The Holdovers"),
    ("Oppenheimer im Test", None, "Oppenheimer"),
    ("Oldboy (2003) – Wiedergesehen", None, "Oldboy"),
    ("Ballerina (2025): Kritik zum John-Wick-Ableger", None, "Ballerina"),
    ("Barbie in der Kritik", None, "Barbie"),
    ("Past Lives review – a quietly devastating love story", None, "Past Lives"),
    ("Review: ‘Oppenheimer’ is a towering achievement", None, "Oppenheimer"),
    ("„Oppenheimer“ im Kino: Nolans Meisterwerk", None, "Oppenheimer"),
    ("Kritik zur Serie: The Bear", None, "The Bear"),
    ("", None, None),
    ("Kritik", None, None),
    ("Kritikerin's 'Der Schwarm' review: two leads carry a soggy film", None, "Der Schwarm"),
    ("Review: an old master returns to form with 'Die Klapperschlange'", None, "Die Klapperschlange"),
    ("Seeräuber (2019) Netflix Review: Salty and Fun", None, "Seeräuber"),
    ("Seeräuber Prime Video Review", None, "Seeräuber"),
    ("Die Falle (덫)", None, "Die Falle"),
    ("Sturmhöhe: Teil 2", None, "Sturmhöhe: Teil 2"),
    ("Andy's Garage", None, "Andy's Garage"),
    ("[Review] Nebelhorn (2024)", None, "Nebelhorn"),
    ("Nebelhorn (Filmkritik)", None, "Nebelhorn"),
    ("Nebelhorn [Spoiler]", None, "Nebelhorn"),
])
def test_clean_title(raw, site, expected):
    assert clean_title(raw, site) == expected


@pytest.mark.parametrize("raw, year", [
    ("Dune (2021) Review", 2021), ("Parasite (2019)", 2019), ("Extraction 2 Review", None),
    ("Blade Runner 2049", None), ("1917 (2019)", 2019),
])
def test_title_year(raw, year):
    assert title_year(raw) == year


@pytest.mark.parametrize("raw, sites, expected", [
    ("Kritik: Perfect Days – Filmtagebuch", ["filmtagebuch"], "Perfect Days"),
    ("Ballerina – Kritik / Netflix – Der Filmwächter", ["filmwaechter"], "Ballerina"),
    ("Alien – Die Wiedergeburt", ["filmtagebuch"], "Alien – Die Wiedergeburt"),
    ("Halloween – Die Nacht des Grauens", ["Kritikenkiste", "kritikenkiste"], "Halloween – Die Nacht des Grauens"),
    ("Leinwandkiste: Nebelhorn", ["leinwandkiste"], "Nebelhorn"),
    ("Leinwandkiste | Nebelhorn", ["leinwandkiste"], "Nebelhorn"),
    ("Nebelhorn | Leinwandkiste", ["leinwandkiste"], "Nebelhorn"),
    ("Dune: Part Two", ["leinwandkiste"], "Dune: Part Two"),
])
def test_site_names_are_dropped(raw, sites, expected):
    assert clean_title(raw, sites) == expected


def test_a_title_that_is_a_piece_of_the_host_name_is_kept() -> None:
    assert clean_title("Dune: Part Two", ["dune-fans"]) == "Dune: Part Two"
    assert clean_title("Dune | Dune-Fans", ["dunefans"]) == "Dune"
    assert clean_title("Dunefans: Dune", ["dunefans"]) == "Dune"

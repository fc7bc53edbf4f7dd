"""Failure patterns of held-out set 2, on pages of our own: info-box asides, horizontal tables, other films'
credits in parentheses, episode numbers, dir., typographic minus grades, unlabelled original titles, spoken scores."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.normalize.rating import parse_rating, spoken_ratings
from scraper.normalize.title import clean_title

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE_EN = ("The images are cool and exact, the editing gives every scene its time, and the score never pushes "
            "itself forward, so that one follows the story in rapt attention.")
URL = "https://stadtblatt.example/kultur/kino/nebelhorn/"


def _page(body: str, head: str = "Kritik: Nebelhorn", lang: str = "de", title: str | None = None) -> str:
    return (f"<html lang='{lang}'><head><title>{title or head}</title></head><body><main><div class='article'>"
            f"<h1>{head}</h1><p>{PROSE}</p>{body}<p>{PROSE}</p></div></main>"
            "<aside class='sidebar'><table><tr><th>Regie</th><td>Someone Else</td></tr></table></aside></body></html>")


def test_an_aside_with_film_facts_inside_the_main_content_is_the_info_box() -> None:
    box = ("<aside class='filminfo'><table><tr><th>Originaltitel</th><td>Foghorn</td></tr>"
           "<tr><th>Regie</th><td>Mara Lindqvist</td></tr><tr><th>Land/Jahr</th><td>Schweden 2023</td></tr>"
           "</table></aside>")
    record = extract(_page(box), URL)
    assert (record.original_title, record.directors, record.year) == ("Foghorn", ["Mara Lindqvist"], 2023)


def test_an_aside_without_fact_labels_inside_the_main_content_still_goes() -> None:
    box = ("<p>Regie: Mara Lindqvist</p><aside><table><tr><th>Lesetipp</th><td><a href='/x'>Regie: Ola Svensk"
           "</a></td></tr></table></aside>")
    record = extract(_page(box), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert "several" not in record.verdict  # the teaser's credit is gone with its aside


def test_a_horizontal_table_reads_its_header_row_as_labels() -> None:
    box = ("<table><thead><tr><th>Originaltitel</th><th>Jahr</th><th>Regie</th><th>FSK</th><th>Start</th></tr>"
           "</thead><tbody><tr><td>Foghorn</td><td>2023</td><td>Mara Lindqvist</td><td>0</td>"
           "<td>2023-10-05 (Kino)</td></tr></tbody></table>")
    record = extract(_page(box), URL)
    assert (record.original_title, record.year, record.directors, record.fsk) == ("Foghorn", 2023,
                                                                                  ["Mara Lindqvist"], 0)
    assert (record.release_date, record.platform) == ("2023-10-05", "Kino")
    assert record.is_review, record.verdict


def test_a_cast_table_with_a_role_column_gives_the_actors() -> None:
    box = ("<p>Regie: Mara Lindqvist</p><table><thead><tr><th>Darsteller</th><th>Rolle</th></tr></thead><tbody>"
           "<tr><td>Jonas Feld</td><td>Der Wärter</td></tr><tr><td>Ida Brandt</td><td>Die Fischerin</td></tr>"
           "</tbody></table>")
    assert extract(_page(box), URL).cast == ["Jonas Feld", "Ida Brandt"]


def test_a_horizontal_table_of_several_films_is_a_list() -> None:
    box = ("<table><thead><tr><th>Titel</th><th>Jahr</th><th>Regie</th></tr></thead><tbody>"
           "<tr><td>Nebelhorn</td><td>2023</td><td>Mara Lindqvist</td></tr>"
           "<tr><td>Brandung</td><td>2019</td><td>Ola Svensk</td></tr></tbody></table>")
    assert not extract(_page(box), URL).is_review


def test_a_credit_in_parentheses_dated_in_another_year_is_another_films() -> None:
    box = ("<p>Schon ihr erster Film, <em>Brandung</em> (2015, Regie: Ola Svensk), spielte am Meer, aber hier "
           "ist alles anders, leiser und genauer erzählt als damals.</p>"
           "<table><thead><tr><th>Jahr</th><th>Regie</th></tr></thead><tbody><tr><td>2023</td>"
           "<td>Mara Lindqvist</td></tr></tbody></table>")
    record = extract(_page(box), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert record.is_review, record.verdict


@pytest.mark.parametrize(("head", "title"), [
    ("Folge 112: Nebelhorn – Wer hört das Horn?", "Nebelhorn"),
    ("Episode 12: Nebelhorn", "Nebelhorn"),
    ("#48 – Nebelhorn", "Nebelhorn"),
])
def test_an_episode_number_before_the_film_is_no_title(head: str, title: str) -> None:
    body = "<p>Heute sprechen wir über Nebelhorn, den stillsten Film des Herbstes, und über seine Regisseurin.</p>" \
           "<p>Regie: Mara Lindqvist · Schweden 2023 · 104 Min.</p>"
    assert extract(_page(body, head=head), URL).title == title


def test_clean_title_drops_an_episode_number() -> None:
    assert clean_title("Folge 7: Der Schacht 2") == "Der Schacht 2"
    assert clean_title("Apollo 13: Die Mission") == "Apollo 13: Die Mission"


def test_dir_abbreviation_is_a_director_credit() -> None:
    body = "<p><strong>Foghorn</strong> (2023) · dir. Mara Lindqvist · with Jonas Feld, Ida Brandt · 104 min</p>"
    record = extract(_page(body, head="Foghorn review", lang="en"), "https://blog.example/p/foghorn-review")
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Jonas Feld", "Ida Brandt"]


@pytest.mark.parametrize(("text", "grade"), [("Grade: B–", "B-"), ("Grade: A−", "A-"), ("Grade: C+", "C+"),
                                             ("Grade: B", "B")])
def test_a_typographic_minus_is_the_grade_minus(text: str, grade: str) -> None:
    found = parse_rating(text, letters=True)
    assert found is not None and found.value == grade


def test_an_unlabelled_first_segment_beside_another_headline_title_is_the_original_title() -> None:
    body = "<p class='meta'>Foghorn · Drama · Schweden 2023 · 104 Min.</p><p>Regie: Mara Lindqvist</p>"
    record = extract(_page(body), URL)
    assert (record.title, record.original_title) == ("Nebelhorn", "Foghorn")


def test_a_first_segment_naming_the_headline_title_is_no_original_title() -> None:
    body = "<p class='meta'>Nebelhorn · Drama · Schweden 2023 · 104 Min.</p><p>Regie: Mara Lindqvist</p>"
    assert extract(_page(body), URL).original_title is None


@pytest.mark.parametrize(("text", "value", "scale"), [
    ("und deshalb bekommt der film von mir neun von zehn punkten", 9, 10),
    ("ich lande bei sechseinhalb von zehn", 6.5, 10),
    ("Overall I give it eight out of ten.", 8, 10),
    ("Ich gebe ihm 4 von 5 Sternen.", 4, 5),
])
def test_spoken_scores(text: str, value: float, scale: int) -> None:
    found = spoken_ratings(text)
    assert found and (found[0][1].value, found[0][1].scale) == (value, scale)


def test_a_share_of_people_is_no_spoken_score() -> None:
    assert spoken_ratings("Drei von zehn Leuten verlassen den Saal") == []
    assert spoken_ratings("eight out of ten Americans agree") == []


def test_a_spoken_score_rates_the_film_only_after_its_title_or_a_verdict() -> None:
    said = "<p>Am Ende bekommt Nebelhorn von mir neun von zehn Punkten, und das nicht nur wegen der Bilder.</p>"
    other = "<p>Der Vorgänger hatte damals sieben von zehn Punkten bekommen, wie viele Kritiker meinten.</p>"
    facts = "<p>Regie: Mara Lindqvist · Schweden 2023 · 104 Min.</p>"
    rated = extract(_page(said + facts, head="Nebelhorn Kritik"), URL).rating
    assert rated is not None and rated.normalized == 90.0
    assert extract(_page(other + facts, head="Nebelhorn Kritik"), URL).rating is None


def test_a_stated_rating_beats_a_spoken_one() -> None:
    body = ("<p>Am Ende bekommt Nebelhorn von mir neun von zehn Punkten, und das nicht nur wegen der Bilder.</p>"
            "<p>Regie: Mara Lindqvist</p><p>Bewertung: 7/10</p>")
    rated = extract(_page(body), URL).rating
    assert rated is not None and rated.normalized == 70.0


@pytest.mark.parametrize("label", ["Stimmen (OV)", "Originalstimmen", "Sprecher", "Voice cast"])
def test_voice_cast_labels(label: str) -> None:
    body = f"<p>Regie: Mara Lindqvist</p><p><strong>{label}:</strong> Jonas Feld, Ida Brandt</p>"
    assert extract(_page(body), URL).cast == ["Jonas Feld", "Ida Brandt"]


@pytest.mark.parametrize("text", ["Netflix, seit 23.12.2022", "Verfügbar: seit 23.12.2022 bei Netflix"])
def test_a_streaming_start_with_seit(text: str) -> None:
    body = f"<p>Regie: Mara Lindqvist · Schweden 2023 · {text}</p>"
    record = extract(_page(body), URL)
    assert (record.platform, record.release_date) == ("Netflix", "2022-12-23")


def test_a_header_row_of_plain_cells_that_are_all_labels_is_read_across() -> None:
    box = ("<table><tr><td><b>Regie</b></td><td><b>Jahr</b></td><td><b>Genre</b></td></tr>"
           "<tr><td>Mara Lindqvist</td><td>2023</td><td>Drama</td></tr></table>")
    record = extract(_page(box), URL)
    assert (record.directors, record.year, record.genres) == (["Mara Lindqvist"], 2023, ["drama"])


def test_a_two_cell_fact_table_stays_a_table_of_rows() -> None:
    box = ("<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>Jahr</td><td>2023</td></tr>"
           "<tr><td>Genre</td><td>Drama</td></tr></table>")
    record = extract(_page(box), URL)
    assert (record.directors, record.year) == (["Mara Lindqvist"], 2023)


def test_a_schedule_table_read_across_states_no_start() -> None:
    box = ("<p>Regie: Mara Lindqvist · Schweden 2023 · 104 Min.</p><table><thead><tr><th>Sender</th><th>Start</th>"
           "</tr></thead><tbody><tr><td>Arte</td><td>12.03.2024</td></tr><tr><td>ZDF</td><td>19.03.2024</td></tr>"
           "</tbody></table>")
    assert extract(_page(box), URL).release_date is None


def test_an_episode_number_before_a_pipe() -> None:
    assert clean_title("Ep. 45 | Nebelhorn") == "Nebelhorn"


def test_a_complementary_info_box_with_film_facts_is_kept() -> None:
    box = ("<div role='complementary' class='box'><dl><dt>Regie</dt><dd>Mara Lindqvist</dd><dt>Land/Jahr</dt>"
           "<dd>Schweden 2023</dd></dl></div>")
    record = extract(_page(box), URL)
    assert (record.directors, record.year) == (["Mara Lindqvist"], 2023)

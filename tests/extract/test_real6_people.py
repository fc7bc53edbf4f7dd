"""People on real review pages (probe of session 15), on pages of our own: names with initials, German newspaper
credit lines, cast in headlines and prose lists, and adjectives made of a name ("a Dorian Gray-like story")."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.extract.credits import statements
from scraper.extract.strategies.prose import is_person

URL = "https://blog.example/2024/12/nebelhorn-kritik/"
FILL_DE = ("<p>Drei Stunden lang folgt der Film der jungen Frau durch die Stadt, und nie wird es langweilig, weil "
           "Schnitt und Musik ständig nach vorne drängen und die Bilder sich Zeit lassen.</p>")
FILL_EN = ("<p>For nearly two hours the film follows the two friends across the years, and it is never dull, "
           "because the editing and the score keep the quiet scenes moving forward.</p>")


def _page(body: str, lang: str = "de", title: str = "Kritik: „Nebelhorn“") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article><h1>{title}</h1>{body}</article></main></body></html>")


def _de(body: str, title: str = "Kritik: „Nebelhorn“") -> str:
    return _page(body + FILL_DE, "de", title)


def _en(body: str, title: str = "Review: Nebelhorn") -> str:
    return _page(body + FILL_EN, "en", title)


# --- 1. a middle initial's period is no sentence end ---------------------------------------------------------

INITIAL_NAMES = ["Jon M. Chu", "Steven S. DeKnight", "J. J. Abrams", "J.J. Abrams", "M. Night Shyamalan",
                 "Guillermo del Toro", "F. Gary Gray"]


@pytest.mark.parametrize("name", INITIAL_NAMES)
def test_a_director_with_initials_in_german_prose(name: str) -> None:
    body = (f"<p>Regisseur {name} hat aus der Vorlage einen lauten, bunten und oft auch überraschend zarten Film "
            "gemacht, der seine Figuren ernst nimmt.</p>")
    assert extract(_de(body), URL).directors == [name]


@pytest.mark.parametrize("name", INITIAL_NAMES)
def test_a_director_with_initials_in_english_prose(name: str) -> None:
    body = (f"<p>Directed by {name}, the film is a loud spectacle, and the cast keeps up with it for most of its "
            "two hours and more.</p>")
    assert extract(_en(body), URL).directors == [name]


def test_a_sentence_that_ends_after_the_name_ends_the_name() -> None:
    body = ("<p>Der Film stammt von Regisseur Jon M. Chu. Die Geschichte folgt zwei jungen Frauen an einer "
            "Universität, die unterschiedlicher nicht sein könnten.</p>")
    assert extract(_de(body), URL).directors == ["Jon M. Chu"]


def test_actors_with_middle_initials_in_prose() -> None:
    body = ("<p>The film stars Michael B. Jordan and Samuel L. Jackson, who carry the story for most of its two "
            "hours and more.</p>")
    assert extract(_en(body), URL).cast == ["Michael B. Jordan", "Samuel L. Jackson"]
    body_de = ("<p>Samuel L. Jackson spielt den alten Zauberer, und er tut das mit einer Freude, die ansteckend ist "
               "und den ganzen Film trägt.</p>")
    assert extract(_de(body_de), URL).cast == ["Samuel L. Jackson"]


def test_joined_initials_do_not_end_a_sentence_of_a_credit_line() -> None:
    body = FILL_DE + "<p>F 2023. 151 Min. Von Jon M. Chu. Mit Michael B. Jordan, J.J. Abrams.</p>"
    record = extract(_de(body), URL)
    assert record.directors == ["Jon M. Chu"]
    assert record.cast == ["Michael B. Jordan", "J.J. Abrams"]


# --- 2. a German newspaper's credit line, in any order --------------------------------------------------------

@pytest.mark.parametrize(("line", "directors", "cast", "year", "fsk"), [
    ("USA 2023, 141 Min., von Jon M. Chu, mit Cynthia Erivo, Ariana Grande",
     ["Jon M. Chu"], ["Cynthia Erivo", "Ariana Grande"], 2023, None),
    ("Nebelhorn (USA 2024), Regie: Jon M. Chu, mit Cynthia Erivo und Ariana Grande, 160 Minuten, ab 6 Jahren",
     ["Jon M. Chu"], ["Cynthia Erivo", "Ariana Grande"], 2024, 6),
    ("Nebelhorn. USA/GB 2023. R: Christopher Nolan. D: Cillian Murphy, Emily Blunt. 180 Min. FSK 12.",
     ["Christopher Nolan"], ["Cillian Murphy", "Emily Blunt"], 2023, 12),
    ("Nebelhorn (D/F 2024), von Mara Lindqvist, mit Ann Berg und Tom Holm, 104 Minuten, FSK 6",
     ["Mara Lindqvist"], ["Ann Berg", "Tom Holm"], 2024, 6),
    ("„Nebelhorn“, D 2022, von Mara Lindqvist, mit Ann Berg, Tom Holm. 104 Min., FSK 12",
     ["Mara Lindqvist"], ["Ann Berg", "Tom Holm"], 2022, 12),
])
def test_a_trailing_press_credit_line(line: str, directors: list[str], cast: list[str], year: int,
                                      fsk: int | None) -> None:
    record = extract(_de(FILL_DE + f"<p>{line}</p>"), URL)
    assert (record.directors, record.cast, record.year, record.fsk) == (directors, cast, year, fsk)


def test_a_prose_sentence_with_a_year_and_mit_is_no_credit_line() -> None:
    body = ("<p>Gedreht wurde in Frankreich, 2019, mit wenig Geld und viel Mut, von Anfang an mit einem kleinen "
            "Team, das sich kannte.</p>")
    record = extract(_de(FILL_DE + body), URL)
    assert not [c for c in record.candidates.get("cast", []) + record.candidates.get("directors", [])
                if c.strategy == "factbox"]
    assert record.year is None


# --- 3. the cast in the headline ---------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "lang", "cast"), [
    ("„Nebelhorn“ mit Ann Berg und Tom Holm: Ein Drama voller Nebel", "de", ["Ann Berg", "Tom Holm"]),
    ("Kritik zu „Nebelhorn“ mit Michael B. Jordan", "de", ["Michael B. Jordan"]),
    ("‘Nebelhorn’ with Ann Berg and Tom Holm: a drama full of fog", "en", ["Ann Berg", "Tom Holm"]),
    ("“Nebelhorn” starring Ann Berg, Tom Holm and Dana Roe – review", "en", ["Ann Berg", "Tom Holm", "Dana Roe"]),
])
def test_the_cast_named_after_the_quoted_title_of_the_headline(head: str, lang: str, cast: list[str]) -> None:
    fill = FILL_DE if lang == "de" else FILL_EN
    record = extract(_page(fill + fill, lang, head), URL)
    assert record.title == "Nebelhorn"
    assert record.cast == cast


def test_the_headline_cast_comes_before_the_prose_cast_and_no_word_after_mit_is_a_name() -> None:
    body = ("<p>Dana Roe spielt den alten Leuchtturmwärter, und sie tut das mit einer Ruhe, die den ganzen Film "
            "trägt.</p>")
    record = extract(_de(FILL_DE + body, "„Nebelhorn“ mit Ann Berg und Tom Holm: Ein Drama voller Nebel"), URL)
    assert record.cast == ["Ann Berg", "Tom Holm", "Dana Roe"]
    plain = extract(_de(FILL_DE + FILL_DE, "„Nebelhorn“ mit Herz und Verstand: Ein Drama voller Nebel"), URL)
    assert plain.cast == []


# --- 4. actors with their roles after them, colon lists in prose ---------------------------------------------

def test_actors_with_the_role_in_parentheses_after_them() -> None:
    body = ("<p>At the university, Cynthia Erivo (Elphaba) and Ariana Grande (Glinda) meet as roommates, and "
            "nothing goes well between them at first.</p>")
    assert extract(_en(body), URL).cast == ["Cynthia Erivo", "Ariana Grande"]
    body_de = ("<p>Der Film erzählt mit Cynthia Erivo (als Elphaba) und Ariana Grande (als Glinda) von zwei jungen "
               "Frauen an einer Universität.</p>")
    assert extract(_de(body_de), URL).cast == ["Cynthia Erivo", "Ariana Grande"]


def test_a_role_with_its_actor_in_parentheses_stays_the_role() -> None:
    body = ("<p>On the desert planet, Paul Atreides (Timothée Chalamet) and Lady Jessica (Rebecca Ferguson) hide "
            "among the Fremen, and nothing goes well for them at first.</p>")
    assert extract(_en(body), URL).cast == ["Timothée Chalamet", "Rebecca Ferguson"]


@pytest.mark.parametrize(("sentence", "lang"), [
    (("Der Film ist lang, aber nie langweilig. Darsteller: Cynthia Erivo, Ariana Grande, Jonathan Bailey. "
      "Er startet am Donnerstag."), "de"),
    (("The film is long but never dull. Starring: Cynthia Erivo, Ariana Grande and Jonathan Bailey. It opens on "
      "Friday in cinemas."), "en"),
    ("The film is long but never dull. Cast: Cynthia Erivo, Ariana Grande, Jonathan Bailey. It opens on Friday.",
     "en"),
])
def test_a_colon_cast_list_in_prose(sentence: str, lang: str) -> None:
    build = _de if lang == "de" else _en
    assert extract(build(f"<p>{sentence}</p>"), URL).cast == ["Cynthia Erivo", "Ariana Grande", "Jonathan Bailey"]


def test_one_word_stage_names_after_a_cast_label_with_a_colon() -> None:
    record = extract(_de(FILL_DE + "<p>Regie: Mara Lindqvist</p><p>Mit: Zendaya und Rihanna</p>"), URL)
    assert record.cast == ["Zendaya", "Rihanna"]
    # without the label's colon, "mit" and two words are prose ("Mit Herz und Seele")
    plain = extract(_de(FILL_DE + "<p>Regie: Mara Lindqvist</p><p>Mit Herz und Seele</p>"), URL)
    assert plain.cast == []


# --- 5. an adjective made of a name is no person -------------------------------------------------------------

@pytest.mark.parametrize("phrase", ["this Dorian Gray-like story", "this Wes Anderson-esque comedy",
                                    "this Stephen King-style horror tale", "this Dorian Gray-type story"])
def test_a_hyphenated_adjective_of_a_name_is_no_actor(phrase: str) -> None:
    body = (f"<p>Ann Berg plays the painter in {phrase} about a man who never ages, and Tom Holm is her "
            "neighbour, who is very good in it too.</p>")
    assert extract(_en(body), URL).cast == ["Ann Berg", "Tom Holm"]


def test_an_adjective_of_a_name_after_a_cast_list_is_no_actor() -> None:
    body = ("<p>Ann Berg plays the painter, Tom Holm the neighbour; Dorian Gray-like vanity drives the whole story "
            "forward here.</p>")
    assert extract(_en(body), URL).cast == ["Ann Berg", "Tom Holm"]


@pytest.mark.parametrize("words", ["Stanley Kubrick’sche", "Dorian Gray-artige", "Quentin Tarantino-mäßige",
                                   "Dorian Gray-hafte", "Hitchcock’scher Spannung"])
def test_german_adjectives_of_a_name_are_no_person(words: str) -> None:
    assert not is_person(words)
    assert is_person("Omar Al-Ishaq") and is_person("Jean-Luc Godard")


@pytest.mark.parametrize("phrase", ["a very Wes Anderson film", "the Stephen King universe"])
def test_a_name_before_a_noun_is_its_adjective_no_actor(phrase: str) -> None:
    body = (f"<p>Ann Berg plays the painter in {phrase}, and Tom Holm is her neighbour, who is very good in it "
            "too.</p>")
    assert extract(_en(body), URL).cast == ["Ann Berg", "Tom Holm"]


# --- also open: "Inszeniert von X" at a sentence's start, "Inszeniert hat den Film X" --------------------------

@pytest.mark.parametrize("sentence", [
    "Inszeniert von Jon M. Chu, ist der Film ein bunter, lauter und oft auch zarter Blick auf zwei junge Frauen.",
    "Gedreht von Mara Lindqvist, ist der Film ein bunter, lauter und oft auch zarter Blick auf zwei junge Frauen.",
    "Inszeniert hat den Film Jon M. Chu, der aus dem Musical einen bunten und oft auch zarten Blick macht.",
    "Gedreht hat das Ganze Mara Lindqvist, die aus dem Roman einen bunten und oft auch zarten Blick macht.",
])
def test_a_director_credited_at_the_start_of_a_sentence(sentence: str) -> None:
    name = "Jon M. Chu" if "Jon" in sentence else "Mara Lindqvist"
    assert extract(_de(f"<p>{sentence}</p>"), URL).directors == [name]


def test_an_object_after_inszeniert_hat_is_no_director() -> None:
    body = ("<p>Inszeniert hat sich der Held schon immer gern selbst, und die Stadt liebt ihn dafür, auch wenn "
            "sie es nicht zugibt.</p>")
    assert extract(_de(body), URL).directors == []


@pytest.mark.parametrize("pairs", ["Mara Lindqvist (Regie) und Ola Svensk (Kamera)",
                                   "Mara Lindqvist (USA) und Ola Svensk (Frankreich)",
                                   "Mara Lindqvist (Netflix) und Ola Svensk (Kino)"])
def test_people_with_a_job_a_country_or_a_platform_in_parentheses_are_no_actors(pairs: str) -> None:
    body = (f"<p>Der Film entstand mit {pairs} in nur wenigen Wochen, und man sieht ihm das an "
            "jeder Stelle an.</p>")
    assert extract(_de(body), URL).cast == []


def test_a_headline_naming_the_director_after_mit_names_no_actor() -> None:
    head = "„Nebelhorn“ mit Regisseurin Mara Lindqvist: Ein Gespräch über Nebel"
    assert extract(_de(FILL_DE + FILL_DE, head), URL).cast == []
    head = "„Nebelhorn“ mit Hauptdarstellerin Ann Berg: Ein Drama voller Nebel"
    assert extract(_de(FILL_DE + FILL_DE, head), URL).cast == ["Ann Berg"]


# --- a short sentence that opens with "Mit" is prose, no cast credit that drops its last name -------------------

def test_a_sentence_opening_with_mit_is_read_as_prose() -> None:
    body = FILL_DE + "<p>Mit Anna Berg und Tom Holm hat der Film zwei Darsteller, die ihn über weite Strecken tragen.</p>"
    record = extract(_de(body), URL)
    assert record.cast == ["Anna Berg", "Tom Holm"]
    assert not [c for c in record.candidates["cast"] if c.strategy == "factbox"]
    credit = extract(_de(FILL_DE + "<p>Regie: Mara Lindqvist</p><p>Mit Anna Berg, Tom Holm und Dana Roe</p>"), URL)
    assert credit.cast == ["Anna Berg", "Tom Holm", "Dana Roe"]
    assert credit.winners["cast"].strategy == "factbox"


def test_the_cast_named_after_the_quoted_title_of_the_teaser_description() -> None:
    html = _de(FILL_DE + FILL_DE).replace(
        "<head>", "<head><meta name='description' content='„Nebelhorn“ mit Ann Berg und Tom Holm: ein Drama im Nebel.'>")
    assert extract(html, URL).cast == ["Ann Berg", "Tom Holm"]


def test_joined_initials_before_a_credit_prefix_still_end_the_sentence() -> None:
    found = statements("Opened in the U.S. Directed by Jon M. Chu. With Michael B. Jordan, J.J. Abrams. Rated R.")
    assert [(st.label, st.value) for st in found if st.label] == [
        ("Directed by", "Jon M. Chu"), ("With", "Michael B. Jordan, J.J. Abrams"), ("Rated", "R")]


@pytest.mark.parametrize("name", INITIAL_NAMES)
@pytest.mark.parametrize("box", [
    "<p>Regie: {name}<br>Darsteller: Michael B. Jordan, Samuel L. Jackson</p>",
    "<p>USA 2023. R: {name}. D: Michael B. Jordan, Samuel L. Jackson. 120 Min.</p>",
    "<p>USA 2023, 120 Min., von {name}, mit Michael B. Jordan, Samuel L. Jackson</p>",
    "<p>Directed by {name} · Starring Michael B. Jordan, Samuel L. Jackson · Rated R</p>",
])
def test_names_with_initials_in_fact_boxes_and_credit_lines(name: str, box: str) -> None:
    record = extract(_de(FILL_DE + box.format(name=name)), URL)
    assert record.directors == [name]
    assert record.cast == ["Michael B. Jordan", "Samuel L. Jackson"]


@pytest.mark.parametrize("line", [
    "<b>Nebelhorn</b> – D 2024, 104 Min., von Mara Lindqvist, mit Ann Berg, Tom Holm",
    "<b>Nebelhorn</b>: D 2024, 104 Min., von Mara Lindqvist, mit Ann Berg, Tom Holm",
    "Nebelhorn. D 2024, 104 Min., von Mara Lindqvist, mit Ann Berg, Tom Holm",
    "„Nebelhorn“ (D 2024, 104 Min.), von Mara Lindqvist, mit Ann Berg, Tom Holm",
])
def test_a_press_comma_line_led_by_the_title(line: str) -> None:
    record = extract(_de(FILL_DE + f"<p>{line}</p>"), URL)
    assert (record.directors, record.cast, record.year) == (["Mara Lindqvist"], ["Ann Berg", "Tom Holm"], 2024)

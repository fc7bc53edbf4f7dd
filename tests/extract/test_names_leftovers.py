"""Names left over by earlier rounds (session 13): several directors in a comma list, director appositions,
one-word stage names in cast lists, and a title with its own colon that is no label line."""
from __future__ import annotations

from scraper.extract import extract

URL_DE = "https://filmblatt.example/kritik/nebelhorn/"
URL_EN = "https://reelnotes.example/reviews/foghorn/"
PROSE_DE = ("Die Geschichte folgt einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
            "und dort einem Fremden begegnet, der mehr über ihre Familie zu wissen scheint als sie selbst. Die Kamera "
            "bleibt geduldig, die Musik zurückhaltend, und das Ende löst die Spannung leise auf.")
PROSE_EN = ("The story follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does. The camera stays patient, the "
            "score restrained, and the ending releases the tension quietly.")
PROSE_DE2 = ("Was bleibt, ist ein stiller, genau beobachteter Film über Schuld und Herkunft, der seinem Publikum "
             "Geduld abverlangt und sie mit einigen der schönsten Bilder des Jahres belohnt.")
PROSE_EN2 = ("What remains is a quiet, closely observed film about guilt and belonging that asks for patience and "
             "rewards it with some of the most beautiful images of the year.")


def page_de(body: str, title: str = "Nebelhorn", facts: str = "<p>Deutschland 2023, 104 Minuten, FSK 12</p>") -> str:
    return (f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title} – Kritik</title></head>"
            f"<body><main><article><h1>{title}</h1>{facts}{body}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
            "<p><strong>Bewertung: 4 von 5</strong></p></article></main></body></html>")


def page_en(body: str, title: str = "Foghorn", facts: str = "<p>USA, 2023 · 104 min · PG-13</p>") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title} review</title></head>"
            f"<body><main><article><h1>{title}</h1>{facts}{body}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
            "<p><strong>Rating: 4 out of 5</strong></p></article></main></body></html>")


# 1. several directors in prose, separated by commas

def test_directed_by_a_comma_list_of_full_names_names_every_director() -> None:
    for body, want in [
        ("<p>Foghorn, directed by Mara Lindqvist, Jonas Brenner and Ola Svensk, is a quiet film about grief.</p>",
         ["Mara Lindqvist", "Jonas Brenner", "Ola Svensk"]),
        ("<p>Foghorn, directed by Mara Lindqvist, Jonas Brenner, is a quiet film about grief.</p>",
         ["Mara Lindqvist", "Jonas Brenner"]),
        ("<p>Foghorn was directed by Mara Lindqvist, Jonas Brenner, and Ola Svensk.</p>",
         ["Mara Lindqvist", "Jonas Brenner", "Ola Svensk"]),
    ]:
        record = extract(page_en(body), URL_EN)
        assert record.is_review, record.verdict
        assert record.directors == want, body


def test_german_director_phrases_take_a_comma_list_too() -> None:
    for body in ["<p>Nebelhorn entstand in der Regie von Mara Lindqvist, Jonas Brenner und Ola Svensk.</p>",
                 "<p>Nebelhorn, inszeniert von Mara Lindqvist, Jonas Brenner und Ola Svensk, erzählt von Trauer.</p>"]:
        record = extract(page_de(body), URL_DE)
        assert record.is_review, record.verdict
        assert record.directors == ["Mara Lindqvist", "Jonas Brenner", "Ola Svensk"], body


def test_a_label_credit_set_in_prose_between_dashes_keeps_its_whole_list() -> None:
    body = "<p>In Nebelhorn – Regie: Mara Lindqvist, Jonas Brenner – geht es um eine Familie an der Küste.</p>"
    record = extract(page_de(body), URL_DE)
    assert record.is_review, record.verdict
    assert record.directors == ["Mara Lindqvist", "Jonas Brenner"]


def test_an_apposition_or_relative_clause_after_the_comma_keeps_one_director() -> None:
    for body in ["<p>Foghorn, directed by Greta Gerwig, who made Lady Bird, is a quiet film.</p>",
                 "<p>Foghorn was directed by Greta Gerwig, Noah Baumbach’s partner, with great care.</p>",
                 "<p>In Foghorn, directed by Greta Gerwig, Margot Robbie plays the keeper.</p>",
                 # a longer list that goes on to a verb is the cast's
                 "<p>Foghorn, directed by Greta Gerwig, Margot Robbie, Ryan Gosling and Emma Stone star.</p>"]:
        record = extract(page_en(body), URL_EN)
        assert record.directors == ["Greta Gerwig"], body
    for body in ["<p>Nebelhorn ist in der Regie von Christian Petzold, dem Meister der Stille, entstanden.</p>",
                 "<p>Nebelhorn, inszeniert von Christian Petzold, Berlinale-Gewinner und Chronist, erzählt leise.</p>"]:
        assert extract(page_de(body), URL_DE).directors == ["Christian Petzold"], body


def test_four_names_after_directed_by_are_no_list_of_directors() -> None:
    body = "<p>Foghorn, directed by Mara Lindqvist, Jonas Brenner, Ola Svensk and Ida Berg, is long.</p>"
    assert extract(page_en(body), URL_EN).directors == ["Mara Lindqvist"]


# 2. an apposition naming the director of the page's film

def test_an_apposition_naming_the_director_of_this_film_names_the_director() -> None:
    for body in ["<p>Mara Lindqvist, Regisseurin von Nebelhorn, erzählt diese Geschichte mit großer Ruhe.</p>",
                 "<p>Wir trafen Mara Lindqvist, die Regisseurin von „Nebelhorn“, in Berlin.</p>"]:
        record = extract(page_de(body), URL_DE)
        assert record.is_review, record.verdict
        assert record.directors == ["Mara Lindqvist"], body
    for body in ["<p>Mara Lindqvist, director of Foghorn, tells this story with great calm.</p>",
                 "<p>We met Mara Lindqvist, the director of Foghorn, in Berlin last spring.</p>"]:
        assert extract(page_en(body), URL_EN).directors == ["Mara Lindqvist"], body


def test_an_apposition_naming_another_film_names_no_director_of_this_one() -> None:
    """On a review of Dune, "Denis Villeneuve, Regisseur von Arrival" names Arrival's director."""
    body = "<p>Denis Villeneuve, Regisseur von Arrival, hat diesen Film mit großer Geduld gebaut.</p>"
    assert extract(page_de(body, title="Dune"), "https://filmblatt.example/kritik/dune/").directors == []
    for body in ["<p>Denis Villeneuve, director of Arrival, returns with a film of great patience.</p>",
                 "<p>Denis Villeneuve, director of Dune: Part One, returns with a film of great patience.</p>"]:
        assert extract(page_en(body, title="Dune"), "https://reelnotes.example/reviews/dune/").directors == [], body


# 3. one-word stage names in cast lists

def test_a_one_word_stage_name_in_a_cast_label_is_kept_beside_full_names() -> None:
    for facts in ["<p>Regie: Mara Lindqvist</p><p>Mit: Zendaya, Timothée Chalamet, Rebecca Ferguson</p>",
                  "<p>Regie: Mara Lindqvist · Mit: Timothée Chalamet, Zendaya und Rebecca Ferguson · USA 2024</p>",
                  ("<table><tr><th>Regie</th><td>Mara Lindqvist</td></tr>"
                   "<tr><th>Darsteller</th><td>Timothée Chalamet, Rebecca Ferguson, Zendaya</td></tr></table>")]:
        record = extract(page_de("", facts=facts), URL_DE)
        assert record.is_review, record.verdict
        assert sorted(record.cast) == ["Rebecca Ferguson", "Timothée Chalamet", "Zendaya"], facts
    english = "<p>Directed by Mara Lindqvist. Starring Zendaya, Timothée Chalamet, Rebecca Ferguson. Rated PG-13.</p>"
    assert extract(page_en("", facts=english), URL_EN).cast == ["Zendaya", "Timothée Chalamet", "Rebecca Ferguson"]


def test_a_one_word_platform_country_genre_or_filler_in_a_cast_list_is_no_stage_name() -> None:
    """A box that runs on from its cast into other facts ("…, Netflix", "…, Frankreich") or ends the list with a
    filler ("…, Weitere") does not make those words actors; the stage name beside them stays."""
    for tail in ("Netflix", "Frankreich", "Drama", "Kinostart", "Weitere", "Sonstige", "Streaming"):
        facts = f"<p>Regie: Mara Lindqvist</p><p>Mit: Timothée Chalamet, Zendaya, Rebecca Ferguson, {tail}</p>"
        record = extract(page_de("", facts=facts), URL_DE)
        assert record.cast == ["Timothée Chalamet", "Zendaya", "Rebecca Ferguson"], tail
    table = ("<table><tr><th>Regie</th><td>Mara Lindqvist</td></tr>"
             "<tr><th>Cast</th><td>Zendaya, Timothée Chalamet, Amazon, USA</td></tr></table>")
    assert extract(page_en("", facts=table), URL_EN).cast == ["Zendaya", "Timothée Chalamet"]


def test_a_one_word_name_in_prose_is_not_read_as_cast() -> None:
    body = "<p>Neben Zendaya spielen Timothée Chalamet und Rebecca Ferguson die Hauptrollen in Nebelhorn.</p>"
    assert "Zendaya" not in extract(page_de(body), URL_DE).cast


# 5. a title with its own colon opening a paragraph is no label line

def _colon_title_page(lang: str, paragraphs: list[str], headline: str = "Mission: Impossible") -> str:
    facts = "<p>USA 1996, 110 Minuten, FSK 12</p>" if lang == "de" else "<p>USA, 1996 · 110 min · PG-13</p>"
    rating = "Bewertung: 4 von 5" if lang == "de" else "Rating: 4 out of 5"
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{headline}</title></head><body>"
            f"<main><article><h1>{headline}</h1>{facts}{body}<p>{rating}</p></article></main></body></html>")


COLON_DE = ["Mission: Impossible ist der erste Film der Reihe und bis heute ihr spannendster Teil.",
            "Mission: Impossible lebt von der Paranoia der Neunziger, von Masken, Verrat und einem Helden.",
            "Tom Cruise hängt an Seilen, rennt über Dächer und bleibt dabei erstaunlich verletzlich, was gut tut.",
            "Mission: Impossible ist auch dreißig Jahre später ein Lehrstück für Timing und genaue Montage."]
COLON_EN = ["Mission: Impossible is the first film of the series and still its most suspenseful part.",
            "Mission: Impossible thrives on the paranoia of the nineties, on masks, betrayal and a lone hero.",
            "Tom Cruise hangs from wires, runs across roofs and stays oddly vulnerable, which suits the film.",
            "Mission: Impossible remains, thirty years on, a lesson in timing and in precise editing."]


def test_paragraphs_opening_with_the_headlines_colon_title_are_prose() -> None:
    """Short paragraphs that open "Mission: Impossible ist …" under the <h1> of that name were counted as label
    lines ("Mission: …"), leaving the review too little prose."""
    for lang, paragraphs in (("de", COLON_DE), ("en", COLON_EN)):
        record = extract(_colon_title_page(lang, paragraphs), "https://filmblatt.example/kritik/mission-impossible/")
        assert record.is_review, (lang, record.verdict)
        assert record.title == "Mission: Impossible" and record.year == 1996


def test_a_colon_the_headline_does_not_write_still_ends_a_label() -> None:
    """Without the title in the headline, or with another word after the colon, the short lines stay label lines."""
    other = _colon_title_page("de", COLON_DE, headline="Agentenfilm der Woche")
    assert not extract(other, "https://filmblatt.example/kritik/agentenfilm/").is_review
    labels = ["Mission: Die Agenten sollen eine Liste mit Namen zurückholen und den Verräter finden.",
              "Mission: Ein Team, eine Maske und ein Einbruch in das Hauptquartier in Langley.",
              COLON_DE[2], "Mission: Am Ende steht ein Showdown auf dem Dach eines Zuges im Tunnel."]
    record = extract(_colon_title_page("de", labels), "https://filmblatt.example/kritik/mission-impossible/")
    assert not record.is_review, record.verdict


# 6. a credit key followed by chips with nothing between them (CSS spaces them apart)

def test_a_credit_key_before_glued_chips_gives_one_name_per_chip() -> None:
    chips = ("<div class='meta'><span>Darsteller</span> <span>Ida Berg</span><span>Timothée Chalamet</span>"
             "<span>Rebecca Ferguson</span></div>")
    assert extract(page_de(chips), URL_DE).cast == ["Ida Berg", "Timothée Chalamet", "Rebecca Ferguson"]
    # text between the items (commas) or after the key: read as before
    commas = "<div class='meta'><span>Darsteller:</span> <a>Ida Berg</a>, <a>Jonas Brenner</a></div>"
    assert extract(page_de(commas), URL_DE).cast == ["Ida Berg", "Jonas Brenner"]
    # a single-valued fact is never split into chips
    title = "<div class='meta'><span>Originaltitel</span> <span>Fog</span><span>horn</span></div>"
    assert extract(page_de(title), URL_DE).cast == []

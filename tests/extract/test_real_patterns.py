"""Patterns of a fresh real-page probe (session 8, round 8c), on pages written for this repository: prose that
judges its film, a line of stars, a bare "Review:" label, headings over several reviews, news URLs, scales in
parentheses, quarter stars, gender-inclusive labels, "(Director – Year)" headlines, director phrases."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.normalize import parse_rating
from scraper.normalize.title import clean_title, title_year

URL = "https://blog.example/2024/05/das-salzhaus"

# a review that never names itself one: its prose judges the film in its own voice
JUDGING_DE = (
    "<p>Regisseurin Mara Lindqvist erzählt in „Das Salzhaus“ von einer Familie an der Küste, die ihr Hotel "
    "verkaufen muss, und sie tut das mit viel Ruhe und einem Blick für die kleinen Gesten der Figuren.</p>"
    "<p>Das ist großartig gespielt, vor allem von Jonas Feld als ältestem Sohn, und die Bilder des Winters am "
    "Meer sind beeindruckend. Nur im letzten Drittel wird die Geschichte etwas langatmig, weil das Drehbuch "
    "zu viele Nebenfiguren einführt, die später keine Rolle mehr spielen.</p>"
    "<p>Trotzdem bleibt „Das Salzhaus“ ein sehenswerter Film über Herkunft und Abschied, der lange nachwirkt "
    "und seinen Figuren bis zum Schluss mit Respekt begegnet.</p>")
NEUTRAL_DE = (
    "<p>Regisseurin Mara Lindqvist hat ihren neuen Film „Das Salzhaus“ an der Ostseeküste gedreht, wie der "
    "Verleih am Montag mitteilte. Die Dreharbeiten dauerten elf Wochen und fanden im Winter statt.</p>"
    "<p>Der Film erzählt von einer Familie an der Küste, die ihr Hotel verkaufen muss. Jonas Feld spielt den "
    "ältesten Sohn, der nach Jahren in der Stadt zurückkehrt und den Verkauf verhindern will.</p>"
    "<p>„Das Salzhaus“ soll im Herbst in die Kinos kommen; ein Trailer wird für den Sommer erwartet. Weitere "
    "Termine und Festivalauftritte will der Verleih in den kommenden Wochen bekanntgeben.</p>")


def _page(body: str, head: str = "Das Salzhaus", title: str | None = None) -> str:
    return (f"<html lang='de'><head><title>{title or head}</title></head><body><article><h1>{head}</h1>"
            f"{body}</article></body></html>")


def test_prose_that_judges_its_film_is_a_review() -> None:
    record = extract(_page(JUDGING_DE), URL)
    assert record.is_review, record.verdict
    assert record.title == "Das Salzhaus"
    assert record.directors == ["Mara Lindqvist"]


def test_a_neutral_report_on_the_same_film_is_no_review() -> None:
    record = extract(_page(NEUTRAL_DE), URL)
    assert not record.is_review


def test_judging_words_in_quotations_are_reported_not_own() -> None:
    quoted = (
        "<p>Regisseurin Mara Lindqvist hat mit „Das Salzhaus“ ihren neuen Film vorgestellt, der im Herbst in "
        "die Kinos kommen soll. Die ersten Stimmen aus der Branche sind dem Verleih zufolge positiv.</p>"
        "<p>Ein Kritiker nannte den Film „großartig gespielt und beeindruckend fotografiert“, ein anderer "
        "schrieb von einem „sehenswerten, wenn auch etwas langatmigen“ Drama über eine Familie an der Küste.</p>"
        "<p>„Das Salzhaus“ erzählt von einer Familie, die ihr Hotel verkaufen muss; Jonas Feld spielt den "
        "ältesten Sohn, der aus der Stadt zurückkehrt.</p>")
    assert not extract(_page(quoted), URL).is_review


def test_a_report_on_aggregated_verdicts_is_no_review() -> None:
    body = JUDGING_DE + ("<p>Bei Rotten Tomatoes steht „Das Salzhaus“ derzeit bei 91 Prozent, bei Metacritic etwas "
                         "darunter; der Verleih rechnet mit einem guten Start in den Programmkinos des Landes.</p>")
    assert not extract(_page(body), URL).is_review


def test_judging_prose_on_a_news_url_is_no_review() -> None:
    assert not extract(_page(JUDGING_DE), "https://zeitung.example/news/das-salzhaus").is_review
    assert not extract(_page(JUDGING_DE), "https://zeitung.example/nachrichten/das-salzhaus").is_review


def test_a_line_of_stars_is_the_pages_own_score() -> None:
    body = (
        "<p>★★★½☆</p>"
        "<p>Jonas Feld spielt den ältesten Sohn einer Familie an der Küste, die ihr Hotel verkaufen muss, und er "
        "trägt „Das Salzhaus“ mit wenigen Worten und einem müden Blick durch den langen Winter am Meer.</p>"
        "<p>Die Geschichte nimmt sich Zeit für die kleinen Dinge: ein Frühstück, das niemand isst, ein Brief, der "
        "nicht abgeschickt wird, ein Telefon, das im leeren Flur klingelt, während draußen der Sturm aufzieht "
        "und die Gäste ausbleiben, die früher jeden Sommer kamen.</p>"
        "<p>Am Ende steht kein großer Knall, sondern ein Abend am Tresen, an dem die Familie zum ersten Mal seit "
        "Jahren wieder zusammen isst und über den Verkauf spricht.</p>")
    record = extract(_page(body), URL)
    assert record.is_review, record.verdict
    assert record.rating is not None and record.rating.normalized == 70.0


def test_a_bare_review_label_line_is_review_evidence() -> None:
    # the label comes after the first six lines (a kicker there says "review" already)
    facts = ("<p>Starring: Ann Berg, Milo Kent, Ruth Okafor</p><p>Directed by: Ola Svensk</p>"
             "<p>Genre: Drama, Mystery</p><p>2023</p><p>Runtime: 104 min</p><p>Seen: 2</p>")
    prose = ("<p>A lighthouse keeper on a northern island finds a boat without a crew, and the island's small "
             "community slowly turns against the stranger who arrives a week later claiming it as his own.</p>"
             "<p>Ola Svensk keeps the story close to the keeper, played by Milo Kent with a quiet stubbornness, and "
             "lets the fog and the long evenings do most of the work while the village gossip grows louder.</p>")
    url = "https://films.example/reviews2/lantern.html"
    without = extract(f"<html><body><h1>The Lantern Keeper</h1>{facts}{prose}</body></html>", url)
    assert not without.is_review
    record = extract(f"<html><body><h1>The Lantern Keeper</h1>{facts}<p>Review:</p>{prose}</body></html>", url)
    assert record.is_review, record.verdict


@pytest.mark.parametrize("head", ["Kritiken von „dünenfuchs“", "Reviews by Ann", "Filmkritiken der Woche"])
def test_a_heading_over_several_reviews_is_no_review(head: str) -> None:
    body = ("<p>Regie: Mara Lindqvist</p><p>Darsteller: Jonas Feld, Ilse Brandt</p><p>Bewertung: 4 von 5</p>"
            + JUDGING_DE)
    record = extract(_page(body, head=head), "https://portal.example/profil/42")
    assert not record.is_review
    assert record.verdict == "a heading over several reviews"
    assert extract(_page(body, head="Filmkritik: Das Salzhaus"), "https://portal.example/profil/42").is_review


@pytest.mark.parametrize(("text", "normalized"), [
    ("4 Stars (out of 4)", 100.0), ("3 Sterne (von 4)", 75.0), ("★★★★¼", 85.0), ("★★¾☆☆", 55.0),
    ("★★★½☆", 70.0),
])
def test_scales_in_parentheses_and_quarter_stars(text: str, normalized: float) -> None:
    rating = parse_rating(text)
    assert rating is not None and rating.normalized == normalized


@pytest.mark.parametrize("label", ["Darsteller*innen", "DARSTELLER*RINNEN", "Darsteller_innen", "Schauspieler*innen"])
def test_gender_inclusive_labels_are_the_label(label: str) -> None:
    body = (f"<p>Regisseur*in: Mara Lindqvist</p><p>{label}: Jonas Feld, Ilse Brandt, Pia Roth</p>"
            f"<p>Bewertung: 4 von 5</p>" + JUDGING_DE)
    record = extract(_page(body, head="Kritik: Das Salzhaus"), URL)
    assert record.cast == ["Jonas Feld", "Ilse Brandt", "Pia Roth"]
    assert record.directors == ["Mara Lindqvist"]
    table = (f"<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>{label}</td>"
             "<td>Jonas Feld, Ilse Brandt</td></tr></table>")
    assert extract(_page(table + JUDGING_DE, head="Kritik: Das Salzhaus"), URL).cast == ["Jonas Feld", "Ilse Brandt"]


@pytest.mark.parametrize(("head", "title", "year"), [
    ("DAS SALZHAUS (Mara Lindqvist – 2023)", "DAS SALZHAUS", 2023),
    ("Das Salzhaus (Lindqvist, 2023)", "Das Salzhaus", 2023),
    ("Das Salzhaus (2023, Lindqvist)", "Das Salzhaus", 2023),
])
def test_a_note_before_the_headline_year(head: str, title: str, year: int) -> None:
    assert (clean_title(head), title_year(head)) == (title, year)


def test_a_note_with_digits_is_not_a_year_note() -> None:
    assert title_year("Das Salzhaus (Teil 2 – 2023)") is None


@pytest.mark.parametrize(("sentence", "name"), [
    ("Regisseurin und Drehbuchautorin Mara Lindqvist erzählt in „Das Salzhaus“ von einer Familie.", "Mara Lindqvist"),
    ("Regisseur und Autor Ola Svensk erzählt in „Das Salzhaus“ von einer Familie.", "Ola Svensk"),
    ("„Das Salzhaus“ ist das Regiedebüt von Mara Lindqvist und erzählt von einer Familie.", "Mara Lindqvist"),
    ("Regisseurin İpek Şahin erzählt in „Das Salzhaus“ von einer Familie.", "İpek Şahin"),
])
def test_director_phrases_de(sentence: str, name: str) -> None:
    body = (f"<p>{sentence} Das Hotel an der Küste muss verkauft werden, und niemand will es zugeben.</p>"
            "<p>Jonas Feld spielt den ältesten Sohn, der aus der Stadt zurückkehrt, um den Verkauf zu verhindern, "
            "und Ilse Brandt seine Mutter, die längst mit dem Käufer verhandelt hat.</p><p>Bewertung: 4 von 5</p>")
    record = extract(_page(body, head="Kritik: Das Salzhaus"), URL)
    assert record.directors == [name]


def test_directorial_debut_by_names_the_director() -> None:
    body = ("<h1>The Lantern Keeper review</h1><p>Rating: 4/5</p>"
            "<p>“The Lantern Keeper”, the directorial debut by the gifted Ola Svensk, follows a keeper on a northern "
            "island who finds a boat without a crew and slowly loses the trust of his neighbours.</p>"
            "<p>Milo Kent plays the keeper with a quiet stubbornness, and the fog does the rest of the work.</p>")
    record = extract(f"<html><body>{body}</body></html>", "https://films.example/the-lantern-keeper-review")
    assert record.directors == ["Ola Svensk"]


@pytest.mark.parametrize(("head", "title"), [("Gesehen: Das Salzhaus (2023)", "Das Salzhaus"),
                                             ("Watched: The Lantern Keeper", "The Lantern Keeper"),
                                             ("Neu gesehen: Das Salzhaus", "Das Salzhaus")])
def test_a_film_diary_kicker_is_no_part_of_the_title(head: str, title: str) -> None:
    assert clean_title(head) == title
    assert clean_title("Gesehen und geliebt") == "Gesehen und geliebt"


def test_a_diary_entry_with_a_line_of_stars_is_a_review() -> None:
    body = ("<p>Die Küste als Bühne einer Familie, die sich nichts mehr zu sagen hat: DAS SALZHAUS erzählt das ohne "
            "Eile, und Jonas Feld spielt den ältesten Sohn mit einem müden, genauen Blick, der mehr sagt als jeder "
            "Dialog. Bis an die Grenze des Erträglichen treibt Mara Lindqvist ihren Film, wenn die Mutter den Käufer "
            "zum Abendessen einlädt und niemand am Tisch ein Wort über den Verkauf verliert, obwohl alle längst "
            "wissen, dass das Hotel den Winter nicht überstehen wird und die Gäste nicht mehr kommen. Danach bleibt "
            "nur der Blick auf das graue Wasser, auf leere Zimmer und auf einen Flur, in dem das Telefon klingelt.</p>"
            "<p>★★★½☆</p>")
    record = extract(_page(body, head="Gesehen: Das Salzhaus (2023)"), URL)
    assert record.is_review, record.verdict
    assert (record.title, record.year, record.rating.normalized if record.rating else None) == \
        ("Das Salzhaus", 2023, 70.0)
    assert record.directors == ["Mara Lindqvist"]


PROSE_EN = ("<p>A lighthouse keeper on a northern island finds a boat without a crew, and the island's small community "
            "slowly turns against the stranger who arrives a week later claiming it as his own property.</p>"
            "<p>Ola Svensk keeps the story close to the keeper, played by Milo Kent with a quiet stubbornness, and lets "
            "the fog and the long evenings do most of the work while the village gossip grows louder. {end}</p>")


@pytest.mark.parametrize(("end", "normalized"), [("A small, patient film. 8/10", 80.0),
                                                 ("It is a patient, handsome film. [B+]", 83.0)])
def test_a_score_closing_the_review_is_its_rating(end: str, normalized: float) -> None:
    html = f"<html><body><h1>The Lantern Keeper review</h1>{PROSE_EN.format(end=end)}</body></html>"
    record = extract(html, "https://films.example/the-lantern-keeper-review")
    assert record.rating is not None and record.rating.normalized == normalized


def test_closing_scores_of_several_paragraphs_are_no_rating() -> None:
    html = (f"<html><body><h1>The Lantern Keeper review</h1>{PROSE_EN.format(end='A patient film. 8/10')}"
            f"{PROSE_EN.format(end='Another patient film. 6/10')}</body></html>")
    assert extract(html, "https://films.example/the-lantern-keeper-review").rating is None


def test_a_bare_letter_at_a_sentence_end_is_no_grade() -> None:
    html = f"<html><body><h1>The Lantern Keeper review</h1>{PROSE_EN.format(end='They all have a plan B')}</body></html>"
    assert extract(html, "https://films.example/the-lantern-keeper-review").rating is None


def test_a_year_on_its_own_line_among_facts_is_the_year() -> None:
    html = ("<html><body><h1>The Lantern Keeper</h1><p>Starring: Ann Berg, Milo Kent</p><p>Directed by: Ola Svensk</p>"
            "<p>Genre: Drama, Mystery</p><p>2023</p><p>Review:</p>" + PROSE_EN.format(end="") + "</body></html>")
    record = extract(html, "https://films.example/lantern.html")
    assert record.year == 2023
    lone = ("<html><body><h1>The Lantern Keeper</h1><p>Starring: Ann Berg, Milo Kent</p><p>Directed by: Ola Svensk</p>"
            "<p>Review:</p>" + PROSE_EN.format(end="") + "<p>2023</p></body></html>")
    assert extract(lone, "https://films.example/lantern.html").year is None


def test_a_photo_caption_names_the_cast() -> None:
    html = ("<html><body><h1>‘The Lantern Keeper’ Review: A Quiet Triumph</h1><figure><figcaption>Ann Berg in “The Lantern Keeper” (Nordlys)</figcaption></figure>"
            "<p>If one is to watch “The Lantern Keeper” honestly, one must accept its patience: a keeper on a northern "
            "island finds a boat without a crew and slowly loses the trust of his neighbours over one long winter.</p>"
            "<p>It is a film that knows its limits and works within them, letting the fog do the rest.</p></body></html>")
    record = extract(html, "https://films.example/the-lantern-keeper-review")
    assert record.cast == ["Ann Berg"]


@pytest.mark.parametrize(("head", "genres"), [("Kriegsdrama - Das Salzhaus", ["war", "drama"]),
                                              ("Thriller – Das Salzhaus", ["thriller"])])
def test_a_genre_kicker_before_the_film_gives_its_genres(head: str, genres: list[str]) -> None:
    record = extract(_page("<p>Bewertung: 4 von 5</p>" + JUDGING_DE, head=head), URL)
    assert record.genres == genres
    assert record.title == "Das Salzhaus"


def test_a_kicker_that_is_no_genre_gives_none() -> None:
    assert extract(_page("<p>Bewertung: 4 von 5</p>" + JUDGING_DE, head="Kinostart - Das Salzhaus"), URL).genres == []


@pytest.mark.parametrize(("head", "title"), [
    ("2023 Nordic Int’l Film Festival Review: “The Lantern Keeper” (Norway)", "The Lantern Keeper"),
    ("‘The Lantern Keeper’ Review: A Quiet Triumph", "The Lantern Keeper"),
])
def test_an_apostrophe_inside_a_word_opens_no_quote(head: str, title: str) -> None:
    assert clean_title(head) == title


def test_other_names_beside_an_actor_skip_the_role_and_the_filmmaker() -> None:
    """The other full names of a paragraph that names an actor (an English page) are cast, but not the
    actor's role ("A as the physicist Jan Robert Holm") nor the filmmaker a possessive gives a film."""
    html = ("<html><body><h1>The Long Winter review</h1><p>Ann Berg in The Long Winter</p><p>★★★★☆</p>"
            "<p>So much for Mara Lindqvist. What about her new movie? Lindqvist’s fourth film stars Ann Berg as the "
            "Swedish physicist Jan Robert Holm, who spends one winter on an island trying to undo his own work, "
            "and Tom Ekberg is the brother who will not let him.</p>"
            "<p>It is patient, cold and finally moving, a film that trusts its actors and its fog alike.</p></body></html>")
    record = extract(html, "https://films.example/the-long-winter-review")
    assert record.cast == ["Ann Berg", "Tom Ekberg"]

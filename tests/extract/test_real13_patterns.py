"""Failure patterns left by the fifth real-page probe (session 13), on pages of our own: film titles, places and
award categories read as actors, kicker labels and taglines in headlines, members' grade aggregates, ratings in
number words and directors in possessive or "von X" prose."""
from __future__ import annotations

from scraper.extract import extract

URL = "http://127.0.0.9:8080/review/glass-harbor-4711.html"
FILL_EN = ("<p>For nearly two hours the film follows the two friends across the years, and it is never dull, "
           "because the editing and the score keep the quiet scenes moving forward.</p>")


def _page(body: str, lang: str = "en", title: str = "Glass Harbor") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article><h1>{title}</h1>{body}</article></main></body></html>")


# --- 1. titles, places and award categories are no actors ---------------------------------------------------------

def test_a_quoted_title_after_a_possessive_and_a_city_are_no_actors() -> None:
    body = ("<p>Mara Lindqvist's \"Glass Harbor\" plays like the work of a veteran, although it is her first "
            "feature. Childhood friends Nora (Ann Berg) and Hae (Tom Holm) grow up together in Seoul, and twelve "
            "years later Nora is living in New York City with a career and a husband, while Hae is coming to "
            "New York City to see her.</p>" + FILL_EN)
    cast = extract(_page(body), URL).cast
    assert "Ann Berg" in cast and "Tom Holm" in cast
    assert "Glass Harbor" not in cast and "New York City" not in cast


def test_films_in_a_such_as_list_and_award_categories_are_no_actors() -> None:
    body = ("<p>Ola Svensk is back. The director behind such heralded films as Sideways Down, Election Night, "
            "About Schmidt, The Descendants, and Nebraska has returned with Glass Harbor, headlined by Ann Berg, "
            "Dana Roe and newcomer Tom Holm.</p>"
            "<p>The film reunites Svensk with Ann Berg, who starred in Sideways Down, a comedy that earned him a "
            "Greatest Director nod and a Greatest Adapted Screenplay win at the Academy Awards.</p>"
            "<p>With the winter break approaching, the prickly Professor Hunham (Ann Berg) is vexed when he is told "
            "to look after the students who stay behind, among them Angus (Tom Holm), a boy with a sharp mind.</p>"
            + FILL_EN)
    cast = extract(_page(body), URL).cast
    assert "Ann Berg" in cast
    for wrong in ("About Schmidt", "Election Night", "Sideways Down", "Greatest Adapted Screenplay"):
        assert wrong not in cast


# --- 2. a kicker label before the colon, a tagline after the dash ------------------------------------------------

FILL_DE = ("<p>Drei Stunden lang folgt der Film dem jungen Mann durch die Wüste, und nie wird es langweilig, weil "
           "Schnitt und Musik ständig nach vorne drängen.</p>")


def test_a_movie_review_kicker_leaves_the_quoted_name_as_the_title() -> None:
    head = "Movie Review: 'Glass Harbor' is a rare kind of film"
    body = ("<p>Mara Lindqvist's Glass Harbor plays like the work of a veteran, although it is her first feature, "
            "and it has been called the best movie of the year.</p>" + FILL_EN)
    assert extract(_page(body, title=head), URL).title == "Glass Harbor"


def test_a_sentence_after_the_dash_is_a_tagline_a_subtitle_stays() -> None:
    body = ("<p>Nebelhorn ist ein Film über einen Leuchtturmwärter, der in der Stille des Nordens die Zeit vergisst "
            "und am Ende sich selbst wiederfindet.</p>" + FILL_DE)
    head = "Rezension: Nebelhorn – Ein Film über Macht, Moral und das Erbe der Atomkraft"
    assert extract(_page(body, "de", head), URL).title == "Nebelhorn"
    # a subtitle after the dash is the film's
    body2 = ("<p>Halloween – Die Nacht des Grauens ist ein Film über einen Mörder, der in der Stille einer "
             "Kleinstadt die Zeit vergisst und am Ende zurückkehrt.</p>" + FILL_DE)
    head2 = "Rezension: Halloween – Die Nacht des Grauens"
    assert extract(_page(body2, "de", head2), URL).title == "Halloween – Die Nacht des Grauens"


# --- 3. a members' grade page is no critic's review -------------------------------------------------------------

GRADEBOOK = ("<p>Film: Glass Harbor (2024)<br>Plot: Two friends drift apart over twenty years and meet again in a "
             "harbour town.<br>Cast: Ann Berg, Tom Holm, Dana Roe<br>Director: Mara Lindqvist<br>"
             "Average Grade: B<br>Number of Graders: 28<br>Member Reviews:</p>"
             "<p>Glass Harbor is a cross-generation watch that brings a breath of fresh air to the season, and it "
             "will tug at your heartstrings as it wrestles with deeper themes of time and loss.</p><p>Grade: A</p>"
             "<p>Ann Berg leads Glass Harbor with perfect comic timing throughout the whole film, and the script "
             "is one of the best this year for its brilliant dialogue and its quiet moments.</p><p>Grade: A</p>"
             "<p>Mara Lindqvist crafts an elegant and touching film about friendship, set in a lovingly nostalgic "
             "harbour town of the early seventies, and it is her best work so far.</p><p>Grade: A</p>")


def test_a_members_gradebook_is_no_review_and_its_average_no_rating() -> None:
    record = extract(_page(GRADEBOOK, title="Gradebook: Glass Harbor"), URL)
    assert not record.is_review and "members" in record.verdict
    # the average is the members' score, not the page's own
    assert record.rating is None or record.rating.raw != "B"


def test_a_critics_review_with_its_own_grade_above_the_members_stays_a_review() -> None:
        # (members' grades that differ from it make "several labelled rating values" anyway)
    body = GRADEBOOK.replace("Average Grade: B<br>Number of Graders: 28<br>", "Our Grade: A<br>")
    record = extract(_page(body + FILL_EN, title="Glass Harbor review"), URL)
    assert record.is_review and record.rating is not None and record.rating.raw == "A"


def test_an_average_or_readers_rating_label_is_no_rating() -> None:
    body = ("<p>Regie: Mara Lindqvist<br>Darsteller: Ann Berg, Tom Holm<br>Genre: Drama<br>"
            "Durchschnittliche Wertung: 2/5</p>" + FILL_DE + FILL_DE.replace("Drei", "Zwei"))
    assert extract(_page(body, "de", "Nebelhorn"), URL).rating is None


# --- 4. a score in number words on a line of its own -------------------------------------------------------------

def _rating_of(line: str, lang: str = "de") -> float | None:
    fill = FILL_DE if lang == "de" else FILL_EN
    lead = "Die Bewertung auf einen Blick" if lang == "de" else "Our verdict at a glance"
    record = extract(_page(f"{fill}{fill.replace('Drei', 'Zwei')}<p>{lead}<br>{line}</p>", lang,
                           "Nebelhorn" if lang == "de" else "Glass Harbor"), URL)
    return record.rating.normalized if record.rating else None


def test_a_line_that_is_a_score_in_words_is_the_rating() -> None:
    assert _rating_of("Vier von fünf Sternen") == 80.0
    assert _rating_of("drei von fünf") == 60.0
    assert _rating_of("acht von zehn Punkten") == 80.0
    assert _rating_of("Four out of five stars.", "en") == 80.0
    # a share of people is no score
    assert _rating_of("Drei von fünf Kindern lachten") is None


# --- 5. directors in possessive and "von X" prose ----------------------------------------------------------------

def _directors(sentence: str, lang: str = "de", title: str = "Nebelhorn") -> list[str]:
    fill = FILL_DE if lang == "de" else FILL_EN
    return extract(_page(f"<p>{sentence}</p>{fill}", lang, title), URL).directors


def test_a_genitive_right_before_the_title_names_the_director_when_the_surname_recurs() -> None:
    assert _directors("Mara Lindqvists Nebelhorn ist kein gewöhnliches Drama. Lindqvist schafft es, die Stille "
                      "der Küste in große Bilder zu fassen.") == ["Mara Lindqvist"]
    # no bare surname anywhere: the capitalised words before the title may be anything
    assert _directors("Beim Kapitän Jonas Niklas Nebelhorn ist alles still, und die Stille der Küste wird zu "
                      "großen Bildern.") == []


def test_the_title_opening_a_sentence_before_von_names_the_director() -> None:
    assert _directors("Nebelhorn von Mara Lindqvist (Wellen, Sturm) ist ein dystopischer Film über eine Küste, "
                      "die im Nebel versinkt.") == ["Mara Lindqvist"]
    # a novel's author is none
    assert _directors("Nebelhorn von Frank Herbert ist ein Roman, den Mara Lindqvist nun als stilles Drama über "
                      "eine Küste erzählt.") != ["Frank Herbert"]


def test_a_possessive_film_noun_apposition_before_the_title_names_the_director() -> None:
    assert _directors("It is bad business to release Ola Svensk’s mournful holiday comedy, Glass Harbor, weeks "
                      "after the holidays have ended.", "en", "Glass Harbor") == ["Ola Svensk"]


# --- 6. a prose review whose only own score is a line of its own -------------------------------------------------

PROSE_EN = ("<p>Glass Harbor follows two friends who grew up in a harbour town and meet again after twenty years, "
            "when one of them returns for a funeral and stays for the summer.</p>"
            "<p>The film takes its time with them, with long walks along the pier and evenings in the kitchen, and "
            "it lets the silences between them say what the dialogue leaves out, scene after scene.</p>"
            "<p>By the end Glass Harbor has become a film about what we keep from the people we love, and about "
            "the places that keep us, long after we have left them behind for the city.</p>")


def test_a_score_on_a_line_of_its_own_marks_a_prose_review() -> None:
    url = "http://127.0.0.9:8080/glass-harbor/"
    assert not extract(_page(PROSE_EN), url).is_review
    record = extract(_page("<p>4 Stars</p>" + PROSE_EN), url)
    assert record.is_review and record.rating is not None and record.rating.normalized == 80.0
    # one score line per film is a list, not a review's own score
    listed = "<p>4 Stars</p>" + PROSE_EN + "<p>3 Stars</p>" + PROSE_EN.replace("Glass Harbor", "Nebelhorn")
    assert not extract(_page(listed), url).is_review

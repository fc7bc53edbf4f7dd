"""Failure patterns of held-out set 6, on pages of our own: a diary's year element in the headline and its chip
lists, a newsletter issue whose film is named over its fact list, a capsule of another film, an unscored review,
a podcast's total after the hosts' scores, an episode headline with the film's subtitle, a margin column."""
from __future__ import annotations

from scraper.extract import extract
from scraper.extract.credits import statements

PROSE_EN = ("Foghorn follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does herself.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene time, and the music never pushes "
             "itself forward, so that one follows the story with held breath to the very end.")
PROSE_DE = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
            "und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
PROSE_DE2 = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
             "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")


def _en(body: str, h1: str, title: str = "Foghorn") -> str:
    return (f"<html lang='en-GB'><head><title>{title}</title></head><body><main><article>{h1}{body}"
            "</article></main></body></html>")


def test_a_diary_headline_sets_the_year_apart_and_chip_lists_follow_their_headings() -> None:
    h1 = "<h1><span><a href='/film/foghorn/'>Foghorn</a> <small><a href='/films/?year=2023'>2023</a></small></span></h1>"
    body = (f"<p><span class='rating' title='4 stars'>★★★★</span> Watched 03 Jan 2025</p><div><p>{PROSE_EN}</p>"
            f"<p>{PROSE_EN2}</p></div><section class='film-details'><p>Directed by <a href='/p/ml/'>Mara Lindqvist"
            "</a></p><h3>Cast</h3><div class='cast-list'><span>Ida Berg</span><span>Ole Sand</span>"
            "<span>Karin Lund</span></div><h3>Genres</h3><div><a href='/g/drama'>Drama</a>"
            "<a href='/g/thriller'>Thriller</a></div></section>")
    record = extract(_en(body, h1), "http://127.0.0.5:8080/kestrel/film/foghorn/")
    assert (record.title, record.year) == ("Foghorn", 2023)
    assert record.cast == ["Ida Berg", "Ole Sand", "Karin Lund"]
    assert record.genres == ["drama", "thriller"]
    # a number past any film year in its own element is part of the title
    future = _en(f"<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>", "<h1>Foghorn <span>2049</span></h1>")
    assert extract(future, "http://127.0.0.5:8080/film/foghorn-2049/").title == "Foghorn 2049"


def _issue(h2: str, facts: str, after: str = "", grade: str = "<div class='callout'><strong>Grade: A-</strong></div>",
           h1: str = "Issue #31: A lamp, a rock, a long winter") -> str:
    return _en(f"<section class='content'><p>Hello, and welcome back to the newsletter.</p><h2>{h2}</h2>"
               f"<ul class='film-facts'>{facts}</ul><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{grade}{after}"
               "<p>See you next Friday</p></section>", f"<h1>{h1}</h1>", title=f"{h1} – The Letter")


FACTS = ("<li><strong>Directed by</strong> Mara Lindqvist</li><li><strong>Starring</strong> Ida Berg, Ole Sand</li>"
         "<li><strong>Year</strong> 2023</li><li><strong>Where to see it</strong> In UK cinemas from 10 November 2023</li>")


def test_a_numbered_issue_names_its_film_in_the_heading_over_the_facts() -> None:
    record = extract(_issue("Foghorn (2023)", FACTS), "http://127.0.0.5:8080/p/issue-31/")
    assert record.title == "Foghorn"
    assert (record.platform, record.release_date) == ("Kino", "2023-11-10")
    assert record.rating is not None and record.rating.value == "A-"
    # the issue's headline naming the film among other words is no title either
    record = extract(_issue("Foghorn (2023)", FACTS, h1="Issue #5: Foghorn, the quiet one"), "http://127.0.0.5:8080/p/5/")
    assert record.title == "Foghorn"


def test_a_capsule_of_another_film_does_not_make_the_issue_a_list() -> None:
    capsule = ("<hr><h3>Also this week: Brandung (2019)</h3><p><em>Dir. Ola Svensk.</em> A short note on a film "
               "about a surfing school that is much better than its poster suggests.</p><p><strong>Grade: B+</strong></p>")
    record = extract(_issue("Foghorn (2023)", FACTS, after=capsule), "http://127.0.0.5:8080/p/issue-36/")
    assert record.is_review, record.verdict
    assert record.rating is not None and record.rating.value == "A-"


def test_a_review_that_declines_to_grade_is_still_a_review() -> None:
    facts = FACTS.replace("In UK cinemas from 10 November 2023", "In US theaters June 2, 2023")
    record = extract(_issue("Foghorn (2023)", facts, grade="<p>No grade this week. I saw it twice and still do not "
                            "know what I would give it.</p>"), "http://127.0.0.5:8080/p/issue-19/")
    assert record.is_review, record.verdict
    assert record.rating is None and record.release_date == "2023-06-02"
    german = ("<html lang='de'><head><title>Nebelhorn</title></head><body><main><article><h1>Nebelhorn</h1>"
              f"<p>{PROSE_DE}</p><p>{PROSE_DE2} Eine Wertung geben wir Filmen dieser Reihe nicht.</p>"
              "<table><tr><th>Regie</th><td>Mara Lindqvist</td></tr><tr><th>Produktion</th><td>Schweden 2023</td></tr>"
              "<tr><th>Genre</th><td>Drama</td></tr></table></article></main></body></html>")
    assert extract(german, "http://127.0.0.5:8080/programm/nebelhorn/").is_review


def _episode(h1: str, verdict: str) -> str:
    return ("<html lang='de'><head><title>Podcast</title></head><body><main><article class='episode'>"
            f"<p class='kicker'>Folge 87 · 9. Januar 2025</p><h1>{h1}</h1><section><h2>Shownotes</h2>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><h3>Der Film</h3><ul><li>Regie: Mara Lindqvist</li>"
            "<li>Mit: Ida Berg, Ole Sand</li><li>Produktionsjahr: 2023</li></ul>"
            f"<h3>Unser Urteil</h3><div class='verdict'>{verdict}</div></section></article></main></body></html>")


def test_a_total_after_the_hosts_scores_is_the_rating() -> None:
    page = _episode("Folge 87: Nebelhorn", "<p>Jana: 8/10 · Malte: 7/10</p><p><strong>Gesamturteil: 7,5 von 10</strong></p>")
    record = extract(page, "http://127.0.0.5:8080/folge/87-nebelhorn/")
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (7.5, 10)


def test_an_episode_headline_keeps_the_films_subtitle_after_the_dash() -> None:
    page = _episode("Folge 87: Nebelhorn – Die Nacht am Kap", "<p>Gesamturteil: 7 von 10</p>")
    assert extract(page, "http://127.0.0.5:8080/folge/87-nebelhorn/").title == "Nebelhorn – Die Nacht am Kap"


def test_a_margin_column_with_another_films_credit_is_boilerplate() -> None:
    (st,) = [s for s in statements("Brandung (Regie: Ola Svensk) – Kinostart 12.12.2024") if s.label]
    assert st.value == "Ola Svensk"
    page = ("<html><head><title>Filmkritik: Nebelhorn</title></head><body><div id='inhalt'><h1>Nebelhorn</h1>"
            "<table><tr><td>Regie:</td><td>Mara Lindqvist</td></tr><tr><td>Land/Jahr:</td><td>Schweden 2023</td></tr>"
            "<tr><td>Kinostart:</td><td>15.11.2023</td></tr></table>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Unsere Wertung: <b>72 %</b></p></div>"
            "<div id='rand'><h4>Neu im Kino</h4><p>Brandung (Regie: Ola Svensk) – Kinostart 12.12.2024</p></div>"
            "</body></html>")
    record = extract(page.encode("cp1252"), "http://127.0.0.5:8080/kritiken/nebelhorn.html")
    assert record.is_review, record.verdict
    assert (record.directors, record.release_date) == (["Mara Lindqvist"], "2023-11-15")


# --- the leftovers of held-out set 4 (docs/extraction.md, end of "Round 7b") ---------------------------------


def test_a_continuation_word_adds_the_names_after_it_to_the_cast() -> None:
    cast = ("In den Hauptrollen: Ida Berg als Wärterin, Ole Sand als Fremder, dazu Karin Lund, Per Holm und "
            "Ulla Ek. Mara Lindqvist gelang damit 2023 ihr bisher stillster Film.")
    page = ("<html lang='de'><head><title>Nebelhorn – Tipp des Tages</title></head><body><main><article>"
            f"<h1>Tipp des Tages: Nebelhorn</h1><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>{cast}</p>"
            "<p>Regie: Mara Lindqvist · Schweden 2023 · FSK 12</p><p>Unsere Wertung: 4 von 5</p>"
            "</article></main></body></html>")
    assert extract(page, "http://127.0.0.5:8080/tipps/nebelhorn.html").cast == [
        "Ida Berg", "Ole Sand", "Karin Lund", "Per Holm", "Ulla Ek"]


def test_an_info_line_of_credit_sentences_after_an_availability_sentence_is_read() -> None:
    info = ("<p class='infobox'><strong>Foghorn is in cinemas from Friday. Written and directed by Mara Lindqvist. "
            "With Ida Berg, Ole Sand. Cert 15, 98 mins. Sweden 2023</strong></p>")
    page = _en(f"<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{info}", "<h1>Foghorn review – cold and beautiful</h1>",
               title="Foghorn review")
    record = extract(page, "http://127.0.0.5:8080/culture/film/foghorn-review/")
    assert (record.year, record.directors, record.cast) == (2023, ["Mara Lindqvist"], ["Ida Berg", "Ole Sand"])

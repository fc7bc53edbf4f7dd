"""Failure patterns of held-out set 10, on pages of our own: a box about another film (a remake's credit line, a
teaser of another review with its score) beside the review, stars in the standfirst or closing the headline, a
letter grade in its own element, romanised original titles, country release rows and a "Where" row, an event or
section name before the film in the headline, "on general release" / "in selected cinemas"."""
from __future__ import annotations

from scraper.extract import extract

PROSE_EN = ("Foghorn follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does herself.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene time, and the music never pushes "
             "itself forward, so that one follows the story with held breath to the very end.")
PROSE_DE = ("„Nebelhorn“ erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste "
            "zurückkehrt und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
PROSE_DE2 = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
             "in den Vordergrund, sodass man dem Geschehen von Nebelhorn gebannt folgt.")


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article>{body}</article></main></body></html>")


FACTS_DE = ("<dl class='daten'><dt>Originaltitel</dt><dd>Mistluren</dd><dt>Land/Jahr</dt><dd>Schweden 2021</dd>"
            "<dt>Regie</dt><dd>Mara Lindqvist</dd><dt>Darsteller</dt><dd>Ida Berg, Ole Sand</dd>"
            "<dt>Genre</dt><dd>Drama</dd></dl>")


def test_a_credit_line_of_another_year_is_another_film_and_no_second_director() -> None:
    remake = ("<div class='box'><h3>Und die Neuverfilmung?</h3><p>Nebelhorn (USA 2024) · Regie: Tom Reed · "
              "mit Ann Berg, Kai Holm · von uns: 2 von 5</p></div>")
    body = (f"<h1>Nebelhorn</h1>{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
            f"<p><strong>Unser Urteil:</strong> 4 von 5</p>{remake}")
    record = extract(_page(body), "http://127.0.0.10:8080/film/nebelhorn.html")
    assert record.is_review, record.verdict
    assert (record.directors, record.year, record.cast) == (["Mara Lindqvist"], 2021, ["Ida Berg", "Ole Sand"])
    # the same line in the same year is the page's own credit: two directors of one year still mean two films
    same = remake.replace("USA 2024", "USA 2021")
    record = extract(_page(f"<h1>Nebelhorn</h1>{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
                           f"<p><strong>Unser Urteil:</strong> 4 von 5</p>{same}"),
                     "http://127.0.0.10:8080/film/nebelhorn.html")
    assert not record.is_review and "directors" in record.verdict
    # a list of dated credit lines, no film year stated apart from them: still several films
    listing = ("<h1>Unsere Lieblinge</h1><p>Nebelhorn (Schweden 2021) · Regie: Mara Lindqvist · mit Ida Berg</p>"
               "<p>Sturmflut (Dänemark 2019) · Regie: Tom Reed · mit Ann Berg</p>"
               f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>")
    assert not extract(_page(listing), "http://127.0.0.10:8080/lieblinge.html").is_review


FACTS_EN = ("<ul class='facts'><li><b>Cast:</b> Ida Berg, Ole Sand</li><li><b>Director:</b> Mara Lindqvist</li>"
            "<li><b>Genre:</b> Drama</li><li><b>Release Date:</b> 14 Mar 2024</li></ul>")


def test_a_teaser_of_another_review_with_its_score_is_no_second_rating() -> None:
    teaser = ("<div class='more-box'><b>READ ALSO:</b> <a href='/reviews/foghorn-original/review/77.html'>Foghorn "
              "(1998) Review</a> – Our Rating: 4.5/5</div>")
    body = (f"<h1>Foghorn Review: a lamp in the dark</h1><div class='score'><b>Our Rating:</b> 3.5/5</div>"
            f"{FACTS_EN}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{teaser}")
    record = extract(_page(body, "en", "Foghorn Review"), "http://127.0.0.10:8080/reviews/foghorn/review/91.html")
    assert record.is_review, record.verdict
    assert record.rating is not None and record.rating.normalized == 70
    # a byline's link before the page's own score leaves the score the page's
    byline = (f"<h1>Foghorn Review</h1><p>Review by <a href='/authors/ann-berg/'>Ann Berg</a> · Our Rating: 3.5/5</p>"
              f"{FACTS_EN}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{teaser}")
    record = extract(_page(byline, "en", "Foghorn Review"), "http://127.0.0.10:8080/reviews/foghorn/review/91.html")
    assert record.is_review and record.rating is not None and record.rating.normalized == 70


def test_stars_set_apart_in_the_standfirst_or_closing_the_headline_are_the_rating() -> None:
    info = ("<div class='info'><p><strong>Director:</strong> Mara Lindqvist</p>"
            "<p><strong>Starring:</strong> Ida Berg, Ole Sand</p><p><strong>Genre:</strong> Drama</p></div>")
    body = (f"<h1>Foghorn review: a lamp in the dark</h1><p class='intro'><span class='stars'>★★★☆☆</span> Mara "
            f"Lindqvist knows the sea; she knows less about her characters</p><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{info}")
    record = extract(_page(body, "en-IE", "Foghorn review"), "http://127.0.0.10:8080/culture/foghorn-review/")
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (3, 5)
    body = (f"<h1>Foghorn: Mara Lindqvist's coastal drama keeps its lamp lit ★★★★☆</h1><p>{PROSE_EN}</p>"
            f"<p>{PROSE_EN2}</p>{info}")
    record = extract(_page(body, "en-IE", "Foghorn"), "http://127.0.0.10:8080/culture/foghorn-lindqvist/")
    assert record.rating is not None and record.rating.normalized == 80
    assert record.title == "Foghorn"


def test_a_letter_grade_in_its_own_element_after_the_verdict_label() -> None:
    def graded(grade: str) -> object:
        box = (f"<div class='verdict'><span class='label'>Verdict</span> <span class='grade'>{grade}</span> "
               "<span class='scale'>letter grade</span></div>")
        table = ("<table><tr><th>Director</th><td>Mara Lindqvist</td></tr><tr><th>Cast</th><td>Ida Berg, Ole Sand"
                 "</td></tr><tr><th>Year</th><td>2021</td></tr></table>")
        return extract(_page(f"<h1>Foghorn</h1>{table}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{box}", "en", "Foghorn"),
                       "http://127.0.0.10:8080/reviews/foghorn/").rating
    a, minus = graded("A"), graded("A\u2212")
    assert a is not None and a.normalized == 100
    assert minus is not None and minus.value == "A-"


def test_romanised_title_rows_name_the_original_title() -> None:
    for label in ("Romaji", "Romanised", "Romanized title"):
        table = (f"<table class='info'><tr><th>{label}</th><td>Kiri no Minato</td></tr><tr><th>Director</th>"
                 "<td>Mara Lindqvist</td></tr><tr><th>Year</th><td>2021</td></tr></table>")
        record = extract(_page(f"<h1>Foghorn</h1>{table}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p>Verdict: 8/10</p>",
                               "en", "Foghorn"), "http://127.0.0.10:8080/reviews/foghorn/")
        assert record.original_title == "Kiri no Minato", label


def test_a_country_release_row_dates_the_film_and_a_where_row_names_the_platform() -> None:
    def rows(where: str) -> object:
        table = ("<table class='info'><tr><th>Director</th><td>Mara Lindqvist</td></tr><tr><th>Cast</th>"
                 "<td>Ida Berg, Ole Sand</td></tr><tr><th>Korean release</th><td>9 October 2022</td></tr>"
                 f"<tr><th>Where</th><td>{where}</td></tr></table>")
        return extract(_page(f"<h1>Foghorn</h1>{table}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p>Verdict: 8/10</p>",
                             "en", "Foghorn"), "http://127.0.0.10:8080/reviews/foghorn/")
    record = rows("Theatrical")
    assert (record.release_date, record.year, record.platform) == ("2022-10-09", 2022, "Kino")
    assert rows("Lecture hall 3").platform is None  # a venue is no platform


def test_an_event_or_section_name_before_the_film_in_the_headline() -> None:
    body = f"<h1>Harbour Nights: Foghorn (2021)</h1>{FACTS_EN}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p>Verdict: 8/10</p>"
    record = extract(_page(body, "en", "Harbour Nights: Foghorn (2021)"),
                     "http://127.0.0.10:8080/harbour-nights/foghorn-2021/")
    assert (record.title, record.year) == ("Foghorn", 2021)
    body = f"<h1>Kultnacht: Nebelhorn</h1>{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    assert extract(_page(body, "de", "Kultnacht: Nebelhorn"), "http://127.0.0.10:8080/film/nebelhorn.html").title == \
        "Nebelhorn"
    # a title with a colon whose slug spells it whole stays whole
    body = f"<h1>Glass Harbor: Winter</h1>{FACTS_EN}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
    assert extract(_page(body, "en", "Glass Harbor: Winter"),
                   "http://127.0.0.10:8080/reviews/glass-harbor-winter/").title == "Glass Harbor: Winter"


def test_general_release_and_selected_cinemas_mean_the_cinema() -> None:
    info = ("<div class='info'><p><strong>Director:</strong> Mara Lindqvist</p>"
            "<p><strong>Starring:</strong> Ida Berg, Ole Sand</p></div>")
    for line in ("Certificate 15A, on general release from Friday", "Opens on Friday in selected cinemas"):
        body = f"<h1>Foghorn review</h1><p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p><em>{line}</em></p>{info}"
        record = extract(_page(body, "en-IE", "Foghorn review"), "http://127.0.0.10:8080/culture/foghorn-review/")
        assert record.platform == "Kino", line


def test_a_start_worked_out_from_a_weekday_gives_no_film_year() -> None:
    info = ("<div class='info'><p><strong>Director:</strong> Mara Lindqvist</p>"
            "<p><strong>Starring:</strong> Ida Berg, Ole Sand</p></div>")
    body = (f"<h1>Foghorn review</h1><p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p><em>In cinemas from Friday</em></p>"
            f"{info}<p>Rating: 4/5</p>")
    record = extract(_page(body, "en-IE", "Foghorn review"), "http://127.0.0.10:8080/film/2024/02/22/foghorn-review/")
    assert record.release_date == "2024-02-23"  # the Friday after the publication date (an earlier rule)
    assert record.year is None  # that run's year is no statement of the film's
    # a start the page states still gives the year
    stated = body.replace("In cinemas from Friday", "In cinemas from 23 February 2024")
    assert extract(_page(stated, "en-IE", "Foghorn review"),
                   "http://127.0.0.10:8080/film/2024/02/22/foghorn-review/").year == 2024

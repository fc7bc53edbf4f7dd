"""Failure patterns of held-out set 9, on pages of our own: scores drawn as smiley or thumb images and as a CSS
width bar, an age recommendation beside the FSK, a kids' jury kicker before the title, an audience score line, a
letter grade captioned after it, and a credits row whose labels are elements of their own."""
from __future__ import annotations

from scraper.extract import extract
from scraper.normalize.title import clean_title

PROSE_DE = ("„Kranichzug“ erzählt von zwei Geschwistern, die im Herbst einem verletzten Kranich folgen und dabei "
            "quer durch das halbe Land reisen, immer einen Tag hinter dem Schwarm und ihrer eigenen Angst.")
PROSE_DE2 = ("Die Bilder sind weit und ruhig, die Musik bleibt leise, und die beiden jungen Darsteller tragen den "
             "Film mit einer Natürlichkeit, die man bei Kranichzug nicht erwartet hätte.")
PROSE_EN = ("Crane Season follows two siblings who trail an injured crane across the country one autumn, always "
            "a day behind the flock and a step behind their own fear of what waits at home.")
PROSE_EN2 = ("The images are wide and calm, the score stays quiet, and the two young leads carry Crane Season with "
             "an ease that nobody would have expected from a debut of this size.")
FACTS_DE = ("<table class='steck'><tr><th>Originaltitel</th><td>Crane Season</td></tr>"
            "<tr><th>Produktionsland / -jahr</th><td>Dänemark 2023</td></tr>"
            "<tr><th>Regie</th><td>Mara Lindqvist</td></tr><tr><th>Kinostart</th><td>12. Oktober 2023</td></tr></table>")


def _page(body: str, lang: str = "de", title: str = "Kranichzug") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"{body}</main></body></html>")


def _icons(names: list[str], box: str = "<span class='icons' title='Unsere Bewertung'>{}</span>") -> str:
    return box.format("".join(f"<img src='/img/wertung/{n}.svg' alt='' width='20'>" for n in names))


def test_smiley_images_are_the_rating_and_make_the_page_a_review() -> None:
    smileys = _icons(["smiley-voll", "smiley-voll", "smiley-voll", "smiley-halb", "smiley-leer"])
    body = (f"<h1>Kranichzug</h1><div class='wertung'>So finden wir ihn: {smileys}</div>{FACTS_DE}"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>")
    record = extract(_page(body), "http://127.0.0.9:8080/filme/kranichzug/")
    assert record.rating is not None and record.rating.normalized == 70.0  # 3.5 of 5 smileys
    assert record.is_review, record.verdict  # the score is the page's evidence of a review


def test_thumb_images_rate_on_the_number_of_thumbs() -> None:
    thumbs = _icons(["daumen-hoch", "daumen-hoch", "daumen-grau"], "<div class='bewertung'><span>{}</span></div>")
    body = f"<h1>Kranichzug</h1>{thumbs}{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    record = extract(_page(body), "http://127.0.0.9:8080/jury/kranichzug/")
    assert record.rating is not None and record.rating.normalized == 66.7  # 2 of 3 thumbs


def test_a_css_width_star_bar_is_the_rating() -> None:
    bar = ("<div class='rating'><span>Unser Urteil:</span> <div class='starbar' aria-hidden='true'>"
           "<div class='starbar__bg'><div class='starbar__fill' style='width: 80%'></div></div></div></div>")
    body = f"<h1>Kranichzug</h1>{bar}{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    record = extract(_page(body), "http://127.0.0.9:8080/kino/kranichzug/")
    assert record.rating is not None and record.rating.normalized == 80.0
    assert record.rating.value == 4 and record.rating.scale == 5
    # the readers' bar (its label names them) is not the page's score
    readers = bar.replace("Unser Urteil:", "Leser:").replace("80%", "40%")
    record = extract(_page(f"<h1>Kranichzug</h1>{readers}{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"),
                     "http://127.0.0.9:8080/kino/kranichzug/")
    assert record.rating is None


def test_an_age_recommendation_is_no_fsk() -> None:
    facts = FACTS_DE.replace("</table>", "<tr><th>Altersempfehlung</th><td>ab 6 Jahren</td></tr></table>")
    body = f"<h1>Kranichzug</h1><p>Bewertung: 4 von 5</p>{facts}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    record = extract(_page(body), "http://127.0.0.9:8080/filme/kranichzug/")
    assert record.fsk is None
    facts = FACTS_DE.replace("</table>", "<tr><th>FSK</th><td>0</td></tr><tr><th>Pädagogische Empfehlung</th>"
                                         "<td>ab 10 Jahren</td></tr></table>")
    record = extract(_page(f"<h1>Kranichzug</h1><p>Bewertung: 4 von 5</p>{facts}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"),
                     "http://127.0.0.9:8080/filme/kranichzug/")
    assert record.fsk == 0  # the FSK row is read, the recommendation beside it is not


def test_a_reviewer_group_kicker_before_the_colon_is_no_title() -> None:
    assert clean_title("Kinderjury-Kritik: Kranichzug") == "Kranichzug"
    assert clean_title("Schüler-Rezension: Crane Season") == "Crane Season"
    assert clean_title("Kranichzug-Kritik: Flügel im Wind") == "Kranichzug"  # a film's compound names the film
    body = f"<h1>Kinderjury-Kritik: Kranichzug</h1><p>Bewertung: 4 von 5</p>{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    record = extract(_page(body, title="Kinderjury-Kritik: Kranichzug"), "http://127.0.0.9:8080/jury/kranichzug/")
    assert record.title == "Kranichzug"


def test_an_audience_score_line_is_not_the_rating() -> None:
    body = (f"<h1>Kranichzug</h1>{FACTS_DE}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
            "<div class='crowd'>Community: ★ 3.9 (214)</div>")
    record = extract(_page(body, title="Kranichzug – Kritik"), "http://127.0.0.9:8080/kritik/kranichzug/")
    assert record.rating is None
    body = body.replace("Community", "Readers")
    assert extract(_page(body, title="Kranichzug – Kritik"), "http://127.0.0.9:8080/kritik/kranichzug/").rating is None


def test_a_letter_grade_captioned_after_the_score() -> None:
    score = "<div class='score'><span class='score__v'>A-</span><span class='score__cap'>Our grade</span></div>"
    facts = "<dl><dt>Year</dt><dd>2023</dd><dt>Genre</dt><dd>Drama</dd></dl>"
    body = f"<h1>Crane Season review: a long way south</h1>{score}{facts}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
    record = extract(_page(body, "en", "Crane Season review"), "http://127.0.0.9:8080/review/crane-season/")
    assert record.rating is not None and record.rating.value == "A-"


def test_a_credits_row_with_labels_as_elements_reads_label_by_label() -> None:
    crew = ("<div class='people'><span class='people__k'>Director</span> Mara Lindqvist "
            "<span class='people__k'>Cast</span> <span class='p'>Ida Berg</span><span class='p'>Ole Sand</span>"
            "<span class='p'>Karin Lund</span></div>")
    facts = "<dl><dt>Year</dt><dd>2023</dd><dt>Genre</dt><dd>Drama</dd></dl>"
    body = (f"<h1>Crane Season</h1><p>Rating: 4/5</p>{facts}<p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{crew}")
    record = extract(_page(body, "en", "Crane Season review"), "http://127.0.0.9:8080/review/crane-season/")
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Ida Berg", "Ole Sand", "Karin Lund"]
    # German labels, two directors
    crew_de = ("<div class='crew'><span class='crew__l'>Regie</span> Mara Lindqvist, Jon Aasen "
               "<span class='crew__l'>Besetzung</span> <span>Ida Berg</span><span>Ole Sand</span></div>")
    body = f"<h1>Kranichzug</h1><p>Bewertung: 4 von 5</p><p>Jahr: 2023</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{crew_de}"
    record = extract(_page(body), "http://127.0.0.9:8080/kritik/kranichzug/")
    assert record.directors == ["Mara Lindqvist", "Jon Aasen"]
    assert record.cast == ["Ida Berg", "Ole Sand"]

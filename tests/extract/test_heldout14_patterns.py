"""Failure patterns of held-out set 14, on pages of our own: a disc review site's score box (Film / Bild / Ton /
Extras / Gesamt), its edition furniture in headlines and its "Medium:" row."""
from __future__ import annotations

from scraper.extract import extract

PROSE_DE = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste "
            "zurückkehrt und dort einem Fremden begegnet, der mehr über ihre Familie zu wissen scheint als sie.")
PROSE_DE2 = ("Die neue Abtastung zeigt feines Korn, der Ton bleibt in den ruhigen Szenen klar, und das "
             "Bonusmaterial ist ordentlich, wenn auch nicht üppig ausgefallen.")
URL = "http://127.0.0.14:8080/tests/nebelhorn/"


def _disc_page(box: str, h1: str = "Nebelhorn (4K UHD Blu-ray) im Test", medium: str = "4K UHD Blu-ray + Blu-ray",
               jsonld: str = "") -> str:
    return (f"<html lang='de'><head><meta charset='utf-8'><title>{h1} | Discprobe</title>{jsonld}</head><body>"
            f"<main><article><h1>{h1}</h1>"
            "<table><tr><th>Originaltitel</th><td>Foghorn</td></tr><tr><th>Produktionsjahr</th><td>2021</td></tr>"
            "<tr><th>Regie</th><td>Mara Lindqvist</td></tr>"
            f"<tr><th>Medium</th><td>{medium}</td></tr></table>"
            f"<h2>Der Film</h2><p>{PROSE_DE}</p><h2>Bild und Ton</h2><p>{PROSE_DE2}</p>{box}"
            "</article></main></body></html>")


TABLE_BOX = ("<div class='score'><h3>Unsere Wertung</h3><table><tr><th>Film</th><td>6/10</td></tr>"
             "<tr><th>Bild</th><td>9/10</td></tr><tr><th>Ton</th><td>8/10</td></tr>"
             "<tr><th>Extras</th><td>7/10</td></tr><tr><th>Gesamtwertung</th><td><b>8/10</b></td></tr></table></div>")
LINE_BOX = ("<p><b>Movie:</b> 3.5/5<br><b>Video:</b> 5/5<br><b>Audio:</b> 4.5/5<br><b>Extras:</b> 2/5<br>"
            "<b>Overall:</b> 4/5</p>")
PRODUCT_LD = ("<script type='application/ld+json'>{\"@context\": \"https://schema.org\", \"@type\": \"Review\", "
              "\"itemReviewed\": {\"@type\": \"Movie\", \"name\": \"Nebelhorn\"}, \"reviewRating\": "
              "{\"@type\": \"Rating\", \"ratingValue\": 8, \"bestRating\": 10}}</script>")


def test_the_film_row_of_a_disc_score_box_is_the_rating_not_the_overall_disc_score() -> None:
    record = extract(_disc_page(TABLE_BOX), URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (6, 10)
    # English rows as "Label: score" lines
    record = extract(_disc_page(LINE_BOX), URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (3.5, 5)
    # also when structured data carries the overall score
    record = extract(_disc_page(TABLE_BOX, jsonld=PRODUCT_LD), URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (6, 10)


def test_a_plain_overall_score_of_a_film_review_stays_its_rating() -> None:
    box = "<p><b>Gesamtwertung:</b> 8/10</p>"
    record = extract(_disc_page(box, h1="Nebelhorn – Kritik", medium="Kino"), URL)
    assert record.rating is not None and record.rating.value == 8
    # a Film row alone, without picture, sound and extras, is no breakdown
    box = "<table><tr><th>Film</th><td>6/10</td></tr><tr><th>Gesamtwertung</th><td>8/10</td></tr></table>"
    record = extract(_disc_page(box, h1="Nebelhorn – Kritik", medium="Kino"), URL)
    assert record.rating is not None and record.rating.value == 8


def test_disc_edition_furniture_leaves_the_headline() -> None:
    for h1 in ("Nebelhorn (4K UHD Blu-ray) im Test", "Nebelhorn – 4K-UHD-Test", "Nebelhorn: 4K-Disc im Test",
               "Nebelhorn auf Blu-ray: Testbericht", "Nebelhorn – Blu-ray Review", "Nebelhorn (DVD)"):
        assert extract(_disc_page(TABLE_BOX, h1=h1), URL).title == "Nebelhorn", h1


def test_a_disc_medium_row_gives_the_disc_platform() -> None:
    for medium in ("4K UHD Blu-ray + Blu-ray", "4K UHD Blu-ray", "Blu-ray", "DVD"):
        assert extract(_disc_page(TABLE_BOX, h1="Nebelhorn", medium=medium), URL).platform == "DVD/Blu-ray", medium
    # a medium the vocabulary does not know names no platform
    assert extract(_disc_page(TABLE_BOX, h1="Nebelhorn", medium="Steelbook"), URL).platform is None


def _blog_post(h1: str, name_line: str = "") -> str:
    return (f"<html lang='de'><head><meta charset='utf-8'><title>{h1} | Kinoblatt</title></head><body><main>"
            f"<h1 data-hook='post-title'>{h1}</h1><p>{PROSE_DE}</p>{name_line}<p>Jahr: 2021</p>"
            f"<p>Regie: Mara Lindqvist</p><p>Genre: Drama</p><p>{PROSE_DE2}</p><p>Meine Wertung: 7/10</p>"
            "</main></body></html>")


def test_an_essay_subtitle_leaves_the_headline_when_the_slug_or_a_line_names_the_film_alone() -> None:
    h1 = "Nebelhorn – Ein Sturm über dem kalten Meer"
    assert extract(_blog_post(h1), "http://127.0.0.14:8080/post/nebelhorn-kritik").title == "Nebelhorn"
    assert extract(_blog_post(h1, "<p>Nebelhorn</p>"), "http://127.0.0.14:8080/post/p-1234").title == "Nebelhorn"
    h1 = "Nebelhorn: Wer hat das Licht gelöscht?"
    assert extract(_blog_post(h1), "http://127.0.0.14:8080/post/nebelhorn").title == "Nebelhorn"
    # a short subtitle of names stays part of the title, and without the slug or line the headline stays whole
    h1 = "Nebelhorn – Die Nacht des Sturms"
    assert extract(_blog_post(h1), "http://127.0.0.14:8080/post/nebelhorn").title == h1
    h1 = "Nebelhorn – Ein Sturm über dem kalten Meer"
    assert extract(_blog_post(h1), "http://127.0.0.14:8080/post/p-1234").title == h1


def test_a_review_declining_to_give_points_is_a_review_without_a_rating() -> None:
    page = _blog_post("Nebelhorn").replace("<p>Meine Wertung: 7/10</p>",
                                           "<p>Für diesen Film vergebe ich bewusst keine Punkte, er lässt sich nicht "
                                           "messen.</p>")
    record = extract(page, "http://127.0.0.14:8080/post/nebelhorn")
    assert record.is_review and record.rating is None


def _card(slug: str, name: str) -> str:
    return (f"<div class='card'><a href='/post/{slug}'><h2>{name}</h2></a><p>{PROSE_DE[:90]} …</p>"
            "<span class='likes'>12</span></div>")


def test_a_list_of_post_cards_is_no_review() -> None:
    cards = _card("nebelhorn-kritik", "Nebelhorn – Kritik") + _card("wellenbrecher", "Wellenbrecher") + \
        _card("kinotagebuch-3", "Kinotagebuch, Tag 3: Regie: Mara Lindqvist. Kinostart: 12.03.2024")
    page = (f"<html lang='de'><head><title>Kinoblatt | Filmkritiken</title></head><body><main>{cards}"
            f"<p>{PROSE_DE}</p><p>Regie: Mara Lindqvist</p><p>Kinostart: 12.03.2024</p></main></body></html>")
    record = extract(page, "http://127.0.0.14:8080/blog")
    assert not record.is_review and "post cards" in record.verdict
    # a review with its own <h1> keeps its verdict beside linked headings below it
    review = _blog_post("Nebelhorn – Kritik").replace("</main>", cards + "</main>")
    assert extract(review, "http://127.0.0.14:8080/post/nebelhorn-kritik").is_review


def test_list_items_of_several_rated_films_make_a_news_item_no_review() -> None:
    items = ("<ul><li>Nebelhorn (Schweden 2021) – Filmwertung: 8/10</li><li>Wellenbrecher (USA 1994) – Film: 70 %</li>"
             "<li>Salzwiesen (2003) – Film: 3 von 5</li></ul>")
    page = (f"<html lang='de'><head><title>Neue Editionen | Discprobe</title></head><body><main><article>"
            f"<h1>Neue Editionen im Frühjahr: drei Klassiker</h1><p>{PROSE_DE}</p>{items}<p>{PROSE_DE2}</p>"
            "<p>Regie: Mara Lindqvist, Genre: Drama</p></article></main></body></html>")
    assert not extract(page, "http://127.0.0.14:8080/news/editionen/").is_review
    # items linking to the films' own pages are a teaser list beside a review, which stays one
    linked = ("<ul><li><a href='/film/wellenbrecher/'>Wellenbrecher</a> (USA 1994) ●●●●○○</li>"
              "<li><a href='/film/salzwiesen/'>Salzwiesen</a> (D 2003) ●●●○○○</li></ul>")
    review = _blog_post("Nebelhorn – Kritik").replace("</main>", linked + "</main>")
    assert extract(review, "http://127.0.0.14:8080/post/nebelhorn-kritik").is_review
    # nor does a box of other films under a subheading of its own
    box = ("<h3>Die Reihe im Überblick</h3><ul><li>Wellenbrecher (1994) – 7/10</li><li>Salzwiesen (2003) – 6/10</li>"
           "</ul>")
    review = _blog_post("Nebelhorn – Kritik").replace("</main>", box + "</main>")
    assert extract(review, "http://127.0.0.14:8080/post/nebelhorn-kritik").is_review

"""Failure patterns of held-out set 8, on pages of our own: a spec strip of keyed spans, an age-rating badge
image, a cinema's box of its other films and its press quotes, a broadcaster's tip column (signed, unscored) and
its round-up of the week's films, a broadcast date, a Soviet production, a home-video label."""
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


def _page(body: str, lang: str = "de", title: str = "Nebelhorn", head: str = "") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>{head}</head><body><main>"
            f"<article>{body}</article></main></body></html>")


def test_a_spec_strip_of_keyed_spans_reads_each_item_on_its_own() -> None:
    spec = ("<div class='spec'><span class='spec__item'><em>Directed by</em> Mara Lindqvist</span>"
            "<span class='spec__item'><em>Voice cast</em> Ida Berg, Ole Sand, Karin Lund</span>"
            "<span class='spec__item'><em>Genre</em> Drama, Thriller</span>"
            "<span class='spec__item'><em>Country</em> Sweden (2023)</span>"
            "<span class='spec__item'><em>Runtime</em> 104 mins</span>"
            "<span class='spec__item'><em>Streaming</em> Netflix from 06/09/2024</span></div>")
    body = (f"<h1>Foghorn review: a lamp in the dark</h1><p>By Tom Reed · Published 02/10/2024</p>{spec}"
            f"<p>{PROSE_EN}</p><p>{PROSE_EN2}</p><div class='verdict'><h3>The verdict</h3><span>4/5</span></div>")
    record = extract(_page(body, "en-AU", "Foghorn review"), "http://127.0.0.8:8080/review/foghorn-review/")
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Ida Berg", "Ole Sand", "Karin Lund"]
    assert record.genres == ["drama", "thriller"]
    assert record.year == 2023
    assert (record.platform, record.release_date) == ("Netflix", "2024-09-06")  # day first outside the US
    # spans with an emphasis first but text between them are prose, not a spec strip
    para = ("<p><span><b>Foghorn</b> is a quiet film</span>, and <span><b>Mara Lindqvist</b> directs it</span> "
            "with a patient hand that lets every long shot breathe on the cold northern coast.</p>")
    record = extract(_page(f"<h1>Foghorn</h1>{para}<p>{PROSE_EN}</p><p>Regie: Mara Lindqvist</p>", "en", "Foghorn"),
                     "http://127.0.0.8:8080/foghorn/")
    assert record.directors == ["Mara Lindqvist"]


def _cinema(critic: str, extra: str = "") -> str:
    return _page(
        "<div class='head'><h1>Nebelhorn</h1><ul class='badges'><li><img src='/fsk/12.svg' alt='FSK 12'></li>"
        "<li>104 Min.</li><li>Drama</li><li>Kinostart: 14.03.2024</li></ul></div>"
        "<div class='credits'><h4>Regie</h4><p>Mara Lindqvist</p><h4>Mit</h4><p>Ida Berg, Ole Sand</p></div>"
        f"<section class='critic'><h2>Unsere Kritik</h2>{critic}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p></section>"
        "<section><h2>Pressestimmen</h2><blockquote><p>„Ein leiser Sog.“</p><cite>Tageskurier – 5/5</cite>"
        "</blockquote></section>"
        "<section><h2>Ebenfalls im Programm</h2><ul><li><a href='/film/sturmflut/'>Sturmflut</a> "
        f"<span>FSK 6 · Kinostart: 01.02.2024</span></li></ul></section>{extra}")


def test_an_age_rating_badge_image_is_the_fsk_and_the_other_films_box_is_not() -> None:
    record = extract(_cinema("<img src='/stars/4.svg' alt='Bewertung: 4 von 5 Sternen'>"),
                     "http://127.0.0.8:8080/film/nebelhorn/")
    assert record.is_review
    assert record.fsk == 12
    assert record.rating is not None and record.rating.value == 4


def test_press_quotes_with_other_outlets_scores_give_no_rating() -> None:
    record = extract(_cinema("<p>Sterne vergeben wir für diesen Film bewusst nicht.</p>"),
                     "http://127.0.0.8:8080/film/nebelhorn/")
    assert record.rating is None
    assert record.fsk == 12


def _tip(byline: str, info: str, head: str = "") -> str:
    return _page(f"<p class='kicker'>Fernsehtipp</p><h1>„Nebelhorn“: Licht über dem Meer</h1>{byline}"
                 f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><div class='infobox'><h2>Filminfo</h2><p>{info}</p></div>",
                 title="„Nebelhorn“: Licht über dem Meer", head=head)


INFO = ("„Nebelhorn“ (Originaltitel: „Туманный горн“), Sowjetunion 1979, 104 Minuten, Regie: Mara Lindqvist, mit "
        "Ida Berg und Ole Sand. Sendetermin: Sonntag, 9. März 2025, 23:35 Uhr im Fernsehen.")


def test_a_signed_tip_column_is_a_review_and_its_broadcast_is_no_release() -> None:
    record = extract(_tip("<p class='meta'>Von Jana Feld <span>Stand: 07.03.2025 16:45 Uhr</span></p>", INFO),
                     "http://127.0.0.8:8080/kultur/fernsehtipp-nebelhorn-100.html")
    assert record.is_review, record.verdict
    assert record.rating is None
    assert record.year == 1979  # "Sowjetunion 1979"
    assert (record.platform, record.release_date) == ("TV", None)
    # a cinema's "Unser Filmtipp" over its programme names no writer: no review (a Movie's JSON-LD author is
    # its screenwriter); the article's author in JSON-LD signs it
    movie = ('<script type="application/ld+json">{"@type": "Movie", "name": "Nebelhorn", '
             '"author": {"@type": "Person", "name": "Ole Sand"}}</script>')
    url = "http://127.0.0.8:8080/kultur/fernsehtipp-nebelhorn-100.html"
    assert not extract(_tip("", INFO, movie), url).is_review
    article = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Nebelhorn", '
               '"author": {"@type": "Person", "name": "Jana Feld"}}</script>')
    assert extract(_tip("", INFO, article), url).is_review


def test_a_round_up_with_a_heading_per_film_is_no_review() -> None:
    body = ("<p class='kicker'>Kinostarts</p><h1>Die Kinostarts der Woche: Nebelhorn, Sturmflut und mehr</h1>"
            f"<h2>„Nebelhorn“</h2><p>{PROSE_DE} Deutschland 2024, 104 Minuten, FSK 12.</p>"
            "<h2>„Sturmflut“</h2><p>Ein Katastrophenfilm mit viel Wasser und wenig Sinn, den man schnell vergisst. "
            "Kinostart war bereits am 14. März 2024. Unser Urteil: <span aria-label='2 von 5 Punkten'>●●○○○</span></p>")
    record = extract(_page(body, title="Die Kinostarts der Woche"), "http://127.0.0.8:8080/kultur/kinostarts-100.html")
    assert not record.is_review
    assert "headings of 2 films" in record.verdict
    # quoted sentences as sub-headings of one review are pull quotes, not films
    quotes = (f"<p class='meta'>Von Jana Feld</p><h1>Nebelhorn</h1><h2>„Das Meer ist hier die Hauptfigur.“</h2>"
              f"<p>{PROSE_DE}</p><h2>„Am Ende bleibt nur das Licht, und das genügt.“</h2><p>{PROSE_DE2}</p>"
              "<p>Regie: Mara Lindqvist</p><p>Schweden 2024</p><p>Wertung: 8/10</p>")
    assert extract(_page(quotes), "http://127.0.0.8:8080/kritik/nebelhorn/").is_review


def test_a_home_video_label_names_the_disc_release() -> None:
    facts = ("<aside class='facts'><h3>Filmdaten</h3><div><span class='l'>Land/Jahr</span> <span>Schweden 2003</span>"
             "</div><div><span class='l'>Regie</span> <span>Mara Lindqvist</span></div><div><span class='l'>Heimkino"
             "</span> <span>4K UHD + Blu-ray, ab sofort im Handel</span></div></aside>")
    body = (f"<h1>Nebelhorn</h1><p>Von Jana Feld · 12.09.2024</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{facts}"
            "<p>Wertung: 8/10</p>")
    record = extract(_page(body), "http://127.0.0.8:8080/heimkino/nebelhorn-a1/")
    assert (record.platform, record.release_date) == ("DVD/Blu-ray", None)

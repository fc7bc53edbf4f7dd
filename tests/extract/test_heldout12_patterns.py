"""Failure patterns of held-out set 12, on pages of our own: a newsletter issue whose single item is a teaser of
the film's review on its own page, a score widget stated only in the aria-label of an icon row (role="img"), a
trade paper's "A Netflix release." credit, and a "Director, writer: X" credit."""
from __future__ import annotations

import pytest

from scraper.extract import extract

PROSE_DE = ("Eine Leuchtturmwärterin kehrt nach dem Tod ihres Bruders an die Küste zurück und trifft dort einen "
            "Fremden, der mehr über ihre Familie zu wissen scheint als sie selbst.")
PROSE_DE2 = ("Mara Lindqvist lässt den Bildern Zeit, der Wind ist lauter als jeder Dialog, und Ida Berg spielt "
             "die Heimkehrerin mit einer Ruhe, die lange nachwirkt.")
PROSE_EN = ("Foghorn follows a lighthouse keeper who returns to the coast after her brother's death and meets a "
            "stranger there who seems to know more about her family than she does herself.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene time, and the music never pushes "
             "itself forward, so that one follows the story with held breath to the very end.")
FACTS_DE = ("<ul class='fakten'><li><b>Wo:</b> Netflix</li><li><b>Produktionsjahr:</b> 2023</li>"
            "<li><b>Regie:</b> Mara Lindqvist</li><li><b>Mit:</b> Ida Berg, Ole Sand</li>"
            "<li><b>Genre:</b> Drama</li></ul>")
METER = ("<p class='wert'>Kinometer <span class='meter' role='img' aria-label='3,5 von 5 Kinometer-Punkten'>"
         "<i class='dot on'></i><i class='dot on'></i><i class='dot on'></i><i class='dot half'></i>"
         "<i class='dot off'></i></span></p>")


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"{body}</main></body></html>")


def _item(extra: str = "") -> str:
    return (f"<div class='item' id='nebelhorn'><p class='kicker'>Kurzkritik · Neu bei Netflix</p><h2>Nebelhorn</h2>{FACTS_DE}"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{METER}{extra}</div>")


def test_a_newsletter_issue_whose_one_item_teases_the_films_own_review_page_is_no_review() -> None:
    more = "<p class='mehr'><a href='/kritik/nebelhorn/?utm_source=brief'>Zur Einzelkritik →</a></p>"
    issue = _page("<h1>Ausgabe 12/2024</h1><p>Hallo zusammen, hier kommt der Tipp der Woche für euch.</p>"
                  f"{_item(more)}<p>Bis nächste Woche!</p>", title="Ausgabe 12/2024")
    assert not extract(issue, "http://127.0.0.12:8080/ausgabe/2024-12/").is_review
    # the item's heading linking to that page is the same teaser
    linked = _item().replace("<h2>Nebelhorn</h2>", "<h2><a href='/kritik/nebelhorn/'>Nebelhorn</a></h2>")
    assert not extract(_page(f"<h1>Ausgabe 12/2024</h1>{linked}", title="Ausgabe 12/2024"),
                       "http://127.0.0.12:8080/ausgabe/2024-12/").is_review
    # the permalink itself, which links back to its issue, is the review
    own = _page("<p>Aus <a href='/ausgabe/2024-12/#nebelhorn'>Ausgabe 12/2024</a></p>"
                + _item().replace("<h2>", "<h1>").replace("</h2>", "</h1>"))
    record = extract(own, "http://127.0.0.12:8080/kritik/nebelhorn/")
    assert record.is_review and record.title == "Nebelhorn"
    # a review that ends with a teaser of another film's review stays a review
    other = ("<div class='tipp'><h3>Sturmflut</h3><p>Ein Sturm, ein Dorf und drei Tage ohne Strom.</p>"
             "<p><a href='/kritik/sturmflut/'>Zur Einzelkritik →</a></p></div>")
    record = extract(_page(_item().replace("<h2>", "<h1>").replace("</h2>", "</h1>") + other),
                     "http://127.0.0.12:8080/kritik/nebelhorn/")
    assert record.is_review and record.title == "Nebelhorn"


FACTS_EN = ("<ul class='facts'><li><b>Where to watch:</b> Netflix</li><li><b>Year:</b> 2023</li>"
            "<li><b>Director:</b> Mara Lindqvist</li><li><b>Cast:</b> Ida Berg, Ole Sand</li>"
            "<li><b>Genre:</b> Drama</li><li><b>Rating:</b> 4/5</li></ul>")


@pytest.mark.parametrize("more", ["<p><a href='/reviews/foghorn-review/'>Read the full review</a></p>",
                                  "<p><a href='/reviews/foghorn/'>Our full review of Foghorn →</a></p>"])
def test_an_english_digest_whose_one_item_links_to_the_films_full_review_is_no_review(more: str) -> None:
    body = (f"<h1>This week's pick</h1><p>Hello everyone, here is this week's tip.</p><div class='item'>"
            f"<h3>Foghorn</h3><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>{FACTS_EN}{more}</div>")
    assert not extract(_page(body, "en", "This week's pick"), "http://127.0.0.12:8080/newsletter/2024-03/").is_review


def test_the_teased_review_slug_may_write_umlauts_as_two_letters() -> None:
    item = _item("<p><a href='/kritik/fallende-blaetter/'>Zur Einzelkritik →</a></p>").replace(
        "<h2>Nebelhorn</h2>", "<h2>Fallende Blätter</h2>")
    issue = _page(f"<h1>Ausgabe 38/2023</h1>{item}", title="Ausgabe 38/2023")
    assert not extract(issue, "http://127.0.0.12:8080/ausgabe/2023-38/").is_review

def test_a_film_heading_linking_to_the_films_database_page_is_no_teaser() -> None:
    # the link leads to the film's page, not to a review: the review below the heading stays a review
    body = ("<h1>Kritik der Woche</h1><h2><a href='/film/nebelhorn/'>Nebelhorn</a></h2>"
            + _item().replace("<h2>Nebelhorn</h2>", ""))
    record = extract(_page(body, title="Kritik der Woche: Nebelhorn"), "http://127.0.0.12:8080/kritik/woche-12/")
    assert record.is_review

def test_a_score_widget_stated_only_in_the_aria_label_of_an_icon_row_is_the_rating() -> None:
    record = extract(_page(_item().replace("<h2>", "<h1>").replace("</h2>", "</h1>")),
                     "http://127.0.0.12:8080/kritik/nebelhorn/")
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (3.5, 5)
    # the readers' row beside the votes is theirs, not the page's
    readers = METER.replace("3,5 von 5", "2 von 5").replace("Kinometer <", "Leserschnitt (48 Stimmen) <")
    body = _item().replace(METER, readers).replace("<h2>", "<h1>").replace("</h2>", "</h1>")
    assert extract(_page(body), "http://127.0.0.12:8080/kritik/nebelhorn/").rating is None


def _trade(production: str, crew: str = "Director: Mara Lindqvist. Screenplay: Ole Sand.") -> str:
    return _page(f"<article><h1>‘Foghorn’ Review: A Lamp in the Dark</h1><p>By Tom Reed</p><p>{PROSE_EN}</p>"
                 f"<p>{PROSE_EN2}</p><p><strong>Reviewed at Berlin Film Festival (Panorama), Feb. 18, 2024. "
                 f"Running time: 104 MIN.</strong></p><p><strong>Production:</strong> {production}</p>"
                 f"<p><strong>Crew:</strong> {crew}</p><p><strong>With:</strong> Ida Berg, Ole Sand, Karin Lund.</p>"
                 "</article>", "en", "‘Foghorn’ Review: A Lamp in the Dark")


def test_a_trade_credit_naming_a_streaming_service_as_the_release_is_the_platform() -> None:
    url = "http://127.0.0.12:8080/2024/film/reviews/foghorn-review-1234/"
    assert extract(_trade("A Netflix release."), url).platform == "Netflix"
    assert extract(_trade("(Sweden) A Prime Video release of a Northlight production."), url).platform == \
        "Prime Video"
    # a distributor, or several, is no platform
    assert extract(_trade("A Searchlight Pictures release of a Northlight production."), url).platform is None
    assert extract(_trade("An Apple Original Films, Paramount Pictures release."), url).platform is None



@pytest.mark.parametrize(("production", "platform"), [
    ("A Disney+ release of a Northlight production in association with Sand Films.", "Disney+"),
    ("A Paramount+ release.", "Paramount+"),
    ("Released by MUBI.", "MUBI"),
    ("An Amazon MGM Studios release.", None),      # a studio whose name starts with a service's alias
    ("A Neon release of a Northlight production.", None),
    ("A theatrical release.", None),               # a cinema release names no service
])
def test_the_release_credit_names_a_service_only_when_the_whole_company_is_one(production: str,
                                                                             platform: str | None) -> None:
    assert extract(_trade(production), "http://127.0.0.12:8080/2024/film/reviews/foghorn-1/").platform == platform

def test_a_director_writer_credit_joined_by_a_comma_names_the_director_and_the_writer() -> None:
    url = "http://127.0.0.12:8080/2024/film/reviews/foghorn-review-1234/"
    record = extract(_trade("A Northlight production.", "Director, writer: Mara Lindqvist. Camera: Ole Sand."), url)
    assert record.directors == ["Mara Lindqvist"]
    assert record.writers == ["Mara Lindqvist"]


@pytest.mark.parametrize("crew", [
    "Writer, director: Mara Lindqvist. Editor: Ole Sand.",
    "Director/Writer: Mara Lindqvist. Camera: Ole Sand.",
    "Written and directed by Mara Lindqvist. Camera: Ole Sand.",
])
def test_the_other_ways_a_trade_crew_line_credits_the_director_as_writer(crew: str) -> None:
    record = extract(_trade("A Northlight production.", crew), "http://127.0.0.12:8080/2024/film/reviews/foghorn-1/")
    assert (record.directors, record.writers) == (["Mara Lindqvist"], ["Mara Lindqvist"])


@pytest.mark.parametrize("label", ["Regie, Buch", "Buch, Regie", "Regie, Drehbuch", "Regie und Drehbuch",
                                   "Regie/Drehbuch", "Regie + Buch"])
@pytest.mark.parametrize("form", [("<ul class='daten'><li><b>{label}:</b> Mara Lindqvist</li><li><b>Mit:</b> Ida Berg, "
                                   "Ole Sand</li><li><b>Produktionsjahr:</b> 2023</li></ul>"),
                                  "<p>{label}: Mara Lindqvist. Mit: Ida Berg, Ole Sand. Schweden 2023.</p>"])
def test_a_compound_german_credit_label_names_the_director_and_the_writer(label: str, form: str) -> None:
    body = f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>" + form.format(label=label)
    record = extract(_page(body), "http://127.0.0.12:8080/kritik/nebelhorn/")
    assert (record.directors, record.writers) == (["Mara Lindqvist"], ["Mara Lindqvist"])
    assert record.cast == ["Ida Berg", "Ole Sand"]


def test_a_director_joined_to_another_crew_job_is_no_writer() -> None:
    record = extract(_trade("A Northlight production.", "Director, producer: Mara Lindqvist. Writer: Ole Sand."),
                     "http://127.0.0.12:8080/2024/film/reviews/foghorn-1/")
    assert record.writers == ["Ole Sand"]

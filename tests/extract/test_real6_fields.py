"""Field patterns of the sixth real-page probe, on pages of our own: the verdict of pages that declare themselves a
review, disc-test and review kickers in titles, FSK, genres and platform in prose, ratings after a dash."""
from __future__ import annotations

import pytest

from scraper.extract import extract
from scraper.normalize.title import clean_title

URL_DE = "https://kinoecho.example/kino/blitz/"
URL_EN = "https://dailyreel.example/culture/glass-harbor/"
FILL_DE = ("Der Film erzählt von einer Familie, die im Krieg auseinandergerissen wird, und er tut das mit großer Ruhe. "
           "Die Kamera bleibt nah an den Gesichtern, die Musik hält sich zurück, und die Darsteller tragen jede Szene.")
FILL_DE2 = ("Am Ende bleibt ein Werk, das lange nachhallt, auch weil es seine Figuren nie verrät und dem Publikum "
            "zutraut, die Lücken selbst zu füllen, die das Drehbuch bewusst offen lässt.")
FILL_EN = ("The film opens on a morning television set, all pastel leotards and forced smiles, and within ten minutes "
           "it has told us everything about the woman at its centre, who is fifty, famous and about to be dropped.")
FILL_EN2 = ("What follows gets stranger and louder with every scene, the effects are practical and wet, and the last "
            "half hour tips into a carnival that some viewers will find far too much, which is part of the point.")


def _page(h1: str, paragraphs: list[str], lang: str = "de", title: str | None = None) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title or h1}</title></head><body><main>"
            f"<article><h1>{h1}</h1>{body}</article></main></body></html>")


# --- 4. a dash between a rating label and its score; a site's "Critics Score" --------------------------------

@pytest.mark.parametrize(("line", "normalized"), [
    ("Critics Score - 8 of 10", 80.0),
    ("Critics Score – 4/5", 80.0),
    ("Score – 4/5", 80.0),
    ("Wertung — 7 von 10", 70.0),
])
def test_a_rating_label_and_its_score_apart_by_a_dash(line: str, normalized: float) -> None:
    html = _page("Review: Glass Harbor", [f"Glass Harbor: {FILL_EN}", FILL_EN2, line], "en")
    rating = extract(html, URL_EN).rating
    assert rating is not None and rating.normalized == normalized


@pytest.mark.parametrize("line", ["Critics Score 85%", "Critics Score average - 8 of 10", "Audience Score - 8 of 10"])
def test_the_critics_aggregate_and_the_audience_score_are_not_the_review_s(line: str) -> None:
    html = _page("Review: Glass Harbor", [f"Glass Harbor: {FILL_EN}", FILL_EN2, line], "en")
    assert extract(html, URL_EN).rating is None


# --- 3. FSK in prose sentences ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "fsk"), [
    ("Der Film hat eine FSK 6 bekommen und läuft ab Donnerstag in den Kinos des ganzen Landes.", 6),
    ("Blitz ist ab 12 Jahren freigegeben.", 12),
    ("Der Film ist ab 16 Jahren freigegeben und dauert knapp zwei Stunden, ohne je lang zu werden.", 16),
    ("Die FSK-Freigabe lautet 16, was angesichts der Bombennächte angemessen ist.", 16),
    ("Von der FSK wurde der Film freigegeben ab 12 Jahren, obwohl manche Szene sehr hart ist.", 12),
    ("Freigegeben ist der Film ab 16 Jahren, und das ist angesichts der Bombennächte angemessen.", 16),
])
def test_fsk_stated_in_a_prose_sentence(sentence: str, fsk: int) -> None:
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, sentence])
    assert extract(html, URL_DE).fsk == fsk


@pytest.mark.parametrize("sentence", [
    "In Österreich ist der Film ab 12 Jahren freigegeben, bei uns steht die Prüfung noch aus.",
    "Der Film ist in der Schweiz mit einer Altersfreigabe ab 16 Jahren (CH) gestartet.",
    "Am 12. Dezember 2024 startet der Film, zwölf Jahre nach dem ersten Teil, in 16 Kinos.",
])
def test_another_country_s_rating_and_other_numbers_are_no_fsk(sentence: str) -> None:
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, sentence])
    assert extract(html, URL_DE).fsk is None


# --- 6. the genre the teaser names the film by -------------------------------------------------------------------

@pytest.mark.parametrize(("teaser", "genres"), [
    ("Das schonungslose Drama erzählt von einer Familie, die im Krieg auseinandergerissen wird.", ["drama"]),
    ("Blitz ist ein packender Thriller über eine Nacht in London, in der nichts sicher ist.", ["thriller"]),
    ("Der neue Musical-Film von Ann Berg bringt die Bühne mit viel Farbe auf die Leinwand.", ["musical"]),
    ("Ein düsterer Horrorfilm, der mehr Fragen stellt, als er am Ende beantworten will.", ["horror"]),
    ("Ein kühler Actionthriller, der seine Hauptfigur durch das nächtliche Hamburg jagt.", ["action", "thriller"]),
    ("Ein ambitionierter Science-Fiction-Film über die letzte Station am Rand des Sonnensystems.",
     ["science-fiction"]),
])
def test_the_genre_the_teaser_names_the_film_by(teaser: str, genres: list[str]) -> None:
    html = _page("Filmkritik: Blitz", [teaser, f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).genres == genres


@pytest.mark.parametrize(("teaser", "genres"), [
    ("Glass Harbor is a gripping thriller about two sisters and the house they cannot sell.", ["thriller"]),
    ("A slow-burning horror film that rewards the patience it asks of its audience.", ["horror"]),
    ("This romantic comedy never quite lands its jokes, but its two leads are a joy.", ["romance", "comedy"]),
    ("A family drama in three acts, told without hurry and without a false note.", ["drama"]),
    ("The film is a mystery to me, and not in a good way, even after a second viewing.", []),
    ("It is a war of nerves from the first scene to the last, and nobody wins it.", []),
])
def test_the_genre_an_english_teaser_names_the_film_by(teaser: str, genres: list[str]) -> None:
    html = _page("Review: Glass Harbor", [teaser, f"Glass Harbor: {FILL_EN}", FILL_EN2], "en")
    assert extract(html, URL_EN).genres == genres


@pytest.mark.parametrize("teaser", [
    "Die Geschichte erzählt von einer Familie, die im Krieg auseinandergerissen wird, und von ihrer Heimkehr.",
    "Der Krieg hat die Stadt verändert, und die Musik der Straßen ist verstummt, bis ein Junge zu singen beginnt.",
    "Das Abenteuer beginnt in einer Bahnhofshalle, in der ein Junge seine Mutter aus den Augen verliert.",
])
def test_a_plot_noun_is_no_genre(teaser: str) -> None:
    html = _page("Filmkritik: Blitz", [teaser, f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).genres == []


def test_a_genre_phrase_deep_in_the_review_is_not_read() -> None:
    late = "Am Ende kippt der Film in einen Thriller, der er nie sein wollte, und verliert dabei etwas."
    html = _page("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, FILL_DE, late])
    assert extract(html, URL_DE).genres == []


# --- 2. titles: disc-test kickers, a review headline's comma tagline, contractions, interviews --------------------

@pytest.mark.parametrize("head", ["Blu-ray-Test: Blitz", "DVD-Kritik: Blitz", "4K-Review: Blitz", "UHD-Test: Blitz",
                                  "Heimkino-Tipp: Blitz", "Blitz im Blu-ray-Test", "Heimkino-Test: Blitz"])
def test_a_disc_test_kicker_is_no_part_of_the_title(head: str) -> None:
    html = _page(head, [f"Blitz: {FILL_DE}", FILL_DE2])
    assert extract(html, URL_DE).title == "Blitz"


@pytest.mark.parametrize(("head", "title"), [
    ("Blitz im Test: Ein Kriegsfilm ohne Pathos", "Blitz"),
    ("Blitz in der Kritik – ein leiser Film über London", "Blitz"),
    ("4K-UHD-Test: Blitz", "Blitz"),
    ("Blitz – Der Blu-ray-Test", "Blitz"),
    ("Test: Blitz", "Test: Blitz"),  # no disc: a kicker word of its own, left to the headline's rules
])
def test_clean_title_drops_test_phrases(head: str, title: str) -> None:
    assert clean_title(head) == title


def test_a_review_headline_s_comma_tagline_goes() -> None:
    head = "REVIEW: The Substance, Demi Moore Decomposes in Body Horror"
    html = _page(head, [f"The Substance is a fable about vanity. {FILL_EN}", FILL_EN2], "en")
    record = extract(html, URL_EN)
    assert record.title == "The Substance"


def test_a_comma_title_the_prose_writes_whole_stays() -> None:
    head = "Review: Love, Simon and the Quiet Kid Next Door"
    html = _page(head, [f"Love, Simon and the Quiet Kid Next Door is the film of the year. {FILL_EN}", FILL_EN2],
                 "en")
    assert extract(html, URL_EN).title == "Love, Simon and the Quiet Kid Next Door"


@pytest.mark.parametrize("head", ["What's New on Netflix", "What’s New on Netflix"])
def test_a_contraction_is_no_possessive(head: str) -> None:
    body = ["New on Netflix this week are three films and a series, and we have watched all of them for you.",
            FILL_EN, FILL_EN2]
    assert extract(_page(head, body, "en"), "https://dailyreel.example/streaming/whats-new/").title == head


def test_a_possessive_before_the_film_still_goes() -> None:
    body = ["Glass Harbor swallows everyone who enters it, and it does so without a single raised voice.", FILL_EN]
    html = _page("Herzog's Glass Harbor", body, "en")
    assert extract(html, URL_EN).title == "Glass Harbor"


def test_an_interview_kicker_leaves_no_person_as_the_title() -> None:
    head = "Interviews: Director Ann Lee on Glass Harbor"
    html = _page(head, [f"Glass Harbor is her third film. {FILL_EN}", FILL_EN2], "en")
    assert extract(html, "https://dailyreel.example/interviews/ann-lee/").title != "Director Ann Lee on Glass Harbor"


def test_a_dash_subtitle_with_a_comma_stays() -> None:
    head = "Kritik: Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2"
    body = [f"Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2 ist besser als der erste. {FILL_DE}",
            FILL_DE2]
    assert extract(_page(head, body), URL_DE).title == "Die Abenteuer des Kapitäns – Und der Sturm von Morgen, Teil 2"


# --- 1. a page that declares itself a review of a named film -------------------------------------------------------

SEQUEL_EN = ["Ridley Scott's sequel to Gladiator arrives twenty-four years after the first film. " + FILL_EN,
             FILL_EN2, ("Paul Mescal carries the arena scenes well enough, and Denzel Washington plays a schemer "
             "who enjoys every line, but the film never finds a reason to exist beyond its own noise.")]
SEQUEL_DE = ["Ridley Scotts Fortsetzung des Gladiator kommt vierundzwanzig Jahre nach dem ersten Film. " + FILL_DE,
             FILL_DE2, ("Paul Mescal trägt die Arenaszenen ordentlich, Denzel Washington spielt einen Strippenzieher "
             "mit sichtlicher Freude, doch der Film findet nie einen Grund, der über seinen Lärm hinausgeht.")]


def _news_layout(h1: str, paragraphs: list[str], title: str | None = None) -> str:
    """A news site's article page: headline and text in plain <div>s, teaser cards as the only <article>s."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    cards = "".join(f"<article class='card'><h3><a href='/culture/story-{i}/'>Another story {i}</a></h3>"
                    f"<p>A short blurb.</p></article>" for i in range(3))
    return (f"<html><head><meta charset='utf-8'><title>{title or h1}</title></head><body><div class='page'>"
            f"<div class='head'><h1>{h1}</h1></div><div class='text'>{body}</div></div>"
            f"<div class='more-stories'>{cards}</div></body></html>")


def _hero_layout(h1: str, paragraphs: list[str]) -> str:
    """A theme's <main> around the headline only, the text in a <div> after it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><meta charset='utf-8'><title>{h1}</title></head><body><main><div class='hero'>"
            f"<h1>{h1}</h1><p>By Ann Lee</p></div></main><div class='entry'>{body}</div></body></html>")


@pytest.mark.parametrize(("html", "url", "title"), [
    (_hero_layout("'Gladiator II' review: Ridley Scott's sequel is loud and hollow", SEQUEL_EN),
     "https://dailyreel.example/culture/gladiator-2-hero/", "Gladiator II"),
    (_page("'Gladiator II' review: Ridley Scott's sequel is loud and hollow", SEQUEL_EN, "en"),
     "https://dailyreel.example/culture/gladiator-2/", "Gladiator II"),
    (_page("Kritik zu „Gladiator II“: Laut, lang und leer", SEQUEL_DE), "https://kinoecho.example/kultur/g2/",
     "Gladiator II"),
    (_page("REVIEW: The Substance, Demi Moore Decomposes in Body Horror",
           ["The Substance is a fable about vanity. " + FILL_EN, FILL_EN2], "en"),
     "https://dailyreel.example/culture/substance-moore/", "The Substance"),
    (_news_layout("Filmkritik: Blitz", [f"Blitz ist Steve McQueens Film über London im Krieg. {FILL_DE}", FILL_DE2]),
     "https://kinoecho.example/kultur/film/blitz-100.html", "Blitz"),
    (_news_layout("'Gladiator II' review: Ridley Scott's sequel is loud and hollow", SEQUEL_EN),
     "https://dailyreel.example/culture/2024/11/15/gladiator-2/", "Gladiator II"),
])
def test_a_declared_review_of_a_named_film_is_a_review(html: str, url: str, title: str) -> None:
    record = extract(html, url)
    assert record.is_review, record.verdict
    assert record.title == title


def test_review_text_bare_in_sections_and_table_cells_is_prose() -> None:
    head = "'Gladiator II' review: Ridley Scott's sequel is loud and hollow"
    sections = "".join(f"<section>{p}</section>" for p in SEQUEL_EN)
    cells = "<br><br>".join(SEQUEL_EN)
    for body in (f"<article><h1>{head}</h1><section>{sections}</section></article>",
                 f"<table><tr><td><h1>{head}</h1>{cells}</td></tr></table>"):
        html = f"<html><head><title>{head}</title></head><body>{body}</body></html>"
        record = extract(html, "https://dailyreel.example/culture/gladiator-2/")
        assert record.is_review, record.verdict


def test_a_film_database_s_synopsis_cell_makes_no_review() -> None:
    rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in (
        ("Regie", "Ridley Scott"), ("Darsteller", "Paul Mescal, Denzel Washington"), ("Land/Jahr", "USA 2024"),
        ("Inhalt", " ".join(SEQUEL_DE))))
    html = (f"<html><head><title>Gladiator II</title></head><body><main><h1>Gladiator II</h1><table>{rows}</table>"
            f"</main></body></html>")
    assert not extract(html, "https://filmdb.example/film/gladiator-2/").is_review


ROUNDUP = [("Variety called Gladiator II “a thunderous spectacle that never finds its heart,” while The Guardian "
           "praised Paul Mescal as a worthy heir to the sandals and gave the film four stars out of five."),
           ("IndieWire was less kind, writing that the sequel is “a loud echo of a better film,” and Empire said that "
           "Denzel Washington steals every scene he is in, with obvious delight and a little menace."),
           "Director: Ridley Scott", "Starring: Paul Mescal, Denzel Washington"]


@pytest.mark.parametrize(("h1", "paragraphs", "url"), [
    ("Gladiator II review round-up: critics praise Denzel Washington", ROUNDUP,
     "https://dailyreel.example/culture/gladiator-2-review-roundup/"),
    ("What critics are saying about Gladiator II", ROUNDUP, "https://dailyreel.example/culture/g2-critics/"),
    ("Gladiator II: The reviews are in", ROUNDUP, "https://dailyreel.example/culture/g2-reviews/"),
    ("„Gladiator II“: Das sagen die Kritiker zum Film", ROUNDUP, "https://kinoecho.example/kultur/g2-kritiker/"),
    ("Netflix to review its password sharing rules again",
     ["Netflix said on Tuesday that it will review its password rules once more. " + FILL_EN, FILL_EN2],
     "https://dailyreel.example/business/netflix-password/"),
    ("The Year in Review: Gladiator and more", SEQUEL_EN, "https://dailyreel.example/culture/year/"),
    ("Interview: Ridley Scott on Gladiator II", SEQUEL_EN, "https://dailyreel.example/culture/scott-interview/"),
    ("What's new on Netflix this week", SEQUEL_EN, "https://dailyreel.example/streaming/whats-new/"),
])
def test_round_ups_news_and_interviews_stay_rejected(h1: str, paragraphs: list[str], url: str) -> None:
    record = extract(_page(h1, paragraphs, "en"), url)
    assert not record.is_review, record.verdict


def test_a_list_of_films_each_with_its_score_stays_rejected() -> None:
    items = "".join(f"<h2>{n}</h2><p>{n} {FILL_EN}</p><p>Rating: {s}/10</p>"
                    for n, s in (("Glass Harbor", 8), ("Nebelhorn", 7), ("Salt Line", 9)))
    html = (f"<html lang='en'><head><title>Review: the best films of 2024</title></head><body><main><article>"
            f"<h1>Review: the best films of 2024</h1>{items}</article></main></body></html>")
    assert not extract(html, "https://dailyreel.example/culture/best-2024/").is_review


# --- 5. the platform of a disc release ------------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "paragraphs"), [
    ("Blu-ray-Test: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2]),
    ("Blitz im Blu-ray-Test", [f"Blitz: {FILL_DE}", FILL_DE2]),
    ("Filmkritik: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, "Blitz erscheint ab 12. Dezember 2024 auf DVD und Blu-ray."]),
])
def test_a_disc_release_is_the_home_video_platform(head: str, paragraphs: list[str]) -> None:
    assert extract(_page(head, paragraphs), URL_DE).platform == "DVD/Blu-ray"


def test_a_disc_test_page_s_stated_cinema_start_still_wins() -> None:
    html = _page("Blu-ray-Test: Blitz", [f"Blitz: {FILL_DE}", FILL_DE2, "Kinostart: 5. März 2024 im Kino"])
    assert extract(html, URL_DE).platform == "Kino"


# --- open: a blog host's lower-case <title> "blog — post" ------------------------------------------------------------

def test_the_blog_s_name_before_a_dash_in_the_title_goes() -> None:
    body = "".join(f"<p>{p}</p>" for p in (f"i finally watched the substance last night. {FILL_EN.lower()}",
                                           FILL_EN2.lower()))
    html = (f"<html><head><title>annlee — the substance</title></head><body><h1><a href='/'>annlee</a></h1>"
            f"<div class='post'>{body}</div></body></html>")
    assert extract(html, "https://annlee.example/post/7123456/the-substance").title == "the substance"


def test_a_title_opening_with_more_than_the_site_s_name_keeps_it() -> None:
    body = "".join(f"<p>{p}</p>" for p in (f"Kinoblatt Plus is our new newsletter. {FILL_EN}", FILL_EN2))
    html = (f"<html><head><title>Kinoblatt Plus – Kinoblatt</title></head><body><main><p>x</p>{body}</main>"
            f"</body></html>")
    assert extract(html, "https://kinoblatt.example/plus/").title == "Kinoblatt Plus"


# --- more review headline forms ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("head", "title"), [
    ("Review | 'Wicked' is a dazzling return to Oz", "Wicked"),
    ("Movie review: In 'Wicked,' Cynthia Erivo flies", "Wicked"),
    ("Kinokritik: „Wicked“ – Ein Fest in Grün", "Wicked"),
    ("Wicked – Der Blu-ray-Test", "Wicked"),
])
def test_more_review_headlines_name_the_film_and_declare_the_review(head: str, title: str) -> None:
    paragraphs = [f"Wicked opens on a green morning in Oz. {FILL_EN}", FILL_EN2]
    record = extract(_page(head, paragraphs, "en"), "https://dailyreel.example/culture/oz/")
    assert record.title == title
    assert record.is_review, record.verdict


def test_a_review_kicker_before_the_site_s_name_names_no_film() -> None:
    html = _page("Review | The Daily Reel", [FILL_EN, FILL_EN2], "en")
    assert extract(html, "https://dailyreel.example/culture/").title != "The Daily Reel"

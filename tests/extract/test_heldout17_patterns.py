"""Failure patterns of held-out set 17, on pages of our own: a site builder's content wrapper whose class names a
foot it is not, an info card with label and value in separate divs inside a "sidebar", half-star ratings after a
digit, split scores, publication dates in a byline, reader vote widgets and essay headlines."""
from __future__ import annotations

from scraper.extract import extract
from scraper.normalize.rating import parse_rating
from scraper.normalize.title import clean_title

URL = "http://127.0.0.17:8080/blog/lichtspiel/"
PROSE = ("<p>Ich habe als Vorführer dreißig Jahre lang Filme gesehen, und dieser hier hat mich noch einmal überrascht. "
         "Die Geschichte eines Leuchtturmwärters, der im Winter allein bleibt, wird ruhig und genau erzählt.</p>"
         "<p>Die Kamera bleibt nah an den Gesichtern, der Ton ist karg, und erst im letzten Drittel zieht das Tempo an. "
         "Am Ende bleibt ein stiller, kluger Film, den man nicht so schnell vergisst.</p>")
FACTS = ("<p><strong>Regie:</strong> Mara Lindqvist<br><strong>Darsteller:</strong> Ilse Kramer, Jonas Brenner<br>"
         "<strong>Jahr:</strong> 2019<br><strong>Genre:</strong> Drama</p>")


def _builder_page(wrapper_class: str) -> str:
    """A site builder's page without <main>, <article> or <h1>: the post's title is an <h2> and everything sits in
    one named wrapper."""
    return ("<html lang='de'><head><meta charset='utf-8'><title>Lichtspiel - Vorführraum</title></head><body>"
            "<div class='top'><a href='/'>Vorführraum</a></div>"
            f"<div id='site-body' class='{wrapper_class}'><div class='post'><h2 class='post-title'>Lichtspiel</h2>"
            f"<p class='post-date'>3/6/2021</p><div class='post-content'>{PROSE}{FACTS}"
            "<p><strong>Wertung:</strong> 8/10</p></div></div></div>"
            "<div class='site-footer'><p>© Vorführraum · Kontakt</p></div></body></html>")


def test_a_negated_foot_word_does_not_name_a_foot() -> None:
    """"builder-not-footer" ("no-footer", "non-footer") names a block that is NOT the foot: the whole content must
    not go with the page's real footer."""
    for name in ("builder-elements builder-not-footer", "content no_footer", "wrap non-footer"):
        record = extract(_builder_page(name), URL)
        assert (record.title, record.directors, record.year) == ("Lichtspiel", ["Mara Lindqvist"], 2019), name
        assert record.rating is not None and record.rating.value == 8, name


def test_a_named_block_holding_most_of_the_text_is_never_boilerplate() -> None:
    """Whatever its class says ("layout-with-sidebar", "page-footer-area"), a block that holds most of the page's
    text is the page's content."""
    for name in ("layout-with-sidebar", "page-footer-area"):
        record = extract(_builder_page(name), URL)
        assert (record.directors, record.cast) == (["Mara Lindqvist"], ["Ilse Kramer", "Jonas Brenner"]), name


def _card_page(aside_class: str) -> str:
    """Facts in an <aside> of the main content, each label and value a separate div with no colon."""
    rows = (("Originaltitel", "Beacon"), ("Jahr", "2019"), ("Regie", "Mara Lindqvist"), ("Genre", "Drama"))
    card = "".join(f"<div class='facts-row'><div class='facts-label'>{k}</div><div class='facts-value'>{v}</div></div>"
                   for k, v in rows)
    return ("<html lang='de'><head><meta charset='utf-8'><title>Lichtspiel | Kritik</title></head><body>"
            "<main><h1>Lichtspiel</h1><div class='layout'>"
            f"<div class='body-text'>{PROSE}<p>Wertung: 8/10</p></div>"
            f"<aside class='{aside_class}'><div class='facts-card'><div class='facts-heading'>Filmdaten</div>{card}</div>"
            "<div class='reader-box'><div>Leserwertung</div><div>3/10</div></div></aside>"
            "</div></main></body></html>")


def test_an_info_card_of_label_and_value_divs_in_a_sidebar_is_kept() -> None:
    """An aside whose label divs name two or more film facts is the film's info card even when its class says
    "sidebar"; the reader box inside it still goes."""
    record = extract(_card_page("review-sidebar"), URL)
    assert (record.original_title, record.year, record.directors, record.genres) == \
        ("Beacon", 2019, ["Mara Lindqvist"], ["drama"])
    assert record.rating is not None and record.rating.value == 8


def test_a_sidebar_without_fact_labels_still_goes() -> None:
    """A sidebar of other films (titles and scores, no fact labels) is still boilerplate."""
    page = _card_page("review-sidebar").replace("<div class='facts-label'>", "<div class='facts-label'>x ")
    record = extract(page, URL)
    assert record.directors == [] and record.original_title is None


def test_a_half_after_a_digit_is_the_number_s_fraction() -> None:
    """"3½ out of 4" is 3.5 of 4 (the ½ after a digit is no half star); a lone ½ and star rows keep their reading."""
    got = {t: (r.value, r.scale) if (r := parse_rating(t)) else None
           for t in ("3½ out of 4 bulbs", "2 ½ von 5", "4¾/5", "★★★½ (out of 4)", "½ out of 4")}
    assert got == {"3½ out of 4 bulbs": (3.5, 4), "2 ½ von 5": (2.5, 5), "4¾/5": (4.75, 5),
                   "★★★½ (out of 4)": (3.5, 4), "½ out of 4": (0.5, 4)}
    assert parse_rating("3/6/2021") is None and parse_rating("2/20/2021 |") is None  # a post's date, no score
    record = extract(_builder_page("content").replace("8/10", "3½ out of 4 lamps"), URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (3.5, 4)


def test_a_score_whose_number_and_scale_are_separate_blocks_is_read() -> None:
    """"Unsere Wertung" over "72" over "/100" (three short divs) is 72 of 100; a fact label over the same blocks is
    no score."""
    for score, want in (("<div>72</div><div>/100</div>", (72, 100)), ("<div>6,5</div><div>von 10</div>", (6.5, 10))):
        page = _card_page("facts").replace("<p>Wertung: 8/10</p>", "").replace(
            "<main><h1>Lichtspiel</h1>", f"<main><h1>Lichtspiel</h1><div class='score'><div>Unsere Wertung</div>"
            f"<div class='score-box'>{score}</div></div>")
        record = extract(page, URL)
        assert record.rating is not None and (record.rating.value, record.rating.scale) == want, score


def _dated_page(byline: str, prose_extra: str = "", facts_extra: str = "") -> str:
    return ("<html lang='de'><head><meta charset='utf-8'><title>Lichtspiel | Kritik</title></head><body><main>"
            f"<article><h1>Lichtspiel</h1>{byline}{PROSE}<p>{prose_extra}</p>"
            f"{FACTS.replace('</p>', facts_extra + '</p>')}<p>Wertung: 8/10</p></article></main></body></html>")


def test_a_date_in_the_byline_or_a_publication_element_is_no_release() -> None:
    """"Veröffentlicht: 14. März 2019" in a `<time itemprop="datePublished">`, a `class="published"` block or a
    byline dates the article; the fact box's own "Kinostart" still counts."""
    bylines = (("<dl class='info'><dd><time datetime='2019-03-14' itemprop='datePublished'>Veröffentlicht: "
                "14. März 2019</time></dd></dl>"),
               "<p class='published'>Veröffentlicht: 14. März 2019</p>",
               "<div class='post-byline'>Von Ann Berg · Veröffentlicht: 14. März 2019</div>")
    for byline in bylines:
        record = extract(_dated_page(byline), URL)
        assert (record.release_date, record.platform) == (None, None), byline
        record = extract(_dated_page(byline, facts_extra="<br><strong>Kinostart:</strong> 05.09.2019"), URL)
        assert (record.release_date, record.platform) == ("2019-09-05", "Kino"), byline
    # an article's info line about the film (a paper's "article__info") is no publication element
    record = extract(_dated_page("").replace("<p>Wertung", "<p class='article__info'>Kinostart: 05.09.2019</p><p>Wertung"),
                     URL)
    assert (record.release_date, record.platform) == ("2019-09-05", "Kino")


def test_a_cinema_phrase_is_a_whole_word() -> None:
    """"am 28. März im Kinokeller" names a place (a film club's cellar), no cinema start; "im Kino" does."""
    record = extract(_dated_page("", "Wir zeigen den Film am 28. März 2019 im Kinokeller mit Untertiteln."), URL)
    assert (record.release_date, record.platform) == (None, None)
    record = extract(_dated_page("", "Der Film startet am 28. März 2019 im Kino."), URL)
    assert (record.release_date, record.platform) == ("2019-03-28", "Kino")


def test_a_reader_vote_widget_is_not_the_critic_s_score() -> None:
    """A vote plugin's "Benutzerbewertung: 5 / 5" (the "Be-" of "Benutzer" does not hide the audience word), and
    any score line inside an `itemprop="aggregateRating"` element, is the readers' average: an unscored review
    stays unscored, a scored one keeps its own score."""
    widgets = ("<div class='score-box'><p>Benutzerbewertung: 5 / 5</p></div>",
               ("<div class='score-box'><p itemprop='aggregateRating' itemscope "
                "itemtype='https://schema.org/AggregateRating'>Bewertung: <span itemprop='ratingValue'>5</span> / "
                "<span itemprop='bestRating'>5</span></p></div>"))
    for widget in widgets:
        unscored = _dated_page(widget).replace("<p>Wertung: 8/10</p>", "")
        assert extract(unscored, URL).rating is None, widget
        scored = extract(_dated_page(widget), URL).rating
        assert scored is not None and (scored.value, scored.scale) == (8, 10), widget


def test_a_release_label_without_a_date_names_no_platform() -> None:
    """"Zwanzig Jahre nach dem Kinostart: ein stilles Wiedersehen" uses the label word in a sentence: no date, no
    platform named, so no cinema release either."""
    record = extract(_dated_page("", "Zwanzig Jahre nach dem Kinostart: ein stilles Wiedersehen am Meer."), URL)
    assert (record.release_date, record.platform) == (None, None)
    record = extract(_dated_page("").replace("<p>Wertung", "<p><strong>In cinemas</strong> now</p><p>Wertung"), URL)
    assert record.platform == "Kino"  # the label's own statement, no sentence


def test_a_credit_word_before_a_lone_letter_credits_no_one() -> None:
    """"REGIE A" or "Regie B" (a credit word without a colon, then one letter) names no director; "Regie Ann Berg"
    still does where facts are stated."""
    for text in ("REGIE A", "Regie B", "mit C"):
        record = extract(f"<html><body><main><p>Ein Absatz.</p><p>{text}</p></main></body></html>",
                         "http://example.test/about/")
        assert (record.directors, record.cast) == ([], []), text
    record = extract(_dated_page("").replace("<strong>Regie:</strong> Mara Lindqvist", "Regie Mara Lindqvist"), URL)
    assert record.directors == ["Mara Lindqvist"]


def test_a_two_column_block_of_label_lines_and_value_lines_pairs_line_by_line() -> None:
    """A row whose first cell holds "Regie<br>Darsteller<br>Jahr<br>Genre" and whose second holds as many value
    lines states each fact on its line pair."""
    table = ("<table><tr><td><strong>Regie<br>Darsteller<br>Jahr<br>Genre</strong></td>"
             "<td>Mara Lindqvist<br>Ilse Kramer, Jonas Brenner<br>2019<br>Drama</td></tr></table>")
    record = extract(_dated_page("").replace(FACTS, table), URL)
    assert (record.directors, record.cast, record.year, record.genres) == \
        (["Mara Lindqvist"], ["Ilse Kramer", "Jonas Brenner"], 2019, ["drama"])


PROSE_EN = ("<p>Beacon is a quiet film about a lighthouse keeper who stays alone through the winter, and it is told "
            "with patience and care.</p><p>The camera stays close to the faces, the sound is sparse, and only the last "
            "third picks up speed. It is a calm and clever film that you will not forget soon.</p>")


def _essay_page(h1: str, lang: str = "") -> str:
    lang_attr = f" lang='{lang}'" if lang else ""
    return (f"<html{lang_attr}><head><meta charset='utf-8'><title>{h1}</title></head><body><article>"
            f"<h1>{h1}</h1>{PROSE_EN}<p><strong>Director:</strong> Mara Lindqvist<br><strong>Cast:</strong> Ilse "
            "Kramer, Jonas Brenner<br><strong>Year:</strong> 2019</p><p>Rating: 4/5</p></article></body></html>")


def test_an_english_essay_headline_is_cut_when_the_prose_reads_english() -> None:
    """"Beacon (2019) and the art of silence" is the film "Beacon": the English title-case run is cut also where
    the page declares no language and its prose is English, and a year after the name does not stop the run."""
    for lang in ("", "en"):
        record = extract(_essay_page("Beacon (2019) and the art of silence", lang), URL)
        assert (record.title, record.year) == ("Beacon", 2019), lang


def test_a_dash_tagline_and_a_parenthesised_original_title_are_cut() -> None:
    """"Beacon (Leuchtfeuer) — the lighthouse film everyone quoted" is "Beacon": a dash tagline goes when the short
    name recurs in the prose (as the colon rule has it), and so does the original title in parentheses after it."""
    record = extract(_essay_page("Beacon (Leuchtfeuer) — the lighthouse film everyone quoted", "en"), URL)
    assert record.title == "Beacon"


def test_a_revisit_s_distance_closes_no_title() -> None:
    """"Memento, twenty years on" / "Alien, 40 years later" / "Das Boot, zehn Jahre danach": the distance goes."""
    assert [clean_title(t) for t in ("Beacon, twenty years on", "Beacon, 40 years later", "Beacon, zehn Jahre danach",
                                     "Twenty Years On")] == ["Beacon", "Beacon", "Beacon", "Twenty Years On"]
    assert extract(_essay_page("Beacon, twenty years on"), URL).title == "Beacon"

"""General rules for markup the dev corpus lacks: blog post titles, forum tags, essay headlines, slashed credits."""
from __future__ import annotations

from scraper.extract import extract

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE_EN = ("The images are cool and exact, the editing gives every scene its time, and the score never pushes "
            "itself forward, so that one follows the story in rapt attention.")


def test_blog_post_title_under_a_blog_name_h1() -> None:
    html = ("<html lang='de'><head><title>Leinwandkiste: Nebelhorn</title></head><body>"
            "<header><h1 class='title'><a href='/'>Leinwandkiste</a></h1></header>"
            "<div class='blog-posts'><h2 class='date-header'>Sonntag, 3. März 2024</h2>"
            "<div class='post'><h3 class='post-title entry-title'>Nebelhorn</h3>"
            "<div class='post-body'>Regie: Mara Lindqvist<br>Darsteller: Jonas Feld, Ilse Brandt<br><br>"
            f"{PROSE}<br><br>{PROSE}<br><br>Meine Wertung: 4/5</div></div></div></body></html>")
    record = extract(html, "https://leinwandkiste.blogspot.com/2024/03/nebelhorn.html")
    assert record.title == "Nebelhorn"
    assert record.is_review, record.verdict


def test_blog_post_heading_named_by_the_title_tag() -> None:
    # no post-title class: the heading that is the rest of "<title>Blog: Post</title>" is the post's
    html = ("<html><head><title>Salzwiesen | Kinonotizen</title></head><body>"
            "<h1>Kinonotizen</h1><h2>Salzwiesen</h2>"
            f"<p>Regie: Ola Svensk</p><p>Genre: Drama</p><p>{PROSE}</p><p>{PROSE}</p><p>Bewertung: 7/10</p>"
            "</body></html>")
    assert extract(html, "https://notizen.example/salzwiesen").title == "Salzwiesen"


def test_an_h1_that_is_the_headline_is_kept() -> None:
    html = ("<html><head><title>Nebelhorn | Kinonotizen</title></head><body>"
            "<h1>Nebelhorn</h1><h2 class='entry-title'>Ein stiller Film über die Küste</h2>"
            f"<p>Regie: Ola Svensk</p><p>{PROSE}</p></body></html>")
    assert extract(html, "https://notizen.example/nebelhorn").title == "Nebelhorn"


def test_forum_review_tags_are_dropped() -> None:
    for topic in ("[Review] Nebelhorn (2024)", "Nebelhorn [Kritik]", "Nebelhorn (Review)"):
        html = (f"<html><body><div role='main'><h2 class='topic-title'><a href='?t=1'>{topic}</a></h2>"
                f"<div class='content'><strong>Regie:</strong> Mara Lindqvist<br><strong>FSK:</strong> 12<br>"
                f"{PROSE}<br><br>{PROSE}<br><br><strong>Meine Wertung: 8/10</strong></div></div></body></html>")
        record = extract(html, "https://forum.example/viewtopic.php?t=1")
        assert record.title == "Nebelhorn", topic


def test_essay_headline_with_a_tagline_after_the_colon() -> None:
    html = ("<html lang='en'><body><article><h1>Glass Harbor: two hours with divers who should have stayed home"
            f"</h1><p>Ola Svensk’s Glass Harbor follows two divers down a dark coast. {PROSE_EN}</p>"
            f"<p>{PROSE_EN}</p><p>My rating: 7/10.</p></article></body></html>")
    assert extract(html, "https://essays.example/glass-harbor-two-hours").title == "Glass Harbor"


def test_english_essay_headline_name_then_sentence() -> None:
    html = ("<html lang='en'><body><article><h1>Glass Harbor and the silence of the deep water</h1>"
            f"<p>I saw Glass Harbor on a rainy afternoon. {PROSE_EN}</p><p>{PROSE_EN}</p></article></body></html>")
    assert extract(html, "https://essays.example/glass-harbor").title == "Glass Harbor"


def test_essay_headline_opening_with_a_person_is_not_cut() -> None:
    headline = "Ola Svensk returns to the sea with a quiet and patient drama"
    html = (f"<html lang='en'><body><article><h1>{headline}</h1>"
            f"<p>Directed by Ola Svensk, the film follows two divers. {PROSE_EN}</p><p>{PROSE_EN}</p>"
            "</article></body></html>")
    assert extract(html, "https://essays.example/svensk").title == headline


def test_sequel_colon_is_not_a_tagline() -> None:
    html = ("<html lang='en'><body><article><h1>Glass Harbor: Part Two</h1>"
            f"<p>Glass Harbor is back, and so are the divers. {PROSE_EN}</p></article></body></html>")
    assert extract(html, "https://essays.example/glass-harbor-2").title == "Glass Harbor: Part Two"


def test_slash_separated_credit_line() -> None:
    line = ("Originaltitel: Mgła / Polen 2021 / Regie: Anna Berg / Darsteller: Jonas Feld, Ilse Brandt / "
            "Genre: Thriller, Drama / FSK 16 / Kinostart: 17.10.2022")
    html = f"<html><body><h1>Nebel</h1><p><i>{line}</i></p><p>{PROSE}</p><p>{PROSE}</p></body></html>"
    record = extract(html, "https://blog.example/nebel")
    assert (record.original_title, record.year, record.fsk) == ("Mgła", 2021, 16)
    assert record.cast == ["Jonas Feld", "Ilse Brandt"]
    assert len(record.genres) == 2
    assert record.release_date == "2022-10-17"


def test_a_slash_inside_one_value_is_not_a_separator() -> None:
    html = ("<html><body><h1>Nebel</h1><p>Regie / Drehbuch: Anna Berg</p><p>Verfügbar: Kino / Netflix</p>"
            f"<p>{PROSE}</p></body></html>")
    record = extract(html, "https://blog.example/nebel")
    assert record.directors == [] or record.directors == ["Anna Berg"]  # "Regie / Drehbuch" is one label


def test_cinema_start_in_a_prose_sentence() -> None:
    html = ("<html lang='en'><body><article><h1>Glass Harbor</h1>"
            f"<p>Directed by Ola Svensk, Glass Harbor opened in theaters on July 21, 2023 – the same day as "
            f"another film. {PROSE_EN}</p><p>{PROSE_EN}</p></article></body></html>")
    record = extract(html, "https://essays.example/glass-harbor")
    assert (record.release_date, record.platform, record.year) == ("2023-07-21", "Kino", 2023)
    german = ("<html><body><h1>Nebelhorn</h1><p>Der Film startet am 20. Juli 2023 in den deutschen Kinos, "
              f"und er lohnt sich. {PROSE}</p></body></html>")
    assert extract(german, "https://kino.example/nebelhorn").release_date == "2023-07-20"


def _dated(line: str, head: str = "", lang: str = "de", url: str = "https://kino.example/nebelhorn") -> object:
    html = (f"<html lang='{lang}'><head>{head}</head><body><h1>Nebelhorn</h1><p>Regie: Mara Lindqvist</p>"
            f"<p>{line}</p><p>{PROSE}</p></body></html>")
    return extract(html, url)


def test_year_less_start_takes_the_year_of_the_page_date() -> None:
    head = "<meta property='article:published_time' content='2024-01-10T09:00:00+01:00'>"
    assert _dated("Kinostart: 28. Dezember", head).release_date == "2023-12-28"
    assert _dated("Kinostart: 6. Oktober", "<script type='application/ld+json'>"
                  "{\"@type\": \"Article\", \"datePublished\": \"2023-09-20\"}</script>").release_date == "2023-10-06"


def test_year_less_start_takes_the_film_year_without_a_page_date() -> None:
    record = _dated("Kinostart: 6. Oktober</p><p>Produktionsjahr: 2023")
    assert record.release_date == "2023-10-06"


def test_year_less_start_without_any_year_stays_empty() -> None:
    assert _dated("Kinostart: 6. Oktober").release_date is None


def test_a_dated_start_beats_a_year_less_one() -> None:
    head = "<meta property='article:published_time' content='2024-01-10'>"
    assert _dated("Kinostart: 28. Dezember</p><p>Deutschlandstart: 04.01.2024", head).release_date == "2024-01-04"


def test_slashed_dates_follow_the_page_locale() -> None:
    assert _dated("Release date: 07/04/2023", lang="en-US").release_date == "2023-07-04"
    assert _dated("Release date: 07/04/2023", lang="en-GB").release_date == "2023-04-07"
    assert _dated("Release date: 07/04/2023", lang="en").release_date == "2023-07-04"
    assert _dated("Release date: 07/04/2023", lang="en", url="https://films.example.co.uk/x").release_date \
        == "2023-04-07"
    assert _dated("Kinostart: 07/04/2023").release_date == "2023-04-07"


def test_year_less_start_takes_the_year_of_a_dated_url() -> None:
    record = _dated("Kinostart: 28. Dezember", url="https://blog.example/2024/01/nebelhorn.html")
    assert record.release_date == "2023-12-28"


def test_von_in_an_info_box_is_the_director_and_a_byline_is_not() -> None:
    html = ("<html><body><main><section class='film-info'><h1>Nebelhorn</h1>"
            "<div class='meta-item'>Kinostart 4. Juli 2024 | 1 Std. 52 Min. | Drama</div>"
            "<div class='meta-item'>Von Mara Lindqvist</div>"
            "<div class='meta-item'>Mit Jonas Feld, Ilse Brandt</div></section>"
            "<article><h2>Kritik der Redaktion</h2><p class='byline'>Von Kai Ostwald</p>"
            f"<p>{PROSE}</p><p>{PROSE}</p></article></main></body></html>")
    record = extract(html, "https://portal.example/film/nebelhorn/kritik/")
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Jonas Feld", "Ilse Brandt"]


def test_a_byline_beside_a_credit_line_is_not_a_director() -> None:
    html = ("<html><body><h1>Nebelhorn</h1><div class='post-meta'><span class='author'>Von Kai Ostwald</span>"
            "</div><p>Mit Jonas Feld, Ilse Brandt</p>"
            f"<p>{PROSE}</p></body></html>")
    assert extract(html, "https://blog.example/nebelhorn").directors == []
    alone = (f"<html><body><h1>Nebelhorn</h1><p>Von Kai Ostwald</p><p>{PROSE}</p><p>Regie: Mara Lindqvist</p>"
             "</body></html>")
    assert extract(alone, "https://blog.example/nebelhorn").directors == ["Mara Lindqvist"]


def test_info_line_of_a_newspaper() -> None:
    html = ("<html><body><h1>Nebelhorn</h1>"
            f"<p>{PROSE}</p><p>INFO: S/D 2023. 112 Min. Von Mara Lindqvist. Mit Jonas Feld, Ilse Brandt.</p>"
            "</body></html>")
    record = extract(html, "https://zeitung.example/kultur/nebelhorn")
    assert (record.year, record.directors, record.cast) == (2023, ["Mara Lindqvist"], ["Jonas Feld", "Ilse Brandt"])


def test_platform_outside_the_vocabulary_in_a_release_line() -> None:
    for line, platform in (("Start: 12. März 2024 (Shudder)", "Shudder"), ("Start: 12.03.2024 / Crunchyroll",
                                                                             "Crunchyroll"),
                           ("Start: 12.03.2024 (Deutschland)", None), ("Start: 12.03.2024 bei Netflix", "Netflix"),
                           ("Start: 12.03.2024 (Alamode Film)", None)):
        record = _dated(line)
        assert record.release_date == "2024-03-12", line
        assert record.platform == platform, line


def test_british_in_theatres_line() -> None:
    record = _dated("In theatres from 20 October 2023", lang="en-GB")
    assert (record.release_date, record.platform) == ("2023-10-20", "Kino")


def _english(body: str) -> object:
    html = f"<html lang='en-US'><body><article>{body}</article></body></html>"
    return extract(html, "https://news.example.com/movies/glass-harbor")


def test_credit_glued_to_the_previous_list() -> None:
    record = _english("<h1>Glass Harbor review</h1><p>Rating: 4 out of 5 stars Genre: Drama, Romance</p>"
                      "<p>Run Time: 1 hour, 51 minutes, Rated PG-13 Starring: Dana Roe, Milo Kent Directed by "
                      f"Ola Svensk (Salt Road, Night Ferry)</p><p>{PROSE_EN}</p><p>{PROSE_EN}</p>")
    assert (record.directors, record.cast) == (["Ola Svensk"], ["Dana Roe", "Milo Kent"])
    assert record.winners["directors"].strategy == "factbox"
    record = _english(f"<h1>Glass Harbor</h1><p>Starring: Dana Roe Directed by Ola Svensk</p><p>{PROSE_EN}</p>")
    assert (record.directors, record.cast) == (["Ola Svensk"], ["Dana Roe"])


def test_prose_director_phrases_after_the_name() -> None:
    record = _english(f"<h1>‘Glass Harbor’ review: a slow thriller</h1><p>Ola Svensk directed. {PROSE_EN}</p>"
                      f"<p>{PROSE_EN}</p>")
    assert record.directors == ["Ola Svensk"]
    german = extract(f"<html><body><h1>Nebelhorn</h1><p>Der Film wurde inszeniert von Mara Lindqvist, und "
                     f"er lohnt sich sehr. {PROSE}</p></body></html>", "https://kino.example/nebelhorn")
    assert german.directors == ["Mara Lindqvist"]


def test_all_caps_headline_takes_the_casing_of_the_text() -> None:
    html = ("<html><body><h1>DER NEBEL VON HORN</h1><p>Regie: Mara Lindqvist</p>"
            f"<p>Im neuen Film Der Nebel von Horn von Mara Lindqvist wird viel geschwiegen. {PROSE}</p></body></html>")
    record = extract(html, "https://kino.example/nebel")
    assert record.title == "Der Nebel von Horn"
    assert extract(html.replace("<p>Regie: Mara Lindqvist</p>", ""), "https://kino.example/nebel").directors \
        == ["Mara Lindqvist"]
    acronym = "<html><body><h1>JFK</h1><p>Regie: Oliver Stone</p><p>Über Jfk wird viel geredet.</p></body></html>"
    assert extract(acronym, "https://kino.example/jfk").title == "JFK"


def test_a_kicker_line_names_the_film_the_headline_does_not() -> None:
    html = ("<html lang='en'><body><article><h1>Svensk’s Latest Triumph</h1>"
            "<p>Film review of Glass Harbor. Picture: supplied</p><p>Starring Dana Roe and Milo Kent</p>"
            f"<p>Glass Harbor is the best thing Ola Svensk has made. {PROSE_EN}</p><p>{PROSE_EN}</p>"
            "</article></body></html>")
    record = extract(html, "https://news.example.com/opinion/svensk-latest")
    assert record.title == "Glass Harbor"


def test_a_line_of_unlabelled_fact_items_beside_stated_facts() -> None:
    html = ("<html><body><h1>Nebelhorn</h1><p>Deutschland, Schweden 2024, 1 Std. 52 Min., FSK 12, Drama</p>"
            f"<p>Regie: Mara Lindqvist</p><p>{PROSE}</p></body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert (record.year, record.fsk, record.genres) == (2024, 12, ["drama"])
    prose = ("<html><body><h1>Nebelhorn</h1><p>Regie: Mara Lindqvist</p>"
             "<p>Deutschland 2024, und danach kam lange nichts mehr</p></body></html>")
    assert extract(prose, "https://kino.example/nebelhorn").year is None


def test_year_less_prefix_start_dated_from_the_page() -> None:
    record = _dated("In theatres Oct. 20", head="<meta property='article:published_time' content='2023-10-18'>",
                    lang="en-GB")
    assert record.release_date == "2023-10-20"


def test_newspaper_credit_line_led_by_the_quoted_title() -> None:
    record = _english("<h1>‘Glass Harbor’ review: cold water</h1>"
                      "<span class='rating' aria-label='3 out of 4 stars'>★★★☆</span>"
                      f"<p>{PROSE_EN}</p><p>{PROSE_EN}</p><p class='credits'>‘Glass Harbor’ — Directed by Ola "
                      "Svensk. With Dana Roe, Milo Kent. Rated R. 1 hour 52 minutes. In theaters.</p>")
    assert record.is_review, record.verdict
    assert (record.directors, record.cast, record.platform) == (["Ola Svensk"], ["Dana Roe", "Milo Kent"], "Kino")
    assert record.winners["directors"].strategy == "factbox"


def test_cast_and_crew_list_with_jobs() -> None:
    html = ("<html lang='de'><body><main><h1>Nebelhorn</h1><p class='kicker'>Kritik von Kai Ostwald</p>"
            f"<p>{PROSE}</p><p>{PROSE}</p><section><h2>Cast &amp; Crew</h2><ul>"
            "<li><a href='/p/1'>Mara Lindqvist</a><span>Regie</span></li>"
            "<li><a href='/p/2'>Ola Svensk</a><span>Drehbuch</span></li>"
            "<li><a href='/p/3'>Jonas Feld</a><span>Ole</span></li>"
            "<li><a href='/p/4'>Ilse Brandt</a><span>Maren</span></li></ul></section></main></body></html>")
    record = extract(html, "https://kinopilot.example/filme/nebelhorn/kritik")
    assert (record.directors, record.cast) == (["Mara Lindqvist"], ["Jonas Feld", "Ilse Brandt"])
    assert record.is_review, record.verdict


def test_bare_year_only_as_a_segment_of_a_fact_line() -> None:
    html = (f"<html><body><h1>Nebelhorn</h1><p>Drama · 2024 · 1 Std. 52 Min.</p><p>Regie: Mara Lindqvist</p>"
            f"<p>{PROSE}</p><ul><li><a href='/2019/'>2019</a></li></ul></body></html>")
    assert extract(html, "https://kino.example/nebelhorn").year == 2024
    archive = html.replace("<p>Drama · 2024 · 1 Std. 52 Min.</p>", "")
    assert extract(archive, "https://kino.example/nebelhorn").year is None


def test_possessive_before_a_word_for_a_film_names_the_director() -> None:
    record = _english("<h1>Glass Harbor review – a cold, slow descent</h1><p>Ola Svensk’s thriller about two "
                      f"salvage divers takes its time. {PROSE_EN}</p><p>What Dana Roe’s adaptation does is "
                      f"odd. {PROSE_EN}</p>")
    assert record.directors == ["Ola Svensk"]


def test_year_less_cinema_start_in_prose_dated_from_the_page() -> None:
    html = ("<html lang='en-GB'><head><meta property='article:published_time' content='2024-03-07'></head>"
            f"<body><article><h1>Glass Harbor review</h1><p>{PROSE_EN}</p><p>Glass Harbor is released on "
            "8 March in UK cinemas, and it deserves a big screen.</p></article></body></html>")
    record = extract(html, "https://courier.example/film/glass-harbor-review")
    assert (record.release_date, record.platform) == ("2024-03-08", "Kino")


def test_a_headline_h1_keeps_its_place_beside_related_post_titles() -> None:
    html = ("<html><head><title>Nebelhorn: Kritik zum Küstendrama</title></head><body><main><h1>Nebelhorn</h1>"
            f"<p>Regie: Mara Lindqvist</p><p>{PROSE}</p><p>{PROSE}</p>"
            "<div class='more'><h3 class='entry-title'><a href='/salzweg/'>Salzweg</a></h3></div></main></body></html>")
    assert extract(html, "https://kino.example/nebelhorn").title == "Nebelhorn"


def test_a_section_kicker_before_the_colon_is_no_title() -> None:
    html = ("<html lang='de'><body><article><h1>Im Kino: Nebelhorn erzählt leise von der Küste und vom Schweigen"
            f"</h1><p>Im Kino läuft ab Donnerstag ein stiller Film, der lange nachwirkt. {PROSE}</p>"
            f"<p>{PROSE}</p></article></body></html>")
    assert extract(html, "https://kino.example/nebelhorn").title != "Im Kino"


def test_english_headline_name_then_a_short_phrase() -> None:
    html = ("<html lang='en'><body><article><h1 class='post-title'>Glass Harbor and the cold</h1>"
            f"<p>I saw Glass Harbor twice this week. {PROSE_EN}</p><p>{PROSE_EN}</p><p>{PROSE_EN}</p>"
            f"<p>{PROSE_EN}</p><p>My rating: 4/5</p>"
            "</article></body></html>")
    record = extract(html, "https://notes.example/p/glass-harbor-and-the-cold")
    assert record.title == "Glass Harbor"
    assert record.is_review, record.verdict
    title_case = html.replace("Glass Harbor and the cold", "Harold and the Purple Crayon").replace(
        "I saw Glass Harbor", "I saw Harold")
    assert extract(title_case, "https://notes.example/p/harold").title == "Harold and the Purple Crayon"


def test_an_empty_title_cell_states_no_title() -> None:
    for cell in ("0", "–", "-"):
        html = (f"<html><body><h1>Nebelhorn</h1><table><tr><td>Originaltitel</td><td>{cell}</td></tr>"
                f"<tr><td>Regie</td><td>Mara Lindqvist</td></tr></table><p>{PROSE}</p></body></html>")
        assert extract(html, "https://kino.example/nebelhorn").original_title is None, cell
    html = ("<html><body><h1>1917</h1><table><tr><td>Originaltitel</td><td>1917</td></tr></table></body></html>")
    assert extract(html, "https://kino.example/1917").original_title == "1917"


def test_a_byline_above_a_start_line_is_no_director() -> None:
    html = ("<html><body><h1>Nebelhorn</h1><p>Von Jana Pohl</p><p>Kinostart: 4. Juli 2024</p>"
            f"<p>Regie: Mara Lindqvist</p><p>{PROSE}</p></body></html>")
    assert extract(html, "https://kino.example/nebelhorn").directors == ["Mara Lindqvist"]
    bare = html.replace("<p>Regie: Mara Lindqvist</p>", "")
    assert extract(bare, "https://kino.example/nebelhorn").directors == []


def test_a_logo_h1_loses_to_the_title_tag_without_a_post_heading() -> None:
    html = ("<html><head><title>Leinwandkiste: Nebelhorn</title></head><body><h1>Leinwandkiste</h1>"
            f"<div class='post'><p>Regie: Mara Lindqvist</p><p>{PROSE}</p></div></body></html>")
    assert extract(html, "https://leinwandkiste.blogspot.com/2024/03/nebelhorn.html").title == "Nebelhorn"


def test_weekday_start_dated_from_the_publication_date() -> None:
    head = "<meta property='article:published_time' content='2024-07-03T08:00:00+02:00'>"
    assert _dated("Kinostart: ab Donnerstag", head).release_date == "2024-07-04"
    assert _dated("Kinostart: ab Donnerstag").release_date is None  # no page date: no guess
    assert _dated("Kinostart: ab Donnerstag</p><p>Deutschlandstart: 11.07.2024", head).release_date == "2024-07-11"

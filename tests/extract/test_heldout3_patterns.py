"""Failure patterns of held-out set 3, on pages of our own: heading badges, logo headings, column kickers,
layout-table side columns, wrapped <dl> pairs, dash credit lines, provider age labels, polls, score attributes."""
from __future__ import annotations

from scraper.extract import extract
from scraper.normalize.fsk import parse_fsk
from scraper.normalize.names import CAST, parse_names
from scraper.normalize.title import clean_title, title_year

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE2 = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
          "und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
PROSE_EN = ("The images are cool and exact, the editing gives every scene its time, and the score never pushes "
            "itself forward, so that one follows the story of Foghorn in rapt attention.")
URL = "http://127.0.0.5:8080/kritik/nebelhorn.html"


def _page(body: str, head: str = "Kritik: Nebelhorn", lang: str = "de", title: str | None = None,
          extra: str = "") -> str:
    return (f"<html lang='{lang}'><head><title>{title or head}</title>{extra}</head><body><main><article>"
            f"<h1>{head}</h1><p>{PROSE2}</p><p>{PROSE}</p>{body}<p>{PROSE}</p></article></main></body></html>")


# ------------------------------------------------------------------ titles

def test_a_thread_prefix_badge_at_the_start_of_the_heading_is_no_part_of_the_title() -> None:
    head = ("<span class='label label--accent'>Review</span><span class='label-append'>&nbsp;</span>"
            "Foghorn (2023) – a quiet, cold and beautiful film")
    page = _page("<p><b>My score:</b> 8/10</p>", head="x", lang="en").replace("<h1>x</h1>", f"<h1>{head}</h1>")
    page = page.replace(PROSE2, PROSE_EN)
    record = extract(page, "http://127.0.0.5:8080/threads/foghorn.12/")
    assert (record.title, record.year) == ("Foghorn", 2023)


def test_a_badge_after_the_title_is_no_part_of_it_but_a_heading_without_badge_class_stays() -> None:
    badged = _page("").replace("<h1>Kritik: Nebelhorn</h1>",
                               "<h1>Nebelhorn<span class='Hero_badge__x1'>Netflix-Film</span></h1>")
    assert extract(badged, URL).title == "Nebelhorn"
    plain = _page("").replace("<h1>Kritik: Nebelhorn</h1>", "<h1>Nebelhorn <span class='sub'>II</span></h1>")
    assert extract(plain, URL).title == "Nebelhorn II"


def test_an_h1_linking_to_the_front_page_is_the_logo_and_the_first_h2_names_the_film() -> None:
    page = ("<html lang='de'><head><title>Kinotipp: Nebelhorn - Kino am Markt</title></head><body>"
            "<h1><a href='/'><img src='/logo.gif' alt='Kino am Markt'></a> Kino am Markt</h1>"
            f"<div class='inhalt'><h2>Unser Filmtipp: Nebelhorn</h2><p>{PROSE2}</p><p>{PROSE}</p>"
            "<p>Regie: Mara Lindqvist<br>Land/Jahr: Schweden 2023<br>FSK: ab 12 Jahren</p></div></body></html>")
    record = extract(page, "http://127.0.0.5:8080/filmtipps/nebelhorn.html")
    assert record.title == "Nebelhorn"


def test_column_kickers_before_a_colon_are_no_part_of_the_title() -> None:
    assert clean_title("Unser Filmtipp: Nebelhorn") == "Nebelhorn"
    assert clean_title("Filmtipp der Woche: Nebelhorn") == "Nebelhorn"
    assert clean_title("Kultnacht: Nebelhorn") == "Nebelhorn"
    assert clean_title("Film des Monats: Nebelhorn") == "Nebelhorn"
    assert clean_title("Dune: Part Two") == "Dune: Part Two"  # a colon inside a title stays


def test_a_year_with_a_note_in_parentheses_gives_the_year_and_ends_the_title() -> None:
    text = "Foghorn (2023, Lindqvist) – three perspectives, one wound"
    assert (clean_title(text), title_year(text)) == ("Foghorn", 2023)
    assert title_year("Foghorn (2023, Sweden)") == 2023
    assert title_year("Foghorn (Teil 2)") is None


def test_a_quoted_original_title_in_parentheses_after_the_info_line_title_is_cut() -> None:
    info = ("<p class='info'><em>„Nebelhorn“ („Foghorn“), Schweden 2023, 104 Minuten, Regie: Mara Lindqvist, Buch: "
            "Ola Svensk, mit Ann Holm, Tom Berg und Lisa Vik. Drama. FSK ab 12. Ab 4. Januar im Kino.</em></p>")
    record = extract(_page(info, head="Ein Leuchtturm, der schweigt"), URL)
    assert record.title == "Nebelhorn"


# ------------------------------------------------------------------ credits

def test_a_dash_separated_credit_line_reads_director_and_cast_apart() -> None:
    line = ("<p><b>Nebelhorn</b> (Schweden 1989) – Regie: Mara Lindqvist – mit Ann Holm, Tom Berg und Lisa Vik – "
            "Drama – 104 Min. – Originalfassung mit Untertiteln</p>")
    record = extract(_page(line), URL)
    assert (record.directors, record.cast, record.year) == (["Mara Lindqvist"], ["Ann Holm", "Tom Berg", "Lisa Vik"],
                                                             1989)


def test_a_wrapped_dl_reads_every_actor_of_a_cast_list_with_roles() -> None:
    box = ("<dl><div><dt>Regie</dt><dd>Mara Lindqvist</dd></div><div><dt>Besetzung</dt><dd><ul>"
           "<li><span>Ann Holm</span> <span>als Wärterin</span></li><li><span>Tom Berg</span> "
           "<span>als Fremder / Erzähler</span></li><li><span>Lisa Vik</span> <span>als Mutter</span></li></ul></dd>"
           "</div><div><dt>Produktionsjahr</dt><dd>2023</dd></div></dl>")
    record = extract(_page(box), URL)
    assert record.cast == ["Ann Holm", "Tom Berg", "Lisa Vik"]


def test_a_double_role_keeps_its_slash_and_a_list_of_roles_keeps_every_actor() -> None:
    assert parse_names("Ann Holm als Wärterin / Mutter, Tom Berg als Fremder", CAST) == ["Ann Holm", "Tom Berg"]
    assert parse_names("Ann Holm as Mae and Tom Berg as the stranger / narrator", CAST) == ["Ann Holm", "Tom Berg"]
    assert parse_names("Ann Holm / Tom Berg", CAST) == ["Ann Holm", "Tom Berg"]


def test_a_label_cell_with_two_jobs_names_no_one_and_the_film_stays_a_review() -> None:
    box = ("<dl><div><dt>Regie und Drehbuch</dt><dd>Mara Lindqvist</dd></div><div><dt>Genre</dt><dd>Drama</dd>"
           "</div><div><dt>Produktionsjahr</dt><dd>2023</dd></div></dl><p>Unsere Wertung: 7/10</p>")
    record = extract(_page(box), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert record.verdict.startswith("review"), record.verdict


def test_director_and_cast_named_in_one_german_sentence() -> None:
    line = ("<p>In der Regie von Mara Lindqvist, die auch das Buch geschrieben hat, spielen Ann Holm, Tom Berg und "
            "Lisa Vik die Hauptrollen: drei Geschwister, die das Haus ihrer Mutter räumen.</p>")
    record = extract(_page(line), URL)
    assert (record.directors, record.cast) == (["Mara Lindqvist"], ["Ann Holm", "Tom Berg", "Lisa Vik"])


def test_cast_in_the_leading_roles_and_a_figure_of_speech() -> None:
    lead = "<p>Das Drama mit Ann Holm und Tom Berg in den Hauptrollen erzählt von einem Sommer an der Küste.</p>"
    assert extract(_page(lead), URL).cast == ["Ann Holm", "Tom Berg"]
    speech = "<p>Die Hauptrolle spielt hier das Meer, und niemand im Saal kann sich dem entziehen, so laut ist es.</p>"
    assert extract(_page(speech), URL).cast == []


def test_a_director_who_also_cut_the_film_and_voices_named_after_mit() -> None:
    info = ("<p><em>„Nebelhorn“, Japan 2023, 104 Minuten, Regie und Schnitt: Mara Lindqvist, Musik: Ola Svensk, "
            "mit den Stimmen von Ann Holm, Tom Berg und Lisa Vik. Animationsfilm. FSK ab 12.</em></p>")
    record = extract(_page(info, head="Ein Leuchtturm, der schweigt"), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Ann Holm", "Tom Berg", "Lisa Vik"]


def test_a_credit_in_parentheses_of_a_prose_sentence_is_another_films_and_no_second_director() -> None:
    body = ("<p class='kurzinfo'><b>Nebelhorn</b> (Schweden 1989) – Regie: Mara Lindqvist – mit Ann Holm, Tom Berg "
            "– Drama – 104 Min.</p><p>Wir zeigen den Film, über den alle reden, seit im März die Neuverfilmung mit "
            "Lisa Vik erschienen ist (Regie: Ola Svensk). Das Original ist besser, und zwar deutlich.</p>"
            "<p>Unsere Wertung: 4/5</p>")
    record = extract(_page(body, head="Kultnacht: Nebelhorn"), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert record.verdict.startswith("review"), record.verdict


# ------------------------------------------------------------------ boxes, ages, dates, ratings

def test_a_layout_tables_side_column_holds_no_fact_of_the_film() -> None:
    page = ("<html lang='de'><head><title>Filmtipp: Nebelhorn</title></head><body><table><tr>"
            "<td class='navi'><a href='/'>Start</a><br><a href='/programm/'>Programm</a></td>"
            f"<td class='inhalt'><h2>Unser Filmtipp: Nebelhorn</h2><p>{PROSE2}</p><p>{PROSE}</p><p>{PROSE}</p>"
            "<p>Regie: Mara Lindqvist<br>Land/Jahr: Schweden 2023</p></td>"
            "<td class='rechts'><div><b>Kinderkino am Sonntag</b><br>Die Möwe (FSK: ab 6 Jahren), 14 Uhr</div></td>"
            "</tr></table></body></html>")
    record = extract(page, "http://127.0.0.5:8080/filmtipps/nebelhorn.html")
    assert (record.title, record.directors, record.fsk) == ("Nebelhorn", ["Mara Lindqvist"], None)


def test_a_layout_tables_side_column_of_film_facts_stays() -> None:
    page = ("<html lang='de'><head><title>Filmtipp: Nebelhorn</title></head><body><table><tr>"
            "<td class='links'><div>Regie: Mara Lindqvist<br>Land/Jahr: Schweden 2023<br>FSK: ab 12 Jahren</div></td>"
            f"<td class='inhalt'><h2>Unser Filmtipp: Nebelhorn</h2><p>{PROSE2}</p><p>{PROSE}</p><p>{PROSE}</p></td>"
            "</tr></table></body></html>")
    record = extract(page, "http://127.0.0.5:8080/filmtipps/nebelhorn.html")
    assert (record.directors, record.year, record.fsk) == (["Mara Lindqvist"], 2023, 12)


def test_a_fact_tables_label_cells_stay() -> None:
    table = ("<table><tr><td>Regie</td><td>Mara Lindqvist</td></tr><tr><td>FSK</td><td>ab 12 Jahren</td></tr>"
             "</table>")
    record = extract(_page(table), URL)
    assert (record.directors, record.fsk) == (["Mara Lindqvist"], 12)


def test_a_streaming_services_own_age_label_is_no_fsk() -> None:
    assert parse_fsk("12+") is None
    assert parse_fsk("FSK 12") == 12
    assert parse_fsk("ab 12 Jahren") == 12
    box = "<dl><dt>Regie</dt><dd>Mara Lindqvist</dd><dt>Altersempfehlung (Disney+)</dt><dd>12+</dd></dl>"
    assert extract(_page(box), URL).fsk is None


def test_a_start_without_year_takes_the_publication_year_before_the_film_year() -> None:
    info = ("<p><em>„Nebelhorn“, Schweden 2023, 104 Minuten, Regie: Mara Lindqvist, mit Ann Holm und Tom Berg. "
            "Drama. Ab 4. Januar im Kino.</em></p>")
    meta = "<meta property='article:published_time' content='2024-01-03T18:30:00+01:00'>"
    record = extract(_page(info, head="Ein Leuchtturm, der schweigt", extra=meta), URL)
    assert (record.release_date, record.platform) == ("2024-01-04", "Kino")


def test_a_start_written_after_it_happened() -> None:
    info = ("<p><em>„Nebelhorn“, Schweden 2024, 104 Minuten, Regie: Mara Lindqvist, mit Ann Holm und Tom Berg. "
            "Drama. Seit 19. September 2024 im Kino.</em></p>")
    record = extract(_page(info, head="Ein Leuchtturm, der schweigt"), URL)
    assert (record.release_date, record.platform) == ("2024-09-19", "Kino")
    box = "<dl><dt>Regie</dt><dd>Mara Lindqvist</dd><dt>Verfügbar seit</dt><dd>3. Juli 2020</dd></dl>"
    assert extract(_page(box), URL).release_date == "2020-07-03"


def test_a_long_italic_info_paragraph_is_the_reviews_film_info_without_a_rating() -> None:
    info = ("<p class='info'><em>„Nebelhorn“ (Originaltitel: „Foghorn“), Schweden 2023, 127 Minuten, Regie und "
            "Schnitt: Mara Lindqvist, Buch: Ola Svensk, Musik: Per Holm, mit Ann Holm, Tom Berg, Lisa Vik, Eva Dahl "
            "und Karl Lund. Drama. FSK ab 12. Ab 21. März 2024 im Kino.</em></p>")
    record = extract(_page(info, head="Wer ist hier der Fremde?"), URL)
    assert record.verdict.startswith("review"), record.verdict
    assert record.rating is None


def test_a_reader_poll_in_percent_is_no_rating() -> None:
    poll = ("<div class='leserumfrage'><h3>Leserumfrage</h3><p>„Nebelhorn“ – sehenswert?</p>"
            "<ul><li>Ja: 71 %</li><li>Nein: 29 %</li></ul></div>")
    page = _page("<p>Regie: Mara Lindqvist</p><p>Land/Jahr: Schweden 2023</p>").replace("</main>", poll + "</main>")
    assert extract(page, URL).rating is None


def test_a_score_rings_data_attributes_give_the_rating_and_the_community_ring_does_not() -> None:
    rings = ("<div class='Score_ring__a1' data-score='34' data-max='100'><svg><title>Score: 34 von 100</title></svg>"
             "<span>34</span></div><div class='Score_ring__a1 Score_ring--community__a2' data-score='45' "
             "data-max='100'><span>45</span></div>")
    record = extract(_page("<p>Regie: Mara Lindqvist</p><p>Land/Jahr: Schweden 2023</p>" + rings), URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (34, 100)


def test_a_bold_score_opening_a_line_of_a_post_is_its_rating() -> None:
    post = f"<div class='bbWrapper'>{PROSE_EN}<br><br><b>7.5/10</b> – I will never watch it again.</div>"
    page = _page(post, head="Foghorn (2023)", lang="en").replace(PROSE2, PROSE_EN)
    record = extract(page, "http://127.0.0.5:8080/threads/foghorn-2023.12/")
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (7.5, 10)
    inline = _page(f"<p>{PROSE_EN} I liked it, <b>7.5/10</b> maybe.</p>", head="Foghorn (2023)", lang="en")
    assert extract(inline, "http://127.0.0.5:8080/threads/foghorn-2023.12/").rating is None

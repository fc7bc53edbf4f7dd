"""Failure patterns of the second real-page probe (session 9), on pages of our own: a review column signed by its
critic (a name line after the text, "Surname, Firstname |", a name closing the last paragraph, "Tipp von …"), a
fact box of label and value `<br>` lines, a "Starring" credit whose names lost their separators, the 1970-01-01
placeholder date, director phrasings of prose, a short kicker before the film's name in the headline; and the
non-reviews that must stay non-reviews beside them (news, a weekly start list, first reactions, a programme
page, an interview)."""
from __future__ import annotations

from scraper.extract import extract

PROSE_DE = ("Die Leuchtturmwärterin Ida kehrt nach dem Tod ihres Bruders an die Küste zurück und begegnet dort "
            "einem Fremden, der mehr über ihre Familie zu wissen scheint als sie selbst.")
PROSE_DE2 = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie in "
             "den Vordergrund, sodass man dem Geschehen von „Nebelhorn“ bis zum Ende folgt.")
PROSE_EN = ("Ida, a lighthouse keeper, returns to the coast after her brother's death and meets a stranger there "
            "who seems to know more about her family than she does herself.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene its time, and the music never pushes "
             "itself forward, so one follows Foghorn to the very end.")
FACTS_DE = "<p>Regie: Mara Lindqvist<br>Darsteller: Ida Berg, Ole Sand<br>Bundesstart: 14.03.2024<br>FSK: 12</p>"


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article>{body}</article></main></body></html>")


URL = "http://127.0.0.9:8080/film/nebelhorn-4711.html"


# --- a review column signed by its critic ---------------------------------------------------------------------

def test_a_name_line_after_the_text_signs_the_review() -> None:
    body = f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Jana Feld</p>{FACTS_DE}"
    record = extract(_page(body), URL)
    assert record.is_review, record.verdict
    # the same page without the signature has no review evidence
    unsigned = extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{FACTS_DE}"), URL)
    assert not unsigned.is_review
    assert "no rating and no review heading" in unsigned.verdict


def test_an_inverted_name_and_a_name_closing_the_last_paragraph_sign_it_too() -> None:
    inverted = f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>Feld, Jana |</p><p>{PROSE_DE2}</p>{FACTS_DE}"
    assert extract(_page(inverted), URL).is_review
    closing = f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>{PROSE_DE2} Mehr davon! Jana Feld</p>{FACTS_DE}"
    assert extract(_page(closing), URL).is_review


def test_a_tip_signed_by_its_writer_is_a_review() -> None:
    body = f"<h1>Nebelhorn</h1>{FACTS_DE}<p>Tipp von Jana</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    assert extract(_page(body), URL).is_review


def test_a_caption_of_an_actor_the_prose_names_signs_nothing() -> None:
    prose = PROSE_DE2.replace("Die Bilder", "Ida Berg spielt sie mit großer Ruhe. Die Bilder")
    body = f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>Ida Berg</p><p>{prose}</p>{FACTS_DE}"
    assert not extract(_page(body), URL).is_review


def test_a_weekly_start_list_with_a_film_name_line_after_each_text_is_no_review() -> None:
    body = ("<h1>Neu im Kino</h1>"
            f"<p>Glass Harbor</p><p>{PROSE_DE}</p><p>Sturm Tage</p><p>{PROSE_DE2}</p>"
            "<p>Regie: Mara Lindqvist<br>Bundesstart: 14.03.2024</p><p>Regie: Ola Svensk<br>FSK: 12</p>")
    assert not extract(_page(body, title="Neu im Kino"), "http://127.0.0.9:8080/kino/neu-im-kino.html").is_review


def test_news_about_a_film_with_a_byline_stays_no_review() -> None:
    news = ("Der Verleih hat am Montag bekanntgegeben, dass das Drama „Nebelhorn“ von Mara Lindqvist im März in "
            "die deutschen Kinos kommt; die Dreharbeiten an der schwedischen Küste dauerten vierzig Tage.")
    body = (f"<h1>„Nebelhorn“ kommt im März ins Kino</h1><p>Von Jana Feld</p><p>{news}</p><p>{PROSE_DE}</p>"
            f"{FACTS_DE}")
    assert not extract(_page(body, title="Nebelhorn kommt ins Kino"),
                       "http://127.0.0.9:8080/news/nebelhorn-kommt-ins-kino.html").is_review


# --- a fact box of label and value `<br>` lines ------------------------------------------------------------------

def test_label_and_value_on_two_br_lines_of_one_block_are_read() -> None:
    box = ("<p>Regie<br>Mara Lindqvist<br>Cast<br>Ida Berg, Ole Sand, Karin Lund<br>Laufzeit<br>104 min.<br>"
           "Jahr<br>2023<br>Sprache<br>Schwedisch</p>")
    record = extract(_page(f"<h1>Nebelhorn</h1>{box}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"), URL)
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Ida Berg", "Ole Sand", "Karin Lund"]
    assert record.year == 2023


def test_a_starring_credit_of_space_joined_names_splits_where_the_page_writes_each_name() -> None:
    credits = "<p>Directed by<br>Mara Lindqvist</p><p>Starring<br>Ida Berg Carter John Lund Ole Sand</p>"
    prose = (f"{PROSE_EN} Ida Berg and Ole Sand carry it, and Carter John Lund is very good as the stranger who "
             "waits on the pier every evening.")
    record = extract(_page(f"<h1>Foghorn review – a lamp in the dark</h1>{credits}<p>{prose}</p><p>{PROSE_EN2}</p>",
                           "en", "Foghorn review"), "http://127.0.0.9:8080/reviews/foghorn/")
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Ida Berg", "Carter John Lund", "Ole Sand"]


# --- the Unix epoch as a CMS's empty date ------------------------------------------------------------------------

def test_the_unix_epoch_start_date_is_a_placeholder_and_states_no_cinema() -> None:
    body = (f"<h1>Nebelhorn</h1><p>KINOSTART: 01.01.1970 • Drama • Schweden (2023)</p><p>Regie: Mara Lindqvist</p>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Wertung: 4 von 5</p>")
    record = extract(_page(body), URL)
    assert record.release_date is None
    assert record.platform is None
    assert record.year == 2023
    real = extract(_page(body.replace("01.01.1970", "14.03.2024")), URL)
    assert (real.release_date, real.platform) == ("2024-03-14", "Kino")


# --- directors: prose phrasings, the headline's parenthesis, a database's info line --------------------------------

def _prose_only(lead: str, lang: str = "de", h1: str = "Nebelhorn") -> str:
    second = PROSE_DE2 if lang == "de" else PROSE_EN2
    first = PROSE_DE if lang == "de" else PROSE_EN
    return _page(f"<h1>{h1}</h1><p>{lead}</p><p>{first}</p><p>{second}</p>", lang, h1)


def test_director_phrasings_of_german_prose() -> None:
    leads = {
        "Mit „Nebelhorn“ verfilmte Mara Lindqvist den Roman ihrer Großmutter über eine Küste im Norden.": None,
        "Mara Lindqvist verfilmt den Roman ihrer Großmutter über eine Küste im Norden als stilles Drama.": None,
        "Mara Lindqvist übernimmt für „Nebelhorn“ nicht nur die Regie, sondern spielt auch die Wärterin.": None,
        "Das Drama „Nebelhorn“ von und mit Mara Lindqvist läuft seit dieser Woche in den Kinos.": None,
    }
    for lead in leads:
        assert extract(_prose_only(lead), URL).directors == ["Mara Lindqvist"], lead
    # "die verfilmte Geschichte" is an adjective, no director
    adjective = "Die verfilmte Geschichte Mara Lindqvists handelt von einer Küste im Norden und ihrem Licht."
    assert extract(_prose_only(adjective), URL).directors == []


def test_who_also_directed_names_the_director() -> None:
    lead = "The screenplay written by Ola Svensk who also directed this feature runs long but pays off."
    record = extract(_prose_only(lead, "en", "Foghorn"), "http://127.0.0.9:8080/post/foghorn")
    assert record.directors == ["Ola Svensk"]


def test_the_headline_parenthesis_names_director_and_year() -> None:
    for h1 in ("NEBELHORN (Mara Lindqvist – 2023)", "Nebelhorn (2023, dir. Mara Lindqvist)"):
        record = extract(_prose_only("Ein stilles Drama über eine Küste im Norden und die Familie, die dort lebt.",
                                     h1=h1), URL)
        assert record.directors == ["Mara Lindqvist"], h1
        assert record.title == "Nebelhorn"


def test_a_database_info_line_under_the_headline_leads_with_the_director() -> None:
    body = f"<h1>Nebelhorn</h1><p>Mara Lindqvist, Schweden, 2023</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Jana Feld</p>"
    record = extract(_page(body), URL)
    assert (record.directors, record.year) == (["Mara Lindqvist"], 2023)
    assert record.is_review, record.verdict  # two stated facts and the critic's signature


# --- the headline: a kicker before the film's name -----------------------------------------------------------------

def test_a_one_word_or_event_kicker_before_the_colon_is_no_part_of_the_title() -> None:
    for h1 in ("Mesmerising: Foghorn reviewed", "Nordlicht Festival 2024: Foghorn"):
        record = extract(_prose_only("Foghorn is a quiet film about a coast in the north and the family there.",
                                     "en", h1), "http://127.0.0.9:8080/article/foghorn/")
        assert record.title == "Foghorn", h1
    # a kicker the prose writes is kept ("Mission: Foghorn" is the film's name)
    record = extract(_prose_only("Mission: Foghorn is a quiet film about a coast in the north and a family there.",
                                 "en", "Mission: Foghorn"), "http://127.0.0.9:8080/article/foghorn/")
    assert record.title == "Mission: Foghorn"


def test_a_cast_label_over_a_heading_is_no_credit() -> None:
    body = (f"<h1>Nebelhorn</h1><p>Cast</p><p>Die Handlung von Nebelhorn</p><p>{PROSE_DE} Ida (Ida Berg) "
            f"kennt jeden Stein.</p><p>{PROSE_DE2}</p>")
    assert extract(_page(body), URL).cast == ["Ida Berg"]


# --- judging words of German reviews -------------------------------------------------------------------------------

def test_more_german_judging_words_make_prose_a_review() -> None:
    lead = ("Regisseurin Mara Lindqvist zeichnet originelle Figuren und gelungene Szenen, neben Ida Berg überzeugt Ole Sand als "
            "Vater; die Musik von Jo Lind ist kongenial.")
    record = extract(_page(f"<h1>Nebelhorn</h1><p>{lead}</p><p>{PROSE_DE}</p><p>{PROSE_DE2} „Nebelhorn“ ist ein "
                           "Film über das Licht und die Menschen, die es hüten, und über eine Küste.</p>"), URL)
    assert record.is_review, record.verdict
    # the same words in readers' comments under a listing, quoted, stay others' judgement
    quoted = lead.replace("Regisseurin Mara", "„Regisseurin Mara").replace("kongenial.", "kongenial.“")
    record = extract(_page(f"<h1>Nebelhorn</h1><p>{quoted}</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"), URL)
    assert not record.is_review

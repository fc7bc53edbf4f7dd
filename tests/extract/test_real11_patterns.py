"""Failure patterns of the third real-page probe (session 11), on pages of our own: archive pages of a blog theme,
the bars of a readers' vote histogram, a broadcaster's press text quoted by a listing (non-reviews that were taken
for reviews), and the review patterns beside them."""
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


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article>{body}</article></main></body></html>")


URL = "http://127.0.0.9:8080/film/nebelhorn-4711.html"


# --- non-reviews taken for reviews ------------------------------------------------------------------------------

def test_an_archive_heading_over_a_post_with_a_fact_line_is_no_review() -> None:
    post = (f"<p>NEBELHORN | Regie: Mara Lindqvist | SE 2024</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
            "<p>Mehr zu „Nebelhorn“ lest ihr in der Kritik, die ihr über das Plakat erreicht.</p>")
    for heading in ("Schlagwort-Archiv: Küstenkino", "Archiv der Kategorie: Kino", "Category Archives: Drama",
                    "Posts tagged “coast”", "Beiträge mit dem Schlagwort „Meer“"):
        record = extract(_page(f"<h1>{heading}</h1>{post}", title=heading), "http://127.0.0.9:8080/themen/kueste/")
        assert not record.is_review, (heading, record.verdict)
        assert record.verdict == "an archive of posts"
    # the same post under its own headline is a review
    own = extract(_page(f"<h1>Nebelhorn</h1>{post}"), URL)
    assert own.is_review, own.verdict


def test_the_bars_of_a_vote_histogram_are_no_score() -> None:
    bars = "".join(f"<p>{n}Sterne ({c})</p>" for n, c in ((5, 7), (4, 0), (3, 2), (2, 1)))
    body = (f"<h1>Nebelhorn</h1><p>Regisseur: Mara Lindqvist</p><p>Darsteller: Ida Berg, Ole Sand</p>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Bilder</p>{bars}<p>1Stern (0)</p>")
    record = extract(_page(body), "http://127.0.0.9:8080/film/nebelhorn-2024/")
    assert record.rating is None
    assert not record.is_review, record.verdict
    for line in ("4 stars (12)", "★★★★ (27)"):
        assert extract(_page(body.replace(bars, f"<p>{line}</p>")), "http://127.0.0.9:8080/film/x/").rating is None


def test_a_press_text_credited_to_its_source_does_not_judge_the_film() -> None:
    press = ("Ein Meisterwerk über das Meer: Die Wärterin Ida (Ida Berg) kehrt an die Küste zurück, wo ein Fremder "
             "mehr über ihre Familie weiß als sie selbst, und jede Einstellung sitzt. (Text: Kanal Neun)")
    notes = ("<p>Deutscher Kinostart 14.03.2024</p><p>Ich fand die Handlung von Nebelhorn nach einer Stunde nur noch "
             "langweilig und die vielen Rückblenden ermüdend, auch wenn das Thema an sich interessant ist und die "
             "Landschaft am Meer schön aussieht.</p>"
             "<p>Interessant, aber nicht so beeindruckend wie erhofft: der Film ist viel zu lang und verliert sich "
             "gegen Ende in Nebensachen, die niemand braucht. Die vielen Nebenfiguren bleiben blass, und am Ende "
             "weiß man kaum noch, worum es eigentlich gehen sollte.</p>")
    record = extract(_page(f"<h1>Nebelhorn</h1><p>{press}</p>{notes}"), "http://127.0.0.9:8080/filme/nebelhorn")
    assert not record.is_review, record.verdict
    # a source line after the paragraph credits it the same way
    credited = f"<h1>Nebelhorn</h1><p>{press[:-len(' (Text: Kanal Neun)')]}</p><p>Quelle: Kanal Neun</p>{notes}"
    assert not extract(_page(credited), "http://127.0.0.9:8080/filme/nebelhorn").is_review
    # the same words in the page's own voice judge it
    own = f"<h1>Nebelhorn</h1><p>{press[:-len(' (Text: Kanal Neun)')]}</p>{notes}"
    assert extract(_page(own), "http://127.0.0.9:8080/filme/nebelhorn").is_review


# --- star displays closing a line, labelled facts of a film blog ----------------------------------------------

DIARY_EN = ("Such a quiet film, and one that stays with you long after the lights come up: every shot is framed with "
            "patience, the sound of the sea does half the storytelling, and the lead gives a performance of rare "
            "restraint. I was not sure at first where it was going, but by the last act it had me completely. The "
            "final scene on the cliffs is one of the most moving things I have seen this year, and I want to see it "
            "again on the biggest screen I can find, preferably with an audience that keeps quiet. Bring a coat, though: the cinema was as cold as the "
            "coast in the film, and nobody seemed to mind.")


def test_a_diary_line_repeating_the_headline_with_stars_is_the_score() -> None:
    body = f"<h1>Foghorn</h1><p>Foghorn ★★★★½</p><p>{DIARY_EN}</p><p>Block or Report</p>"
    record = extract(_page(body, "en", "Foghorn"), "http://127.0.0.9:8080/ann/film/foghorn/")
    assert record.rating is not None and record.rating.normalized == 90
    assert record.is_review, record.verdict
    # stars closing a line that is not the headline (another film's name) do not name this page's film
    other = extract(_page(body.replace("<p>Foghorn ★★★★½</p>", "<p>Lantern ★★★★½</p>"), "en", "Foghorn"),
                    "http://127.0.0.9:8080/ann/film/foghorn/")
    assert not other.is_review, other.verdict


def test_a_verdict_line_closing_with_stars_is_the_score() -> None:
    body = (f"<h1>Film: Foghorn</h1><p>Opened: March 14, 2024</p><p>Directed by: Mara Lindqvist</p>"
            f"<p>Starring: Ida Berg, Ole Sand</p><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
            "<p>Final say: Quiet but it lingers. ★★★☆☆</p>")
    record = extract(_page(body, "en", "Film: Foghorn"), "http://127.0.0.9:8080/2024/03/20/film-foghorn/")
    assert record.is_review, record.verdict
    assert record.rating is not None and record.rating.normalized == 60
    assert record.title == "Foghorn"  # "Film:" labels the title like the lines below label the facts
    assert record.release_date == "2024-03-14" and record.year == 2024  # "Opened:" states the release


def test_a_review_word_with_an_article_closes_a_headline() -> None:
    body = f"<h1>Nebelhorn - Foghorn - ein Review</h1><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Regie: Mara Lindqvist</p>"
    assert extract(_page(body), URL).title == "Nebelhorn - Foghorn"
    body = f"<h1>Foghorn – a review</h1><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
    assert extract(_page(body, "en"), URL).title == "Foghorn"


def test_a_country_line_under_the_headline_names_no_original_title() -> None:
    body = (f"<h1>Nebelhorn</h1><p>Grossbritannien, Schweden 2024 – 104min.</p><p>Filmkritik</p>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>")
    record = extract(_page(body), URL)
    assert record.original_title is None
    assert record.year == 2024

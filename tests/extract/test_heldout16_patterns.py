"""Failure patterns of held-out set 16, on pages of our own: a wiki's short review (a fact table, one verdict
paragraph, a score section), a superseded earlier rating beside the current one, a sequel title with its own
colon, an essay headline over a title line."""
from __future__ import annotations

from scraper.extract import extract

WIKI_URL = "http://127.0.0.16:8080/kritiken/nebelhorn/"
VERDICT_DE = ("Ein Leuchtturm, eine Schwester, ein Fremder: Mara Lindqvist erzählt das in langen ruhigen "
              "Einstellungen, Ilse Kramer trägt den Film fast allein, und nur das Ende wirkt zu glatt.")  # 27 words


def _wiki_page(verdict: str = VERDICT_DE, score: str = "<p><strong>7/10</strong> (Uschi)</p>",
               rows: tuple[tuple[str, str], ...] = (("Titel", "Nebelhorn"), ("Jahr", "2021"),
                                                    ("Regie", "Mara Lindqvist"), ("Darsteller", "Ilse Kramer, Jonas Brenner"),
                                                    ("Genre", "Drama")),
               heading: str = "Kritik") -> str:
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return ("<html><head><meta charset='utf-8'><title>Nebelhorn [Filmrunde]</title></head><body>"
            "<div id='header'><h1 class='logo'><a href='/'>Filmrunde Nordheide</a></h1></div>"
            "<div id='content'><div class='page'>"
            "<h1>Nebelhorn</h1><div class='level1'><p>Kritik von Uschi zum Abend.</p></div>"
            f"<h2>Steckbrief</h2><div class='level2'><table class='inline'>{table}</table></div>"
            f"<h2>{heading}</h2><div class='level2'><p>{verdict}</p></div>"
            f"<h2>Wertung</h2><div class='level2'>{score}</div>"
            "<h2>Stimmen</h2><ul><li><strong>Hannes</strong>: 6/10</li><li><strong>Schnitt</strong>: 6,5/10</li></ul>"
            "</div></div></body></html>")


def test_a_short_review_with_a_fact_table_and_its_own_score_is_a_review() -> None:
    """One verdict paragraph of some 30 words is a review when the film's facts stand in a table, the page gives
    its own labelled score and calls itself a review (the "Kritik" heading)."""
    record = extract(_wiki_page(), WIKI_URL)
    assert record.is_review, record.verdict
    assert (record.title, record.year, record.directors) == ("Nebelhorn", 2021, ["Mara Lindqvist"])
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (7, 10)


def test_a_short_text_without_its_own_score_or_facts_is_still_no_review() -> None:
    """Each part is needed: without the score (a preview, a database entry), with only two facts, or with a
    verdict paragraph of a dozen words the page stays out."""
    assert not extract(_wiki_page(score="<p>Noch nicht gesehen.</p>"), WIKI_URL).is_review
    two_facts = (("Titel", "Nebelhorn"), ("Jahr", "2021"))
    assert not extract(_wiki_page(rows=two_facts), WIKI_URL).is_review
    assert not extract(_wiki_page(verdict="Ein Leuchtturm, eine Schwester, ein Fremder und ein glattes Ende."),
                       WIKI_URL).is_review


# --- a revisit: the current score beside the one the film got on release -----------------------------------

BLOG_URL = "http://127.0.0.16:8080/2024/02/03/foghorn-revisited.html"
PROSE_EN = ("Mara Lindqvist's lighthouse drama asked for patience on release and I did not have it; seen again, the "
            "long takes and Ilse Kramer's stillness carry the film, and only the ending feels too tidy for it.")


def _revisit(scores: str) -> str:
    return ("<html><head><meta charset='utf-8'><title>Foghorn revisited</title></head><body><article class='post'>"
            "<h1 class='post-title'>Foghorn</h1><div class='post-content'>"
            "<p>I was too hard on this one the first time. I was wrong.</p>"
            "<dl><dt>Director</dt><dd>Mara Lindqvist</dd><dt>Cast</dt><dd>Ilse Kramer, Jonas Brenner</dd>"
            "<dt>Genre</dt><dd>Drama</dd><dt>Year</dt><dd>2021</dd></dl>"
            f"<p>{PROSE_EN}</p><p>{PROSE_EN}</p>{scores}</div></article></body></html>")


def _score(html: str) -> tuple | None:  # type: ignore[type-arg]
    record = extract(html, BLOG_URL)
    assert record.is_review, record.verdict
    return record.rating and (record.rating.value, record.rating.scale)


def test_an_earlier_rating_the_page_dates_as_superseded_loses_to_the_current_one() -> None:
    """"Original 2017 rating: ★★★☆☆" below the current stars (an aria-label, a plain line, a labelled line): the
    earlier score is the page's no longer, before or after the current one, in English or German."""
    current = "<p class='rating' aria-label='4 out of 5 stars'>★★★★☆</p>"
    assert _score(_revisit(current + "<p><small>Original 2017 rating: ★★★☆☆</small></p>")) == (4, 5)
    assert _score(_revisit("<p>Previous grade: C</p><p>Grade: B+</p>")) == ("B+", None)
    assert _score(_revisit("<p>Rating at the time: 5/10</p><p>★★★★☆</p>")) == (4, 5)
    assert _score(_revisit("<p>Damalige Wertung: 3 von 5</p><p>Wertung: 4 von 5</p>")) == (4, 5)
    # alone, an earlier score is still the page's score
    assert _score(_revisit("<p>Original rating: 3/5</p>")) == (3, 5)
    # a current label is no earlier one: "Unsere Wertung", "Rating (revisited)"
    assert _score(_revisit("<p>Rating: 4/5</p>")) == (4, 5)


# --- headlines over a title line of the body ---------------------------------------------------------------

FORUM_URL = "http://127.0.0.16:8080/t/nebelhorn-2-die-rueckkehr-still-worth-it/77/"


def _post(h1: str, title_line: str, url: str = FORUM_URL) -> str:
    return ("<html><head><meta charset='utf-8'><title>" + h1 + " - Club</title></head><body><div id='main'>"
            f"<h1>{h1}</h1><div class='post'><p>Went to see it again on the big screen this week.</p>"
            f"<p>{title_line}</p><p>Director: Mara Lindqvist<br>Cast: Ilse Kramer, Jonas Brenner<br>"
            f"Genre: Drama</p><p>{PROSE_EN} Nebelhorn 2 keeps the first film's patience.</p><p>{PROSE_EN}</p>"
            "<p>Verdict: 4 out of 5</p></div></div></body></html>")


def _title(html: str, url: str = FORUM_URL) -> str | None:
    record = extract(html, url)
    assert record.is_review, record.verdict
    return record.title


def test_a_sequel_title_with_its_own_colon_written_alone_in_the_body_keeps_its_subtitle() -> None:
    """"Nebelhorn 2: Die Rückkehr - still worth it" with "Nebelhorn 2: Die Rückkehr" as a line of its own over the
    facts: the colon is the film's, only the dash's tagline goes."""
    h1 = "Nebelhorn 2: Die Rückkehr - still worth it"
    assert _title(_post(h1, "<strong>Nebelhorn 2: Die Rückkehr</strong>")) == "Nebelhorn 2: Die Rückkehr"
    # without that line the part before the colon is still what the prose names
    assert _title(_post(h1, "Seen at the Odeon.")) == "Nebelhorn 2"


def test_an_essay_verb_before_the_film_the_body_writes_as_its_title_line_goes() -> None:
    """"Revisiting Nebelhorn" over "<em>Nebelhorn</em> · Mara Lindqvist · 2021": the film is the title line's name;
    a headline without such a line keeps its words, and a line "Review" alone names no film."""
    url = "http://127.0.0.16:8080/2024/02/03/nebelhorn-revisited.html"
    assert _title(_post("Revisiting Nebelhorn", "<em>Nebelhorn</em> · Mara Lindqvist · 2021"), url) == "Nebelhorn"
    assert _title(_post("Nebelhorn revisited", "<em>Nebelhorn</em> · Mara Lindqvist · 2021"), url) == "Nebelhorn"
    assert _title(_post("Revisiting Nebelhorn", "Seen at the Odeon."), url) == "Revisiting Nebelhorn"
    assert _title(_post("Nebelhorn Review", "Review"), url) == "Nebelhorn"


def test_a_short_text_under_a_score_heading_alone_is_no_review() -> None:
    """A film database's entry (a fact table, a synopsis, a "Wertung" box) names no review: without a review word
    beyond the score's label (a "Kritik" heading or byline, a review URL) the short branch does not apply."""
    page = _wiki_page(heading="Handlung").replace("<p>Kritik von Uschi zum Abend.</p>", "")
    assert not extract(page, "http://127.0.0.16:8080/film/nebelhorn/").is_review
    assert extract(page, WIKI_URL).is_review  # a review section's URL (/kritiken/) names it a review

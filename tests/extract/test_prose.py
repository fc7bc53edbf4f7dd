"""Facts only in prose: the low-trust fallbacks (title, directors, cast) and the prose-only verdict."""
from __future__ import annotations

from scraper.extract import extract

FILLER = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
          "in den Vordergrund, sodass man dem Geschehen gebannt folgt. ")


def _page(*paragraphs: str, head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


PROSE_REVIEW = _page(
    "Filmkritik: „Nebelhorn“",
    "In „Nebelhorn“ kehrt Regisseurin Mara Lindqvist an die Küste ihrer Kindheit zurück, mit Jonas Feld, "
    "Ilse Brandt und Piet Haber in den Hauptrollen. " + FILLER,
    "Was „Nebelhorn“ so sehenswert macht, ist die Geduld, mit der Mara Lindqvist ihre Figuren beobachtet. " + FILLER,
    "Am Ende bleibt ein leiser, aber nachhaltiger Eindruck, der lange nachhallt. " + FILLER,
)


def test_prose_only_review_is_recognised_with_its_facts() -> None:
    record = extract(PROSE_REVIEW, "https://blog.example/2024/05/nebelhorn/")
    assert record.is_review, record.verdict
    assert record.title == "Nebelhorn"
    assert record.directors == ["Mara Lindqvist"]
    assert record.cast == ["Jonas Feld", "Ilse Brandt", "Piet Haber"]


def test_english_prose_with_slug_title() -> None:
    html = _page(
        "Glass Harbor review: a patient thriller",
        "Glass Harbor is directed by Ola Svensk. Starring Dana Roe and Milo Kent, it follows two divers who find "
        "something they should not have found, and the film takes its time to let that dread sink in.",
        "Glass Harbor never hurries, and Ola Svensk trusts the silences of the sea more than any score; the "
        "result is one of the quieter pleasures of the year and a film that rewards patience from its audience.",
        "The two leads carry long stretches without dialogue, and the camera stays close to their faces when the "
        "water turns dark; it is a demanding way to tell a story, but here it pays off handsomely.",
        "Verdict: a slow, cold, beautiful film that stays with you for days after you have seen it.",
    )
    record = extract(html, "https://reviews.example/glass-harbor-review-a-patient-thriller")
    assert record.is_review, record.verdict
    assert (record.title, record.directors, record.cast) == ("Glass Harbor", ["Ola Svensk"], ["Dana Roe", "Milo Kent"])


def test_stated_director_beats_another_director_in_prose() -> None:
    html = ("<html><body><h1>Kritik: Nebelhorn</h1><p>Regie: Mara Lindqvist</p><p>Darsteller: Jonas Feld</p>"
            "<p>Man fühlt sich an das Frühwerk von Regisseur Bruno Tallis erinnert, der die Küste ganz anders "
            "gefilmt hat, aber ähnlich geduldig war. " + FILLER + "</p><p>" + FILLER + "</p></body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert record.directors == ["Mara Lindqvist"]


def test_news_without_review_words_stays_false() -> None:
    html = _page(
        "„Nebelhorn“ feiert Premiere an der Küste",
        "Der neue Film von Regisseurin Mara Lindqvist, „Nebelhorn“, mit Jonas Feld und Ilse Brandt, hat am "
        "Wochenende Premiere gefeiert. " + FILLER,
        "Die Produktion von „Nebelhorn“ hatte drei Jahre gedauert, sagte die Produzentin am Abend. " + FILLER,
        "Der Kinostart ist für den Herbst geplant, ein Verleih steht noch nicht fest. " + FILLER,
    )
    record = extract(html, "https://zeitung.example/kultur/nebelhorn-premiere")
    assert not record.is_review, record.verdict


def test_a_list_of_review_headings_is_not_one_review() -> None:
    html = _page(
        "Kritik: Nebelhorn (2024)", "„Nebelhorn“ von Regisseurin Mara Lindqvist ist sehenswert. " + FILLER,
        "Kritik: Glass Harbor (2023)", "„Nebelhorn“ bleibt trotzdem der bessere Film der Woche. " + FILLER,
        "Kritik: Salzweg (2024)", "Noch einmal „Nebelhorn“, weil es so schön war. " + FILLER,
    )
    record = extract(html, "https://portal.example/filmkritiken/woche-12")
    assert not record.is_review, record.verdict


def test_review_section_url_and_a_conclusion_line_are_review_evidence() -> None:
    html = _page(
        "Nebelhorn",
        "Regisseurin Mara Lindqvist erzählt in „Nebelhorn“ von einer Familie, die an der Küste auf ein Unglück wartet. " + FILLER,
        "„Nebelhorn“ lebt von seinen Darstellern, allen voran Jonas Feld, der fast ohne Worte auskommt. " + FILLER,
        FILLER,
        "Fazit: Ein stiller Film, der sich Zeit nimmt.",
    )
    record = extract(html, "https://magazin.example/kritiken/nebelhorn")
    assert record.is_review, record.verdict


def test_heading_ending_in_a_label_word_is_no_cast() -> None:
    html = ("<html><body><h1>Kritik: Nebelhorn</h1><p>Regie: Mara Lindqvist</p><p>Genre: Drama</p>"
            "<h2>The Wonderful Cast: A Family Affair</h2><p>" + FILLER + "</p><p>" + FILLER + "</p></body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert record.cast == []


def test_two_actors_for_one_role_in_prose() -> None:
    html = ("<html><body><h1>Kritik: Nebelhorn</h1><p>Regie: Mara Lindqvist</p><p>Genre: Drama</p>"
            "<p>Der Leuchtturmwärter (Jonas Feld / Karl Otto Brenner) sieht alles, sagt aber nichts, "
            "während seine Tochter (Ilse Brandt) fortgehen will. " + FILLER + "</p><p>" + FILLER + "</p></body></html>")
    record = extract(html, "https://kino.example/nebelhorn")
    assert record.cast == ["Jonas Feld", "Karl Otto Brenner", "Ilse Brandt"]


def test_sequel_colon_and_dash_tagline_headlines() -> None:
    sequel = ("<html><body><h1>Nebelhorn: Teil 2</h1><p>Regie: Mara Lindqvist</p><p>Genre: Drama</p><p>Nach "
              "„Nebelhorn“ kommt nun die Fortsetzung, die noch etwas dunkler ausfällt. " + FILLER + "</p><p>"
              + FILLER + "</p><p>Wertung: 7/10</p></body></html>")
    assert extract(sequel, "https://kino.example/a").title == "Nebelhorn: Teil 2"
    tagline = ("<html><body><h1>Nebelhorn - Lindqvists stiller Film ist schrecklich schön</h1><p>Regie: Mara "
               "Lindqvist</p><p>Genre: Drama</p><p>Mit „Nebelhorn“ gelingt ihr ein leiser Film. " + FILLER + "</p>"
               "<p>" + FILLER + "</p></body></html>")
    assert extract(tagline, "https://kino.example/b").title == "Nebelhorn"
    kicker = tagline.replace("<h1>Nebelhorn - Lindqvists stiller Film ist schrecklich schön</h1>",
                             "<h1>Familiendrama - Nebelhorn</h1>")
    assert extract(kicker, "https://kino.example/c").title == "Nebelhorn"


def test_possessive_before_the_film_title_names_the_director() -> None:
    html = _page(
        "Kritik: „Nebelhorn“",
        "Mara Lindqvists stilles Küstendrama „Nebelhorn“ erzählt von einer Familie am Meer. " + FILLER,
        "Jonas Feld als Leuchtturmwärter in „Nebelhorn“ trägt den Film fast ohne Worte. " + FILLER,
        FILLER,
    )
    record = extract(html, "https://blog.example/nebelhorn/")
    assert record.directors == ["Mara Lindqvist"]  # not the actor: "Feld als … in „Nebelhorn“" links elsewhere


def test_more_director_phrases_in_prose() -> None:
    compound = _page("Kritik: „Nebelhorn“", "Der Jungregisseur Mara Lindqvist erzählt in „Nebelhorn“ vom Meer. " + FILLER,
                     FILLER, FILLER)
    assert extract(compound, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]
    latest = _page("Nebelhorn review", "Mara Lindqvist's latest film is Nebelhorn, and it is a quiet one. " + FILLER,
                   FILLER, FILLER)
    assert extract(latest, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]
    by = _page("Kritik: „Nebelhorn“", "Im Drama „Nebelhorn“ von Mara Lindqvist wartet eine Familie auf Nachricht. "
               + FILLER, FILLER, FILLER)
    assert extract(by, "https://blog.example/nebelhorn/").directors == ["Mara Lindqvist"]


def test_name_list_mixing_commas_and_und() -> None:
    html = _page("Kritik: „Nebelhorn“",
                 "Regisseurin Mara Lindqvist dreht „Nebelhorn“ mit Jonas Feld und Ilse Brandt, Piet Haber und Karl "
                 "Otto Brenner an der Küste. " + FILLER, FILLER, FILLER)
    record = extract(html, "https://blog.example/nebelhorn/")
    assert record.cast == ["Jonas Feld", "Ilse Brandt", "Piet Haber", "Karl Otto Brenner"]


def test_platform_named_beside_the_review_word_in_the_headline() -> None:
    html = ("<html><body><h1>Nebelhorn (2024) Netflix Review: quiet and cold</h1><p>Director: Mara Lindqvist</p>"
            "<p>Genre: Drama</p><p>" + FILLER + "</p><p>" + FILLER + "</p></body></html>")
    record = extract(html, "https://blog.example/nebelhorn/")
    assert (record.title, record.platform) == ("Nebelhorn", "Netflix")
    kino = html.replace("Netflix Review: quiet and cold", "Kino-Kritik")
    assert extract(kino, "https://blog.example/nebelhorn/").platform is None  # the section, not the release


def test_year_after_the_title_in_the_slug_but_not_the_posting_date() -> None:
    record = extract(PROSE_REVIEW, "https://blog.example/2021/05/nebelhorn-2019/")
    assert (record.title, record.year) == ("Nebelhorn", 2019)
    assert extract(PROSE_REVIEW, "https://blog.example/2021/05/nebelhorn/").year is None


def test_dash_subtitles_stay_and_dash_taglines_go() -> None:
    body = ("<p>Regie: Mara Lindqvist</p><p>Genre: Drama</p><p>Mit „Nebelhorn“ gelingt ihr ein leiser Film. "
            + FILLER + "</p><p>" + FILLER + "</p>")
    for head, title in (("Nebelhorn – Die Nacht des Leuchtturms (1978)", "Nebelhorn – Die Nacht des Leuchtturms"),
                        ("Nebelhorn - und der Ruf der Tiefe am Meer", "Nebelhorn - und der Ruf der Tiefe am Meer"),
                        ("Nebelhorn - ein stiller Film, schrecklich schön erzählt", "Nebelhorn")):
        assert extract(f"<html><body><h1>{head}</h1>{body}</body></html>", "https://kino.example/x").title == title


def _short_review(paragraph: str, title: str = "Fear Street: Teil Eins") -> str:
    """A short review: an info table, one prose paragraph of some 35 words, a verdict and a rating."""
    return (f"<html lang='de'><head><meta charset='utf-8'><title>„{title}“ – Kritik</title></head><body><main>"
            f"<article><h1>„{title}“ – Kritik</h1><table><tr><td>Titel</td><td>{title}</td></tr>"
            "<tr><td>Jahr</td><td>2021</td></tr><tr><td>Regie</td><td>Leigh Janiak</td></tr>"
            "<tr><td>Darsteller</td><td>Kiana Madeira, Olivia Scott Welch</td></tr></table>"
            f"<p>{paragraph}</p><h3>Fazit</h3><p>Ein Film über Schuld und Sühne. Für Geduldige ein Gewinn.</p>"
            "<p><strong>Bewertung: 3 von 5.</strong></p></article></main></body></html>")


TAIL = ("spielt Kiana Madeira eine Frau, die ihre Vergangenheit nicht loslässt. Die Regisseurin erzählt das mit "
        "großer Ruhe, fast eine halbe Stunde ohne Dialog. Übermäßig? Nein: großartig.")


def test_a_colon_in_a_quoted_title_or_a_time_does_not_make_prose_a_fact_line() -> None:
    url = "https://blog.example/kritik/fear-street/"
    for paragraph in (f"In „Fear Street: Teil Eins“ {TAIL}",           # a title with a colon, quoted
                      f"In “Fear Street: Teil Eins” {TAIL}",           # ... with English quotation marks
                      f"Ab 20:15 Uhr läuft „Fear Street“. Darin {TAIL}"):  # a time
        record = extract(_short_review(paragraph), url)
        assert record.is_review, (paragraph, record.verdict)
    # the same words as a line of labels are no prose: the page has too little of it
    facts = "Regie: Leigh Janiak. Buch: Phil Graziadei. Mit: Kiana Madeira, Olivia Scott Welch. Kamera: Caleb Heymann."
    assert not extract(_short_review(facts), url).is_review


def test_label_colons_skip_quotes_and_times() -> None:
    from scraper.extract.verdict import _is_prose, _label_colons

    assert _label_colons("In „Dune: Part Two“ kämpft Paul") == []
    assert _label_colons("Ab 20:15 Uhr läuft es") == []
    assert _label_colons("Originaltitel: „Dune: Part Two“") == [13]
    assert not _is_prose("Originaltitel: „Dune: Part Two“ | Regie: Denis Villeneuve | Laufzeit: 2:46 Std.")
    assert not _is_prose("Laufzeit: 1:45 Std., Start: 20:15 Uhr, Sender: Arte, Regie: Leigh Janiak")

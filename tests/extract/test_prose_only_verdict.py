"""The verdict on real reviews that state few film facts (fourth real-page probe, causes A and C): a review URL
whose word means nothing else, a short diary entry closing its headline with its stars, a fact page written in
its own voice; and the non-reviews beside them that must stay rejected (news about one film, a trailer page, a
person page, a cinema programme entry, criticism in the slug)."""
from __future__ import annotations

from scraper.extract import extract

HOST = "http://127.0.0.9:8080"

DE_REVIEW = [
    "Wer „Nebelhorn“ sieht, vergisst für zwei Stunden den Lärm der Stadt, denn der Film nimmt sich Zeit für seine "
    "Figuren und für das Meer, das sie umgibt.",
    "Die Leuchtturmwärterin, die allein auf der Insel lebt, wartet auf ein Schiff, das nie kommt, und die Kamera "
    "bleibt geduldig bei ihr, Tag für Tag, Nacht für Nacht, bis der Nebel alles verschluckt.",
    "Am Ende bleibt von „Nebelhorn“ vor allem die Stille: ein Film, der wenig erklärt und viel zeigt, der seinen "
    "Bildern vertraut und dem Publikum auch, und der lange nachhallt, wenn man längst wieder draußen ist.",
]
EN_REVIEW = [
    "Glass Harbor opens on a fog bank and never quite lets the light back in, which suits a story about a lighthouse "
    "keeper who has stopped expecting ships.",
    "The camera stays with her through the long nights, and the film trusts its images more than its dialogue, a "
    "choice that pays off in the last twenty minutes when the storm finally arrives.",
    "What stays with you after Glass Harbor is the silence, and the sense that the sea has been the main character "
    "all along, patient and indifferent and much older than anyone on the island.",
]


def _page(title: str, paragraphs: list[str], lang: str = "de", before: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main><article>"
            f"<h1>{title}</h1>{before}{body}</article></main></body></html>")


def _verdict(html: str, path: str) -> tuple[bool, str]:
    rec = extract(html, HOST + path)
    return bool(rec.is_review), rec.verdict or ""


# --- reviews with few or no stated facts --------------------------------------------------------------------------

def test_a_review_url_with_an_unambiguous_review_word_needs_no_fact() -> None:
    # no fact at all in the text, but the slug calls it a "film-rezension" (a word that means nothing else)
    html = _page("„Nebelhorn“ im Kino", DE_REVIEW)
    assert _verdict(html, "/kultur/nebelhorn-kino-film-rezension-empfehlung-1.5714705")[0]
    assert _verdict(html, "/kultur/kino/filmrezensionen/nebelhorn-stille-am-meer;art1,2")[0]
    assert _verdict(_page("Glass Harbor", EN_REVIEW, "en"), "/glass-harbor-movie-review")[0]


def test_a_review_section_url_accepts_a_short_review() -> None:
    # two paragraphs, 64 words: a short column (or one cut short) under a review section
    html = _page("Nebelhorn", DE_REVIEW[:2])
    assert _verdict(html, "/kultur/kino/filmrezensionen/nebelhorn;art1,2")[0]
    # the same text without a review word anywhere is too short for a page that states no fact
    assert not _verdict(html, "/kultur/kino/nebelhorn;art1,2")[0]


def test_a_diary_entry_closing_its_headline_with_stars() -> None:
    # a film diary's entry: the headline is the film and its stars, one short paragraph of prose (55 words)
    text = ("Lindqvist is a true original, and Glass Harbor is the perfect reflection of that: a film about waiting "
            "that never feels like waiting, shot in a fog so thick you can taste the salt. Even days later I keep "
            "thinking about the last shot of the lighthouse, and about how little it needed to say.")
    html = _page("Glass Harbor ★★★★½", [text], "en")
    ok, reason = _verdict(html, "/ann/film/glass-harbor-2019/")
    assert ok, reason
    # without its stars the same entry states nothing and says nothing of being a review
    assert not _verdict(_page("Glass Harbor", [text], "en"), "/ann/film/glass-harbor-2019/")[0]


def test_a_fact_page_in_its_own_voice_is_a_review() -> None:
    # labelled credits, no rating and no review word, but prose that judges the film in its own voice
    facts = "<p>Directors: Mara Lindqvist<br>Running Time: 128 Minutes<br>Starring: Ann Berg, Tom Hale</p>"
    prose = EN_REVIEW + ["Berg is outstanding as the keeper, and the sound design is stunning: a gripping, "
                             "beautifully shot chamber piece about Glass Harbor and the people it keeps."]
    ok, reason = _verdict(_page("Glass Harbor (2019)", prose, "en", facts), "/2022/05/glass-harbor-2019.html")
    assert ok, reason


# --- non-reviews that stay rejected --------------------------------------------------------------------------------

def test_news_about_one_film_stays_rejected() -> None:
    news = ["Der Streamingdienst hat sich die Rechte an „Nebelhorn“ gesichert und zeigt das Drama ab dem Herbst in "
            "mehr als hundert Ländern, wie das Unternehmen am Montag mitteilte.",
            "Regie führte Mara Lindqvist, die Hauptrolle spielt Ann Berg. Gedreht wurde „Nebelhorn“ im vergangenen "
            "Winter auf einer Insel vor der norwegischen Küste, die Produktion kostete rund zwölf Millionen Euro.",
            "Zuvor läuft der Film beim Festival in Venedig im Wettbewerb, einen regulären Kinostart in Deutschland "
            "soll es nach Angaben des Verleihs nicht geben, nur einzelne Vorführungen in Programmkinos."]
    assert not _verdict(_page("„Nebelhorn“ kommt zu Netflix", news), "/kultur/nebelhorn-netflix-1.5714705")[0]
    # criticism in the slug ("kritik-an-…") is no review word
    assert not _verdict(_page("Kritik an „Nebelhorn“", news), "/kultur/nebelhorn-kritik-an-netflix-1.57147")[0]


def test_a_trailer_page_stays_rejected() -> None:
    trailer = ["Der erste Trailer zu „Nebelhorn“ ist da und zeigt eine Leuchtturmwärterin, die allein auf einer Insel "
               "im Nebel auf ein Schiff wartet, das nie zu kommen scheint.",
               "Regie führte Mara Lindqvist, in der Hauptrolle ist Ann Berg zu sehen. „Nebelhorn“ startet im Herbst "
               "in den deutschen Kinos, ein genauer Termin steht noch nicht fest, der Verleih nennt den Oktober.",
               "Den Trailer zu „Nebelhorn“ gibt es oben in der deutschen Fassung und in der Originalfassung mit "
               "Untertiteln, dazu ein erstes Plakat und mehrere Szenenbilder aus dem Film."]
    assert not _verdict(_page("Nebelhorn: Der erste Trailer", trailer), "/trailer/nebelhorn-trailer-deutsch")[0]


def test_a_person_page_stays_rejected() -> None:
    person = ["Ann Berg wurde in Bergen geboren und stand schon als Kind auf der Bühne des Stadttheaters, bevor sie "
              "an der Schauspielschule in Oslo studierte.",
              "Ihre erste große Rolle spielte sie in „Nebelhorn“ von Mara Lindqvist, seitdem dreht sie in Norwegen, "
              "Schweden und Deutschland, zuletzt eine Serie über eine Familie von Fischern an der Küste."]
    assert not _verdict(_page("Ann Berg", person), "/personen/ann-berg")[0]


def test_a_cinema_programme_entry_stays_rejected() -> None:
    facts = ("<p>Regie | Mara Lindqvist |<br>Besetzung | Ann Berg, Tom Hale |<br>Länge | 104 Minuten |<br>"
             "Land / Jahr | Norwegen 2023 |</p>")
    blurb = ["Die Leuchtturmwärterin Liv lebt allein auf einer Insel vor der Küste und wartet auf ein Schiff, das "
             "seit Wochen überfällig ist, während der Nebel immer dichter wird.",
             "Als eines Nachts ein Fremder am Strand liegt, beginnt für „Nebelhorn“-Heldin Liv eine Zeit voller "
             "Fragen, auf die niemand auf der Insel eine Antwort weiß, am wenigsten sie selbst.",
             "Ein packender, großartiger und berührender Film über Einsamkeit und das Meer. (Quelle: Verleih)"]
    assert not _verdict(_page("Nebelhorn", blurb, "de", facts), "/filme/2023-nebelhorn/")[0]


def test_a_review_section_index_is_no_review_url() -> None:
    # "/filmkritiken/" alone is the section's index; only a slug below it or a singular slug word names one review
    from scraper.extract.presentation import url_names_review_outright
    assert not url_names_review_outright(HOST + "/filmkritiken/")
    assert not url_names_review_outright(HOST + "/kultur/filmrezensionen")
    assert url_names_review_outright(HOST + "/kultur/filmrezensionen/nebelhorn")
    assert not url_names_review_outright(HOST + "/news/filmkritik-nebelhorn")  # a news segment
    assert not url_names_review_outright(HOST + "/2023-year-in-review")


def test_teaser_stars_on_a_home_page_do_not_shorten_the_prose() -> None:
    # a home page: a welcome headline, three teasers each with a line of stars, 75 words in all
    teasers = "".join(
        f"<div><h3><a href='/tipps/{slug}/'>Medientipp: {name}</a></h3><p>{text}</p><span>★★★★☆</span></div>"
        for slug, name, text in [
            ("nebelhorn", "Nebelhorn", "Vor dem Kinoabend zu „Nebelhorn“ lohnt der Blick zurück: die erste Verfilmung "
             "von 1994 steht als DVD in unserem Bestand."),
            ("glass-harbor", "Glass Harbor", "Die Neuverfilmung des Klassikers läuft am 12. April bei unserem "
             "Kinoabend und steht ab sofort zum Ausleihen bereit."),
            ("salzwiesen", "Salzwiesen", "Zum Filmabend „Küstenkino“ empfehlen wir das Original, lange vor dem "
             "Remake, das im Herbst in die Kinos kam.")])
    html = (f"<html lang='de'><head><meta charset='utf-8'><title>Startseite | Stadtbibliothek Nebelhausen</title></head><body><main>"
            f"<h1>Willkommen in der Stadtbibliothek Nebelhausen</h1><p>Über 60.000 Medien, Onleihe, Lernorte und Veranstaltungen für "
            f"alle Generationen.</p><section><h2>Aktuelle Medientipps</h2>{teasers}</section></main></body></html>")
    assert not _verdict(html, "/")[0]


def test_the_headline_itself_is_no_prose_naming_the_film() -> None:
    # a long <h1> holds the title; the prose never names the film: the title does not "recur in prose"
    prose = [p.replace("„Nebelhorn“", "der Film").replace("von der Film", "vom Film") for p in DE_REVIEW]
    html = _page("Nebelhorn – Kritik: Stille über dem Meer und den Inseln", prose)
    assert not _verdict(html, "/2023/05/stille-ueber-dem-meer/")[0]
    assert _verdict(_page("Nebelhorn – Kritik: Stille über dem Meer und den Inseln", DE_REVIEW),
                    "/2023/05/stille-ueber-dem-meer/")[0]

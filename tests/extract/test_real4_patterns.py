"""Failure patterns of the fourth real-page probe (session 12), on pages of our own: "Actor (Role)" cast lists of
film databases, photo credits and in-story groups taken for actors, hollow stars, empty start lines, genres outside
the vocabulary, database-style inverted titles, a start line naming its distributor, and a film's own colon in a
headline."""
from __future__ import annotations

from scraper.extract import extract

PROSE_DE = ("Die Leuchtturmwärterin Ida kehrt nach dem Tod ihres Bruders an die Küste zurück und begegnet dort "
            "einem Fremden, der mehr über ihre Familie zu wissen scheint als sie selbst. Was als stilles "
            "Familiendrama beginnt, wird nach und nach zu einer Geschichte über Schuld und Vergebung.")
PROSE_DE2 = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie in "
             "den Vordergrund, sodass man dem Geschehen bis zum Ende gebannt folgt. Ein leiser, kluger Film, "
             "der lange nachwirkt und den man sich unbedingt auf der großen Leinwand ansehen sollte.")
PROSE_EN = ("Ida, a lighthouse keeper, returns to the coast after her brother's death and meets a stranger there "
            "who seems to know more about her family than she does herself. What begins as a quiet family drama "
            "slowly turns into a story about guilt and forgiveness.")
PROSE_EN2 = ("The images are cool and exact, the editing gives every scene its time, and the music never pushes "
             "itself forward, so one follows the story to the very end. A quiet, clever film that lingers long "
             "after the lights come up, and one to see on the big screen.")
URL = "http://127.0.0.9:8080/film/nebelhorn-4711.html"


def _page(body: str, lang: str = "de", title: str = "Nebelhorn") -> str:
    return (f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head><body><main>"
            f"<article>{body}</article></main></body></html>")


# --- F: "Actor (Role)" cast lists ---------------------------------------------------------------------------------

ROLES = ("Ida Berg (Ida Lund), Ole Sand (der Fremde), Mara „Mo“ Lindholm (Witwe Karlsson/Erzählerin), "
         "Tove Ahlgren (Kapitän), Nils Brandt (Pastor Nyberg), Karin Dahl (Agnes)")


def test_a_long_mit_list_of_actors_with_roles_in_parentheses_names_the_actors() -> None:
    body = (f"<h1>Nebelhorn</h1><p>Drama, Schweden 2024, 104 Minuten, ab 12</p><p>Regie: Mara Lindqvist</p>"
            f"<p>mit {ROLES}</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Wertung: 8/10</p>")
    record = extract(_page(body), URL)
    assert record.cast[:3] == ["Ida Berg", "Ole Sand", "Mara „Mo“ Lindholm"] or \
        record.cast[:3] == ["Ida Berg", "Ole Sand", "Mara Mo Lindholm"], record.cast
    assert "Ida Lund" not in record.cast and "Pastor Nyberg" not in record.cast
    # a long prose line opening with "Mit" is still no cast line
    prose = ("<p>Mit ihrem dritten Film erzählt Mara Lindqvist von einer Wärterin, die nach dem Tod ihres Bruders an "
             "die Küste zurückkehrt, und von einem Fremden (Ole Sand), der mehr über ihre Familie weiß als sie.</p>")
    other = extract(_page(f"<h1>Nebelhorn</h1>{prose}<p>{PROSE_DE}</p>"), URL)
    assert "Mara Lindqvist" not in other.cast


def test_a_cast_label_alone_on_its_line_labels_the_long_list_below_it() -> None:
    pairs = " · ".join(f"{a} ({r})" for a, r in (("Ida Bergström", "Ida Lundqvist"),
                                                  ("Ole Sandberg", "Per Lundqvist"),
                                                  ("Tove Ahlgren", "Agnes Holmberg"), ("Nils Brandt", "Erik Holmberg"),
                                                  ("Karin Dahlin", "Sonja Vikström")))
    box = (f"<p>Filmdaten</p><p>Regie<br>Mara Lindqvist<br>Buch<br>Jon Ek<br>Darsteller<br>{pairs}<br>"
           "Länge<br>104 Minuten</p>")
    record = extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p>{box}<p>{PROSE_DE2}</p>"), URL)
    assert len(pairs) > 120  # longer than a label's lone value line may be otherwise
    assert record.cast == ["Ida Bergström", "Ole Sandberg", "Tove Ahlgren", "Nils Brandt", "Karin Dahlin"], record.cast
    assert record.directors == ["Mara Lindqvist"]


# --- G: photo credits and in-story groups are no actors --------------------------------------------------------

def test_a_photo_credit_and_an_in_story_house_are_no_actors() -> None:
    caption = ("<p>Ida Berg as Ida Lund in a still from Foghorn, directed by Mara Lindqvist. Ole Sand co-stars as the "
               "stranger. Photo: Jon Ekdahl</p>")
    prose = ("<p>No longer the quiet keeper of the first film, Ida Berg returns as Ida Lund, the last heir of the "
             "now-scattered House Lundqvist. Alongside her brother Per (Ole Sand), she begins to learn the ways of "
             "the island people, with the old pilot Agnes (Tove Ahlgren) believing she is the one to bring them "
             "home.</p>")
    body = f"<h1>Foghorn review</h1>{caption}<p>4/5 stars</p><p>{PROSE_EN}</p>{prose}<p>{PROSE_EN2}</p>"
    record = extract(_page(body, "en", "Foghorn review"), "http://127.0.0.9:8080/reviews/foghorn")
    assert "Jon Ekdahl" not in record.cast and "House Lundqvist" not in record.cast, record.cast
    assert record.cast[:1] == ["Ida Berg"], record.cast
    for credit in ("Foto: Jon Ekdahl", "© Jon Ekdahl", "Bild: Jon Ekdahl", "Credit: Jon Ekdahl"):
        other = extract(_page(body.replace("Photo: Jon Ekdahl", credit), "en", "Foghorn review"),
                        "http://127.0.0.9:8080/reviews/foghorn")
        assert "Jon Ekdahl" not in other.cast, (credit, other.cast)


# --- K: hollow stars used as the filled ones ---------------------------------------------------------------------

def test_hollow_stars_before_a_half_star_are_the_counted_stars() -> None:
    from scraper.normalize.rating import parse_rating
    for text, normalized in (("☆☆☆ ½", 70), ("☆☆☆½", 70), ("☆☆☆☆½", 90), ("☆☆☆½ (von 4)", 87.5)):
        found = parse_rating(text)
        assert found is not None and found.normalized == normalized, (text, found)
    assert parse_rating("☆☆☆ ½", scale_hint=4).normalized == 87.5
    # a half star with empty slots after it, and rows with filled stars, read as before
    assert parse_rating("½☆☆☆☆").normalized == 10
    assert parse_rating("★★★½☆").normalized == 70
    assert parse_rating("★★★☆☆").normalized == 60
    # hollow stars alone say nothing: all empty, or all filled?
    assert parse_rating("☆☆☆") is None
    assert parse_rating("☆☆☆½☆") is None  # the hollow glyph as a star and as an empty slot in one row
    body = f"<h1>Foghorn</h1><p>Foghorn ☆☆☆ ½</p><p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p>Directed by Mara Lindqvist</p>"
    record = extract(_page(body, "en", "Foghorn"), "http://127.0.0.9:8080/2024/03/foghorn/")
    assert record.rating is not None and record.rating.normalized == 70, record.rating


# --- L: an empty start line states no cinema start ---------------------------------------------------------------

def test_an_empty_kinostart_value_gives_no_platform() -> None:
    for empty in ("-", "–", "—", "k. A.", "n/a", "keine Angabe"):
        box = (f"<p>Regie<br>Mara Lindqvist<br>Länge<br>104 Minuten<br>Kinostart<br>{empty}<br>Genre<br>Drama</p>"
               f"<p>Kinostart: {empty}</p>")
        record = extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p>{box}<p>{PROSE_DE2}</p>"), URL)
        assert record.platform is None, (empty, record.platform)
        assert record.directors == ["Mara Lindqvist"]
    dated = extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p><p>Kinostart: 14.03.2024</p><p>{PROSE_DE2}</p>"), URL)
    assert dated.platform == "Kino" and dated.release_date == "2024-03-14"


# --- N: genres outside the contract vocabulary are never output --------------------------------------------------

def test_a_genre_outside_the_vocabulary_is_dropped() -> None:
    from scraper.normalize.genres import parse_genres
    from scraper.normalize.vocab import vocabulary
    known = set(vocabulary()["genres"])
    assert parse_genres("Drama | Literaturverfilmung") == ["drama"]
    assert parse_genres("Heimatfilm") == []
    assert parse_genres("Katastrophenfilm, Roadmovie, Coming-of-Age") == []
    assert parse_genres("Actionthriller") == ["action", "thriller"]  # compounds split as before
    for text in ("Kriegsdrama", "Gerichtsdrama", "SciFi / comedy", "Western-Komödie", "Zeichentrickfilm"):
        assert set(parse_genres(text)) <= known and parse_genres(text), text
    box = "<p>Genre: Drama | Literaturverfilmung</p><p>Regie: Mara Lindqvist</p>"
    record = extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p>{box}<p>{PROSE_DE2}</p>"), URL)
    assert record.genres == ["drama"]


# --- B: database-style inverted titles ---------------------------------------------------------------------------

def test_a_trailing_article_after_a_comma_goes_back_in_front() -> None:
    from scraper.normalize.title import clean_title
    for text, title in (("Schuh des Manitu, Der (2001)", "Der Schuh des Manitu"), ("Rounders, The", "The Rounders"),
                        ("Ding aus einer anderen Welt, Das", "Das Ding aus einer anderen Welt"),
                        ("Beautiful Mind, A", "A Beautiful Mind"), ("Avventura, L'", "L'Avventura"),
                        ("Quatre cents coups, Les", "Les Quatre cents coups"), ("Orfanato, El", "El Orfanato"),
                        ("Fisch namens Wanda, Ein", "Ein Fisch namens Wanda")):
        assert clean_title(text) == title, text
    # an article elsewhere, or a comma without one, stays as written
    for text in ("Tick, Trick und Track", "Me, Myself & I", "Die, Monster, Die", "Hello, Dolly!", "Das Boot"):
        assert clean_title(text) == text, text
    body = (f"<h1>Nebelhorn, Das (2024)</h1><p>Eine Kritik von ida81 (Bewertung des Films: 8 / 10)</p>"
            f"<p>{PROSE_DE.replace('Ida', 'Ida im Nebelhorn')}</p><p>{PROSE_DE2}</p>")
    record = extract(_page(body, title="Nebelhorn, Das (2024)"), "http://127.0.0.9:8080/review/4711,Das-Nebelhorn")
    assert record.title == "Das Nebelhorn" and record.year == 2024, (record.title, record.year)


# --- M: a start line naming its distributor is a cinema start ----------------------------------------------------

def _start(line: str):
    box = f"<p>Drama, Schweden 2024, 104 Minuten</p><p>{line}; Regie: Mara Lindqvist</p>"
    return extract(_page(f"<h1>Nebelhorn</h1><p>{PROSE_DE}</p>{box}<p>{PROSE_DE2}</p>"), URL)


def test_a_start_date_with_the_distributor_in_parentheses_is_a_cinema_start() -> None:
    for line in ("Deutschlandstart: 14.03.2024 (Nordlicht Filmverleih)", "Deutschland-Start: 14.03.2024 (Alamode Film)"):
        record = _start(line)
        assert (record.platform, record.release_date) == ("Kino", "2024-03-14"), (line, record.platform)
    # without a distributor, or on a label of home media, no cinema is stated; a platform stays itself
    assert _start("Deutschlandstart: 14.03.2024").platform is None
    assert _start("Veröffentlichung: 14.03.2024 (Capelight Pictures)").platform is None
    assert _start("Start: 14.03.2024 (Netflix)").platform == "Netflix"
    assert _start("Start: 14.03.2024 (Alamode Film)").platform is None  # a bare start may be a disc's
    assert _start("DVD-Start: 14.03.2024 (Capelight Pictures)").platform == "DVD/Blu-ray"


# --- I: a film's own colon in the headline ----------------------------------------------------------------------

ESSAY_DE = ("Mit „Der Fremde“ hat Mara Lindqvist ihr eigenes Universum weitergebaut. Wo der erste Film „Nebelhorn“ "
            "noch staunte, erzählt „Der Fremde“ von einer Familie, die sich gegen die See stemmt, und von einer "
            "Wärterin, die zu lange geschwiegen hat.")


def test_a_headline_keeps_the_films_own_colon_when_the_page_names_its_subtitle_alone() -> None:
    body = f"<h1>Nebelhorn: Der Fremde – Analyse</h1><p>{ESSAY_DE}</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    record = extract(_page(body, title="Nebelhorn: Der Fremde – Analyse"),
                     "http://127.0.0.9:8080/nebelhorn-der-fremde-analyse/")
    assert record.title == "Nebelhorn: Der Fremde", record.title
    # the page quotes the part before the colon only: the part after it is a tagline, as before
    tagline = ESSAY_DE.replace("„Der Fremde“", "der Film")
    body = f"<h1>Nebelhorn: Der Fremde – Analyse</h1><p>{tagline}</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"
    assert extract(_page(body, title="x"), "http://127.0.0.9:8080/post/4711/").title == "Nebelhorn"


def test_a_headline_led_by_its_star_names_the_film_the_slug_spells_across_the_colon() -> None:
    prose = (f"<p>{PROSE_EN}</p><p>Arguably the greatest achievement of the film is that Ida Berg shines brighter "
             f"on landing than she did before take-off in Foghorn, back in 1986.</p><p>{PROSE_EN2}</p>")
    head = "Ida Berg in Foghorn: Homecoming - hitting 60, looking 30, thinking 20"
    url = "http://127.0.0.9:8080/movie-reviews/2022/0524/1300811-foghorn-homecoming-berg-hits-60-looks-30"
    record = extract(_page(f"<h1>{head}</h1>{prose}", "en", head), url)
    assert record.title == "Foghorn: Homecoming", record.title
    # a slug that spells the whole headline says nothing about its colon
    whole = "http://127.0.0.9:8080/ida-berg-in-foghorn-homecoming-hitting-60-looking-30-thinking-20/"
    assert extract(_page(f"<h1>{head}</h1>{prose}", "en", head), whole).title != "Foghorn: Homecoming"


# --- J: a star display closing the headline is no part of the title ---------------------------------------------

def test_a_star_run_closing_the_headline_leaves_the_title() -> None:
    from scraper.normalize.title import clean_title
    for text in ("Foghorn ★★★★½", "Foghorn ☆☆☆ ½", "Foghorn ★★★☆☆", "Foghorn – ★★★"):
        assert clean_title(text) == "Foghorn", text
    assert clean_title("★★★") is None
    # "X, der Film" / "X, the movie" (lower-case article after a comma): an apposition of the headline's sentence
    assert clean_title("Barbie, der Film") == "Barbie"  # the part before a tagline's colon
    assert clean_title("Foghorn, the movie") == "Foghorn"
    assert clean_title("SpongeBob Schwammkopf – Der Film") == "SpongeBob Schwammkopf – Der Film"
    body = f"<h1>Foghorn ★★★★½</h1><p>{PROSE_EN}</p><p>{PROSE_EN2}</p><p>Directed by Mara Lindqvist</p>"
    record = extract(_page(body, "en", "Foghorn ★★★★½"), "http://127.0.0.9:8080/ann/film/foghorn/")
    assert record.title == "Foghorn" and record.rating is not None and record.rating.normalized == 90


# --- H: actors in a plot summary's parentheses with a nickname or a brand-word given name ----------------------

def test_a_plot_summarys_parenthesised_actors_keep_nicknames_and_particles() -> None:
    plot = ("<p>Im Land der Küste herrscht Streit. Denn die zu Unrecht beschuldigten Geschwister Ida (Mara „Mo“ "
            "Lindholm) und Per (Ole Sand) sind vom Leuchtturm geflohen. So wird kurzum der alte Kutter wieder "
            "flottgemacht, um über das Meer zu entkommen.</p><p>Zu dumm nur, dass der wahre Schuldige, der Reeder "
            "Karlsson (Sky du Mont), davon Wind bekommen hat und sich ebenfalls an ihre Fersen heftet, bis zum "
            "Ende.</p>")
    record = extract(_page(f"<h1>Nebelhorn</h1>{plot}<p>{PROSE_DE2}</p><p>Regie: Mara Lindqvist</p>"), URL)
    assert record.cast == ["Mara „Mo“ Lindholm", "Ole Sand", "Sky du Mont"], record.cast
    phrase = ("<p>Der Reeder Karlsson, herrlich schmierig gespielt von Sky du Mont, will den Leuchtturm kaufen und "
              "lässt dafür nichts unversucht, bis die ganze Küste gegen ihn steht.</p>")
    record = extract(_page(f"<h1>Nebelhorn</h1>{phrase}<p>{PROSE_DE}</p><p>{PROSE_DE2}</p>"), URL)
    assert record.cast == ["Sky du Mont"], record.cast
    # a brand in parentheses is still no actor
    other = plot.replace("(Sky du Mont)", "(Sky Cinema)")
    assert "Sky Cinema" not in extract(_page(f"<h1>Nebelhorn</h1>{other}<p>{PROSE_DE2}</p>"), URL).cast


# --- D/E: a film's readers' comments and a category archive named by its URL ------------------------------------

POST = (f"<p>Drama, Schweden 2024</p><p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p>Bewertung: 8/10</p>"
        "<p>Kinostart: 14.03.2024 FSK: 12 Regie: Mara Lindqvist</p>")


def test_a_category_archive_named_like_its_url_is_no_review() -> None:
    record = extract(_page(f"<h1>Familiendrama</h1><p>Allgemein, Familiendrama</p><p>Nebelhorn</p>{POST}",
                           title="Familiendrama"), "http://127.0.0.9:8080/category/familiendrama/")
    assert not record.is_review and record.verdict == "an archive of posts", record.verdict
    tagged = extract(_page(f"<h1>Nebelhorn</h1>{POST}"), "http://127.0.0.9:8080/tag/nebelhorn/page/2/")
    assert not tagged.is_review, tagged.verdict
    # the post itself, also filed under a category in its URL, is a review
    for url in ("http://127.0.0.9:8080/2024/03/nebelhorn/", "http://127.0.0.9:8080/familiendrama/nebelhorn/"):
        assert extract(_page(f"<h1>Nebelhorn</h1>{POST}"), url).is_review, url


def test_a_films_comments_page_is_no_review() -> None:
    comments = "".join(f"<p>{n}</p><p>{PROSE_DE2}</p>" for n in ("7", "5", "10"))
    body = f"<h1>Nebelhorn - Kritik</h1><p>SE · 2024 · Laufzeit 104 Minuten · FSK 12 · Drama</p>{comments}"
    record = extract(_page(body, title="Nebelhorn - Kritik"), "http://127.0.0.9:8080/movies/nebelhorn/comments")
    assert not record.is_review, record.verdict
    assert extract(_page(f"<h1>Nebelhorn</h1>{POST}"), "http://127.0.0.9:8080/movies/nebelhorn/kritik").is_review

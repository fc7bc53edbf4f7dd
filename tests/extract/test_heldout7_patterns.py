"""Failure patterns of held-out set 7, on pages of our own: a portal's film card with several star widgets side by
side (editorial, press average, audience), film overview pages that tease the review, audience review sections,
an article's JSON-LD `about` Movie, UK info lines, and casts named only in the prose of a newspaper review."""
from __future__ import annotations

from scraper.extract import extract

URL = "http://127.0.0.7:8080/filme/4711/kritik/"
PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE2 = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
          "und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
CARD = ("<div class='card'><h1>Nebelhorn</h1>"
        "<div class='meta'><span>Starttermin</span> <strong>2. Mai 2024</strong> im Kino | 1 Std. 38 Min. | Drama</div>"
        "<div class='meta'><span>Von</span> <a href='/p/1/'>Mara Lindqvist</a> | <span>Mit</span> "
        "<a href='/p/2/'>Ida Berg</a>, <a href='/p/3/'>Ole Sand</a></div></div>")


def _stars(full: int, half: int = 0, top: int = 5) -> str:
    icons = ["<i class='star star--full'></i>"] * full + ["<i class='star star--half'></i>"] * half
    icons += ["<i class='star star--empty'></i>"] * (top - full - half)
    return "<span class='stars'>" + "".join(icons) + "</span>"


def _page(body: str, lang: str = "de", title: str = "Nebelhorn - Kritik", head: str = "") -> str:
    return (f"<html lang='{lang}'><head><title>{title}</title>{head}</head><body><main>{body}</main></body></html>")


def _ratings_box(own_href: str) -> str:
    return ("<div class='ratings'>"
            f"<div class='rating-item'><a href='/filme/4711/pressekritiken/'>Pressekritiken</a>{_stars(2)} 2,2</div>"
            f"<div class='rating-item'><a href='{own_href}'>REDAKTION</a>{_stars(4)} 4,0</div>"
            f"<div class='rating-item'><a href='/filme/4711/nutzer/'>Zuschauer</a>{_stars(3, 1)} 3,6 "
            "<span>2.418 Wertungen</span></div></div>")


def test_star_widgets_side_by_side_are_not_added_up_and_a_press_average_is_not_the_score() -> None:
    page = _page(f"{CARD}{_ratings_box('/filme/4711/kritik/')}<article><h2>Kritik</h2>"
                 f"<p>{PROSE2}</p><p>{PROSE}</p></article>")
    record = extract(page, URL)
    assert record.is_review
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (4, 5)


def test_a_star_row_labelled_as_the_press_or_audience_average_is_not_the_score() -> None:
    box = (f"<div class='ratings'><div class='rating-item'><span>Pressekritiken</span>{_stars(2)}</div>"
           f"<div class='rating-item'><span>Community</span>{_stars(5)}</div>"
           f"<div class='rating-item'><span>Redaktion</span>{_stars(3, 1)}</div></div>")
    page = _page(f"{CARD}{box}<article><h2>Kritik</h2><p>{PROSE2}</p><p>{PROSE}</p></article>")
    record = extract(page, URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (3.5, 5)


def test_a_widget_beside_a_vote_count_in_wertungen_is_the_audience_average() -> None:
    page = _page(f"{CARD}<div class='rating-item'>Zuschauer {_stars(4)} <span>1.877 Wertungen</span></div>"
                 f"<article><h2>Kritik</h2><p>{PROSE2}</p><p>{PROSE}</p></article>")
    assert extract(page, URL).rating is None


def test_a_byline_link_beside_the_stars_leaves_them_the_reviewers_own() -> None:
    page = _page(f"<article><h1>Nebelhorn</h1><p>Review by <a href='/u/marta/'>marta</a> "
                 f"<span class='rating' aria-label='Rated 4 out of 5'>★★★★☆</span></p>"
                 f"<p>Regie: Mara Lindqvist</p><p>{PROSE2}</p><p>{PROSE}</p></article>")
    record = extract(page, URL)
    assert record.rating is not None and record.rating.normalized == 80.0


def test_a_link_that_explains_the_scale_leaves_the_stars_beside_it_the_pages_own() -> None:
    """The link beside the stars explains the rating: it names no other page's score."""
    page = _page(f"{CARD}<article><h2>Kritik</h2><p>{PROSE2}</p><p>{PROSE}</p><div class='rating-item'>"
                 f"{_stars(4)} 4,0 <a href='/bewertungssystem/'>Wie wir bewerten</a></div></article>")
    record = extract(page, URL)
    assert record.rating is not None and (record.rating.value, record.rating.scale) == (4, 5)


def test_an_audience_review_section_is_boilerplate() -> None:
    users = (f"<section><h2>Die neuesten Zuschauer-Kritiken</h2><article><header><span>fan_1</span>{_stars(1, 1)}"
             "</header><p>Zu lang, viel zu lang.</p></article></section>")
    page = _page(f"{CARD}<article><h2>Kritik</h2><p>{PROSE2}</p><p>{PROSE}</p><p>Fazit: Sehenswert.</p></article>"
                 f"{users}")
    record = extract(page, URL)
    assert record.is_review and record.rating is None


def test_reader_reactions_are_no_score_of_an_unscored_review() -> None:
    prose = ("To watch Foghorn is to watch a lighthouse film before it knew what it was supposed to be, all fog "
             "and patience and the sound of the sea against the rocks below the lamp room.")
    reactions = ("<section><h3>Reader reactions</h3><blockquote><p>Overrated. 2/4.</p><cite>jo</cite></blockquote>"
                 "</section>")
    page = _page(f"<article><h1>Foghorn</h1><p>{prose}</p><p>{prose}</p><aside><p>Directed by Mara Lindqvist</p><p>Genre: Drama</p>"
                 f"<p>Foghorn (1953)</p></aside></article>{reactions}", lang="en", title="Foghorn review")
    record = extract(page, "http://127.0.0.7:8080/reviews/foghorn-1953/")
    assert record.is_review and record.rating is None


def test_fact_lines_split_by_bars_are_no_review_prose() -> None:
    page = _page(f"{CARD}<div class='rating-item'><span>Wertung: 4 von 5</span></div>"
                 f"<section><h2>Handlung</h2><p>{PROSE2}</p></section>", title="Nebelhorn")
    assert not extract(page, "http://127.0.0.7:8080/filme/4711/").is_review


def test_a_teaser_of_the_review_on_a_film_overview_page_is_no_review_heading() -> None:
    teaser = ("<section><h2>Unsere Kritik</h2><p>Kühl, genau und sehr geduldig erzählt – ein Film, der lange "
              "nachwirkt.</p><p><a href='/filme/4711/kritik/'>Die ganze Kritik lesen</a></p></section>")
    page = _page(f"{CARD}<section><h2>Handlung</h2><p>{PROSE2}</p></section>{teaser}", title="Nebelhorn")
    assert not extract(page, "http://127.0.0.7:8080/filme/4711/").is_review


def test_a_press_average_in_the_first_lines_does_not_call_the_page_a_review() -> None:
    box = ("<div class='ratings'><div class='rating-item'>Pressekritiken <b>3,7</b></div></div>")
    page = _page(f"{CARD}{box}<section><h2>Handlung</h2><p>{PROSE2}</p><p>{PROSE}</p></section>", title="Nebelhorn")
    assert not extract(page, "http://127.0.0.7:8080/filme/4711/").is_review


def test_the_movie_an_article_is_about_names_the_film_over_a_headline_with_a_tagline() -> None:
    jsonld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
              '"headline": "Nebelhorn wiederentdeckt: Hält der Film noch stand?", '
              '"about": {"@type": "Movie", "name": "Nebelhorn"}}</script>')
    page = _page(f"<article><div>Kritik</div><h1>Nebelhorn wiederentdeckt: Hält der Film noch stand?</h1>"
                 f"<aside><ul><li><span>Regie</span> <span>Mara Lindqvist</span></li><li><span>Jahr</span> "
                 f"<span>2004</span></li></ul></aside><p>{PROSE2}</p><p>{PROSE}</p>"
                 "<p>Wertung der Redaktion: 8/10</p></article>",
                 title="Nebelhorn wiederentdeckt: Hält der Film noch stand?", head=jsonld)
    record = extract(page, "http://127.0.0.7:8080/artikel/nebelhorn-wiederentdeckt-kritik-1/")
    assert record.is_review and record.title == "Nebelhorn"


def _widget_article(h1: str, name: str) -> str:
    widget = (f"<aside><a href='/film/x/'>{name}</a> <span>(2004)</span><ul><li><span>Genre</span> <span>Drama</span>"
              "</li><li><span>Jahr</span> <span>2004</span></li><li><span>Regie</span> <span>Mara Lindqvist</span>"
              "</li></ul></aside>")
    return _page(f"<article><div>Kritik</div><h1>{h1}</h1>{widget}<p>{PROSE2}</p><p>{PROSE}</p>"
                 "<p>Wertung der Redaktion: 8/10</p></article>", title=h1)


def test_the_film_widget_names_the_film_under_a_headline_that_opens_with_it() -> None:
    record = extract(_widget_article("Nebelhorn wiederentdeckt: Hält der Film noch stand?", "Nebelhorn"),
                     "http://127.0.0.7:8080/artikel/nebelhorn-wiederentdeckt-kritik-1/")
    assert record.is_review and record.title == "Nebelhorn"


def test_a_widget_of_the_first_film_does_not_cut_a_sequels_title() -> None:
    """Guard: the widget's name is a prefix of the headline, but the rest is a sequel's numeral."""
    record = extract(_widget_article("Nebelhorn II", "Nebelhorn"), "http://127.0.0.7:8080/artikel/nebelhorn-ii-kritik-1/")
    assert record.title == "Nebelhorn II"


EN_PROSE = ("There is a moment early in the film when the keeper, alone on the rocks, lets something into her life "
            "without knowing what it is, and the rest of the film is the bill arriving.")


def _uk(info: str) -> str:
    return _page(f"<article><h1>Foghorn review – a cold and beautiful lighthouse drama</h1>"
                 "<div><span aria-label='4 out of 5 stars' class='stars'>★★★★☆</span></div>"
                 f"<p>{EN_PROSE}</p><p>{EN_PROSE}</p><p><em>{info}</em></p></article>",
                 lang="en", title="Foghorn review")


def test_a_release_in_uk_and_irish_cinemas_is_a_cinema_start() -> None:
    record = extract(_uk("Foghorn is released in UK and Irish cinemas on 1 January 2025."),
                     "http://127.0.0.7:8080/film/2024/dec/30/foghorn-review/")
    assert (record.platform, record.release_date) == ("Kino", "2025-01-01")


def test_a_streaming_start_with_its_year_is_the_release_date_and_without_one_is_not() -> None:
    url = "http://127.0.0.7:8080/film/2022/dec/22/foghorn-review/"
    record = extract(_uk("Foghorn is on Netflix from 23 December 2022."), url)
    assert (record.platform, record.release_date) == ("Netflix", "2022-12-23")
    record = extract(_uk("Foghorn is on Netflix from 10 November."), url)
    assert (record.platform, record.release_date) == ("Netflix", None)


def _review(paragraphs: list[str], caption: str = "") -> str:
    """A UK-paper review whose cast is named only in its prose (JSON-LD names the film and its director)."""
    jsonld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "Review", '
              '"reviewRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5}, "itemReviewed": '
              '{"@type": "Movie", "name": "Foghorn", "dateCreated": "2024", "director": '
              '[{"@type": "Person", "name": "Mara Lindqvist"}]}}</script>')
    figure = f"<figure><img src='x.png' alt=''><figcaption>{caption}</figcaption></figure>" if caption else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return _page(f"<article><h1>Foghorn review – a cold and beautiful lighthouse drama</h1>{figure}{body}</article>",
                 lang="en", title="Foghorn review", head=jsonld)


UK_URL = "http://127.0.0.7:8080/film/2024/dec/30/foghorn-review/"


def test_a_role_parenthesis_with_an_aside_names_its_actor_beside_the_plays_phrases() -> None:
    record = extract(_review([
        ("Tom Holm plays her husband, a harbour clerk sent north to sell a house to the old keeper Orlan "
        "(Per Sand, buried under latex and a voice like a cellar door) before the winter closes the road."),
        EN_PROSE]), UK_URL)
    assert record.cast == ["Tom Holm", "Per Sand"]


def test_role_parentheses_and_actor_phrases_count_together() -> None:
    record = extract(_review([
        ("Ida Berg plays Elsa Strand, a fading lighthouse keeper who, dumped by her sleazy employer (Tom Holm), "
        "hires a younger, flawless assistant played by Kim Ostrow and regrets it within the week."),
        EN_PROSE]), UK_URL)
    assert record.cast == ["Ida Berg", "Tom Holm", "Kim Ostrow"]


def test_a_caption_naming_actors_in_the_film_names_the_cast() -> None:
    record = extract(_review([EN_PROSE, EN_PROSE], caption="Ida Berg and Tom Holm in Foghorn. Photograph: Nordfilm"),
                     UK_URL)
    assert record.cast == ["Ida Berg", "Tom Holm"]
    record = extract(_review([EN_PROSE, EN_PROSE], caption="Ida Berg as Elsa Strand. Photograph: Nordfilm"), UK_URL)
    assert record.cast == ["Ida Berg"]


def test_the_other_full_names_of_a_paragraph_that_names_an_actor_are_the_cast() -> None:
    record = extract(_review([
        ("Ida Berg plays the keeper, captured in North Africa by the smuggler Orlan (Tom Holm) and sold to the "
        "fixer Macrin – Kim Ostrow, chewing the scenery. Jon Vesty and Lars Hede are the twin customs men. "
        "Comparisons with Werner Hallin’s 1979 version are unavoidable, and Mara Lindqvist’s film, adapted from "
        "a novel by Greta Moor, knows it."), EN_PROSE]), UK_URL)
    assert record.cast == ["Ida Berg", "Tom Holm", "Kim Ostrow", "Jon Vesty", "Lars Hede"]


def test_a_list_of_three_full_names_in_another_paragraph_joins_the_cast() -> None:
    record = extract(_review([
        ("Ida Berg’s Elsa Strand is invited to the island of the shipping heir Orlan Bron (Tom Holm) for a weekend "
        "of storms."),
        ("The guests – Kim Ostrow, Jon Vesty, Lars Hede – are a gallery of grotesques, and the house creaks "
        "around them.")]), UK_URL)
    assert record.cast == ["Ida Berg", "Tom Holm", "Kim Ostrow", "Jon Vesty", "Lars Hede"]


def test_a_job_noun_before_a_name_keeps_it_out_of_the_cast() -> None:
    """Guard of the paragraph rule on German prose: a director named by a job noun, capitalised nouns."""
    prose = ("In „Nebelhorn“ erzählt Regisseurin Mara Lindqvist von einer Familie am Meer, die seit dem Tod "
             "ihres Bruders den Kutter nicht verkaufen will, mit Ida Berg und Tom Holm.")
    page = _page(f"<article><h1>Nebelhorn</h1><p>Kritik: „Nebelhorn“</p><p>{prose}</p><p>{PROSE}</p>"
                 "<p>Regie: Mara Lindqvist</p><p>Wertung: 4 von 5</p></article>")
    assert extract(page, URL).cast == ["Ida Berg", "Tom Holm"]

"""Review evidence in markup (breadcrumbs, sections, categories, tags, JSON-LD) for pages whose text never says "review"."""
from __future__ import annotations

import json

import pytest

from scraper.extract import extract

FILLER = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
          "in den Vordergrund, sodass man dem Geschehen gebannt folgt. ")
# a review that states its facts only in prose and never calls itself a review in its text
BODY = (
    "<h1>Nebelhorn</h1>"
    "<p>In „Nebelhorn“ kehrt Regisseurin Mara Lindqvist an die Küste ihrer Kindheit zurück, mit Jonas Feld, "
    f"Ilse Brandt und Piet Haber in den Hauptrollen. {FILLER}</p>"
    f"<p>Was „Nebelhorn“ so sehenswert macht, ist die Geduld, mit der Lindqvist ihre Figuren beobachtet. {FILLER}</p>"
    f"<p>Am Ende bleibt ein leiser, aber nachhaltiger Eindruck, der lange nachhallt. {FILLER}</p>"
)
URL = "https://www.kuestenkino.example/2024/05/nebelhorn/"


def _page(head: str = "", before: str = "", body: str = BODY, article_class: str = "",
          after: str = "") -> str:
    return (f"<html lang='de'><head><meta charset='utf-8'><title>Nebelhorn – Küstenkino</title>{head}</head>"
            f"<body>{before}<main><article class='{article_class}'>{body}{after}</article></main></body></html>")


def _ld(obj: object) -> str:
    return f"<script type='application/ld+json'>{json.dumps(obj)}</script>"


YOAST = _ld({"@context": "https://schema.org", "@graph": [
    {"@type": "WebPage", "@id": URL, "url": URL, "name": "Nebelhorn – Küstenkino",
     "breadcrumb": {"@id": URL + "#breadcrumb"}},
    {"@type": "BreadcrumbList", "@id": URL + "#breadcrumb", "itemListElement": [
        {"@type": "ListItem", "position": 1, "name": "Startseite", "item": "https://www.kuestenkino.example/"},
        {"@type": "ListItem", "position": 2, "name": "Filmkritiken",
         "item": "https://www.kuestenkino.example/filmkritiken/"},
        {"@type": "ListItem", "position": 3, "name": "Nebelhorn"}]},
    {"@type": "Article", "headline": "Nebelhorn", "isPartOf": {"@id": URL},
     "author": {"@type": "Person", "name": "Kai Ostwald"}, "datePublished": "2024-05-03T08:00:00+00:00"},
]})
YOAST_SECTION = _ld({"@context": "https://schema.org", "@graph": [
    {"@type": "WebPage", "@id": URL, "url": URL},
    {"@type": "Article", "headline": "Nebelhorn", "articleSection": ["Filmkritik", "Drama"],
     "datePublished": "2024-05-03T08:00:00+00:00"}]})
CRITIC_REVIEW = _ld({"@context": "https://schema.org", "@type": "CriticReview", "name": "Nebelhorn",
                     "author": {"@type": "Person", "name": "Kai Ostwald"}})
DRUPAL_CRUMBS = ("<nav class='breadcrumb' role='navigation' aria-labelledby='system-breadcrumb'><ol>"
                 "<li><a href='/'>Startseite</a></li><li><a href='/kino'>Kino</a></li>"
                 "<li><a href='/kino/kritiken'>Kritiken</a></li><li>Nebelhorn</li></ol></nav>")
TYPO3_CRUMBS = ("<div id='rootline'><ol class='breadcrumb'><li><a href='/'>Home</a></li>"
                "<li><a href='/film/besprechungen/'>Besprechungen</a></li><li class='active'>Nebelhorn</li></ol></div>")


@pytest.mark.parametrize("case, kwargs", [
    ("wordpress yoast breadcrumb list", {"head": YOAST}),
    ("wordpress yoast articleSection", {"head": YOAST_SECTION}),
    ("json-ld CriticReview", {"head": CRITIC_REVIEW}),
    ("drupal breadcrumb nav", {"before": DRUPAL_CRUMBS}),
    ("typo3 rootline", {"before": TYPO3_CRUMBS}),
    ("ghost article:tag", {"head": "<meta property='og:type' content='article'>"
                                   "<meta property='article:tag' content='Review'>"}),
    ("news cms article:section", {"head": "<meta property='article:section' content='Filmkritik'>"}),
    ("wordpress post classes", {"article_class": "post-812 post type-post status-publish format-standard hentry "
                                                 "category-filmkritiken tag-kuestenkino"}),
    ("wordpress category link", {"after": "<footer class='entry-footer'><span class='cat-links'>Veröffentlicht in "
                                          "<a href='/category/filmkritik/' rel='category tag'>Filmkritik</a></span>"
                                          "</footer>"}),
    ("description", {"head": "<meta name='description' content='Unsere Kritik zu Mara Lindqvists stillem "
                                                           "Küstendrama.'>"}),
])
def test_markup_says_review(case: str, kwargs: dict[str, str]) -> None:
    record = extract(_page(**kwargs), URL)
    assert record.is_review, (case, record.verdict)
    assert record.title == "Nebelhorn"


def test_without_markup_evidence_the_prose_page_stays_unjudged() -> None:
    record = extract(_page(head="<meta property='og:type' content='article'>"), URL)
    assert not record.is_review, record.verdict  # og:type=article is every news item too


@pytest.mark.parametrize("case, kwargs", [
    ("news section", {"head": "<meta property='article:section' content='Kino-News'>",
                      "before": "<nav class='breadcrumb'><a href='/'>Start</a> <a href='/news'>News</a></nav>"}),
    ("user reviews section", {"before": "<nav class='breadcrumbs'><a href='/'>Start</a> "
                                        "<a href='/user-reviews'>User-Reviews</a></nav>"}),
    ("readers' reviews category", {"head": "<meta property='article:section' content='Leserkritiken'>"}),
    ("description about critics", {"head": "<meta name='description' content='Die Kritiker sind sich einig: "
                                                                   "Nebelhorn ist ein Erfolg.'>"}),
])
def test_markup_that_is_not_review_evidence(case: str, kwargs: dict[str, str]) -> None:
    record = extract(_page(**kwargs), URL)
    assert not record.is_review, (case, record.verdict)


def test_markup_evidence_does_not_count_on_a_news_url() -> None:
    record = extract(_page(head=YOAST), "https://www.kuestenkino.example/news/nebelhorn-premiere/")
    assert not record.is_review, record.verdict


def test_a_category_archive_with_review_classes_is_not_a_review() -> None:
    teasers = "".join(
        f"<article class='post-{i} post type-post status-publish hentry category-filmkritik'>"
        f"<h2><a href='/2024/0{i}/film-{i}/'>Film {i}</a></h2><p>Regie: Mara Lindqvist. {FILLER}</p></article>"
        for i in range(1, 5))
    html = (f"<html><head><title>Filmkritik – Küstenkino</title></head><body><main>{teasers}</main>"
            "</body></html>")
    record = extract(html, "https://www.kuestenkino.example/thema/filmkritik/")
    assert not record.is_review, record.verdict


def test_a_list_in_a_review_section_is_not_one_review() -> None:
    items = "".join(f"<h2>{i}. Film {i}</h2><p>„Film {i}“ von Regisseurin Mara Lindqvist. {FILLER}</p>"
                    for i in range(1, 6))
    html = _page(head=YOAST, body=f"<h1>Die besten Filme 2023</h1>{items}")
    record = extract(html, "https://www.kuestenkino.example/filmkritiken/die-besten-filme-2023/")
    assert not record.is_review, record.verdict


def test_a_labelled_score_is_evidence_for_a_prose_review() -> None:
    body = BODY + "<p>Meine Wertung: 8/10</p>"
    record = extract(_page(body=body), URL)
    assert record.is_review, record.verdict


OPINION = (
    "<h1>Nebelhorn</h1>"
    f"<p>„Nebelhorn“ ist ein Film, der sich Zeit nimmt, und das ist seine größte Stärke. {FILLER}</p>"
    f"<p>Wer Geduld mitbringt, wird reich belohnt, auch wenn das Ende manchen zu offen sein mag. {FILLER}</p>"
    f"<p>Am Ende bleibt ein leiser, aber nachhaltiger Eindruck, der lange nachhallt. {FILLER}</p>"
)


def test_a_prose_review_without_any_fact_needs_a_filing_as_review() -> None:
    filed = extract(_page(body=OPINION, before=DRUPAL_CRUMBS), URL)
    assert filed.is_review, filed.verdict
    by_url_only = extract(_page(body=OPINION), "https://www.kuestenkino.example/kritik/nebelhorn/")
    assert not by_url_only.is_review, by_url_only.verdict  # a URL alone is too weak without any fact


def test_a_sequel_title_is_found_in_prose_by_its_first_part() -> None:
    body = BODY.replace("<h1>Nebelhorn</h1>", "<h1>Nebelhorn: Teil 2</h1>")
    record = extract(_page(body=body, before=DRUPAL_CRUMBS), URL)
    assert record.title == "Nebelhorn: Teil 2"
    assert record.is_review, record.verdict


def test_a_list_of_info_boxes_in_a_review_section_is_not_one_review() -> None:
    films = [("Nebelhorn", "Mara Lindqvist", "Jonas Feld, Ilse Brandt"),
             ("Salzweg", "Ola Svensk", "Dana Roe, Milo Kent"),
             ("Glass Harbor", "Piet Haber", "Ilse Brandt, Kai Ostwald")]
    items = "".join(
        f"<li><h2><a href='/film/{t.lower()}/kritik/'>{t}</a></h2><div>4. Juli 2024 / 1 Std. 40 Min. / Drama</div>"
        f"<div>Von {d}</div><div>Mit {c}</div><p>{FILLER}{FILLER}</p></li>" for t, d, c in films)
    html = (f"<html><head><title>Neueste Kritiken der Redaktion</title>{YOAST}</head><body><main>"
            f"<h1>Neueste Kritiken der Redaktion</h1><ul>{items}</ul></main></body></html>")
    record = extract(html, "https://www.kuestenkino.example/kritiken/neueste/")
    assert not record.is_review, record.verdict


def test_a_page_filed_as_users_reviews_is_not_a_review() -> None:
    rated = BODY + "<p>Regie: Mara Lindqvist</p><p>Meine Wertung: 8/10</p>"
    for kwargs in ({"before": "<nav class='breadcrumb'><a href='/'>Start</a> <a href='/filme/nebelhorn'>Nebelhorn"
                              "</a> <a href='/filme/nebelhorn/userkritiken'>Userkritiken</a></nav>"},
                   {"head": "<meta property='article:section' content='Leserrezensionen'>"}):
        record = extract(_page(body=rated, **kwargs), URL)
        assert not record.is_review, (kwargs, record.verdict)
    titled = _page(body=rated).replace("<title>Nebelhorn – Küstenkino</title>",
                                       "<title>Nebelhorn – Nutzerkritik von strandlaeufer</title>")
    assert not extract(titled, URL).is_review


def test_own_review_beside_readers_reviews_stays_a_review() -> None:
    rated = BODY + "<p>Regie: Mara Lindqvist</p><p>Meine Wertung: 8/10</p>"
    html = _page(body=rated).replace("<title>Nebelhorn – Küstenkino</title>",
                                     "<title>Nebelhorn – Kritik und Leserkritiken | Küstenkino</title>")
    record = extract(html, URL)
    assert record.is_review, record.verdict


KK_STARS = ("<div class='kk-star-ratings kksr-auto' data-payload='{\"count\":\"37\",\"score\":\"4.2\"}'>"
            "<div class='kksr-stars'><div class='kksr-star'><div class='kksr-icon'></div></div></div>"
            "<div class='kksr-legend'>4.2/5 - (37 Stimmen)</div></div>")


def test_a_readers_star_widget_is_no_editorial_score() -> None:
    news = ("<html lang='de'><head><title>Nebelhorn: Trailer zum Küstendrama veröffentlicht</title></head><body>"
            "<main><article><h1>Nebelhorn: Trailer zum Küstendrama veröffentlicht</h1><p>Regie: Mara Lindqvist</p>"
            f"<p>Darsteller: Jonas Feld, Ilse Brandt</p><p>{FILLER}</p><p>{FILLER}</p>{KK_STARS}</article></main>"
            "</body></html>")
    record = extract(news, "https://www.kuestenkino.example/nebelhorn-trailer/")
    assert record.rating is None
    assert not record.is_review, record.verdict
    labelled = news.replace(KK_STARS, "<p>Bewertung: 4,2/5 (1.418 Bewertungen)</p>")
    assert extract(labelled, "https://www.kuestenkino.example/nebelhorn-trailer/").rating is None


def test_criticism_is_no_review() -> None:
    for head in ("<meta name='description' content='Die Kritik an Mara Lindqvists Dreharbeiten wird lauter.'>",
                 "<meta property='article:tag' content='Kritik'>"):
        record = extract(_page(head=head), URL)
        assert not record.is_review, (head, record.verdict)
    for head in ("<meta name='description' content='Kritik zum Küstendrama Nebelhorn.'>",
                 "<meta name='description' content='A quiet review of a quiet film.'>",
                 "<meta property='article:tag' content='Filmkritik'>"):
        record = extract(_page(head=head), URL)
        assert record.is_review, (head, record.verdict)


def test_a_tv_guide_entry_is_not_a_review() -> None:
    html = ("<html lang='de'><head><title>Nebelhorn heute im TV | TV-Programm | Fernsehwoche</title>"
            "<meta property='article:section' content='TV-Programm'></head><body><main><h1>Nebelhorn</h1>"
            "<p class='broadcast'>Heute, 20:15 – 22:10 · ARD</p><p>Spielfilm, Drama · D 2024 · FSK 12</p>"
            "<dl><dt>Regie</dt><dd>Mara Lindqvist</dd><dt>Darsteller</dt><dd>Jonas Feld, Ilse Brandt</dd></dl>"
            f"<p>{FILLER}</p><p>{FILLER}</p><div class='tipp'>TV-Tipp des Tages</div></main></body></html>")
    record = extract(html, "https://www.fernsehwoche.example/tv-programm/sendung/nebelhorn-12345")
    assert not record.is_review, record.verdict


def test_a_mixed_section_files_nothing_as_a_review() -> None:
    record = extract(_page(head="<meta property='article:section' content='Kritiken & News'>"), URL)
    assert not record.is_review, record.verdict


def test_criticism_in_a_headline_does_not_make_a_factless_page_a_review() -> None:
    body = OPINION.replace("<h1>Nebelhorn</h1>", "<h1>Nebelhorn: Kritik an den Dreharbeiten wächst</h1>")
    page = _page(body=body).replace("<title>Nebelhorn – Küstenkino</title>",
                                    "<title>Nebelhorn: Kritik an den Dreharbeiten wächst</title>")
    assert not extract(page, URL).is_review
    titled = _page(body=OPINION).replace("<title>Nebelhorn – Küstenkino</title>",
                                         "<title>Nebelhorn – Kritik | Küstenkino</title>")
    assert extract(titled, URL).is_review


def test_a_breadcrumb_inside_the_main_content_is_read_before_boilerplate_removal() -> None:
    # the trail sits in <main> (a <nav>, so boilerplate): the verdict reads the texts taken before removal
    record = extract(_page(body=DRUPAL_CRUMBS + BODY), URL)
    assert record.is_review, record.verdict
    others = ("<nav class='breadcrumbs'><a href='/'>Start</a> <a href='/nutzerkritiken/'>Nutzerkritiken</a></nav>")
    record = extract(_page(body=others + BODY, head=YOAST), URL)
    assert not record.is_review, record.verdict

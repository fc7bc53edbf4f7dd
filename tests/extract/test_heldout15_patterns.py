"""Failure patterns of held-out set 15, on pages of our own: a Notion export's page (a property table, the
review's blocks, an embedded linked database of other entries)."""
from __future__ import annotations

from scraper.extract import extract

PROSE_DE = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste "
            "zurückkehrt und dort einem Fremden begegnet, der mehr über ihre Familie zu wissen scheint als sie.")
PROSE_DE2 = ("Die Kamera bleibt geduldig, die Musik zurückhaltend, und die Darstellerinnen tragen die langen "
             "Einstellungen mit großer Ruhe; erst das Ende löst die Spannung auf.")
NOTION_URL = "http://127.0.0.15:8080/tagebuch/nebelhorn-0a1b2c3d4e5f60718293a4b5c6d7e8f9.html"


def _row(label: str, value: str) -> str:
    return f"<tr class='property-row'><th><span class='icon'></span>{label}</th><td>{value}</td></tr>"


def _notion_page(after: str) -> str:
    props = (_row("Originaltitel", "Foghorn") + _row("Jahr", "2021") + _row("Regie", "Mara Lindqvist")
             + _row("Besetzung", "Ilse Kramer, Jonas Brenner")
             + _row("Genre", "<span class='selected-value'>Drama</span>")
             + _row("Bewertung", "<span class='selected-value'>★★★★☆</span>") + _row("IMDb", "6,9"))
    return ("<html><head><meta charset='utf-8'><title>Nebelhorn</title></head><body>"
            "<article class='page sans'><header><h1 class='page-title'>Nebelhorn</h1>"
            f"<table class='properties'><tbody>{props}</tbody></table></header>"
            f"<div class='page-body'><h2>Kritik</h2><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{after}</div>"
            "</article></body></html>")


def _database(heading: str) -> str:
    return (f"<h3>{heading}</h3><table class='collection-content'><thead><tr><th>Name</th><th>Jahr</th>"
            "<th>Regie</th><th>Bewertung</th></tr></thead><tbody>"
            "<tr><td><a href='/tagebuch/wellenbrecher.html'>Wellenbrecher</a></td><td>1994</td><td>Ola Svensk</td>"
            "<td>7,5/10</td></tr>"
            "<tr><td><a href='/tagebuch/salzwiesen.html'>Salzwiesen</a></td><td>2003</td><td>Ana Petrov</td>"
            "<td>★★☆☆☆</td></tr></tbody></table>")


def _facts(record) -> tuple:  # type: ignore[no-untyped-def]
    rating = record.rating and (record.rating.value, record.rating.scale)
    return record.is_review, record.year, record.directors, rating


def test_a_series_heading_inside_the_page_body_takes_only_its_own_section() -> None:
    """The page body holds the review's paragraphs and then "Die Reihe" with its table: the heading opens
    no box of its own, so only the heading and what follows it go, not the review before it."""
    record = extract(_notion_page(_database("Die Reihe")), NOTION_URL)
    assert _facts(record) == (True, 2021, ["Mara Lindqvist"], (4, 5)), record.verdict
    # a box the heading opens still goes as a whole
    box = f"<div class='box'>{_database('Die Reihe')}<p>Alle Teile im Überblick, mit Wertung.</p></div>"
    assert _facts(extract(_notion_page(box), NOTION_URL)) == (True, 2021, ["Mara Lindqvist"], (4, 5))


def test_a_linked_database_of_other_films_below_the_property_table_is_not_the_pages_facts() -> None:
    """A table of several films after the page's own one-film fact table lists other entries, under
    whatever heading: its years and ratings are neither the film's nor a sign of a list page."""
    for heading in ("Mehr aus dem Tagebuch", "Verwandte Einträge", "Siehe auch"):
        record = extract(_notion_page(_database(heading)), NOTION_URL)
        assert _facts(record) == (True, 2021, ["Mara Lindqvist"], (4, 5)), (heading, record.verdict)


def test_a_database_page_listing_films_is_still_no_review() -> None:
    """Without a one-film fact table before it, a films table is the page: a list of several films."""
    page = ("<html><head><meta charset='utf-8'><title>Filmtagebuch</title></head><body>"
            "<article class='page sans'><header><h1 class='page-title'>Filmtagebuch</h1></header>"
            f"<div class='page-body'><p>{PROSE_DE}</p><p>{PROSE_DE2}</p>{_database('Alle Einträge')}</div>"
            "</article></body></html>")
    assert not extract(page, "http://127.0.0.15:8080/tagebuch.html").is_review


# --- a public library's staff pick bound to its catalogue record -------------------------------------------

LIB_URL = "http://127.0.0.15:8080/medientipps/nebelhorn/"


def _library_page(h1: str = "Medientipp: Nebelhorn", verdict: str = "Unsere Bewertung: 4 von 5 Punkten",
                  catalogue_title: str = "Nebelhorn [Bildtonträger]") -> str:
    return ("<html><head><meta charset='utf-8'><title>Nebelhorn – Stadtbücherei</title></head><body><main>"
            f"<article><p class='kategorie'>Medientipp · Film</p><h1>{h1}</h1>"
            "<p class='meta'>Veröffentlicht am <time>03.02.2024</time> · von Jana Feld, Lektorat</p>"
            "<ul><li><strong>Land/Jahr:</strong> Schweden 2021</li><li><strong>Regie:</strong> Mara Lindqvist</li>"
            "<li><strong>Darsteller:</strong> Ilse Kramer, Jonas Brenner</li><li><strong>Genre:</strong> Drama</li>"
            "<li><strong>Medium:</strong> DVD</li></ul>"
            f"<p>{PROSE_DE}</p><p>{PROSE_DE2}</p><p class='bewertung'><strong>{verdict}</strong></p>"
            f"<section class='katalog'><h2>Im Katalog</h2><dl><dt>Titel</dt><dd>{catalogue_title}</dd>"
            "<dt>Beteiligt</dt><dd>Lindqvist, Mara [Regie] ; Kramer, Ilse [Darst.]</dd>"
            "<dt>Signatur</dt><dd>Film LIN</dd></dl></section></article></main></body></html>")


def test_a_catalogue_title_loses_its_material_designation() -> None:
    for designation in ("[Bildtonträger]", "[DVD-Video]", "[Videoaufzeichnung]", "[Blu-ray]", "[videorecording]"):
        record = extract(_library_page(catalogue_title=f"Nebelhorn {designation}"), LIB_URL)
        assert record.title == "Nebelhorn", designation
    # the headline's column kicker, also with an occasion, leaves the title
    from scraper.normalize.title import clean_title
    for h1 in ("Medientipp: Nebelhorn", "Medientipp zum Welttag des Buches: Nebelhorn",
               "Filmtipp zum Wochenende: Nebelhorn", "Medientipp: Nebelhorn (2021)"):
        assert clean_title(h1) == "Nebelhorn", h1
    assert clean_title("Alien – Die Wiedergeburt") == "Alien – Die Wiedergeburt"
    # a catalogue's sentence case gives way to the headline's capitals ("Little women" / "Little Women")
    record = extract(_library_page(h1="Medientipp: Nebelhorn Im Nebel",
                                   catalogue_title="Nebelhorn im Nebel [Bildtonträger]"), LIB_URL)
    assert record.title == "Nebelhorn Im Nebel"


def test_a_staff_pick_that_declines_to_score_is_still_a_review() -> None:
    """"Klassiker bewerten wir nicht mit Punkten": the review's rating slot, left empty on purpose."""
    unsigned = _library_page(verdict="Klassiker aus dem Bestand bewerten wir nicht mit Punkten – "
                                     "ausleihen lohnt sich trotzdem.").replace(" · von Jana Feld, Lektorat", "")
    record = extract(unsigned, LIB_URL)
    assert record.is_review and record.rating is None, record.verdict
    unsigned = _library_page(verdict="Ausleihen lohnt sich.").replace(" · von Jana Feld, Lektorat", "")
    assert not extract(unsigned, LIB_URL).is_review


# --- a shop's product page with a staff review ---------------------------------------------------------------

SHOP_URL = "http://127.0.0.15:8080/products/nebelhorn-4k"
PROSE_EN = ("Nebelhorn follows a lighthouse keeper who returns to the coast after her brother's death and meets "
            "a stranger who seems to know more about her family than she does.")
PROSE_EN2 = ("The camera stays patient, the score restrained, and the two leads carry the long takes with a "
             "calm that pays off in the final act, even if the middle drags.")


def _product(h1: str, fmt: str, staff: bool = True) -> str:
    review = (f"<section class='staff-review'><h2>Staff review</h2><p>{PROSE_EN}</p><p>{PROSE_EN2}</p>"
              "<p><strong>Staff score:</strong> 8/10</p></section>") if staff else ""
    return ("<html><head><meta charset='utf-8'><title>Nebelhorn – Rewind</title></head><body><main>"
            f"<div class='product'><h1>{h1}</h1><span class='price'>$24.99</span>"
            "<div class='description'><p>Restored in 4K from the original negative, with a new commentary.</p>"
            "<ul><li><strong>Director:</strong> Mara Lindqvist</li><li><strong>Starring:</strong> Ilse Kramer, "
            f"Jonas Brenner</li><li><strong>Year:</strong> 2021</li><li><strong>Genre:</strong> Drama</li>"
            f"<li><strong>Rated:</strong> R</li><li><strong>Format:</strong> {fmt}</li></ul></div></div>{review}"
            "<section class='jdgm-widget'><h2>Customer Reviews</h2><div class='jdgm-rev'>"
            "<span aria-label='5 star rating'>★★★★★</span> <span>Rosa</span><p>Better than I remembered, the "
            "new transfer is a revelation. 10/10.</p></div><div class='jdgm-rev'><span aria-label='2 star rating'>"
            "★★☆☆☆</span> <span>Kev</span><p>Too slow for me, and the case arrived cracked. 4/10.</p></div>"
            "</section></main></body></html>")


def test_shop_format_furniture_leaves_the_title_and_names_the_disc_platform() -> None:
    for h1, fmt in (("Nebelhorn – Special Edition Blu-ray", "Blu-ray (theatrical and extended cuts)"),
                    ("Nebelhorn (2021) – 4K Ultra HD + Blu-ray", "4K Ultra HD + Blu-ray, Region Free"),
                    ("Nebelhorn – 4K Ultra HD (+ Blu-ray)", "4K Ultra HD"),
                    ("Nebelhorn – Collector's Edition 4K Ultra HD", "Ultra HD Blu-ray")):
        record = extract(_product(h1, fmt), SHOP_URL)
        assert (record.is_review, record.title, record.platform) == (True, "Nebelhorn", "DVD/Blu-ray"), (h1, fmt)
        assert record.rating is not None and record.rating.value == 8
    # a "Format:" that names no disc is no platform
    assert extract(_product("Nebelhorn", "2.39:1 widescreen"), SHOP_URL).platform is None


def test_a_product_page_with_only_customer_reviews_is_no_review() -> None:
    record = extract(_product("Nebelhorn (Blu-ray)", "Blu-ray", staff=False), SHOP_URL)
    assert not record.is_review and record.rating is None, record.verdict


def test_a_signed_media_tip_without_a_score_is_a_review() -> None:
    """A library's "Medientipp · Film" kicker over a dated, signed text is a staff pick of one film, scored or
    not; the same page without a writer is a catalogue blurb."""
    page = _library_page(verdict="Ausleihen lohnt sich.")
    assert extract(page, LIB_URL).is_review
    assert not extract(page.replace(" · von Jana Feld, Lektorat", ""), LIB_URL).is_review
    # a credits line is no dateline: "Schweden 2021 · von Mara Lindqvist" signs nothing
    credits = page.replace("Veröffentlicht am <time>03.02.2024</time> · von Jana Feld, Lektorat",
                           "Schweden 2021 · von Mara Lindqvist")
    assert not extract(credits, LIB_URL).is_review
    for dateline in ("Veröffentlicht am 3. Februar 2024 · von Jana Feld", "Posted February 3, 2024 | by Jana Feld"):
        assert extract(page.replace("Veröffentlicht am <time>03.02.2024</time> · von Jana Feld, Lektorat", dateline),
                       LIB_URL).is_review, dateline

"""Failure patterns of held-out set 5, on pages of our own: a CMS's multi-value fields, a letter grade under a
possessive label, a venue compound before "Kritik:", an age rating of another country, a country's release label."""
from __future__ import annotations

from scraper.extract import extract
from scraper.normalize import parse_fsk
from scraper.normalize.title import clean_title

PROSE = ("Die Bilder sind kühl und genau, der Schnitt lässt den Szenen Zeit, und die Musik drängt sich nie "
         "in den Vordergrund, sodass man dem Geschehen gebannt folgt.")
PROSE2 = ("Nebelhorn erzählt von einer Leuchtturmwärterin, die nach dem Tod ihres Bruders an die Küste zurückkehrt "
          "und dort einem Fremden begegnet, der mehr über die Familie weiß als sie selbst.")
URL = "http://127.0.0.5:8080/kultur/film/nebelhorn"


def _field(name: str, label: str, *items: str) -> str:
    """A field as a Drupal-like CMS renders it: a label block, then one block per value."""
    if len(items) == 1:
        value = f"<div class='field__item'>{items[0]}</div>"
    else:
        value = "<div class='field__items'>" + "".join(f"<div class='field__item'>{i}</div>" for i in items) + "</div>"
    return f"<div class='field field--name-{name}'><div class='field__label'>{label}</div>{value}</div>"


def _cms_page(*fields: str, h1: str = "Nebelhorn") -> str:
    return (f"<html lang='de'><head><title>{h1} | Campusblatt</title></head><body><main><article>"
            f"<h1>{h1}</h1><div class='field--name-body'><p>{PROSE2}</p><p>{PROSE}</p></div>"
            f"<div class='filmdaten'>{''.join(fields)}</div></article></main></body></html>")


def test_every_item_of_a_multi_value_field_is_read() -> None:
    page = _cms_page(_field("regie", "Regie", "Mara Lindqvist"),
                     _field("besetzung", "Besetzung", "Ida Berg", "Ole Sand", "Karin Lund"),
                     _field("genre", "Genre", "<a href='/taxonomy/term/3'>Drama</a>", "<a href='/taxonomy/term/9'>Krimi</a>"),
                     _field("jahr", "Jahr", "2023"), _field("wertung", "Wertung", "7 von 10 Punkten"))
    record = extract(page, URL)
    assert record.cast == ["Ida Berg", "Ole Sand", "Karin Lund"]
    assert record.genres == ["drama", "crime"]
    assert record.directors == ["Mara Lindqvist"]
    # a value block of long lines is text, not a list of items: its first line stays the value
    long = "Ida Berg spielt die Wärterin mit einer Ruhe, die man selten sieht, und Ole Sand hält dagegen"
    prose = _cms_page(_field("regie", "Regie", "Mara Lindqvist"),
                      "<div class='f'><div>Besetzung</div><div><p>Ida Berg</p><p>" + long + "</p></div></div>",
                      _field("jahr", "Jahr", "2023"), _field("wertung", "Wertung", "7 von 10 Punkten"))
    assert extract(prose, URL).cast == ["Ida Berg"]


def test_a_letter_grade_under_a_possessive_label_is_the_rating_and_makes_the_page_a_review() -> None:
    page = _cms_page(_field("regie", "Regie", "Mara Lindqvist"), _field("jahr", "Jahr", "2023"),
                     _field("genre", "Genre", "Drama"), _field("wertung", "Unsere Note", "B+"))
    record = extract(page, URL)
    assert record.is_review
    assert record.rating is not None and (record.rating.value, record.rating.normalized) == ("B+", 83.0)


def test_a_venue_compound_before_kritik_is_a_kicker_a_film_name_before_it_is_not() -> None:
    assert clean_title("Filmclub-Kritik: Nebelhorn – Die Nacht am Kap") == "Nebelhorn – Die Nacht am Kap"
    assert clean_title("Festival-Review: Nebelhorn") == "Nebelhorn"
    assert clean_title("Nebelhorn – Filmclub-Kritik") == "Nebelhorn"
    assert clean_title("Nebelhorn-Kritik: Ein Leuchtturm und zu viel Nebel") == "Nebelhorn"
    page = _cms_page(_field("regie", "Regie", "Mara Lindqvist"), _field("jahr", "Jahr", "2023"),
                     h1="Filmclub-Kritik: Nebelhorn – Die Nacht am Kap")
    assert extract(page, URL).title == "Nebelhorn – Die Nacht am Kap"


def test_an_age_rating_qualified_by_another_country_is_no_fsk() -> None:
    assert parse_fsk("ab 12 Jahren (CH)") is None
    assert parse_fsk("ab 14 Jahren (Österreich)") is None
    assert parse_fsk("ab 16 Jahren (CH) · FSK 16") == 16
    assert parse_fsk("ab 6 Jahren (CH) · FSK 0") == 0
    assert parse_fsk("ab 12 Jahren") == 12
    swiss = _cms_page(_field("regie", "Regie", "Mara Lindqvist"), _field("jahr", "Jahr", "2023"),
                      _field("fsk", "Altersfreigabe (CH)", "ab 12"), _field("wertung", "Wertung", "7 von 10"))
    german = swiss.replace("Altersfreigabe (CH)", "Altersfreigabe (DE)")
    assert extract(swiss, URL).fsk is None
    assert extract(german, URL).fsk == 12


def test_a_country_before_a_release_label_labels_the_start_without_naming_a_platform() -> None:
    prose = PROSE2.replace("Nebelhorn erzählt von", "Foghorn tells of").replace("einer", "a")
    rows = ("<tr><th>Director</th><td>Mara Lindqvist</td></tr><tr><th>Cast</th><td>Ida Berg, Ole Sand</td></tr>"
            "<tr><th>Country / year</th><td>Sweden 2023</td></tr><tr><th>UK release</th><td>7 March 2025</td></tr>")
    page = (f"<html lang='en'><head><title>Foghorn review</title></head><body><main><article><h1>Foghorn</h1>"
            f"<p>{prose}</p><p>{PROSE}</p><table>{rows}</table><p>Our rating: 3.5 out of 5</p>"
            "</article></main></body></html>")
    record = extract(page, "http://127.0.0.5:8080/en/review/foghorn/")
    assert (record.release_date, record.platform) == ("2025-03-07", None)

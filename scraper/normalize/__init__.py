"""Pure normalizers, one module per field kind: titles, genres, FSK, platforms, dates, ratings, names."""
from __future__ import annotations

from scraper.normalize.dates import parse_date
from scraper.normalize.fsk import parse_fsk
from scraper.normalize.genres import parse_genres
from scraper.normalize.names import parse_names
from scraper.normalize.platform import parse_platform
from scraper.normalize.rating import parse_rating
from scraper.normalize.title import clean_title, title_year

__all__ = [
           "clean_title",
           "parse_date",
           "parse_fsk",
           "parse_genres",
           "parse_names",
           "parse_platform",
           "parse_rating",
           "title_year",
]

"""A small catalogue for query and report tests, filled through the public Catalog API."""
from __future__ import annotations

from typing import Any

from catalog import Catalog

FIELDS = ("title", "original_title", "year", "genres", "fsk", "directors", "cast", "platform",
          "release_date", "rating")


def record(site: str, slug: str, title: str, **facts: Any) -> dict[str, Any]:
    """A contract review record with defaults for every field."""
    rec: dict[str, Any] = {"url": f"http://{site}/{slug}/", "site": site, "title": title, "original_title": None,
                           "year": None, "genres": [], "fsk": None, "directors": [], "cast": [],
                           "platform": None, "release_date": None, "rating": None}
    rating = facts.pop("rating", None)
    if rating is not None:
        rec["rating"] = {"raw": f"{rating}/100", "value": rating, "scale": 100, "normalized": float(rating)}
    rec.update(facts)
    return rec


# Made-up films: namesakes, umlauts, accents, punctuation, numerals, an original title.
RECORDS = [
    record("kino-a.example", "maedchen", "Das Mädchen am Fluss", year=2019, directors=["Jana Völker"],
           genres=["drama"], fsk=12, platform="Kino", cast=["Lea Sommer"], rating=80),
    record("kino-b.example", "maedchen", "Das Maedchen am Fluss", year=2019, directors=["Jana Völker"],
           genres=["drama"], fsk=12, platform="Kino", cast=["Lea Sommer"], rating=60),
    record("kino-a.example", "sternfall-2001", "Sternfall", year=2001, directors=["Ola Nordmann"],
           genres=["science-fiction"], fsk=16, cast=["Per Hansen"], rating=40),
    record("kino-b.example", "sternfall-2001", "Sternfall", year=2001, directors=["Ola Nordmann"],
           genres=["science-fiction"], fsk=16, cast=["Per Hansen"], rating=50),
    record("kino-a.example", "sternfall-2022", "Sternfall", year=2022, directors=["Mia Ek"],
           genres=["thriller"], fsk=18, platform="Netflix", cast=["Kim Berg"], rating=90),
    record("stream.example", "die-stille", "Die Stille der Berge", original_title="The Silence of Mountains",
           year=2015, directors=["Chung-ho Park"], genres=["drama", "history"], fsk=12, platform="Netflix",
           cast=["Ji-woo Han"], rating=70),
    record("kino-b.example", "silence", "The Silence of Mountains", year=2015, directors=["Park Chung-ho"],
           genres=["drama"], cast=["Ji-woo Han"], rating=74),
    record("kino-a.example", "amelie", "Amélie aus dem Café", year=2003, directors=["René Duval"],
           genres=["comedy", "romance"], fsk=0, platform="Kino", cast=["Zoé Marin"]),
    record("stream.example", "rueckkehr-2", "Die Rückkehr: Teil Zwei", year=2011, directors=["Tom Weiß"],
           genres=["action"], fsk=16, platform="Prime Video", cast=["Max Roth"], rating=55),
    record("stream.example", "schindlers", "Schindler's Garten", year=1999, directors=["Eva Kranz"],
           genres=["drama", "war"], fsk=12, cast=["Udo Stein"], rating=85),
]


def build(url: str, records: list[dict[str, Any]] | None = None) -> None:
    """Store the records and resolve them into films."""
    with Catalog(url) as cat:
        cat.upsert_reviews(records or RECORDS)
        cat.resolve()

"""Synthetic review records with namesakes, remakes, sequels, title and name variants, plus a bulk loader.

    from bench.synth import generate, bulk_load
    records = list(generate(100_000, seed=1))      # contract records + "film_key" (the truth)
    bulk_load("sqlite:///big.db", records)          # fresh catalogue, executemany inserts

Every record is a contract review record; the extra key `film_key` names the true film (the
catalogue ignores it). Everything is derived from `random.Random(seed)`: same seed, same data.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GIVEN = ["Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hans", "Ida", "Jonas", "Karl", "Lena", "Marie", "Nina", "Otto", "Paul", "Rosa", "Sara", "Tom", "Ulla", "Vera", "Walter", "Yusuf", "Zoe", "Jean", "Pierre", "Amélie", "Chloé", "José", "Inés", "Søren", "Björn", "Zoë", "Luis", "Marta"]
SURNAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler", "Martín", "García", "Dubois", "Lefèvre", "Rossi", "Bianchi", "Novák", "Andersson", "Nilsson", "Kowalski", "O'Brien", "MacLeod", "Smith", "Jones"]
KOREAN_SURNAMES = ["Kim", "Lee", "Park", "Choi", "Jeong", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Oh", "Seo", "Shin", "Kwon"]
KOREAN_SYLLABLES = ["ji", "hoon", "min", "seo", "yeon", "jong", "hyun", "woo", "jin", "soo", "young", "eun", "ho", "sung", "chul", "kyung"]
WORDS = ["Night", "Shadow", "River", "Winter", "Garden", "Stranger", "Silence", "Fire", "Road", "House", "Dream", "Storm", "Island", "Mirror", "Secret", "Heart", "Wolf", "Glass", "Stone", "Ghost", "Summer", "City", "Letter", "Machine", "Bridge", "Ocean", "Hunter", "Kingdom", "Promise", "Echo", "Nacht", "Schatten", "Fluss", "Sturm", "Insel", "Spiegel", "Herz", "Stadt", "Brücke", "Jäger", "Reich", "Versprechen"]
ADJECTIVES = ["Dark", "Last", "Silent", "Lost", "Broken", "Red", "Golden", "Hidden", "Eternal", "Wild", "Cold", "Lonely", "Final", "Black", "Deep", "Dunkle", "Letzte", "Stille", "Verlorene", "Rote", "Goldene", "Wilde", "Kalte"]
GENRES = ["action", "thriller", "drama", "comedy", "horror", "science-fiction", "romance", "crime", "documentary", "animation", "fantasy", "mystery", "war", "western", "family"]
PLATFORMS = ("Netflix", "Kino", "Prime Video", "Disney+", "Apple TV+", "Sky/WOW", "DVD/Blu-ray", None)
SUBTITLES = ("Die Rückkehr", "The Beginning", "Das Erwachen", "Origins", "Der Fluch", "Reckoning")
N_SITES = 60
NAMESAKE_SHARE = 0.06   # films that reuse an existing title (other director, other year)
REMAKE_SHARE = 0.02     # same title decades later, other director
SEQUEL_SHARE = 0.03     # "Title 2" / "Title: Part Two", same director a few years later


@dataclass
class _Person:
    given: str
    surname: str
    korean: bool = False

    def spelled(self, rnd: random.Random) -> str:
        """The name as one site writes it: order, hyphens, accents vary."""
        given, surname = self.given, self.surname
        if rnd.random() < 0.15:
            given = given.replace("-", " ") if "-" in given else _strip_accents(given)
        if self.korean:
            return f"{surname} {given}" if rnd.random() < 0.6 else f"{given} {surname}"
        if rnd.random() < 0.05:
            surname = _strip_accents(surname)
        return f"{given} {surname}"


@dataclass
class _Film:
    key: str
    title: str
    original_title: str | None
    year: int
    directors: list[_Person]
    cast: list[_Person]
    genres: list[str]
    platform: str | None
    fsk: int | None
    release_date: str


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _person(rnd: random.Random) -> _Person:
    if rnd.random() < 0.12:
        a, b = rnd.sample(KOREAN_SYLLABLES, 2)
        return _Person(f"{a.capitalize()}-{b}", rnd.choice(KOREAN_SURNAMES), korean=True)
    surname = rnd.choice(SURNAMES) if rnd.random() < 0.3 else _coined(rnd) + rnd.choice(["", "er", "mann", "son"])
    return _Person(rnd.choice(GIVEN), surname)


SYLLABLES = ["ka", "lo", "ri", "na", "ve", "tor", "mi", "sa", "du", "bel", "gar", "fen", "ho", "li", "mar", "quin", "sel", "ta", "ro", "zan", "ber", "ni", "ol", "um"]


def _coined(rnd: random.Random, low: int = 3, high: int = 4) -> str:
    """An invented word ('Kalorin'): titles must be mostly rare, as real ones are."""
    return "".join(rnd.choice(SYLLABLES) for _ in range(rnd.randint(low, high))).capitalize()


def _title(rnd: random.Random) -> str:
    """A fresh title from a space of millions: shared titles come mostly from the namesake and remake shares."""
    shape = rnd.random()
    if shape < 0.25:
        return _coined(rnd, 4, 5)
    if shape < 0.45:
        return f"The {rnd.choice(ADJECTIVES)} {_coined(rnd)}"
    if shape < 0.65:
        return f"{rnd.choice(WORDS)} of {_coined(rnd)}"
    if shape < 0.9:
        return f"{rnd.choice(ADJECTIVES)} {rnd.choice(WORDS)} {_coined(rnd)}"
    return f"{_coined(rnd)} {rnd.randint(1, 9) * 111}" if shape < 0.92 else f"{rnd.choice(WORDS)} {_coined(rnd, 3, 4)}"


def _films(n_films: int, rnd: random.Random) -> list[_Film]:
    directors = [_person(rnd) for _ in range(max(1, n_films // 3))]
    actors = [_person(rnd) for _ in range(max(5, n_films))]
    films: list[_Film] = []
    for n in range(n_films):
        roll = rnd.random()
        year, dirs, title = rnd.randint(1950, 2025), [rnd.choice(directors)], _title(rnd)
        if films and roll < NAMESAKE_SHARE:
            title = rnd.choice(films).title
        elif films and roll < NAMESAKE_SHARE + REMAKE_SHARE:
            src = rnd.choice(films)
            title, year = src.title, min(2025, src.year + rnd.randint(15, 40))
        elif films and roll < NAMESAKE_SHARE + REMAKE_SHARE + SEQUEL_SHARE:
            src = rnd.choice(films)
            title = f"{src.title} 2" if rnd.random() < 0.5 else f"{src.title}: Part Two"
            year, dirs = min(2025, src.year + rnd.randint(2, 4)), src.directors
        original = f"{title}: {rnd.choice(SUBTITLES)}" if rnd.random() < 0.05 else None
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        films.append(_Film(f"film{n}", title, original, year, dirs, rnd.sample(actors, rnd.randint(2, 5)),
                           rnd.sample(GENRES, rnd.randint(1, 3)), rnd.choice(PLATFORMS), rnd.choice([0, 6, 12, 16, 18, None]),
                           f"{year}-{month:02d}-{day:02d}"))
    return films


def _review(film: _Film, site: int, k: int, rnd: random.Random) -> dict[str, Any]:
    title, original = film.title, film.original_title
    if rnd.random() < 0.08:  # a German release title with the original stated
        title, original = f"{film.title} – {rnd.choice(SUBTITLES)}", film.title
    elif rnd.random() < 0.05 and title.startswith("The "):
        title = f"{title[4:]}, The"
    elif rnd.random() < 0.05:
        title = title.upper()
    year: int | None = film.year
    if rnd.random() < 0.08:
        year = None
    elif rnd.random() < 0.05:
        year = film.year + 1  # the German release year
    cast = [p.spelled(rnd) for p in film.cast if rnd.random() < 0.8]
    return {"url": f"https://site{site}.example/reviews/{k}/", "site": f"site{site}.example", "title": title,
            "original_title": original, "year": year, "genres": film.genres if rnd.random() < 0.7 else [],
            "fsk": film.fsk, "directors": [] if rnd.random() < 0.05 else [p.spelled(rnd) for p in film.directors],
            "cast": cast, "platform": film.platform if rnd.random() < 0.8 else None,
            "release_date": film.release_date if rnd.random() < 0.7 else None,
            "rating": {"raw": f"{(s := rnd.randint(1, 10))}/10", "value": s, "scale": 10, "normalized": s * 10.0},
            "film_key": film.key}


def generate(n_reviews: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """`n_reviews` contract records (+ `film_key`), about 3.5 reviews per film, each site reviewing a film once."""
    rnd = random.Random(seed)
    films = _films(max(1, round(n_reviews / 3.5)), rnd)
    made, used = 0, dict[str, set[int]]()  # film key -> sites that reviewed it
    while made < n_reviews:
        film = rnd.choice(films) if made >= len(films) else films[made]
        taken = used.setdefault(film.key, set())
        free = [s for s in range(N_SITES) if s not in taken]
        sites = rnd.sample(free, min(len(free), 1 + int(rnd.expovariate(0.45))))
        taken.update(sites)
        for site in sites:
            if made >= n_reviews:
                return
            yield _review(film, site, made, rnd)
            made += 1


def bulk_load(db: Any, records: Iterable[dict[str, Any]], batch: int = 20_000) -> int:
    """Insert records into a catalogue that does not hold them yet (no upsert checks); returns the count."""
    from sqlalchemy import func, insert, select

    from catalog import Catalog
    from catalog.models import Review, ReviewPending, utcnow
    from catalog.store import clean_record, record_hash

    cat = db if isinstance(db, Catalog) else Catalog(str(db))
    now, rows, count = utcnow(), [], 0
    with cat.engine.begin() as conn:
        last = conn.execute(select(func.max(Review.id))).scalar() or 0
        for rec in records:
            clean = clean_record(rec)
            rows.append({**clean, "record_hash": record_hash(clean), "created_at": now, "updated_at": now})
            if len(rows) >= batch:
                conn.execute(insert(Review), rows)
                count, rows = count + len(rows), []
        if rows:
            conn.execute(insert(Review), rows)
            count += len(rows)
        # queue them for incremental resolution, as Catalog.upsert_reviews does
        conn.execute(insert(ReviewPending).from_select(["review_id"], select(Review.id).where(Review.id > last)))
    if cat is not db:
        cat.close()
    return count

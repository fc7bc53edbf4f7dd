"""The resolver's key scheme: a stamp of how keys and scores are made, so an upgraded resolver re-resolves fully."""
from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, delete, insert, select

from catalog.models import FilmLink, Setting
from catalog.resolve.compare import score, score_unique_name
from catalog.resolve.keys import block_keys, build_blocks, profile, stored_keys, title_frequencies
from catalog.resolve.namekeys import name_extras
from catalog.resolve.options import DEFAULT_OPTIONS

log = logging.getLogger(__name__)

SETTING = "resolve.key_scheme"
# Bumped by hand when resolution changes in a way the canary below cannot show (clustering,
# elimination, consensus): the stamp then differs and the next resolution of every catalogue is full.
RULES = 5  # 2: rules R (people rule), T (directors apart between clusters); S and Q6 show in the canary;
# 3: rule Q7 (same-vowel hyphens: keys of names like "Kore-eda" changed, which the canary may not show);
# 4: site twins (two reviews of one site may be one film: same whole title, year and director);
# 5: rule Q8 (initials agree with the given names they stand for: the canary names no one by initials)
# Records that exercise the title and name normalization and the comparison: what their keys and pair
# scores come out as is the scheme. Any change to titles.py, names.py, keys.py or compare.py that
# alters one of them changes the stamp by itself, with no version to remember.
CANARY: tuple[dict[str, Any], ...] = (
    {"title": "Ballerina – Kritik / Netflix", "original_title": "발레리나", "year": 2023,
     "directors": ["Lee Chung-hyun"], "cast": ["Jeon Jong-seo", "Kim Ji-hoon"], "platform": "Netflix",
     "release_date": "2023-10-06", "genres": ["Thriller", "Action"]},
    {"title": "Ballerina", "year": 2023, "directors": ["Chung Hyun Lee"], "cast": ["Jun Jong-seo"]},
    {"title": "Ballerina", "year": 2025, "directors": ["Len Wiseman"], "cast": ["Ana de Armas"],
     "genres": ["Action"]},
    {"title": "Ballerina (2016)", "directors": ["Éric Summer", "Eric Warin"], "genres": ["Animation"]},
    {"title": "Tyler Rake: Extraction 2", "original_title": "Extraction 2", "year": 2023,
     "directors": ["Sam Hargrave"], "writers": ["Joe Russo"]},
    {"title": "Dune: Teil Zwei", "year": 2024, "directors": ["Denis Villeneuve"]},
    {"title": "Dune: Part Two", "year": 2024, "directors": ["Villeneuve, Denis"]},
    {"title": "Dune", "year": 1984, "directors": ["David Lynch"], "cast": ["Kyle MacLachlan"]},
    {"title": "Star Wars: Episode VIII – Die letzten Jedi", "year": 2017, "directors": ["Rian Johnson"]},
    {"title": "Ocean's Eleven", "year": 2001, "directors": ["Steven Soderbergh"]},
    {"title": "Casa del terror, La (1960)", "cast": ["Mart?nez Solares, Gilberto (I)"]},
    {"title": "Oldboy", "year": 2003, "directors": ["Park Chan-wook"]},
    {"title": "Old Boy", "year": 2013, "directors": ["Spike Lee"]},
    {"cast": ["Arthur Christopher Orme Plummer"], "writers": ["Kevin Brownlow Andrew Mollo"]},
    {"title": "Avengers: Endgame", "year": 2019, "directors": ["Anthony Russo", "Joe Russo"]},
    {"title": "Avengers: Infinity War", "year": 2018, "directors": ["Russo, Anthony", "Russo, Joe"]},
)


@lru_cache(maxsize=1)
def current() -> str:
    """This resolver's stamp: the rules version and a digest of the canary's keys and pair scores."""
    records = [{"url": f"canary:{i}", "site": f"s{i % 3}", **rec} for i, rec in enumerate(CANARY)]
    profiles = [profile(i, rec) for i, rec in enumerate(records)]
    freq = title_frequencies(profiles)
    names = name_extras(profiles, build_blocks(profiles, DEFAULT_OPTIONS), DEFAULT_OPTIONS.max_block)
    keys = [[sorted(stored_keys(p, names.get(i, ()))), sorted(block_keys(p))] for i, p in enumerate(profiles)]
    scores = [[i, j, *_scored(profiles[i], profiles[j], freq)] for i, j in combinations(range(len(profiles)), 2)]
    digest = hashlib.sha256(json.dumps([keys, scores], ensure_ascii=False).encode()).hexdigest()
    return f"{RULES}:{digest[:16]}"


def _scored(a: Any, b: Any, freq: Any) -> list[Any]:
    points, reasons = score(a, b, freq, DEFAULT_OPTIONS)
    named, why = score_unique_name(a, b, DEFAULT_OPTIONS)  # as if the people rule had paired them
    return [round(points, 6), sorted(reasons), round(named, 6), sorted(why)]


def stored(conn: Connection) -> str | None:
    """The stamp of the catalogue's last full resolution (None: never stamped)."""
    return conn.execute(select(Setting.value).where(Setting.name == SETTING)).scalar()


def outdated(conn: Connection) -> bool:
    """Whether the catalogue holds links made under another scheme (or an unknown one), so that an
    incremental run would meet stored keys and films that this resolver would not have made."""
    if conn.execute(select(FilmLink.review_id).limit(1)).first() is None:
        return False  # nothing resolved yet: the first run is full anyway
    found = stored(conn)
    if found != current():
        log.warning("resolution rules changed since the last full resolution (%s → %s): resolving fully",
                    found or "unknown", current())
        return True
    return False


def stamp(conn: Connection) -> None:
    """Record that the catalogue's keys and links are now this resolver's (inside the run's transaction)."""
    conn.execute(delete(Setting).where(Setting.name == SETTING))
    conn.execute(insert(Setting).values(name=SETTING, value=current()))

"""Keeps the search index in step with the catalogue: re-indexes the films triggers marked dirty."""
from __future__ import annotations

import json
import math
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, text
from sqlalchemy.sql.elements import BindParameter

from catalog.jsoncols import json_list
from catalog.query import ddl
from catalog.query.text import deletions, fuzzy_allowed, normalize, words

# Films re-indexed per transaction: bounds memory and lock time (a batch takes ≈ 0.3 s).
BATCH = 2000
CAST_KEPT = 4                              # cast names kept per film (reports show that many)
TRIGGER_CHECK_S = 60.0                     # seconds a found set of triggers is trusted
_TRIGGERS_SEEN: dict[int, float] = {}      # id(engine) -> when its triggers were last seen
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


@dataclass
class FilmDoc:
    """What the index keeps of one film."""

    film_id: str
    row: dict[str, Any]
    titles: dict[str, str] = field(default_factory=dict)        # norm -> display title
    facets: set[tuple[str, str]] = field(default_factory=set)   # (kind, normalized value)
    ratings: list[float] = field(default_factory=list)
    review_count: int = 0
    sites: dict[str, int] = field(default_factory=dict)        # site -> reviews


def needs_refresh(engine: Engine, conn: Connection) -> bool:
    """Whether `refresh` has work (checked on the caller's connection: no extra checkout)."""
    return _triggers_missing(engine, conn) or is_stale(conn)


def refresh(engine: Engine) -> int:
    """Re-index every dirty film; returns how many films were processed."""
    with engine.connect() as conn:  # read first: a fresh index costs no write lock
        broken = _triggers_missing(engine, conn)
        if not broken and not is_stale(conn):
            return 0
    if broken:
        with engine.begin() as conn:
            _reinstall(conn)
    done = 0
    while True:
        with engine.begin() as conn:
            ids = _claim(conn)
            if not ids:
                return done
            _reindex(conn, ids)
            done += len(ids)


def rebuild(engine: Engine) -> int:
    """Drop and re-create the whole index with the current DDL and normalization; returns films indexed."""
    with engine.begin() as conn:
        if conn.dialect.name != "postgresql":
            conn.execute(text("DROP TABLE IF EXISTS search_fts"))
            conn.execute(text(ddl.SQLITE_FTS))
        for table in ("search_titles", "search_facets", "search_films", "search_word_variants", "search_words"):
            conn.execute(text(f"DELETE FROM {table}"))
        _reinstall(conn)
    return refresh(engine)


def _triggers_missing(engine: Engine, conn: Connection) -> bool:
    # Looked up once per engine and TRIGGER_CHECK_S: only a schema migration can drop them.
    now = time.monotonic()
    if now - _TRIGGERS_SEEN.get(id(engine), -TRIGGER_CHECK_S) < TRIGGER_CHECK_S:
        return False
    missing = ddl.triggers_missing(conn)
    if not missing:
        _TRIGGERS_SEEN[id(engine)] = now
    return missing


def is_stale(conn: Connection) -> bool:
    """Whether some film waits to be re-indexed (one indexed look-up)."""
    return conn.execute(text("SELECT 1 FROM search_dirty LIMIT 1")).first() is not None


def _reinstall(conn: Connection) -> None:
    # Triggers vanish when SQLite rebuilds a table (batch migrations): put them back and
    # re-index everything, since changes made meanwhile went unrecorded.
    ddl.install_triggers(conn)
    insert = "INSERT INTO search_dirty (film_id) SELECT id FROM films"
    stale = "INSERT INTO search_dirty (film_id) SELECT film_id FROM search_films"
    if conn.dialect.name == "postgresql":
        conn.execute(text(insert + " ON CONFLICT DO NOTHING"))
        conn.execute(text(stale + " ON CONFLICT DO NOTHING"))
    else:
        conn.execute(text(insert.replace("INSERT", "INSERT OR IGNORE")))
        conn.execute(text(stale.replace("INSERT", "INSERT OR IGNORE")))


def _claim(conn: Connection) -> list[str]:
    # One statement takes the write lock at once, so a trigger firing meanwhile re-marks
    # the film for the next round instead of being lost.
    rows = conn.execute(text(
        "DELETE FROM search_dirty WHERE film_id IN (SELECT film_id FROM search_dirty LIMIT :n) "
        "RETURNING film_id"), {"n": BATCH}).all()
    return [r[0] for r in rows]


def _reindex(conn: Connection, ids: list[str]) -> None:
    _unindex(conn, ids)
    docs = _load(conn, ids)
    if docs:
        _write(conn, list(docs.values()))


def _unindex(conn: Connection, ids: list[str]) -> None:
    params = {"ids": ids}
    if conn.dialect.name != "postgresql":
        conn.execute(text("DELETE FROM search_fts WHERE rowid IN "
                          "(SELECT id FROM search_titles WHERE film_id IN :ids)").bindparams(_IDS), params)
    for table in ("search_titles", "search_facets", "search_films"):
        conn.execute(text(f"DELETE FROM {table} WHERE film_id IN :ids").bindparams(_IDS), params)


def _load(conn: Connection, ids: list[str]) -> dict[str, FilmDoc]:
    films = conn.execute(text(
        'SELECT id, title, original_title, year, fsk, platform, directors, genres, "cast" FROM films '
        
        "WHERE id IN :ids").bindparams(_IDS), {"ids": ids}).mappings().all()
    docs = {f["id"]: _film_doc(dict(f)) for f in films}
    reviews = conn.execute(text(
        "SELECT l.film_id, r.site, r.title, r.original_title, r.directors, r.rating FROM film_links l "
        "JOIN reviews r ON r.id = l.review_id WHERE l.film_id IN :ids").bindparams(_IDS), {"ids": ids})
    for review in reviews.mappings():
        doc = docs.get(review["film_id"])
        if doc is not None:
            _add_review(doc, review)
    return docs


def _film_doc(row: dict[str, Any]) -> FilmDoc:
    row["directors"] = json_list(row.get("directors"))
    row["genres"] = json_list(row.get("genres"))
    row["cast"] = json_list(row.get("cast"))[:CAST_KEPT]
    doc = FilmDoc(film_id=row["id"], row=row)
    _add_titles(doc, row.get("title"), row.get("original_title"))
    _add_names(doc, row["directors"])
    doc.facets.update(("genre", normalize(g)) for g in row["genres"] if normalize(g))
    if row.get("platform") and normalize(row["platform"]):
        doc.facets.add(("platform", normalize(row["platform"])))
    return doc


def _add_review(doc: FilmDoc, review: Any) -> None:
    doc.review_count += 1
    _add_titles(doc, review["title"], review["original_title"])
    _add_names(doc, json_list(review["directors"]))
    if review["site"]:
        site = str(review["site"]).strip().lower()
        doc.facets.add(("site", site))
        doc.sites[site] = doc.sites.get(site, 0) + 1
    value = normalized_rating(review["rating"])
    if value is not None:
        doc.ratings.append(value)


def _add_titles(doc: FilmDoc, *titles: Any) -> None:
    for title in titles:
        if isinstance(title, str) and normalize(title):
            doc.titles.setdefault(normalize(title), title.strip())


def _add_names(doc: FilmDoc, names: Iterable[Any]) -> None:
    # Directors are matched word by word, so name order and hyphens do not matter.
    for name in names:
        doc.facets.update(("director", w) for w in words(str(name)))




def normalized_rating(rating: Any) -> float | None:
    """The 0–100 value of a stored rating (dict or JSON text), or None when absent or absurd."""
    if isinstance(rating, str):
        try:
            rating = json.loads(rating)
        except ValueError:
            return None
    value = rating.get("normalized") if isinstance(rating, dict) else None
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) and 0 <= number <= 100 else None


def _write(conn: Connection, docs: list[FilmDoc]) -> None:
    _bulk(conn, "search_films", FILM_COLUMNS, [_film_row(d) for d in docs])
    titles = [(d.film_id, title, norm) for d in docs for norm, title in d.titles.items()]
    if titles:
        _write_titles(conn, titles)
    _bulk(conn, "search_facets", ("kind", "value", "film_id"), [(k, v, d.film_id) for d in docs for k, v in d.facets])
    _write_words(conn, {w for t in titles for w in t[2].split()})


FILM_COLUMNS = ("film_id", "title", "original_title", "year", "fsk", "platform", "directors", "genres", '"cast"',
                "sites", "score", "rated_count", "review_count")


def _bulk(conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
          ignore: bool = False) -> None:
    # Straight to the driver's executemany: SQLAlchemy's per-row parameter handling
    # cost more than the inserts themselves for a few hundred thousand rows.
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    verb = "INSERT OR IGNORE INTO" if ignore and conn.dialect.name != "postgresql" else "INSERT INTO"
    tail = " ON CONFLICT DO NOTHING" if ignore and conn.dialect.name == "postgresql" else ""
    sql = f"{verb} {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))}){tail}"
    conn.exec_driver_sql(sql, rows)


def _film_row(doc: FilmDoc) -> tuple[Any, ...]:
    row = doc.row
    score = round(sum(doc.ratings) / len(doc.ratings), 1) if doc.ratings else None
    return (doc.film_id, row.get("title") or "", row.get("original_title"), row.get("year"), row.get("fsk"),
            row.get("platform"), json.dumps(row["directors"], ensure_ascii=False),
            json.dumps(row["genres"], ensure_ascii=False), json.dumps(row["cast"], ensure_ascii=False),
            json.dumps(dict(sorted(doc.sites.items())), ensure_ascii=False), score, len(doc.ratings),
            doc.review_count)


def _write_titles(conn: Connection, titles: list[tuple[str, str, str]]) -> None:
    _bulk(conn, "search_titles", ("film_id", "title", "norm"), titles)
    if conn.dialect.name != "postgresql":  # the FTS row shares the title row's id
        conn.execute(text("INSERT INTO search_fts (rowid, norm) SELECT id, norm FROM search_titles "
                          "WHERE film_id IN :ids").bindparams(_IDS), {"ids": sorted({t[0] for t in titles})})


def _write_words(conn: Connection, vocabulary: set[str]) -> None:
    if not vocabulary:
        return
    known = {r[0] for r in conn.execute(text("SELECT word FROM search_words WHERE word IN :ids")
                                        .bindparams(_IDS), {"ids": sorted(vocabulary)})}
    new = sorted(vocabulary - known)
    # A concurrent refresh may add the same word: ignore duplicates rather than fail.
    _bulk(conn, "search_words", ("word",), [(w,) for w in new], ignore=True)
    variants = [(v, w) for w in new if fuzzy_allowed(w) for v in deletions(w)]
    _bulk(conn, "search_word_variants", ("variant", "word"), variants, ignore=True)


def stats(conn: Connection) -> dict[str, int]:
    """Row counts of the index tables (for benchmarks and `--explain`-style output)."""
    out: dict[str, int] = defaultdict(int)
    for table in ("search_films", "search_titles", "search_facets", "search_words", "search_dirty"):
        out[table] = int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar() or 0)
    return dict(out)

"""Re-indexes every film in one pass: streamed film documents, bulk inserts, SQLite indexes built once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, text

from catalog.query import ddl
from catalog.query.document import (
    FILM_COLUMNS,
    FILM_SELECT,
    REVIEW_SELECT,
    FilmDoc,
    add_review,
    film_doc,
    film_row,
    title_rows,
)
from catalog.query.text import deletions, fuzzy_allowed

CHUNK_FILMS = 10_000  # films read and written per round: bounds memory (≈ 0.1 GB at 5 reviews per film)
FETCH_ROWS = 2000  # rows taken from the driver at a time
TABLES = ("search_films", "search_titles", "search_facets", "search_words", "search_word_variants")
SQLITE_CACHE_KIB = 65_536  # page cache while the index is rewritten (SQLite's default is 2 MiB; 256 MiB was no faster)


def worthwhile(conn: Connection, share: float, minimum: int) -> bool:
    """Whether at least `minimum` films and `share` of all films are dirty (two counts on primary keys)."""
    dirty = int(conn.execute(text("SELECT count(*) FROM search_dirty")).scalar() or 0)
    if dirty < minimum:
        return False
    films = int(conn.execute(text("SELECT count(*) FROM films")).scalar() or 0)
    return dirty >= share * films


def reindex_all(conn: Connection) -> int:
    """Index every film from scratch in the caller's transaction; returns how many films were indexed.

    The dirty marks are claimed by the first statement (which takes SQLite's write lock): a failure
    rolls the claim back with everything else, and marks a trigger adds meanwhile (PostgreSQL)
    stay for the next refresh. Readers see the old index until the commit.
    """
    conn.execute(text("DELETE FROM search_dirty"))
    if conn.dialect.name == "sqlite":
        cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        try:
            return _reindex_all(conn)
        finally:
            conn.exec_driver_sql(f"PRAGMA cache_size={cache}")
    return _reindex_all(conn)


def _reindex_all(conn: Connection) -> int:
    indexes = _clear(conn)
    vocabulary: set[str] = set()
    facets: dict[tuple[str, str], list[str]] = defaultdict(list)  # (kind, value) -> film ids, ascending
    indexed = 0
    for docs in _documents(conn):
        vocabulary.update(_write(conn, docs))
        for doc in docs:
            for facet in doc.facets:
                facets[facet].append(doc.film_id)
        indexed += len(docs)
    # primary-key order, so both tables grow by appends (film ids come in ascending order already)
    _append(conn, "search_facets", ("kind", "value", "film_id"),
            ((kind, value, film) for (kind, value), films in sorted(facets.items()) for film in films))
    del facets
    words = sorted(vocabulary)
    _append(conn, "search_words", ("word",), ((w,) for w in words))
    _append(conn, "search_word_variants", ("variant", "word"),
            ((v, w) for w in words if fuzzy_allowed(w) for v in deletions(w)))  # (sorting them gained nothing)
    _finish(conn, indexes)
    return indexed


def tidy(engine: Engine) -> None:
    """After a committed bulk pass on PostgreSQL: VACUUM ANALYZE the index tables.

    The rewritten tables have no planner statistics and no visibility map yet: without this,
    searches and listings at 1M reviews took 1.5–3× as long until autovacuum came round.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.connect() as conn:
        conn = conn.execution_options(isolation_level="AUTOCOMMIT")  # VACUUM runs outside transactions
        conn.execute(text(f"VACUUM (ANALYZE) {', '.join(TABLES)}"))


def _clear(conn: Connection) -> list[str]:
    """Empty the index tables; on SQLite drop their secondary indexes (returned, to re-create) and FTS."""
    indexes: list[str] = []
    if conn.dialect.name == "sqlite":
        marks = ", ".join("?" * len(TABLES))
        rows = conn.exec_driver_sql(f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                    f"AND tbl_name IN ({marks})", TABLES).all()
        for name, sql in rows:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
            indexes.append(sql)
        conn.exec_driver_sql("DROP TABLE IF EXISTS search_fts")
    # (PostgreSQL keeps its indexes: dropping one would lock searches out until the commit)
    for table in TABLES:
        conn.execute(text(f"DELETE FROM {table}"))
    return indexes


def _finish(conn: Connection, indexes: list[str]) -> None:
    if conn.dialect.name != "sqlite":
        return
    for sql in indexes:  # one sorted build each instead of a B-tree insert per row
        conn.exec_driver_sql(sql)
    conn.exec_driver_sql(ddl.SQLITE_FTS)
    conn.exec_driver_sql("INSERT INTO search_fts (rowid, norm) SELECT id, norm FROM search_titles")
    # one b-tree instead of the segments of one big insert: ≈ 1 s at 1M reviews, searches ≈ 20 % less CPU
    conn.exec_driver_sql("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


def _documents(conn: Connection) -> Iterator[list[FilmDoc]]:
    """Every film's document, CHUNK_FILMS at a time in id order (keyset pages: no IN lists)."""
    after: str | None = None
    while True:
        where = "" if after is None else "WHERE id > ? "
        films = list(_raw(conn, f"SELECT {FILM_SELECT} FROM films {where}ORDER BY id LIMIT {CHUNK_FILMS}",
                          () if after is None else (after,)))
        if not films:
            return
        docs = {f[0]: film_doc(f) for f in films}
        low = "" if after is None else "l.film_id > ? AND "
        # review order decides which spelling of a shared title key is displayed: as in the batched path
        reviews = _raw(conn, f"SELECT {REVIEW_SELECT} FROM film_links l JOIN reviews r ON r.id = l.review_id "
                             f"WHERE {low}l.film_id <= ? ORDER BY l.film_id, l.review_id",
                       (films[-1][0],) if after is None else (after, films[-1][0]))
        for review in reviews:
            doc = docs.get(review[0])
            if doc is not None:
                add_review(doc, review)
        yield list(docs.values())
        after = films[-1][0]


def _append(conn: Connection, table: str, columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    """Insert rows (any iterable: no list of them all is needed): PostgreSQL COPY, else executemany."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn.dialect.name == "postgresql":  # COPY: several times faster than row inserts
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("?" * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                           rows)  # type: ignore[arg-type]  # sqlite3 takes any iterable
    finally:
        cursor.close()


def _raw(conn: Connection, sql: str, params: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    """The rows of a query as the driver's plain tuples, in the caller's transaction (`?` placeholders)."""
    # (SQLAlchemy's Row objects cost more than the documents' Python for a million reviews)
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql if conn.dialect.paramstyle == "qmark" else sql.replace("?", "%s"), params)
        while rows := cursor.fetchmany(FETCH_ROWS):
            yield from rows
    finally:
        cursor.close()


def _write(conn: Connection, docs: list[FilmDoc]) -> set[str]:
    """Insert the rows of `docs`; returns their title words."""
    _append(conn, "search_films", FILM_COLUMNS, (film_row(d) for d in docs))
    titles = title_rows(docs)
    _append(conn, "search_titles", ("film_id", "title", "norm"), titles)
    return {w for t in titles for w in t[2].split()}


def insert_rows(conn: Connection, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]],
                ignore: bool = False) -> None:
    """One driver-level executemany of `rows` into `table` (with `ignore`: duplicates skipped)."""
    # Straight to the driver's executemany: SQLAlchemy's per-row parameter handling
    # cost more than the inserts themselves for a few hundred thousand rows.
    if not rows:
        return
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    verb = "INSERT OR IGNORE INTO" if ignore and conn.dialect.name != "postgresql" else "INSERT INTO"
    tail = " ON CONFLICT DO NOTHING" if ignore and conn.dialect.name == "postgresql" else ""
    sql = f"{verb} {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))}){tail}"
    conn.exec_driver_sql(sql, rows)


def word_variants(vocabulary: list[str]) -> list[tuple[str, str]]:
    """(variant, word) rows of the typo index for `vocabulary`."""
    return [(v, w) for w in vocabulary if fuzzy_allowed(w) for v in deletions(w)]

"""Reading reviews, links and decisions for resolution, and writing its results in bulk."""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, Table, delete, func, insert, select, update

from catalog.models import Decision, Film, FilmLink, FilmRedirect, Review, ReviewKey, ReviewPending, utcnow
from catalog.store import RECORD_FIELDS

CHUNK = 500  # ids per IN (...) list
WRITE_BATCH = 20_000  # rows per executemany: bounded memory for the statement's parameter dicts
# Rewriting more than this share of a table: drop its secondary indexes first and build them once
# afterwards (one sorted build instead of a random B-tree insert per row).
REBUILD_SHARE = 0.5
SQLITE_BULK_CACHE_KIB = 262_144  # page cache while a full resolution writes (default is 2 MiB)
MEMO_LIMIT = 100_000  # distinct values remembered per written column (bounded memory)
FINGERPRINT_MASK = (1 << 64) - 1
LINKS: Table = FilmLink.__table__  # type: ignore[assignment]
KEYS: Table = ReviewKey.__table__  # type: ignore[assignment]
FILMS: Table = Film.__table__  # type: ignore[assignment]
SECONDARY_INDEXES = {  # table → (index name, columns), as migration 0001 creates them
    "film_links": (("ix_film_links_film_id", "film_id"),),
    "review_keys": (("ix_review_keys_review", "review_id"),),
}
# what resolution and consensus read (the rating is not a film fact)
COLUMNS = (Review.id, Review.url, Review.site, *(getattr(Review, f) for f in RECORD_FIELDS if f != "rating"))


NAMES = tuple(c.key for c in COLUMNS)


def load_rows(conn: Connection) -> list[tuple[Any, ...]]:
    """Every review as a tuple of COLUMNS (id first), in id order; record_of turns one into a record."""
    return _load_rows(conn, None)


def load_rows_checked(conn: Connection) -> tuple[list[tuple[Any, ...]], int]:
    """load_rows and a fingerprint of the rows read: equal fingerprints (same hash seed, as in a
    forked process) mean two connections read the same reviews."""
    fp = [0]
    rows = _load_rows(conn, fp)
    return rows, fp[0] & FINGERPRINT_MASK


def _load_rows(conn: Connection, fp: list[int] | None) -> list[tuple[Any, ...]]:
    if conn.dialect.name != "sqlite":
        rows = [tuple(r) for r in conn.execute(select(*COLUMNS).order_by(Review.id))]
        if fp is not None:
            fp[0] = sum(hash(_hashable(r)) for r in rows)
        return rows
    # SQLite: the driver's own rows, each distinct JSON text decoded once. Most lists repeat (a film's
    # genres and directors recur over its reviews, writers are mostly '[]'), so ≈ 60 % of the decodes
    # become dict look-ups. Equal texts share one decoded list: nothing downstream mutates them.
    quote = conn.dialect.identifier_preparer.quote
    sql = f"SELECT {', '.join(quote(c.key) for c in COLUMNS)} FROM {Review.__tablename__} ORDER BY id"
    cursor = conn.connection.cursor()
    try:
        cursor.execute(sql)
        return _decoded(cursor, [n for n, c in enumerate(COLUMNS) if isinstance(c.type, JSON)], fp)
    finally:
        cursor.close()


def _hashable(value: Any) -> Any:
    """`value` with its lists and dicts as tuples (for a fingerprint)."""
    if isinstance(value, (list, tuple)):
        return tuple(map(_hashable, value))
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def _decoded(cursor: Any, json_at: Sequence[int], fp: list[int] | None = None) -> list[tuple[Any, ...]]:
    """The cursor's rows with the JSON texts at positions `json_at` decoded (a memo per text);
    with `fp`, fp[0] becomes the sum of the raw rows' hashes."""
    memo: dict[str, Any] = {}
    out: list[tuple[Any, ...]] = []
    total = 0
    for raw in iter(lambda: cursor.fetchmany(WRITE_BATCH), []):
        if fp is not None:
            total += sum(map(hash, raw))  # the driver's rows are tuples of str, int, float, None
        for row in raw:
            row = list(row)
            for n in json_at:
                text = row[n]
                if text is not None:
                    value = memo.get(text)
                    row[n] = value if value is not None else memo.setdefault(text, json.loads(text))
            out.append(tuple(row))
    if fp is not None:
        fp[0] = total
    return out


def record_of(row: Sequence[Any]) -> dict[str, Any]:
    """The contract record of a load_rows tuple."""
    return dict(zip(NAMES, row))


def load_records(conn: Connection, ids: Iterable[int] | None = None) -> list[tuple[int, dict[str, Any]]]:
    """(review id, contract record) of all reviews, or of `ids`."""
    names = NAMES
    if ids is None:  # streamed: never the driver's rows and the dicts of all reviews at once
        return [(r[0], dict(zip(names, r))) for r in conn.execute(select(*COLUMNS).order_by(Review.id))]
    out: list[tuple[int, dict[str, Any]]] = []
    for chunk in _chunks(sorted(set(ids))):
        out += [(r[0], dict(zip(names, r))) for r in conn.execute(select(*COLUMNS).where(Review.id.in_(chunk)))]
    return sorted(out, key=itemgetter(0))


def pending_ids(conn: Connection) -> list[int]:
    """Reviews without a current film link (new, or changed since the last resolution: link 'stale').

    Read from the review_pending queue; when the counts show reviews the queue missed (rows written
    around the catalogue API), the full anti-join is used instead.
    """
    queued = list(conn.execute(select(ReviewPending.review_id)).scalars())
    reviews = conn.execute(select(func.count()).select_from(Review)).scalar() or 0
    links = conn.execute(select(func.count()).select_from(FilmLink)).scalar() or 0
    queued_unlinked = conn.execute(
        select(func.count()).select_from(ReviewPending)
        .outerjoin(FilmLink, FilmLink.review_id == ReviewPending.review_id)
        .join(Review, Review.id == ReviewPending.review_id)
        .where(FilmLink.review_id.is_(None))).scalar() or 0
    if queued_unlinked == reviews - links:  # every unlinked review is queued (stale ones are queued on upsert)
        return queued
    query = (select(Review.id).outerjoin(FilmLink, FilmLink.review_id == Review.id)
             .where(FilmLink.review_id.is_(None) | (FilmLink.method == "stale")))
    return list(conn.execute(query).scalars())


def mark_stale(conn: Connection, ids: Iterable[int]) -> None:
    """Queue reviews for re-placement, keeping their current film id as a hint."""
    ids = sorted(set(ids))
    for chunk in _chunks(ids):
        conn.execute(update(FilmLink).where(FilmLink.review_id.in_(chunk)).values(method="stale"))
        conn.execute(delete(ReviewPending).where(ReviewPending.review_id.in_(chunk)))
    if ids:
        conn.execute(insert(ReviewPending), [{"review_id": i} for i in ids])


def clear_pending(conn: Connection, ids: Iterable[int] | None = None) -> None:
    """Empty the queue (all of it, or the given review ids)."""
    if ids is None:
        conn.execute(delete(ReviewPending))
        return
    for chunk in _chunks(sorted(set(ids))):
        conn.execute(delete(ReviewPending).where(ReviewPending.review_id.in_(chunk)))


def load_links(conn: Connection, ids: Iterable[int] | None = None) -> dict[int, str]:
    """review id → film id."""
    if ids is None:
        return dict(conn.execute(select(FilmLink.review_id, FilmLink.film_id)).all())
    out: dict[int, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        out.update(conn.execute(select(FilmLink.review_id, FilmLink.film_id)
                                .where(FilmLink.review_id.in_(chunk))).all())
    return out


def members_of(conn: Connection, film_ids: Iterable[str]) -> dict[str, list[int]]:
    """film id → review ids."""
    out: dict[str, list[int]] = {}
    for chunk in _chunks(sorted(set(film_ids))):
        for rid, fid in conn.execute(select(FilmLink.review_id, FilmLink.film_id).where(FilmLink.film_id.in_(chunk))):
            out.setdefault(fid, []).append(rid)
    return out


def reviews_with_keys(conn: Connection, keys: Iterable[str]) -> set[int]:
    """Review ids that share any of `keys`."""
    out: set[int] = set()
    for chunk in _chunks(sorted(set(keys))):
        out.update(conn.execute(select(ReviewKey.review_id).where(ReviewKey.key.in_(chunk))).scalars())
    return out


def key_counts(conn: Connection, keys: Iterable[str]) -> dict[str, int]:
    """How many reviews hold each of `keys`."""
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(set(keys))):
        out.update(conn.execute(select(ReviewKey.key, func.count()).where(ReviewKey.key.in_(chunk))
                                .group_by(ReviewKey.key)).all())
    return out


def reviews_with_key_near(conn: Connection, key: str, years: Iterable[int]) -> set[int]:
    """Review ids holding `key` whose year is within ±1 of one of `years` (big blocks, like full mode)."""
    near = sorted({y + d for y in years for d in (-1, 0, 1)})
    query = (select(ReviewKey.review_id).join(Review, Review.id == ReviewKey.review_id)
             .where(ReviewKey.key == key, Review.year.in_(near)))
    return set(conn.execute(query).scalars())


def ids_for_urls(conn: Connection, urls: Iterable[str]) -> dict[str, int]:
    """url → review id for the URLs that are stored."""
    out: dict[str, int] = {}
    for chunk in _chunks(sorted(set(urls))):
        out.update(conn.execute(select(Review.url, Review.id).where(Review.url.in_(chunk))).all())
    return out


def taken_among(conn: Connection, candidates: Iterable[str]) -> set[str]:
    """Which of `candidates` were ever handed out (as a film or either end of a redirect)."""
    out: set[str] = set()
    for chunk in _chunks(sorted(set(candidates))):
        out.update(conn.execute(select(Film.id).where(Film.id.in_(chunk))).scalars())
        out.update(conn.execute(select(FilmRedirect.old_id).where(FilmRedirect.old_id.in_(chunk))).scalars())
        out.update(conn.execute(select(FilmRedirect.new_id).where(FilmRedirect.new_id.in_(chunk))).scalars())
    return out


def taken_ids(conn: Connection) -> set[str]:
    """Every film id ever handed out (current films and both ends of redirects)."""
    taken = set(conn.execute(select(Film.id)).scalars())
    for old, new in conn.execute(select(FilmRedirect.old_id, FilmRedirect.new_id)):
        taken.update((old, new))
    return taken


def load_decisions(conn: Connection) -> list[dict[str, Any]]:
    """Manual decisions, oldest first."""
    return [dict(r) for r in conn.execute(select(Decision.__table__).order_by(Decision.id)).mappings()]


LINK_FIELDS = ("film_id", "score", "reasons", "method")
LINK_COLUMNS = ("review_id", *LINK_FIELDS, "resolved_at")
LINK_PROCESSED = {"score", "reasons"}  # the link columns with a bind processor on SQLite (_first_links)


def write_links(conn: Connection, rows: Sequence[tuple[Any, ...]], replace_all: bool) -> None:
    """Store links (review_id, film_id, score, reasons, method), rewriting only those that differ.

    `replace_all`: `rows` is every link (links of other reviews are removed); else only these reviews'.
    Unchanged rows are left alone, so a full re-resolution of an unchanged catalogue writes almost
    nothing (and the search index's change triggers stay quiet).
    """
    if replace_all and conn.execute(select(FilmLink.review_id).limit(1)).first() is None and _first_links(conn, rows):
        return
    stored = {r[0]: tuple(r[1:]) for r in conn.execute(select(FilmLink.review_id, *(getattr(FilmLink, f) for f in LINK_FIELDS)))} \
        if replace_all else _stored_links(conn, [r[0] for r in rows])
    changed = [r for r in rows if stored.get(r[0]) != r[1:]]
    gone = set(stored) - {r[0] for r in rows} if replace_all else set()
    with _bulk(conn, LINKS, len(changed) + len(gone), len(stored) if replace_all else None):
        _delete_ids(conn, LINKS, "review_id", {r[0] for r in changed} | gone,
                    set(stored) if replace_all else None)
        now = utcnow()
        changed.sort(key=itemgetter(0))  # primary-key order: B-tree appends, ≈ 2× faster
        _insert_rows(conn, LINKS, LINK_COLUMNS, ((*r, now) for r in changed))


def _first_links(conn: Connection, rows: Sequence[tuple[Any, ...]]) -> bool:
    """Links into an empty table (SQLite): the driver's parameters built per row without _processed,
    each distinct reasons list encoded once (the values _insert_rows would bind: ≈ 2 µs less per link).
    False (nothing written) on another database, or where other columns than these two need encoding."""
    score = LINKS.c.score.type.bind_processor(conn.dialect)
    encode = LINKS.c.reasons.type.bind_processor(conn.dialect)
    if conn.dialect.name != "sqlite" or score is None or encode is None or \
            LINK_PROCESSED != {c.name for c in LINKS.c if c.type.bind_processor(conn.dialect)}:
        return False
    texts: dict[tuple[str, ...], Any] = {}

    def reasons(value: list[Any]) -> Any:
        key = tuple(value)
        try:
            out = texts.get(key)
        except TypeError:  # an unhashable item
            return encode(value)
        if out is None:
            out = encode(value)
            if all(type(v) is str for v in value):  # only strings are remembered: 1, 1.0 and True are equal keys
                texts[key] = out
        return out

    quote = conn.dialect.identifier_preparer.quote
    sql = f"INSERT INTO {LINKS.name} ({', '.join(map(quote, LINK_COLUMNS))}) VALUES ({', '.join('?' * len(LINK_COLUMNS))})"
    now = utcnow()
    with _bulk(conn, LINKS, len(rows), 0):
        for batch in _batched(sorted(rows, key=itemgetter(0))):  # primary-key order: B-tree appends
            conn.exec_driver_sql(sql, [(rid, fid, score(s), reasons(why), method, now) for rid, fid, s, why, method in batch])
    return True


def _stored_links(conn: Connection, ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    out: dict[int, tuple[Any, ...]] = {}
    cols = (FilmLink.review_id, *(getattr(FilmLink, f) for f in LINK_FIELDS))
    for chunk in _chunks(sorted(set(ids))):
        out.update({r[0]: tuple(r[1:]) for r in conn.execute(select(*cols).where(FilmLink.review_id.in_(chunk)))})
    return out


def write_keys(conn: Connection, rows: Sequence[tuple[int, str]], replace_all: bool) -> None:
    """Store blocking keys of reviews (replacing their old keys); with `replace_all` only changed sets are rewritten."""
    if replace_all and conn.execute(select(ReviewKey.review_id).limit(1)).first() is None:
        _first_keys(conn, rows)
        return
    new: dict[int, set[str]] = {}
    for rid, k in rows:
        new.setdefault(rid, set()).add(k)
    held: set[int] | None = None  # with replace_all: every review id that has stored keys
    if replace_all:
        old: dict[int, set[str]] = {}
        for rid, k in conn.execute(select(ReviewKey.review_id, ReviewKey.key)):
            old.setdefault(rid, set()).add(k)
        redo = {rid for rid in set(old) | set(new) if old.get(rid) != new.get(rid)}
        held = set(old)
        del old
    else:
        redo = set(new)
    with _bulk(conn, KEYS, len(redo), len(held) if held is not None else None):
        _delete_ids(conn, KEYS, "review_id", redo, held)
        unique = sorted((k, rid) for rid in redo for k in new.get(rid, ()))  # primary-key order
        _insert_rows(conn, KEYS, KEY_COLUMNS, unique)


def _first_keys(conn: Connection, rows: Sequence[tuple[int, str]]) -> None:
    """Keys into an empty table: one sorted list, no per-review sets (≈ 2.4 keys per review)."""
    with _bulk(conn, KEYS, len(rows), 0):
        _insert_rows(conn, KEYS, KEY_COLUMNS, key_order(rows))


def key_order(rows: Sequence[tuple[int, str]]) -> Iterator[tuple[str, int]]:
    """(key, review id) of (review id, key) rows in the primary key's order, each once."""
    # `rows` come in review-id order, so a stable sort on the key string alone gives (key, review_id)
    # order, the primary key's, at the cost of string comparisons instead of tuple ones
    ordered = sorted(rows, key=itemgetter(1)) if _ids_ascending(rows) else sorted(rows, key=lambda r: (r[1], r[0]))
    last = None
    for rid, k in ordered:
        if (k, rid) != last:
            last = (k, rid)
            yield last


def _ids_ascending(rows: Sequence[tuple[int, str]]) -> bool:
    return all(rows[n][0] <= rows[n + 1][0] for n in range(len(rows) - 1))


FILM_FIELDS = ("title", "original_title", "year", "directors", "cast", "genres", "fsk", "platform",
               "release_date", "n_reviews", "facts")
FILM_COLUMNS = ("id", *FILM_FIELDS, "created_at", "updated_at")
KEY_COLUMNS = ("key", "review_id")
_FILM_JSON_AT = frozenset(n for n, c in enumerate(FILM_COLUMNS) if isinstance(FILMS.c[c].type, JSON))


class EncodedFilm(tuple):  # type: ignore[type-arg]
    """A film row (id, *FILM_FIELDS) whose JSON columns already hold the text SQLite stores
    (encode_films): the JSON encoding done where the facts were built (a twin process)."""

    __slots__ = ()


def encode_films(dialect: Any, rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Film rows with their JSON columns encoded as the columns' own bind processors do (SQLite
    only: other drivers take the values); send them on, then read them with as_encoded."""
    if dialect.name != "sqlite":
        return list(rows)
    procs = [(n, proc) for n, c in enumerate(FILM_COLUMNS[:len(FILM_FIELDS) + 1])
             if isinstance(FILMS.c[c].type, JSON) and (proc := FILMS.c[c].type.bind_processor(dialect))]
    return [_processed(r, procs) for r in rows]


def as_encoded(dialect: Any, rows: Sequence[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of encode_films, marked so that write_films neither encodes them again nor compares text with values."""
    return [EncodedFilm(r) for r in rows] if dialect.name == "sqlite" else list(rows)


def _decoded_film(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """An EncodedFilm's values (for comparison with a stored film), other rows as they are."""
    if type(row) is not EncodedFilm:
        return row
    return tuple(json.loads(v) if n in _FILM_JSON_AT and v is not None else v for n, v in enumerate(row))


def write_films(conn: Connection, films: Sequence[tuple[Any, ...]], drop: Iterable[str], replace_all: bool) -> None:
    """Insert new films, replace changed ones (created_at kept), leave unchanged ones, delete `drop`.

    `films` are tuples (id, *FILM_FIELDS), some maybe EncodedFilm; with `replace_all` they are every
    film and any other stored film is deleted.
    """
    ids = [f[0] for f in films]
    cols = (Film.id, Film.created_at, *(getattr(Film, f) for f in FILM_FIELDS))
    stored: dict[str, Any] = {}
    query = [select(*cols)] if replace_all else [select(*cols).where(Film.id.in_(c)) for c in _chunks(ids)]
    for q in query:
        stored.update({r[0]: r for r in conn.execute(q)})
    changed = [f for f in films if f[0] not in stored or tuple(stored[f[0]][2:]) != _decoded_film(f)[1:]]
    gone = (set(stored) - set(ids)) if replace_all else set(drop)
    for chunk in _chunks(sorted({f[0] for f in changed if f[0] in stored} | gone)):
        conn.execute(delete(Film).where(Film.id.in_(chunk)))
    now = utcnow()
    changed.sort(key=itemgetter(0))
    _insert_rows(conn, FILMS, FILM_COLUMNS, (_stamped(f, stored[f[0]][1] if f[0] in stored else now, now)
                                             for f in changed))


def _stamped(film: tuple[Any, ...], created: Any, updated: Any) -> tuple[Any, ...]:
    row = (*film, created, updated)
    return EncodedFilm(row) if type(film) is EncodedFilm else row


def write_redirects(conn: Connection, redirects: Mapping[str, str], reason: str) -> None:
    """Point retired ids at their successors (and re-point redirects that led to them)."""
    if not redirects:
        return
    for chunk in _chunks(sorted(redirects)):
        conn.execute(delete(FilmRedirect).where(FilmRedirect.old_id.in_(chunk)))
    now = utcnow()
    conn.execute(insert(FilmRedirect), [{"old_id": o, "new_id": n, "reason": reason, "created_at": now}
                                        for o, n in sorted(redirects.items())])


def drop_redirects_of_live_ids(conn: Connection) -> None:
    """An id that is a film again (a split undoing a merge) must not redirect anywhere."""
    live = select(Film.id)
    conn.execute(delete(FilmRedirect).where(FilmRedirect.old_id.in_(live)))


@contextmanager
def _bulk(conn: Connection, table: Table, writing: int, stored: int | None) -> Iterator[None]:
    """Around a rewrite of `writing` rows of a table holding `stored` (None: not known): on SQLite, a
    big page cache, and when most of the table is rewritten its secondary indexes dropped and built
    once at the end (all within the caller's transaction: a failure rolls the drop back too)."""
    if conn.dialect.name != "sqlite" or writing < CHUNK:
        yield
        return
    cache = int(conn.exec_driver_sql("PRAGMA cache_size").scalar() or -2000)
    conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_BULK_CACHE_KIB}")
    rebuild = stored is not None and writing > REBUILD_SHARE * stored
    indexes = SECONDARY_INDEXES.get(table.name, ()) if rebuild else ()
    if indexes and not getattr(conn.connection.dbapi_connection, "in_transaction", True):
        # the driver opens a transaction only before DML: a DROP INDEX first would commit at once (a
        # failed run would leave the table without its index, readers would meanwhile see it gone)
        conn.exec_driver_sql("BEGIN")
    for name, _ in indexes:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")
    try:
        yield
    finally:
        for name, column in indexes:
            conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table.name} ({column})")
        conn.exec_driver_sql(f"PRAGMA cache_size={cache}")


def _delete_ids(conn: Connection, table: Table, column: str, ids: set[Any], held: set[Any] | None) -> None:
    """Delete the rows whose `column` is in `ids`; `held`: every value stored (then one DELETE may do)."""
    if not ids:
        return
    if held is not None and held <= ids:  # every stored row goes
        conn.execute(delete(table))
        return
    col = table.c[column]
    for chunk in _chunks(sorted(ids & held if held is not None else ids)):
        conn.execute(delete(table).where(col.in_(chunk)))


def _insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Insert tuples (values of `columns`) in batches of WRITE_BATCH.

    On SQLite they go straight to the driver's executemany with the columns' own bind processors
    (JSON, datetimes) applied here: the stored text is what Core would write, without Core's
    parameter dict per row (≈ 2× faster). Other databases take the Core statement.
    """
    if conn.dialect.name != "sqlite":
        for batch in _batched(rows):
            conn.execute(insert(table), [dict(zip(columns, r)) for r in batch])
        return
    quote = conn.dialect.identifier_preparer.quote
    sql = f"INSERT INTO {table.name} ({', '.join(quote(c) for c in columns)}) VALUES ({', '.join('?' * len(columns))})"
    procs = [(n, _memoized(p)) for n, c in enumerate(columns) if (p := table.c[c].type.bind_processor(conn.dialect))]
    plain = [(n, p) for n, p in procs if not isinstance(table.c[columns[n]].type, JSON)]  # for EncodedFilm rows
    for batch in _batched(rows):
        conn.exec_driver_sql(sql, [_processed(r, plain if type(r) is EncodedFilm else procs) for r in batch]
                             if procs else batch)


def column_encoder(table: Table, column: str, dialect: Any) -> Callable[[Any], Any]:
    """What a column's bind processor makes of a value (memoized as _insert_rows does; identity when it has none)."""
    proc = table.c[column].type.bind_processor(dialect)
    return _memoized(proc) if proc is not None else (lambda value: value)


def _processed(row: Sequence[Any], procs: Sequence[tuple[int, Callable[[Any], Any]]]) -> tuple[Any, ...]:
    out = list(row)
    for n, proc in procs:
        out[n] = proc(out[n])
    return tuple(out)


def _memoized(proc: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`proc` computed once per distinct value that repeats: a link's reasons (a few hundred distinct
    lists over a million links) and the write's one timestamp. Lists of strings are keyed by their
    tuple; dicts (film facts, all different) and other unhashable values go straight to `proc`."""
    memo: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        if type(value) is list:
            if not all(type(v) is str for v in value):
                return proc(value)
            key: Any = (list, *value)  # apart from a tuple or string holding the same items
        elif isinstance(value, datetime):
            key = (datetime, value, value.utcoffset())  # equal instants in other zones print differently
        elif isinstance(value, (str, int, float)) or value is None:
            key = (type(value), value)
        else:
            return proc(value)
        out = memo.get(key, memo)
        if out is memo:
            if len(memo) >= MEMO_LIMIT:  # many distinct values: nothing repeats enough to keep them
                return proc(value)
            out = memo[key] = proc(value)
        return out

    return run


def _batched(rows: Iterable[Any]) -> Iterator[list[Any]]:
    """Lists of at most WRITE_BATCH rows (one batch of parameters in memory at a time)."""
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= WRITE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _chunks(items: Sequence[Any]) -> Iterable[list[Any]]:
    items = list(items)
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]

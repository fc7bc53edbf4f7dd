"""The Catalog facade: one object the crawler, CLI and reports use to read and write the catalogue."""
from __future__ import annotations

import functools
import random
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Self, TypeVar

from sqlalchemy import Engine, exc, select
from sqlalchemy.orm import Session

from catalog import store
from catalog.db import (
    DEFAULT_URL,
    check_schema,
    is_read_only,
    make_engine,
    migrate,
    read_only_url,
    resolution_lock,
    safe_url,
)
from catalog.errors import CatalogError, CatalogUnwritable, DatabaseError, QueryError
from catalog.models import Film, FilmLink, Review, Run
from catalog.store import PageState, StoredPage, StoredPageBody, UpsertResult

T = TypeVar("T")
# Write transactions that read, then insert what they did not find, lose a race to a crawl writing
# the same URL beside them (a unique violation), or a PostgreSQL deadlock / serialization failure:
# each such transaction is run again from the start, up to this many times, before it fails.
WRITE_ATTEMPTS = 4
RETRY_SQLSTATES = frozenset({"40001", "40P01"})  # serialization_failure, deadlock_detected


def _lost_race(err: exc.SQLAlchemyError) -> bool:
    """True when `err` is what a concurrent writer causes (the transaction is worth running again)."""
    if isinstance(err, exc.IntegrityError):
        return True
    return isinstance(err, exc.DBAPIError) and getattr(err.orig, "sqlstate", None) in RETRY_SQLSTATES


def _db_errors(func: Callable[..., T]) -> Callable[..., T]:
    """Turn driver errors into a one-line DatabaseError (password masked)."""

    @functools.wraps(func)
    def wrapper(self: Catalog, *args: Any, **kwargs: Any) -> T:
        try:
            return func(self, *args, **kwargs)
        except CatalogError:
            raise
        except exc.SQLAlchemyError as err:
            raise _database_error(self, func.__name__, err) from None

    return wrapper


# SQLite primary result codes after which no write succeeds until someone acts (frees space,
# fixes permissions or the disk): SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN.
SQLITE_UNWRITABLE = frozenset({8, 10, 13, 14})
# PostgreSQL SQLSTATEs (or classes) of the same kind: connection exceptions, disk full,
# read-only transaction (a standby), the server shutting down or not accepting connections.
PG_UNWRITABLE = ("08", "53100", "25006", "57P01", "57P02", "57P03")


def unwritable(err: exc.SQLAlchemyError) -> bool:
    """True when `err` says the database accepts no writes now (not a conflict worth retrying)."""
    if isinstance(err, exc.DBAPIError) and err.connection_invalidated:
        return True  # the server went away mid-transaction
    orig = getattr(err, "orig", None)
    code = getattr(orig, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF in SQLITE_UNWRITABLE
    state = getattr(orig, "sqlstate", None)
    return isinstance(state, str) and state.startswith(PG_UNWRITABLE)


def _database_error(catalog: Catalog, name: str, err: exc.SQLAlchemyError) -> DatabaseError:
    text = " ".join(str(getattr(err, "orig", None) or err).split("\n")[0].split())
    kind = CatalogUnwritable if unwritable(err) else DatabaseError
    return kind(f"{name} on {safe_url(catalog.engine.url)} failed: {text}")


class Catalog:
    """The film catalogue in one database; opening it migrates the schema to head.

    With `reading` (commands that only read: export, search, report …) a SQLite file this process
    may not write — a read-only file, directory or mount — is opened read-only instead
    (`catalog.db.read_only_url`): nothing is written, not even the search index's catch-up, and
    the schema must already be at head. `read_only` says which way it was opened.
    """

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True, reading: bool = False) -> None:
        self.url = url or DEFAULT_URL
        fallback = read_only_url(self.url) if reading else None
        self.engine: Engine = make_engine(fallback or self.url)
        self.read_only = is_read_only(self.engine)
        if self.read_only:
            check_schema(self.engine)
        elif migrate_schema:
            try:
                migrate(self.engine)
            except DatabaseError as err:
                if reading or read_only_url(self.url) is None:
                    raise
                raise DatabaseError(f"{err} (this user may not write the file or its folder: commands that "
                                    "only read, such as export, search and report, open it read-only)") from None

    # -------------------------------------------------------------- plumbing
    def _write(self, work: Callable[[Any], T]) -> T:
        """Run `work(conn)` in one transaction; again from the start when it lost a race (_lost_race)."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except exc.SQLAlchemyError as err:
                if attempt == WRITE_ATTEMPTS or not _lost_race(err):
                    raise
                time.sleep(random.uniform(0, 0.02 * attempt))  # the winner commits; both retrying apart
        raise AssertionError("unreachable")

    def session(self) -> Session:
        """A new ORM session on the catalogue (caller closes it)."""
        return Session(self.engine)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Catalog({safe_url(self.engine.url)!r})"

    # -------------------------------------------------------------- runs
    @_db_errors
    def start_run(self, kind: str, sites: list[str], options: dict[str, Any] | None = None) -> int:
        """Open a run (crawl, reparse, resolve …) and return its id."""
        with self.engine.begin() as conn:
            return store.start_run(conn, kind, sites, options)

    @_db_errors
    def finish_run(self, run_id: int, counts: Mapping[str, int], status: str = "finished",
                   error: str | None = None) -> None:
        """Close a run with its counts."""
        with self.engine.begin() as conn:
            store.finish_run(conn, run_id, counts, status, error)

    @_db_errors
    def heartbeat(self, run_id: int, counts: Mapping[str, int] | None = None) -> bool:
        """Note that run `run_id` is alive (and, if given, its counts so far).

        Returns False when the run is no longer running (finished, or declared dead by whoever
        found it stale): the caller's run record is closed and it should stop writing to it.
        """
        with self.engine.begin() as conn:
            return store.heartbeat(conn, run_id, counts)

    @_db_errors
    def stale_runs(self, kind: str, sites: Iterable[str] | None, older_than: timedelta) -> list[dict[str, Any]]:
        """Running runs of `kind` on any of `sites` (None: all) not heard from for `older_than`.

        "Heard from" is the last heartbeat, or the start of a run that never beat. Oldest first,
        as plain dicts like `iter_runs`.
        """
        with self.engine.connect() as conn:
            return store.stale_runs(conn, kind, sites, older_than)

    @_db_errors
    def iter_runs(self) -> Iterator[dict[str, Any]]:
        """Every run, oldest first, as plain dicts."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(Run.__table__).order_by(Run.id)).mappings().all()
        return iter([dict(r) for r in rows])

    # -------------------------------------------------------------- pages
    @_db_errors
    def page_state(self, url: str) -> PageState | None:
        """Validators of the stored copy of `url` (None when never fetched)."""
        with self.engine.connect() as conn:
            return store.page_state(conn, url)

    @_db_errors
    def trusted_page_state(self, url: str) -> PageState | None:
        """Validators of the stored copy of `url` when its outcome was recorded, else None.

        None means: fetch unconditionally and extract anew (never fetched, or stored by a run
        that ended before recording the page's review or rejection). One round trip when the
        storing run completed (the run's status comes joined to the page row).
        """
        with self.engine.connect() as conn:
            return store.trusted_page_state(conn, url)

    @_db_errors
    def store_page(self, *, url: str, status: int, headers: Mapping[str, str], body: bytes,
                   fetched_at: datetime | None = None, run_id: int | None = None,
                   sitemap_lastmod: str | None = None) -> StoredPage:
        """Keep a fetched page (body compressed)."""
        return self._write(lambda conn: store.store_page(
            conn, url=url, status=status, headers=headers, body=body,
            fetched_at=fetched_at, run_id=run_id, sitemap_lastmod=sitemap_lastmod))

    @_db_errors
    def mark_not_modified(self, url: str, run_id: int | None = None) -> None:
        """Note a 304 answer for `url`."""
        with self.engine.begin() as conn:
            store.mark_not_modified(conn, url, run_id)

    @_db_errors
    def record_rejection(self, url: str, reason: str, run_id: int | None = None) -> None:
        """Keep why `url` gave no review."""
        with self.engine.begin() as conn:
            store.record_rejection(conn, url, reason, run_id)

    @_db_errors
    def stored_page(self, url: str) -> StoredPageBody | None:
        """The stored copy of `url` (headers, uncompressed body, page id), or None when never stored."""
        with self.engine.connect() as conn:
            return store.stored_page(conn, url)

    def iter_pages(self, site: str | None = None, *, chunk_size: int = store.PAGE_CHUNK) -> Iterator[StoredPageBody]:
        """Stored pages (of one host[:port]) with uncompressed bodies, by id, streamed (for re-extraction).

        Pages are read `chunk_size` at a time, each chunk on a short connection of its own (no
        read transaction spans the caller's work), and decompressed one at a time as they are
        consumed: memory holds one chunk of compressed bodies and one body, whatever the catalogue's size.
        A page whose review was retired since it was fetched (retire_reviews) is left out.
        """
        if chunk_size < 1:
            raise QueryError(f"chunk_size must be at least 1, not {chunk_size}")
        after = 0
        while True:
            try:
                with self.engine.connect() as conn:
                    rows = store.page_chunk(conn, site, after, chunk_size)
            except exc.SQLAlchemyError as err:
                raise _database_error(self, "iter_pages", err) from None
            for row in rows:
                yield store.page_body(row)
            if len(rows) < chunk_size:
                return
            after = int(rows[-1].id)

    # -------------------------------------------------------------- reviews
    @_db_errors
    def upsert_review(self, record: Mapping[str, Any], *, page_id: int | None = None, run_id: int | None = None,
                      provenance: dict[str, Any] | None = None) -> UpsertResult:
        """Insert or update one contract review record (key: record['url'])."""
        return self._write(lambda conn: store.upsert_reviews(
            conn, [record], page_id=page_id, run_id=run_id, provenance=provenance)[0])

    @_db_errors
    def upsert_reviews(self, records: Iterable[Mapping[str, Any]], *, run_id: int | None = None,
                       page_ids: Sequence[int | None] | None = None) -> list[UpsertResult]:
        """Upsert many records in one transaction.

        `page_ids`, when given, holds each record's stored page id (in the records' order; None
        keeps the page a review already has) — e.g. `StoredPage.page_id` or `StoredPageBody.page_id`.
        """
        rows = list(records)
        return self._write(lambda conn: store.upsert_reviews(conn, rows, run_id=run_id, page_ids=page_ids))

    @_db_errors
    def retire_reviews(self, urls_with_reasons: Mapping[str, str] | Iterable[tuple[str, ...]],
                       run_id: int | None = None) -> list[str]:
        """Retire the reviews of pages that are gone (404/410) or moved permanently; the URLs retired.

        Each entry is (url, reason) or (url, reason, successor URL), or a mapping url → reason. A
        retired review leaves `reviews` and its film; its last record stays in `review_history`
        (with `retired: reason`) and the reason is recorded as the URL's rejection. Its film's other
        reviews are queued for resolution (consensus recomputed); a film left with no review is
        deleted, or kept by the successor's review when that is stored and not placed yet. A URL
        without a stored review is skipped. A page that answers 200 again is stored anew.
        """
        items = urls_with_reasons.items() if isinstance(urls_with_reasons, Mapping) else urls_with_reasons
        wanted = []
        for entry in items:
            if not isinstance(entry, (tuple, list)) or len(entry) not in (2, 3) or not all(isinstance(v, str) or v is None for v in entry):
                raise QueryError(f"a retirement is (url, reason[, successor url]), not {entry!r}")
            url, reason, successor = (*entry, None)[:3]
            if not url or not reason:
                raise QueryError(f"a retirement needs a url and a reason, not {entry!r}")
            wanted.append((url, reason, successor or None))
        return self._write(lambda conn: store.retire_reviews(conn, wanted, run_id))

    @_db_errors
    def withdraw_reviews(self, urls_with_reasons: Mapping[str, str] | Iterable[tuple[str, str]]) -> list[str]:
        """Mark the reviews of pages the site no longer lets be fetched (robots.txt disallows them)
        withdrawn, with the reason and today's date; returns the URLs newly marked.

        Unlike a retirement (a page gone) the review stays current: in its film, in searches, and in
        `iter_reviews` with a `withdrawn` {reason, since} field. Fetching the page again (200 or 304)
        clears the mark. A URL without a stored review is skipped.
        """
        items = urls_with_reasons.items() if isinstance(urls_with_reasons, Mapping) else urls_with_reasons
        wanted = []
        for entry in items:
            if not isinstance(entry, (tuple, list)) or len(entry) != 2 or not all(isinstance(v, str) and v for v in entry):
                raise QueryError(f"a withdrawal is (url, reason), not {entry!r}")
            wanted.append((entry[0], entry[1]))
        return self._write(lambda conn: store.withdraw_reviews(conn, wanted))

    @_db_errors
    def review_urls(self, origins: Iterable[str]) -> list[str]:
        """The URLs of the current reviews on these origins (`scheme://host[:port]`), by id."""
        wanted = [o.rstrip("/") + "/" for o in origins]
        if not wanted:
            return []
        from sqlalchemy import or_

        query = select(Review.url).where(or_(*(Review.url.startswith(o, autoescape=True) for o in wanted)))
        with self.engine.connect() as conn:
            return list(conn.execute(query.order_by(Review.id)).scalars())

    @_db_errors
    def iter_reviews(self) -> Iterator[dict[str, Any]]:
        """Every review as its contract record plus `film_id` (None until resolved).

        Extra fields (`writers`) are there only when non-empty, as in `ReviewRecord.to_dict()`; so is
        `withdrawn` ({"reason", "since": ISO date}) for a review whose page the site no longer lets be fetched.
        """
        cols = [Review.url, Review.site, *(getattr(Review, f) for f in store.RECORD_FIELDS), FilmLink.film_id,
                Review.withdrawn, Review.withdrawn_at]
        query = select(*cols).outerjoin(FilmLink, FilmLink.review_id == Review.id).order_by(Review.id)
        with self.engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return iter([_review_object(dict(r)) for r in rows])

    # -------------------------------------------------------------- films
    @_db_errors
    def resolve(self, full: bool = False, options: Any = None, *, index: bool = True) -> Any:
        """Resolve reviews to films (incremental unless `full`); returns ResolveStats.

        With `index` (the default) the search index then catches up with the films this changed,
        so the cost lands on the crawl or reparse that resolved, not on the first search after it
        (a full resolution of a catalogue not indexed yet runs without the change triggers and
        marks every film once afterwards: catalog.query.index.triggers_suspended).
        """
        from catalog.query import refresh_index

        with resolution_lock(self.engine):  # one resolver at a time: two crawls into one catalogue
            for attempt in range(1, WRITE_ATTEMPTS + 1):
                try:
                    stats = self._resolve_once(full, options, index)
                    break
                except exc.SQLAlchemyError as err:  # a resolver not under the lock placed these reviews first
                    if attempt == WRITE_ATTEMPTS or not _lost_race(err):
                        raise
                    time.sleep(random.uniform(0, 0.05 * attempt))
            if index:
                refresh_index(self)
        return stats

    def _resolve_once(self, full: bool, options: Any, index: bool) -> Any:
        from catalog.query.index import triggers_suspended
        from catalog.resolve import needs_full, resolve

        full = full or needs_full(self.engine)  # an upgraded resolver re-resolves once (key scheme)
        if full and index:  # a first full resolution writes every film: mark them all once, after it
            with triggers_suspended(self.engine):
                return resolve(self.engine, full=True, options=options)
        return resolve(self.engine, full=full, options=options)

    @_db_errors
    def iter_films(self) -> Iterator[dict[str, Any]]:
        """Every film as the contract's film object (with review_urls and provenance)."""
        with self.engine.connect() as conn:
            urls: dict[str, list[str]] = {}
            for film_id, url in conn.execute(select(FilmLink.film_id, Review.url)
                                             .join(Review, Review.id == FilmLink.review_id)
                                             .order_by(Review.url)):
                urls.setdefault(film_id, []).append(url)
            films = conn.execute(select(Film.__table__).order_by(Film.id)).mappings().all()
        return iter([_film_object(dict(f), urls.get(f["id"], [])) for f in films])

    @_db_errors
    def merge_films(self, film_a: str, film_b: str) -> str:
        """Record a manual merge of two films and apply it; returns the surviving film id."""
        from catalog.resolve.decisions import merge_films

        return merge_films(self.engine, film_a, film_b)

    @_db_errors
    def split_film(self, film_id: str, review_urls: list[str]) -> str:
        """Record a manual split of reviews off a film and apply it; returns the new film's id."""
        from catalog.resolve.decisions import split_film

        return split_film(self.engine, film_id, review_urls)

    @_db_errors
    def film_id_for(self, film_id: str) -> str | None:
        """The current id standing for `film_id` (following redirects), or None."""
        from catalog.resolve.ids import current_id

        with self.engine.connect() as conn:
            return current_id(conn, film_id)


def _review_object(row: dict[str, Any]) -> dict[str, Any]:
    """A review row without its empty extra fields."""
    for name in store.EXTRA_FIELDS:
        if not row[name]:
            del row[name]
    reason, since = row.pop("withdrawn"), row.pop("withdrawn_at")
    if reason:
        row["withdrawn"] = {"reason": reason, "since": since.date().isoformat() if since else None}
    return row


def _film_object(row: dict[str, Any], review_urls: list[str]) -> dict[str, Any]:
    return {"film_id": row["id"], "title": row["title"], "original_title": row["original_title"],
            "year": row["year"], "directors": row["directors"] or [], "genres": row["genres"] or [],
            "fsk": row["fsk"], "platform": row["platform"], "release_date": row["release_date"],
            "review_urls": review_urls, "cast": row["cast"] or [], "n_reviews": len(review_urls),
            "facts": row["facts"] or {}}

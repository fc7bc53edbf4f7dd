"""Storage of pages, rejections, runs and reviews (set-based Core statements)."""
from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, bindparam, delete, exists, insert, or_, select, update

from catalog.errors import QueryError
from catalog.models import (
    Film,
    FilmLink,
    Page,
    Rejection,
    Review,
    ReviewHistory,
    ReviewKey,
    ReviewPending,
    Run,
    utcnow,
)

# The evaluation contract's record fields (hashed as they are, whatever their value).
CONTRACT_FIELDS = ("title", "original_title", "year", "genres", "fsk", "directors", "cast",
                   "platform", "release_date", "rating")
# Stored fields beyond the contract (revision 0005). Each is a list that is hashed, kept in history
# and exported only when non-empty, so a record without them hashes and exports as before.
EXTRA_FIELDS = ("writers",)
RECORD_FIELDS = CONTRACT_FIELDS + EXTRA_FIELDS
LIST_FIELDS = ("genres", "directors", "cast", "writers")
ZLIB_LEVEL = 6  # ≈ 5× smaller HTML at a few ms per 100 KB page
CHUNK = 500      # rows per IN (...) lookup; stays below SQLite's variable limit
PAGE_CHUNK = 200  # stored pages per query when streaming them (≈ 4 MB of compressed 100 KB pages)
# Run statuses after which every page the run stored had its outcome recorded (the pipeline flushed).
COMPLETED_RUNS = ("finished", "stopped")
# Rejection reasons that record a failure, not a verdict: the page's outcome is not known. The
# crawl writes "extraction failed: …" (the extractor or storing the page failed) and "storing
# failed: …" (writing its review failed); a copy with such a failure recorded since it was fetched
# is never trusted, so the next crawl extracts and writes it again instead of skipping it.
FAILURE_REASONS = ("extraction failed", "storing failed")
# Rejection reasons of a retired review (retire_reviews): its stored copy is not trusted either, so a
# page that answers again is fetched without validators and its review stored anew (not a 304).
RETIRED_REASONS = ("gone: ", "moved permanently to ")
# Rejection reasons of a copy (the crawl's copy check, scraper/spiders/copies.py): a copy is never
# stored, so storing a page under that URL later supersedes them (store_page deletes them).
COPY_REASONS = ("duplicate of ",)


@dataclass(frozen=True)
class PageState:
    """What the catalogue knows about a URL for conditional re-fetching."""

    etag: str | None
    last_modified: str | None
    content_hash: str
    fetched_at: datetime
    sitemap_lastmod: str | None
    checked_at: datetime | None = None   # when a 304 last confirmed the copy (None: never)


@dataclass(frozen=True)
class StoredPage:
    """Result of storing a page: its id, body hash, and whether the body changed."""

    page_id: int
    content_hash: str
    changed: bool


@dataclass(frozen=True)
class StoredPageBody:
    """A stored page for re-extraction: URL, headers, the uncompressed body and the page's id."""

    url: str
    headers: dict[str, str]
    body: bytes
    page_id: int | None = None


@dataclass(frozen=True)
class UpsertResult:
    """Result of upserting a review: its id and new | changed | unchanged."""

    review_id: int
    status: str


def _header(headers: Mapping[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def page_state(conn: Connection, url: str) -> PageState | None:
    """Validators stored for `url`, or None when never fetched."""
    row = conn.execute(select(Page.etag, Page.last_modified, Page.content_hash, Page.fetched_at,
                              Page.sitemap_lastmod, Page.checked_at).where(Page.url == url)).first()
    return PageState(*row) if row else None


def trusted_page_state(conn: Connection, url: str) -> PageState | None:
    """The stored state of `url` when its copy can be trusted, else None (fetch and extract anew).

    A copy stored (or last confirmed) by a completed run is trusted: that run flushed every
    outcome. A copy of a run that was killed, failed or is still running is trusted only when
    that run recorded a review or rejection for the URL; a copy of no run needs any outcome.
    A failure (FAILURE_REASONS) recorded for the URL since the copy was fetched overrides both:
    its review may never have been written (a failed transaction, a crawl beside this one that
    lost a race), so the copy is not trusted until a fetch stores it again.
    """
    failed = exists(select(Rejection.id).where(
        Rejection.url == url, Rejection.created_at >= Page.fetched_at,
        or_(*(Rejection.reason.like(f"{reason}%") for reason in FAILURE_REASONS + RETIRED_REASONS))))
    row = conn.execute(select(Page.etag, Page.last_modified, Page.content_hash, Page.fetched_at,
                              Page.sitemap_lastmod, Page.checked_at, Page.run_id, Run.status, failed.label("failed"))
                       .outerjoin(Run, Run.id == Page.run_id).where(Page.url == url)).first()
    if row is None or row.failed:
        return None
    state = PageState(*row[:6])
    if row.status in COMPLETED_RUNS:
        return state
    review, rejection = select(Review.id).where(Review.url == url), select(Rejection.id).where(Rejection.url == url)
    if row.run_id is not None:
        review, rejection = review.where(Review.run_id == row.run_id), rejection.where(Rejection.run_id == row.run_id)
    return state if conn.execute(select(exists(review) | exists(rejection))).scalar() else None


def store_page(conn: Connection, *, url: str, status: int, headers: Mapping[str, str], body: bytes,
               fetched_at: datetime | None = None, run_id: int | None = None,
               sitemap_lastmod: str | None = None) -> StoredPage:
    """Insert or replace the page stored for `url`; its earlier copy rejections (COPY_REASONS) go."""
    body = bytes(body or b"")
    digest = hashlib.sha256(body).hexdigest()
    values = {"status": int(status), "headers": {str(k): str(v) for k, v in dict(headers or {}).items()},
              "body": zlib.compress(body, ZLIB_LEVEL), "content_hash": digest,
              "etag": _header(headers or {}, "etag"), "last_modified": _header(headers or {}, "last-modified"),
              "sitemap_lastmod": sitemap_lastmod, "fetched_at": fetched_at or utcnow(), "run_id": run_id}
    old = conn.execute(select(Page.id, Page.content_hash).where(Page.url == url)).first()
    if old is None:
        page_id = conn.execute(insert(Page).values(url=url, **values)).inserted_primary_key[0]  # type: ignore[index]
        stored = StoredPage(int(page_id), digest, True)
    else:
        conn.execute(update(Page).where(Page.id == old.id).values(**values))
        stored = StoredPage(int(old.id), digest, old.content_hash != digest)
    # stored, so not a copy (any more): an earlier "duplicate of" verdict would sit beside its outcome
    # (after the page's own write: the write races of catalog.api retry that statement, not this one)
    conn.execute(delete(Rejection).where(Rejection.url == url,
                                         or_(*(Rejection.reason.like(f"{r}%") for r in COPY_REASONS))))
    _fetchable_again(conn, url)
    return stored


def _fetchable_again(conn: Connection, url: str) -> None:
    """The page was fetched (or confirmed by a 304): its review is no longer withdrawn."""
    conn.execute(update(Review).where(Review.url == url, Review.withdrawn.is_not(None))
                 .values(withdrawn=None, withdrawn_at=None))


def mark_not_modified(conn: Connection, url: str, run_id: int | None = None) -> None:
    """Record that `url` answered 304 (its stored body is still current)."""
    values: dict[str, Any] = {"checked_at": utcnow()}
    if run_id is not None:
        values["run_id"] = run_id
    conn.execute(update(Page).where(Page.url == url).values(**values))
    _fetchable_again(conn, url)


def record_rejection(conn: Connection, url: str, reason: str, run_id: int | None = None) -> None:
    """Keep why `url` gave no review."""
    conn.execute(insert(Rejection).values(url=url, reason=" ".join(str(reason).split()),
                                                     run_id=run_id, created_at=utcnow()))


def page_chunk(conn: Connection, site: str | None, after_id: int, limit: int) -> list[Any]:
    """Up to `limit` stored pages (id, url, headers, compressed body) with ids above `after_id`, by id.

    Keyset pagination: each chunk continues the primary-key scan where the last one stopped,
    so reading all pages in chunks costs one pass, not a growing OFFSET. The copy of a page whose
    review was retired since it was fetched is left out (_retired_copy) until a fetch stores it again.
    """
    query = (select(Page.id, Page.url, Page.headers, Page.body).where(Page.id > after_id, ~_retired_copy())
             .order_by(Page.id).limit(limit))
    if site:
        host = site.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # LIKE wildcards as text
        query = query.where(Page.url.like(f"%://{host}/%", escape="\\") | Page.url.like(f"%://{host}", escape="\\"))
    return list(conn.execute(query).all())


def _retired_copy() -> Any:
    """True for a stored page whose review was retired since it was fetched (retire_reviews): its
    copy is what the site took down, so a re-extraction must not bring the review back."""
    return exists(select(Rejection.id).where(
        Rejection.url == Page.url, Rejection.created_at >= Page.fetched_at,
        or_(*(Rejection.reason.like(f"{reason}%") for reason in RETIRED_REASONS))))


def stored_page(conn: Connection, url: str) -> StoredPageBody | None:
    """The stored copy of `url` with its body uncompressed, or None when never stored."""
    row = conn.execute(select(Page.id, Page.url, Page.headers, Page.body).where(Page.url == url)).first()
    return page_body(row) if row is not None else None


def page_body(row: Any) -> StoredPageBody:
    """A row of `page_chunk` with its body uncompressed."""
    return StoredPageBody(row.url, dict(row.headers or {}), zlib.decompress(row.body) if row.body else b"", int(row.id))


def iter_pages(conn: Connection, site: str | None = None, chunk_size: int = PAGE_CHUNK) -> Iterator[StoredPageBody]:
    """Every stored page (optionally of one host[:port]) with its body uncompressed, read in chunks."""
    after = 0
    while rows := page_chunk(conn, site, after, chunk_size):
        after = int(rows[-1].id)
        for row in rows:
            yield page_body(row)
        if len(rows) < chunk_size:
            return


def clean_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """The stored fields of `record` (contract and extra), lists guaranteed, strings stripped."""
    url = str(record.get("url") or "").strip()
    if not url:
        raise QueryError("a review record needs a url (its upsert key)")
    out: dict[str, Any] = {"url": url, "site": str(record.get("site") or "")}
    for name in RECORD_FIELDS:
        value = record.get(name)
        if name in LIST_FIELDS:
            items = [value] if isinstance(value, str) else value if isinstance(value, (list, tuple)) else []
            value = [str(v).strip() for v in items if v is not None and str(v).strip()]
        elif isinstance(value, str):
            value = value.strip() or None
        out[name] = value
    out["title"] = out["title"] or ""
    out["year"] = _int_or_none(out["year"])

    out["fsk"] = _int_or_none(out["fsk"])
    return out


def _int_or_none(value: Any) -> int | None:
    try:
        number = None if value is None or isinstance(value, bool) else int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if number is None or abs(number) < 2**31 else None  # fits every backend's INTEGER


def present_extras(record: Mapping[str, Any]) -> dict[str, Any]:
    """The extra fields of `record` that hold something (an empty or missing list is no field)."""
    return {k: record[k] for k in EXTRA_FIELDS if record.get(k)}


def record_hash(record: Mapping[str, Any]) -> str:
    """Stable hash of the stored fields (decides new | changed | unchanged).

    Extra fields count only when non-empty: a record without writers hashes exactly as it did
    before revision 0005, so an upgraded catalogue does not see its reviews as changed.
    """
    payload = {k: record.get(k) for k in ("site",) + CONTRACT_FIELDS} | present_extras(record)
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def upsert_reviews(conn: Connection, records: Iterable[Mapping[str, Any]], *, page_id: int | None = None,
                   run_id: int | None = None, provenance: dict[str, Any] | None = None,
                   page_ids: Sequence[int | None] | None = None) -> list[UpsertResult]:
    """Insert new reviews, update changed ones (keeping the old version), skip unchanged ones.

    The rejections recorded so far for the records' URLs are deleted: each URL is a review now.

    Each record's page is `page_ids[i]` when given (one per record), else `page_id` for all;
    None keeps the page a review already has.
    """
    cleaned = [clean_record(r) for r in records]
    if page_ids is None:
        pages: list[int | None] = [page_id] * len(cleaned)
    elif page_id is not None:
        raise QueryError("give either page_id (one page for all records) or page_ids (one per record), not both")
    else:
        pages = list(page_ids)
        if len(pages) != len(cleaned):
            raise QueryError(f"page_ids has {len(pages)} entries for {len(cleaned)} records")
    results: list[UpsertResult] = []
    for start in range(0, len(cleaned), CHUNK):
        results += _upsert_chunk(conn, cleaned[start:start + CHUNK], pages[start:start + CHUNK], run_id, provenance)
    return results


def _upsert_chunk(conn: Connection, records: list[dict[str, Any]], pages: list[int | None],
                  run_id: int | None, provenance: dict[str, Any] | None) -> list[UpsertResult]:
    latest = {r["url"]: (r, p) for r, p in zip(records, pages)}  # copies of one URL in a batch: the last one counts
    existing = {row.url: row for row in conn.execute(
        select(Review.__table__).where(Review.url.in_(list(latest))))}
    now, status, inserts, changed_ids, moved = utcnow(), {}, [], [], []
    for url, (rec, page_id) in latest.items():
        digest = record_hash(rec)
        old = existing.get(url)
        values = {**rec, "record_hash": digest, "run_id": run_id, "updated_at": now,
                  "page_id": page_id if page_id is not None else (old.page_id if old else None),
                  "provenance": provenance if provenance is not None else (old.provenance if old else None)}
        if old is None:
            inserts.append({**values, "created_at": now})
            status[url] = "new"
        elif old.record_hash == digest:
            status[url] = "unchanged"
            if page_id is not None and old.page_id != page_id:  # same record, now known from this page
                moved.append({"rid": old.id, "pid": page_id})
        else:
            _keep_history(conn, old, run_id)
            conn.execute(update(Review).where(Review.id == old.id).values(**values))
            changed_ids.append(old.id)
            status[url] = "changed"
    if moved:
        conn.execute(update(Review).where(Review.id == bindparam("rid")).values(page_id=bindparam("pid")), moved)
    if inserts:  # one executemany, then read the ids back (portable, unlike RETURNING with executemany)
        conn.execute(insert(Review), inserts)
    # a URL stored as a review is no rejection (not a review, a copy, a failure, retired) any more:
    # what was recorded before is superseded, so reports never show both (after the reviews' own
    # writes, whose races catalog.api retries)
    conn.execute(delete(Rejection).where(Rejection.url.in_(list(latest))))
    ids = {url: row.id for url, row in existing.items()}
    if inserts:
        ids.update(conn.execute(select(Review.url, Review.id).where(
            Review.url.in_([r["url"] for r in inserts]))).all())
    queue = [ids[r["url"]] for r in inserts] + changed_ids
    if queue:  # the incremental resolver's work list
        conn.execute(delete(ReviewPending).where(ReviewPending.review_id.in_(queue)))
        conn.execute(insert(ReviewPending), [{"review_id": i} for i in queue])
    if changed_ids:  # a changed record is resolved again (its film may differ now); the old film id stays known
        conn.execute(update(FilmLink).where(FilmLink.review_id.in_(changed_ids)).values(method="stale"))
        conn.execute(delete(ReviewKey).where(ReviewKey.review_id.in_(changed_ids)))
    return [UpsertResult(int(ids[r["url"]]), status[r["url"]]) for r in records]


def _keep_history(conn: Connection, old: Any, run_id: int | None, retired: str | None = None) -> None:
    record = {"url": old.url, "site": old.site, **{k: getattr(old, k) for k in CONTRACT_FIELDS}}
    record |= present_extras({k: getattr(old, k) for k in EXTRA_FIELDS})
    if retired is not None:  # the review left the catalogue: why (the record stays readable here)
        record["retired"] = retired
    conn.execute(insert(ReviewHistory).values(
        review_id=old.id, record=record, record_hash=old.record_hash, run_id=run_id, replaced_at=utcnow()))


def retire_reviews(conn: Connection, retirements: Iterable[tuple[str, str, str | None]],
                   run_id: int | None = None) -> list[str]:
    """Take the reviews of pages that are gone or moved out of `reviews`; returns the URLs retired.

    Each retirement is (url, reason, successor URL or None). A URL without a stored review is left
    alone. The review's last record stays in `review_history` (with `retired: reason`), a rejection
    records the reason, and the review's film is re-resolved: its other reviews are queued as a
    changed review is (link stale, keys dropped), so the next resolution recomputes its consensus. A
    film left with no review is deleted, unless the successor's review (stored, not placed yet)
    can take its id: it gets the film's stale link, as a changed record keeps its film.
    """
    wanted = {url: (reason, successor) for url, reason, successor in retirements}
    if not wanted:
        return []
    rows = {row.url: row for url_chunk in _chunked(sorted(wanted))
            for row in conn.execute(select(Review.__table__).where(Review.url.in_(url_chunk)))}
    films: dict[str, str | None] = {}  # film id of a retired review → a successor URL
    for url, row in sorted(rows.items()):
        reason, successor = wanted[url]
        reason = " ".join(str(reason).split())
        _keep_history(conn, row, run_id, retired=reason)
        film_id = conn.execute(select(FilmLink.film_id).where(FilmLink.review_id == row.id)).scalar()
        if film_id is not None:
            films[film_id] = films.get(film_id) or successor
        for table in (FilmLink, ReviewKey, ReviewPending):
            conn.execute(delete(table).where(table.review_id == row.id))
        conn.execute(delete(Review).where(Review.id == row.id))
        record_rejection(conn, url, reason, run_id)
    for film_id, successor in sorted(films.items()):
        _requeue_film(conn, film_id, successor)
    return sorted(rows)


def withdraw_reviews(conn: Connection, withdrawals: Iterable[tuple[str, str]]) -> list[str]:
    """Mark the reviews of pages the site no longer lets be fetched (url, reason) withdrawn, now;
    returns the URLs newly marked. A review already withdrawn keeps its first date; a URL without
    a stored review is left alone. The reviews stay current, in their films and searchable."""
    wanted = {url: " ".join(str(reason).split()) for url, reason in withdrawals}
    now, marked = utcnow(), []
    for url_chunk in _chunked(sorted(wanted)):
        fresh = list(conn.execute(select(Review.url).where(Review.url.in_(url_chunk), Review.withdrawn.is_(None)))
                     .scalars())
        for reason in sorted({wanted[u] for u in fresh}):
            urls = [u for u in fresh if wanted[u] == reason]
            conn.execute(update(Review).where(Review.url.in_(urls)).values(withdrawn=reason, withdrawn_at=now))
        marked.extend(fresh)
    return sorted(marked)


def _chunked(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]


def _requeue_film(conn: Connection, film_id: str, successor: str | None) -> None:
    """Queue the reviews left in `film_id` for resolution; an emptied film goes (or passes to `successor`)."""
    members = list(conn.execute(select(FilmLink.review_id).where(FilmLink.film_id == film_id)).scalars())
    if not members and successor is not None:
        heir = conn.execute(select(Review.id).where(Review.url == successor)).scalar()
        if heir is not None and conn.execute(
                select(FilmLink.review_id).where(FilmLink.review_id == heir)).first() is None:  # not placed yet
            conn.execute(insert(FilmLink).values(review_id=heir, film_id=film_id, score=0.0, reasons=[],
                                                 method="stale", resolved_at=utcnow()))
            members = [heir]
    if not members:
        conn.execute(delete(Film).where(Film.id == film_id))
        return
    conn.execute(update(FilmLink).where(FilmLink.review_id.in_(members)).values(method="stale"))
    conn.execute(delete(ReviewKey).where(ReviewKey.review_id.in_(members)))
    conn.execute(delete(ReviewPending).where(ReviewPending.review_id.in_(members)))
    conn.execute(insert(ReviewPending), [{"review_id": i} for i in members])


def start_run(conn: Connection, kind: str, sites: list[str], options: dict[str, Any] | None) -> int:
    """A new run row; returns its id."""
    row = conn.execute(insert(Run).values(kind=kind, sites=list(sites), options=options or {},
                                                     status="running", counts={}, started_at=utcnow()))
    return int(row.inserted_primary_key[0])  # type: ignore[index]


def finish_run(conn: Connection, run_id: int, counts: Mapping[str, int], status: str, error: str | None) -> None:
    """Close a run with its counts and status."""
    conn.execute(update(Run).where(Run.id == run_id).values(
        counts={str(k): int(v) for k, v in counts.items()}, status=status, error=error, finished_at=utcnow()))


def heartbeat(conn: Connection, run_id: int, counts: Mapping[str, int] | None = None) -> bool:
    """Stamp a running run's heartbeat (and its counts so far); False when the run is not running."""
    values: dict[str, Any] = {"heartbeat_at": utcnow()}
    if counts is not None:
        values["counts"] = {str(k): int(v) for k, v in counts.items()}
    result = conn.execute(update(Run).where(Run.id == run_id, Run.status == "running").values(**values))
    return bool(result.rowcount)


def stale_runs(conn: Connection, kind: str, sites: Iterable[str] | None, older_than: timedelta) -> list[dict[str, Any]]:
    """Running runs of `kind` sharing a site with `sites` (None: any) whose last sign of life is older.

    The last sign of life is the heartbeat, or the start for a run that never beat. Running runs
    are few, so the site overlap and the age are decided here rather than in JSON-aware SQL.
    """
    if not isinstance(older_than, timedelta) or older_than < timedelta(0):
        raise QueryError(f"older_than must be a non-negative timedelta, not {older_than!r}")
    if isinstance(sites, str):  # one site given bare, not as a list of its characters
        sites = [sites]
    wanted = None if sites is None else set(sites)
    cutoff = utcnow() - older_than
    rows = conn.execute(select(Run.__table__).where(Run.kind == kind, Run.status == "running")
                        .order_by(Run.id)).mappings().all()
    stale = []
    for row in rows:
        if wanted is not None and not wanted & set(row["sites"] or []):
            continue
        if _aware(row["heartbeat_at"] or row["started_at"]) < cutoff:
            stale.append(dict(row))
    return stale


def _aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back naive; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

"""SQLAlchemy 2.x typed models of the catalogue (schema revisions 0001, 0003, 0004, 0005 and 0006)."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    """Timezone-aware now (UTC)."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every catalogue table."""


class Run(Base):
    """One crawl / reparse / resolve run with its counts."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    sites: Mapped[list[str]] = mapped_column(JSON, default=list)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="running")
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # revision 0004


class Page(Base):
    """A fetched page: compressed body, headers and validators for incremental crawling."""

    __tablename__ = "pages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    body: Mapped[bytes] = mapped_column(LargeBinary)          # zlib-compressed
    content_hash: Mapped[str] = mapped_column(String(64))     # sha256 of the uncompressed body
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    sitemap_lastmod: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))  # last 304
    run_id: Mapped[int | None] = mapped_column(Integer)


class Rejection(Base):
    """A URL that yielded no review, and why (not a review, fetch failure …)."""

    __tablename__ = "rejections"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, index=True)
    reason: Mapped[str] = mapped_column(Text)
    run_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Review(Base):
    """The current contract record of one review page (upsert key: canonical URL)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    site: Mapped[str] = mapped_column(Text, index=True)
    title: Mapped[str] = mapped_column(Text)
    original_title: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    genres: Mapped[list[str]] = mapped_column(JSON, default=list)
    fsk: Mapped[int | None] = mapped_column(Integer)
    directors: Mapped[list[str]] = mapped_column(JSON, default=list)
    cast: Mapped[list[str]] = mapped_column(JSON, default=list)
    platform: Mapped[str | None] = mapped_column(Text)
    release_date: Mapped[str | None] = mapped_column(String(10))
    rating: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # revision 0005; not a contract field (most pages state none), '[]' for rows stored before it
    writers: Mapped[list[str]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    # revision 0007: why the site no longer lets the page be fetched (robots.txt disallows it) and
    # since when; the review stays current and in its film. None again once the page is fetched.
    withdrawn: Mapped[str | None] = mapped_column(Text)
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    record_hash: Mapped[str] = mapped_column(String(64))
    page_id: Mapped[int | None] = mapped_column(Integer)
    run_id: Mapped[int | None] = mapped_column(Integer)
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewHistory(Base):
    """A superseded version of a review record (kept when a re-crawl changes it)."""

    __tablename__ = "review_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    review_id: Mapped[int] = mapped_column(Integer, index=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)
    record_hash: Mapped[str] = mapped_column(String(64))
    run_id: Mapped[int | None] = mapped_column(Integer)
    replaced_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Film(Base):
    """A resolved film: consensus facts (with provenance in `facts`) under a stable id."""

    __tablename__ = "films"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    original_title: Mapped[str | None] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)
    directors: Mapped[list[str]] = mapped_column(JSON, default=list)
    cast: Mapped[list[str]] = mapped_column(JSON, default=list)
    genres: Mapped[list[str]] = mapped_column(JSON, default=list)
    fsk: Mapped[int | None] = mapped_column(Integer)
    platform: Mapped[str | None] = mapped_column(Text)
    release_date: Mapped[str | None] = mapped_column(String(10))
    n_reviews: Mapped[int] = mapped_column(Integer, default=0)
    facts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # field -> value, support, conflicts
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FilmLink(Base):
    """Which film a review belongs to, with the link's score and reasons."""

    __tablename__ = "film_links"
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id", ondelete="CASCADE"), primary_key=True)
    film_id: Mapped[str] = mapped_column(String(40), index=True)
    score: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    method: Mapped[str] = mapped_column(String(16), default="auto")  # auto | manual | single
    resolved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewKey(Base):
    """A blocking key of a review (normalized title form, director+year), for incremental attach."""

    __tablename__ = "review_keys"
    key: Mapped[str] = mapped_column(Text, primary_key=True)
    review_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    __table_args__ = (Index("ix_review_keys_review", "review_id"),)


class ReviewPending(Base):
    """A new or changed review waiting for resolution (revision 0003; the incremental queue)."""

    __tablename__ = "review_pending"
    review_id: Mapped[int] = mapped_column(Integer, primary_key=True)


class Decision(Base):
    """A manual merge or split, stored by review URLs so that it survives re-resolution."""

    __tablename__ = "decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))                  # merge | split
    film_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    urls_a: Mapped[list[str]] = mapped_column(JSON, default=list)  # merge: all; split: the split-off part
    urls_b: Mapped[list[str]] = mapped_column(JSON, default=list)  # split: the rest of the film
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FilmRedirect(Base):
    """An old film id and the id that now stands for it (after merges and splits)."""

    __tablename__ = "film_redirects"
    old_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    new_id: Mapped[str] = mapped_column(String(40), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Setting(Base):
    """A named value the catalogue keeps about itself (revision 0006), e.g. the resolver's key scheme."""

    __tablename__ = "catalog_settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

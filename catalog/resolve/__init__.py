"""Film resolution: reviews → films as named stages (keys, comparison, clustering, ids, consensus)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from catalog.models import FilmLink, Review
from catalog.resolve import scheme
from catalog.resolve.options import DEFAULT_OPTIONS, ResolveOptions
from catalog.resolve.pipeline import ResolveStats, resolve_conn

__all__ = ["DEFAULT_OPTIONS", "ResolveOptions", "ResolveStats", "needs_full", "resolve", "resolve_conn", "uncertain_links"]


def resolve(engine: Engine, full: bool = False, options: ResolveOptions | None = None) -> ResolveStats:
    """Resolve the catalogue in one transaction (incremental unless `full`, or unless the catalogue's
    keys and links were made under another key scheme: then fully, once, see `scheme`)."""
    with engine.begin() as conn:
        stats = resolve_conn(conn, full=full or scheme.outdated(conn), options=options)
        if stats.mode == "full":
            scheme.stamp(conn)
        return stats


def needs_full(engine: Engine) -> bool:
    """Whether the next resolution must be full because the key scheme changed (an upgrade)."""
    with engine.connect() as conn:
        return scheme.outdated(conn)


def uncertain_links(session: Session, threshold: float | None = None,
                    options: ResolveOptions | None = None) -> list[dict[str, Any]]:
    """Automatic links scoring below `threshold` (default: link threshold + uncertain margin), weakest first."""
    opt = options or DEFAULT_OPTIONS
    limit = opt.threshold + opt.uncertain_margin if threshold is None else threshold
    query = (select(Review.url, Review.title, Review.year, FilmLink.film_id, FilmLink.score, FilmLink.reasons,
                    FilmLink.method)
             .join(Review, Review.id == FilmLink.review_id)
             .where(FilmLink.method == "auto", FilmLink.score < limit)
             .order_by(FilmLink.score, Review.url))
    return [dict(r) for r in session.execute(query).mappings()]

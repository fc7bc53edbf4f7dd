"""Manual merge/split decisions: stored by review URL, applied now, and replayed by every later resolution."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, insert, select

from catalog.errors import NotFoundError, QueryError
from catalog.models import Decision, FilmLink, Review


def effective_constraints(decisions: Sequence[dict[str, Any]]) -> tuple[list[set[str]], list[tuple[set[str], set[str]]]]:
    """Replay decisions in order → must-link URL groups and cannot-link (side A, side B) URL pairs."""
    must: list[set[str]] = []
    cannot: list[tuple[set[str], set[str]]] = []
    for d in decisions:
        a, b = set(d["urls_a"] or []), set(d["urls_b"] or [])
        if d["kind"] == "merge":
            joined = a | b
            cannot = [(x, y) for x, y in cannot if not (x & joined and y & joined)]  # a later merge wins
            must.append(joined)
        else:
            must = [part for g in must for part in (g & a, g - a) if part]  # a later split wins
            must.append(a)
            cannot.append((a, b))
    return _merge_overlapping(must), cannot


def _merge_overlapping(groups: list[set[str]]) -> list[set[str]]:
    out: list[set[str]] = []
    for g in groups:
        g = set(g)
        for other in [o for o in out if o & g]:
            g |= other
            out.remove(other)
        out.append(g)
    return out


def _film_urls(conn: Any, film_id: str) -> list[str]:
    from catalog.resolve.ids import current_id

    fid = current_id(conn, film_id)
    if fid is None:
        raise NotFoundError(f"no film with id {film_id!r}")
    return list(conn.execute(select(Review.url).join(FilmLink, FilmLink.review_id == Review.id)
                             .where(FilmLink.film_id == fid).order_by(Review.url)).scalars())


def merge_films(engine: Engine, film_a: str, film_b: str) -> str:
    """Store 'A and B are one film' and re-place their reviews; returns the id of the merged film."""
    from catalog.resolve.pipeline import apply_decisions

    with engine.begin() as conn:
        urls_a, urls_b = _film_urls(conn, film_a), _film_urls(conn, film_b)
        if set(urls_a) == set(urls_b):
            raise QueryError(f"{film_a!r} and {film_b!r} are already one film")
        conn.execute(insert(Decision), [{"kind": "merge", "film_ids": [film_a, film_b],
                                         "urls_a": urls_a, "urls_b": urls_b}])
        return apply_decisions(conn, urls_a + urls_b)


def split_film(engine: Engine, film_id: str, review_urls: list[str]) -> str:
    """Store 'these reviews are another film' and re-place the film's reviews; returns the split-off film's id."""
    from catalog.resolve.pipeline import apply_decisions

    with engine.begin() as conn:
        urls = _film_urls(conn, film_id)
        wanted = list(dict.fromkeys(review_urls))
        stray = [u for u in wanted if u not in urls]
        if stray:
            raise NotFoundError(f"review {stray[0]!r} does not belong to film {film_id!r}")
        rest = [u for u in urls if u not in wanted]
        if not wanted or not rest:
            raise QueryError("a split needs at least one review on each side")
        conn.execute(insert(Decision), [{"kind": "split", "film_ids": [film_id], "urls_a": wanted, "urls_b": rest}])
        return apply_decisions(conn, wanted + rest)

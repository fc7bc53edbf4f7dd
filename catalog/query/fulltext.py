"""Full-text candidate look-up per dialect: SQLite FTS5 or PostgreSQL tsvector, one interface."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, text

# A query is a list of word groups: every group must match (AND), any word of a group
# may (OR). A word ending in "*" is a prefix. Words are normalized (letters/digits only)
# and are still quoted, so no user text is ever read as query syntax.
Groups = Sequence[Sequence[str]]


class FullText(Protocol):
    """Finds the title rows matching a query, best first."""

    def starting_with(self, conn: Connection, key: str, conds: list[str], params: dict[str, Any],
                      limit: int) -> list[tuple[str, str, str]]:
        """Title rows whose whole search key starts with `key` (a B-tree range, no ranking)."""
        ...

    def candidates(self, conn: Connection, groups: Groups, conds: list[str], params: dict[str, Any],
                   limit: int, any_group: bool = False) -> list[tuple[str, str, str]]:
        """(film_id, normalized title, title) rows; `any_group` relaxes AND to OR."""
        ...


def _quoted(word: str, quote: str) -> str:
    """A query operand in quotes, inner quotes doubled (both FTS5 and tsquery escape this way)."""
    return quote + word.replace(quote, quote * 2) + quote


def _where(conds: list[str]) -> str:
    return "".join(f" AND {c}" for c in conds)


class SqliteFts:
    """FTS5 table search_fts (rowid = search_titles.id), ranked by bm25."""

    def starting_with(self, conn: Connection, key: str, conds: list[str], params: dict[str, Any],
                      limit: int) -> list[tuple[str, str, str]]:
        # BINARY collation compares UTF-8 bytes, so [key, key + U+10FFFF) is exactly the prefix range.
        sql = ("SELECT t.film_id, t.norm, t.title FROM search_titles t JOIN search_films f "
               f"ON f.film_id = t.film_id WHERE t.norm >= :lo AND t.norm < :hi{_where(conds)} LIMIT :limit")
        bound = {**params, "lo": key, "hi": key + "\U0010ffff", "limit": limit}
        return [(r[0], r[1], r[2]) for r in conn.execute(text(sql), bound)]

    def expression(self, groups: Groups, any_group: bool) -> str:
        parts = []
        for group in groups:
            terms = [_quoted(w[:-1], '"') + "*" if w.endswith("*") else _quoted(w, '"') for w in group]
            parts.append("(" + " OR ".join(terms) + ")")
        return (" OR " if any_group else " AND ").join(parts)

    def candidates(self, conn: Connection, groups: Groups, conds: list[str], params: dict[str, Any],
                   limit: int, any_group: bool = False) -> list[tuple[str, str, str]]:
        sql = ("SELECT t.film_id, t.norm, t.title FROM search_fts JOIN search_titles t ON t.id = search_fts.rowid "
               "JOIN search_films f ON f.film_id = t.film_id "
               f"WHERE search_fts MATCH :fts{_where(conds)} ORDER BY search_fts.rank LIMIT :limit")
        bound = {**params, "fts": self.expression(groups, any_group), "limit": limit}
        return [(r[0], r[1], r[2]) for r in conn.execute(text(sql), bound)]


class PostgresFts:
    """GIN index on to_tsvector('simple', norm), ranked by ts_rank."""

    def starting_with(self, conn: Connection, key: str, conds: list[str], params: dict[str, Any],
                      limit: int) -> list[tuple[str, str, str]]:
        # text_pattern_ops index: LIKE 'key%' is a byte-wise range whatever the collation.
        # Keys hold letters, digits and spaces only, so they need no LIKE escaping.
        sql = ("SELECT t.film_id, t.norm, t.title FROM search_titles t JOIN search_films f "
               f"ON f.film_id = t.film_id WHERE t.norm LIKE :pattern{_where(conds)} LIMIT :limit")
        bound = {**params, "pattern": key + "%", "limit": limit}
        return [(r[0], r[1], r[2]) for r in conn.execute(text(sql), bound)]

    def expression(self, groups: Groups, any_group: bool) -> str:
        parts = []
        for group in groups:
            terms = [_quoted(w[:-1], "'") + ":*" if w.endswith("*") else _quoted(w, "'") for w in group]
            parts.append("(" + " | ".join(terms) + ")")
        return (" | " if any_group else " & ").join(parts)

    def candidates(self, conn: Connection, groups: Groups, conds: list[str], params: dict[str, Any],
                   limit: int, any_group: bool = False) -> list[tuple[str, str, str]]:
        sql = ("SELECT t.film_id, t.norm, t.title FROM search_titles t JOIN search_films f ON f.film_id = t.film_id "
               "CROSS JOIN to_tsquery('simple', :fts) q "
               f"WHERE to_tsvector('simple', t.norm) @@ q{_where(conds)} "
               "ORDER BY ts_rank(to_tsvector('simple', t.norm), q) DESC LIMIT :limit")
        bound = {**params, "fts": self.expression(groups, any_group), "limit": limit}
        return [(r[0], r[1], r[2]) for r in conn.execute(text(sql), bound)]


def for_dialect(name: str) -> FullText:
    """The strategy of a SQLAlchemy dialect name."""
    return PostgresFts() if name == "postgresql" else SqliteFts()

"""DDL of the search index: its tables, the full-text index per dialect, and change triggers."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

# Every table of the search index (and SQLite's FTS5 shadow tables search_fts_*) starts with this;
# they are built by revision 0002's DDL, not declared in catalog.models.
SEARCH_TABLE_PREFIX = "search_"

# Tables the catalogue writes whose changes make films' index rows stale, and how a
# row names the film(s) it touches. Triggers only record film ids in search_dirty;
# the (Python) normalization runs later in catalog.query.index.refresh().
SQLITE_TRIGGERS = {
    "search_dirty_film_ins": "AFTER INSERT ON films BEGIN {ins} VALUES (NEW.id); END",
    "search_dirty_film_upd": "AFTER UPDATE ON films BEGIN {ins} VALUES (NEW.id); {ins} VALUES (OLD.id); END",
    "search_dirty_film_del": "AFTER DELETE ON films BEGIN {ins} VALUES (OLD.id); END",
    "search_dirty_link_ins": "AFTER INSERT ON film_links BEGIN {ins} VALUES (NEW.film_id); END",
    "search_dirty_link_upd": ("AFTER UPDATE ON film_links BEGIN {ins} VALUES (NEW.film_id); "
                              "{ins} VALUES (OLD.film_id); END"),
    "search_dirty_link_del": "AFTER DELETE ON film_links BEGIN {ins} VALUES (OLD.film_id); END",
    "search_dirty_review_upd": ("AFTER UPDATE ON reviews BEGIN "
                                "{ins} SELECT film_id FROM film_links WHERE review_id = NEW.id; END"),
    "search_dirty_review_del": ("BEFORE DELETE ON reviews BEGIN "
                                "{ins} SELECT film_id FROM film_links WHERE review_id = OLD.id; END"),
}
SQLITE_INSERT = "INSERT OR IGNORE INTO search_dirty (film_id)"

# PostgreSQL: a helper that marks one film, and one row-level trigger function per table.
PG_MARK = """
CREATE OR REPLACE FUNCTION search_mark(fid text) RETURNS void AS $$
BEGIN
  IF fid IS NOT NULL THEN
    INSERT INTO search_dirty (film_id) VALUES (fid) ON CONFLICT DO NOTHING;
  END IF;
END $$ LANGUAGE plpgsql
"""
PG_TRIGGER_FUNCS = {
    "search_dirty_films": """
CREATE OR REPLACE FUNCTION search_dirty_films() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM search_mark(NEW.id); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM search_mark(OLD.id); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    "search_dirty_film_links": """
CREATE OR REPLACE FUNCTION search_dirty_film_links() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN PERFORM search_mark(NEW.film_id); END IF;
  IF TG_OP <> 'INSERT' THEN PERFORM search_mark(OLD.film_id); END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
    "search_dirty_reviews": """
CREATE OR REPLACE FUNCTION search_dirty_reviews() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_dirty (film_id)
    SELECT film_id FROM film_links WHERE review_id = OLD.id ON CONFLICT DO NOTHING;
  -- a BEFORE trigger returning NULL would cancel the row's change: hand the row back
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
}
PG_TRIGGERS = {
    "search_dirty_films": "AFTER INSERT OR UPDATE OR DELETE ON films",
    "search_dirty_film_links": "AFTER INSERT OR UPDATE OR DELETE ON film_links",
    # BEFORE DELETE: the cascade would remove the link before an AFTER trigger could read it.
    "search_dirty_reviews": "BEFORE UPDATE OR DELETE ON reviews",
}
PG_PREFIX_INDEX = ("CREATE INDEX IF NOT EXISTS ix_search_titles_norm ON search_titles "
                   "(norm text_pattern_ops)")
SQLITE_PREFIX_INDEX = "CREATE INDEX IF NOT EXISTS ix_search_titles_norm ON search_titles (norm)"
PG_FTS_INDEX = ("CREATE INDEX IF NOT EXISTS ix_search_titles_tsv ON search_titles "
                "USING gin (to_tsvector('simple', norm))")
# prefix indexes of 2–4 characters keep "typing in progress" prefix queries off full scans
SQLITE_FTS = ("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
              "norm, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3 4')")


def install_triggers(conn: Connection) -> None:
    """Create (or re-create) the change triggers on the catalogue's tables."""
    if conn.dialect.name == "postgresql":
        conn.execute(text(PG_MARK))
        for name, body in PG_TRIGGER_FUNCS.items():
            conn.execute(text(body))
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {PG_TRIGGERS[name].split(' ON ')[1]}"))
            conn.execute(text(f"CREATE TRIGGER {name} {PG_TRIGGERS[name]} FOR EACH ROW EXECUTE FUNCTION {name}()"))
        return
    for name, body in SQLITE_TRIGGERS.items():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        conn.execute(text(f"CREATE TRIGGER {name} {body.format(ins=SQLITE_INSERT)}"))


def drop_triggers(conn: Connection) -> None:
    """Remove the change triggers (downgrade)."""
    if conn.dialect.name == "postgresql":
        for name, spec in PG_TRIGGERS.items():
            conn.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {spec.split(' ON ')[1]}"))
            conn.execute(text(f"DROP FUNCTION IF EXISTS {name}()"))
        conn.execute(text("DROP FUNCTION IF EXISTS search_mark(text)"))
        return
    for name in SQLITE_TRIGGERS:
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def triggers_missing(conn: Connection) -> bool:
    """Whether any change trigger is gone (SQLite batch migrations drop a table's triggers)."""
    if conn.dialect.name == "postgresql":
        found = conn.execute(text("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'search_dirty_%'")).scalar()
        return int(found or 0) < len(PG_TRIGGERS)
    found = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                              "AND name LIKE 'search_dirty_%'")).scalar()
    return int(found or 0) < len(SQLITE_TRIGGERS)


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Alembic autogenerate filter: leave the search index's tables and their indexes alone.

    They are not in the models' metadata, so autogenerate would otherwise propose dropping them.
    (Triggers and PL/pgSQL functions are never compared by autogenerate.)
    """
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return not (reflected and compare_to is None and str(table or "").startswith(SEARCH_TABLE_PREFIX))

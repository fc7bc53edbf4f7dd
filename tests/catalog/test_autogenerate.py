"""Autogenerate against a migrated catalogue finds nothing to do: models and migrations agree, search tables kept."""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from catalog import Catalog
from catalog.db import _alembic_config
from catalog.models import Base
from catalog.query import refresh_index
from catalog.query.ddl import include_object

REC = {"url": "http://site.test/r/1/", "site": "site.test", "title": "Ein Film", "year": 2020}


def _diffs(url: str, **opts: Any) -> list[Any]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    finally:
        engine.dispose()


def _migrated(url: str) -> None:
    with Catalog(url) as cat:  # migrated to head, with a filled search index
        cat.upsert_review(REC)
        cat.resolve()
        refresh_index(cat)


def test_no_diffs_with_the_search_filter(any_db_url: str) -> None:
    _migrated(any_db_url)
    assert _diffs(any_db_url, include_object=include_object) == []
    unfiltered = {d[1].name for d in _diffs(any_db_url) if d[0] == "remove_table"}
    assert {"search_films", "search_titles", "search_facets"} <= unfiltered  # what the filter is for


def test_alembic_check_through_env_py(any_db_url: str) -> None:
    """`alembic check` runs the real env.py (its include_object) and raises on any pending operation."""
    _migrated(any_db_url)
    engine = sa.create_engine(any_db_url)
    try:
        with engine.connect() as conn:
            cfg = _alembic_config()
            cfg.attributes["connection"] = conn
            command.check(cfg)
    finally:
        engine.dispose()

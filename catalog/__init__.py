"""filmcat's database side: models, storage, film resolution, queries and reports."""
from __future__ import annotations

from catalog.api import Catalog
from catalog.errors import AmbiguousError, CatalogError, DatabaseError, NotFoundError, QueryError
from catalog.store import PageState, StoredPage, StoredPageBody, UpsertResult

__all__ = ["AmbiguousError", "Catalog", "CatalogError", "DatabaseError", "NotFoundError", "PageState",
           "QueryError", "StoredPage", "StoredPageBody", "UpsertResult"]

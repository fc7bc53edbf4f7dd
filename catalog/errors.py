"""Exception hierarchy of the catalog package.

CatalogError            base of every catalogue error (str(exc) is a one-line message)
├── DatabaseError       the database cannot be opened, migrated or written
│   └── CatalogUnwritable   ... and no write will succeed until someone acts (disk full, read-only,
│                           I/O error, connection to the server lost): retrying page by page is futile
├── NotFoundError       a film, review or page asked for does not exist
├── AmbiguousError      a name matches several films (the candidates are attached)
└── QueryError          a malformed query or filter value
"""
from __future__ import annotations


class CatalogError(Exception):
    """Base class of catalogue errors."""


class DatabaseError(CatalogError):
    """The database cannot be opened, migrated or written."""


class CatalogUnwritable(DatabaseError):
    """The database accepts no writes now: its disk is full, it is read-only, its file cannot be
    read or written, or its server went away. A crawl stops instead of failing every page."""


class NotFoundError(CatalogError):
    """A film, review or page asked for does not exist."""


class AmbiguousError(CatalogError):
    """A name matches several films."""

    def __init__(self, message: str, candidates: list | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class QueryError(CatalogError):
    """A malformed query or filter value."""

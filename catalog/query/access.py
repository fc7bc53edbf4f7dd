"""Accepts whatever handle the caller has (Catalog, Engine, Session, Connection) and yields an engine."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from catalog.errors import QueryError


def engine_of(handle: Any) -> Engine:
    """The engine behind a Catalog, Session, Connection or Engine."""
    if isinstance(handle, Engine):
        return handle
    if isinstance(handle, Connection):
        return handle.engine
    if isinstance(handle, Session):
        bind = handle.get_bind()
        return bind if isinstance(bind, Engine) else bind.engine
    engine = getattr(handle, "engine", None)
    if isinstance(engine, Engine):
        return engine
    raise QueryError(f"not a catalogue handle: {type(handle).__name__}")

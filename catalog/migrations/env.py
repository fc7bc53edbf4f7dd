"""Alembic environment: runs migrations on the connection catalog.db.migrate() hands over."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from catalog.models import Base
from catalog.query.ddl import include_object

target_metadata = Base.metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the `alembic` command line: open the URL from the ini file
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///filmcat.db")
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True,
                              include_object=include_object)
            context.run_migrations()
        return
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      include_object=include_object)
    context.run_migrations()


run()

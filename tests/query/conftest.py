"""A prepared catalogue per backend, shared by the read-only query tests of a module."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.query.catalogue import build


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def films_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a catalogue built from tests.query.catalogue.RECORDS (do not write to it)."""
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('films')) / 'catalog.db'}"
        build(url)
        yield url
        return
    server = request.getfixturevalue("postgres_server")
    name = f"q_{uuid.uuid4().hex[:12]}"
    url = server.create_database(name)
    try:
        build(url)
        yield url
    finally:
        server.drop_database(name)

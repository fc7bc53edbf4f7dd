"""Shared fixtures: catalogue URLs for every backend the suite runs against, and real servers."""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests import servers

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Property tests explore new random inputs on every local run (and keep what failed in .hypothesis/); in CI
# they replay one fixed sequence, so a landing is not decided by a new example drawn that day. A failure found
# locally is fixed and pinned with @example, not left to the CI draw.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if IN_CI:
    hypothesis_settings.load_profile("ci")


def _unavailable(reason: str) -> None:
    """Skip locally with the reason; in CI a missing server is a failure, not a skip."""
    if IN_CI:
        pytest.fail(f"{reason} — required in CI (CI=true)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh, empty SQLite catalogue URL."""
    return f"sqlite:///{tmp_path / 'catalog.db'}"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (present locally and in CI)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the suite needs the shared/ folder beside the checkout")
    return SHARED


# --- PostgreSQL ------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[servers.PostgresServer]:
    """One PostgreSQL cluster for the whole session (started on first use)."""
    try:
        server = servers.start_postgres()
    except servers.ServerUnavailable as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(postgres_server: servers.PostgresServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database URL (postgresql+psycopg://…), dropped after the test."""
    name = f"t_{uuid.uuid4().hex[:12]}"
    url = postgres_server.create_database(name)
    try:
        yield url
    finally:
        # WITH (FORCE) ends connections a test left in a pool, so the drop never waits on them.
        postgres_server.drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty catalogue URL, once per backend: SQLite and PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'catalog.db'}"
    return str(request.getfixturevalue("pg_url"))


# --- Redis -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def redis_server() -> Iterator[servers.RedisServer]:
    """One redis-server for the whole session (started on first use)."""
    try:
        server = servers.start_redis()
    except servers.ServerUnavailable as exc:
        _unavailable(str(exc))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def redis_url(redis_server: servers.RedisServer) -> Iterator[str]:
    """The URL of an emptied Redis database (redis://127.0.0.1:PORT/0)."""
    import redis

    url = redis_server.url(0)
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield url
    finally:
        client.flushdb()
        client.close()

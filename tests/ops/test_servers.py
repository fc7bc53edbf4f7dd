"""The server fixtures start real PostgreSQL and Redis servers that the catalogue can use."""
from __future__ import annotations

import sqlalchemy as sa

from tests import servers


def test_any_db_url_is_a_fresh_working_database(any_db_url: str) -> None:
    engine = sa.create_engine(any_db_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE t (x INTEGER)"))
            conn.execute(sa.text("INSERT INTO t VALUES (1), (2)"))
            assert conn.execute(sa.text("SELECT count(*) FROM t")).scalar_one() == 2
    finally:
        engine.dispose()


def test_pg_databases_are_isolated(postgres_server: servers.PostgresServer, pg_url: str) -> None:
    assert pg_url.startswith("postgresql+psycopg://")
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            tables = conn.execute(sa.text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )).scalar_one()
        assert tables == 0
    finally:
        engine.dispose()


def test_redis_url_is_an_empty_database(redis_url: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        assert client.dbsize() == 0
        client.set("k", "v")
        assert client.get("k") == b"v"
    finally:
        client.close()


def test_free_port_is_bindable() -> None:
    import socket

    port = servers.free_port()
    with socket.socket() as sock:
        sock.bind((servers.HOST, port))

"""The catalogue on PostgreSQL: migrations, concurrent crawls into one database, no password in errors."""
from __future__ import annotations

import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack

import pytest
import sqlalchemy as sa

from catalog import Catalog
from tests import servers
from tests.ops import crawlers
from tests.ops.conftest import paths_of
from tests.ops.site import CountingSite

pytestmark = pytest.mark.postgres

SITES = ("filmwaechter.de", "kritikenkiste.de")


def _heads() -> set[str]:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from catalog import db

    cfg = Config(str(db.HERE / "alembic.ini"))
    cfg.set_main_option("script_location", str(db.HERE / "migrations"))
    return set(ScriptDirectory.from_config(cfg).get_heads())


def test_migrations_reach_head_and_reopen_is_a_no_op(pg_url: str) -> None:
    Catalog(pg_url).close()
    engine = sa.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            versions = {r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}
            tables = set(sa.inspect(conn).get_table_names())
        assert versions == _heads()
        assert {"runs", "pages"} <= tables
    finally:
        engine.dispose()
    with Catalog(pg_url) as catalog:  # second open: already at head
        assert list(catalog.iter_reviews()) == []


OPEN = "import sys; from catalog import Catalog; Catalog(sys.argv[1]).close()"


def _open_at_once(url: str, n: int = 4, code: str = OPEN) -> None:
    procs = [subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True)
             for _ in range(n)]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * n, [e[-300:] for e in errors if e]


def test_first_opens_at_once_all_migrate(any_db_url: str) -> None:
    """Four processes open one fresh catalogue at the same moment (crawls started together by cron)."""
    _open_at_once(any_db_url)


def test_two_crawls_at_once_into_one_fresh_catalogue(pg_url: str,
                                                     baseline_paths: Callable[[str], set[str]]) -> None:
    """Both crawls cover both sites at the same time: every review once, none lost, both runs finished."""
    expected = Counter({p: 1 for s in SITES for p in baseline_paths(s)})
    with ExitStack() as stack:
        sites = [stack.enter_context(CountingSite(crawlers.CORPUS / s, delay=0.02)) for s in SITES]
        starts = [a for site in sites for a in ("--start-url", site.url)]
        procs = [crawlers.start("crawl", *starts, "--db", pg_url, "--set", "FILMCAT_WRITE_BATCH=2")
                 for _ in range(2)]
        results = [p.communicate(timeout=240) for p in procs]
    for proc, (_, err) in zip(procs, results):
        assert crawlers.no_traceback(err), err[-2000:]
        assert proc.returncode == 0, err[-2000:]
    stored = Counter(paths_of(crawlers.review_urls(pg_url)))
    assert stored == expected
    with Catalog(pg_url) as catalog:
        runs = [r for r in catalog.iter_runs() if r["kind"] == "crawl"]
        films = list(catalog.iter_films())
    assert [r["status"] for r in runs] == ["finished", "finished"]
    assert sum(len(f["review_urls"]) for f in films) == sum(expected.values()), "a review is in two films"


@pytest.mark.parametrize("command", [["export", "reviews"], ["schedule", "status"], ["runs"]])
def test_bad_password_is_one_line_without_the_password(postgres_server: servers.PostgresServer,
                                                       command: list[str], tmp_path_factory) -> None:
    url = postgres_server.url("postgres", password="n0t-the-Secret")
    env = {"FILMCAT_DB": url}
    extra = ["--crontab-file", str(tmp_path_factory.mktemp("cron") / "crontab")] if command[0] == "schedule" else []
    if command[0] == "schedule":  # status opens the catalogue of each entry: give it one
        added = crawlers.run("schedule", "add", "http://127.0.0.1:9/", "--every", "1d", *extra, env=env)
        assert added.returncode == 0, added.stderr
    done = crawlers.run(*command, *extra, "--db", url, env=env)
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert "n0t-the-Secret" not in out
    assert postgres_server.password not in out
    assert crawlers.no_traceback(done.stderr)
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "***" in done.stderr or "password" in done.stderr.lower()

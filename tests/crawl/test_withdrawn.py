"""Re-crawls of stored reviews whose pages robots.txt newly disallows: kept, in their films, marked withdrawn."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from catalog import Catalog
from tests.crawl.test_incremental import _crawl
from tests.httpserver import SiteServer, page, raw, run_cli, serve

SITE = "filmwaechter.de"
PAGES = {"/k/a": "2023/10/06/ballerina-kritik-netflix/index.html",
         "/k/b": "2023/07/20/oppenheimer-kritik-kino/index.html"}


def _site(srv: SiteServer, shared_dir: Path, robots: str) -> None:
    links = " ".join(f'<a href="{p}">{p}</a>' for p in PAGES)
    srv.routes.update({"/": page(f"<html><body><h1>Start</h1>{links}</body></html>"),
                       "/robots.txt": page(robots, ctype="text/plain")})
    srv.routes.update({p: raw((shared_dir / "corpus" / "dev" / "sites" / SITE / rel).read_bytes())
                       for p, rel in PAGES.items()})


def _reviews(db: str) -> dict[str, dict]:  # type: ignore[type-arg]
    with Catalog(db) as catalog:
        return {r["url"].rsplit("/", 1)[1]: r for r in catalog.iter_reviews()}


def test_newly_disallowed_reviews_stay_marked_withdrawn_until_allowed_again(shared_dir: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    today = datetime.now(UTC).date().isoformat()
    with serve(None, "127.0.0.94") as srv:
        _site(srv, shared_dir, "User-agent: *\nDisallow:\n")
        assert _crawl(srv, db).get("reviews_new") == 2
        films_before = {r["url"]: r["film_id"] for r in _reviews(db).values()}

        srv.routes["/robots.txt"] = page("User-agent: *\nDisallow: /k/b\n", ctype="text/plain")
        second = _crawl(srv, db)
        assert second.get("reviews_withdrawn") == 1 and not second.get("reviews_retired"), second
        reviews = _reviews(db)
        assert reviews["b"]["withdrawn"] == {"reason": "disallowed by robots.txt", "since": today}
        assert "withdrawn" not in reviews["a"]
        assert {r["url"]: r["film_id"] for r in reviews.values()} == films_before  # still current, same films
        exported = run_cli("export", "films", "--db", db)
        urls = {u for line in exported.stdout.splitlines() for u in json.loads(line)["review_urls"]}
        assert urls == set(films_before)
        shown = run_cli("search", "oppenheimer", "--format", "json", "--db", db)
        assert shown.returncode == 0 and json.loads(shown.stdout), shown.stderr
        film = reviews["b"]["film_id"]
        details = json.loads(run_cli("show", film, "--format", "json", "--db", db).stdout)
        assert [(r["withdrawn"], r["withdrawn_since"]) for r in details["reviews"]] == \
            [("disallowed by robots.txt", today)]
        text = run_cli("show", film, "--db", db).stdout
        assert f"[withdrawn {today}: disallowed by robots.txt]" in text, text

        third = _crawl(srv, db)  # still disallowed: marked once, the first date kept
        assert not third.get("reviews_withdrawn"), third
        assert _reviews(db)["b"]["withdrawn"]["since"] == today

        srv.routes["/robots.txt"] = page("User-agent: *\nDisallow:\n", ctype="text/plain")
        _crawl(srv, db)
        assert all("withdrawn" not in r for r in _reviews(db).values())


def test_an_unreachable_robots_txt_withdraws_nothing(shared_dir: Path, tmp_path: Path) -> None:
    """robots.txt failing (5xx) stops the crawl of the site, but says nothing about its pages."""
    db = f"sqlite:///{tmp_path / 'c.db'}"
    with serve(None, "127.0.0.95") as srv:
        _site(srv, shared_dir, "User-agent: *\nDisallow:\n")
        assert _crawl(srv, db).get("reviews_new") == 2
        srv.routes["/robots.txt"] = page("<html>down</html>", status=503)
        run_cli("crawl", "--db", db, "--start-url", srv.origin + "/", "--set", "FILMCAT_EXTRACT_EXECUTOR=thread",
                "--set", "RETRY_TIMES=0")
    assert all("withdrawn" not in r for r in _reviews(db).values())


def test_withdraw_reviews_api(db_url: str) -> None:
    from tests.query.catalogue import RECORDS

    with Catalog(db_url) as catalog:
        catalog.upsert_reviews(RECORDS[:2])
        url = RECORDS[0]["url"]
        assert catalog.withdraw_reviews({url: "disallowed by robots.txt", "http://x.example/none/": "r"}) == [url]
        assert catalog.withdraw_reviews([(url, "disallowed by robots.txt")]) == []  # already marked
        catalog.mark_not_modified(url)  # a 304 for it: fetchable again
        assert all("withdrawn" not in r for r in catalog.iter_reviews())
        for bad in ([("only-url",)], [(url, "")]):
            try:
                catalog.withdraw_reviews(bad)  # type: ignore[arg-type]
            except Exception as exc:  # noqa: BLE001
                assert type(exc).__name__ == "QueryError"
            else:
                raise AssertionError(f"{bad!r} accepted")


def test_revision_0007_up_and_down_keeps_reviews(any_db_url: str) -> None:
    import sqlalchemy as sa

    from tests.catalog.test_heartbeat import _alembic
    from tests.query.catalogue import RECORDS

    def review_columns() -> set[str]:
        engine = sa.create_engine(url)
        try:
            return {c["name"] for c in sa.inspect(engine).get_columns("reviews")}
        finally:
            engine.dispose()

    url = any_db_url.replace("postgresql://", "postgresql+psycopg://")
    with Catalog(any_db_url) as catalog:
        catalog.upsert_reviews(RECORDS[:2])
        catalog.withdraw_reviews([(RECORDS[0]["url"], "disallowed by robots.txt")])
    _alembic(url, "downgrade", "0006")
    assert "withdrawn" not in review_columns()
    _alembic(url, "upgrade", "0007")
    assert {"withdrawn", "withdrawn_at"} <= review_columns()
    with Catalog(any_db_url) as catalog:
        reviews = list(catalog.iter_reviews())
    assert len(reviews) == 2 and all("withdrawn" not in r for r in reviews)  # the mark went with the columns

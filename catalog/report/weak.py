"""Low-confidence review→film links, as the resolver scored and explained them."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import BindParameter

from catalog.report.load import chunks, json_list, split_command
from catalog.report.model import WeakLink

_URLS: BindParameter[Any] = bindparam("urls", expanding=True)


def weak_links(conn: Connection, only: set[str] | None = None) -> list[WeakLink]:
    """Automatic links below the resolver's confidence margin, weakest first."""
    from catalog.resolve import uncertain_links  # the resolver owns what "uncertain" means

    with Session(bind=conn) as session:
        links = uncertain_links(session)
    if only is not None:
        links = [link for link in links if link["film_id"] in only]
    sites = _sites(conn, [link["url"] for link in links])
    titles = _film_titles(conn, sorted({link["film_id"] for link in links}))
    return [_weak(link, sites.get(link["url"], ""), titles.get(link["film_id"], "")) for link in links]


def _weak(link: dict[str, Any], site: str, film_title: str) -> WeakLink:
    score = link.get("score")
    return WeakLink(review_url=link["url"], site=site, review_title=link.get("title") or "",
                    film_id=link["film_id"], film_title=film_title or "",
                    score=float(score) if score is not None else None,
                    reasons=tuple(json_list(link.get("reasons"))),
                    split_command=split_command(link["film_id"], [link["url"]]))


def _sites(conn: Connection, urls: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in chunks(urls):
        out.update(conn.execute(text("SELECT url, site FROM reviews WHERE url IN :urls").bindparams(_URLS),
                                {"urls": part}).all())
    return out


def _film_titles(conn: Connection, ids: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in chunks(ids):
        rows = conn.execute(text("SELECT id, title FROM films WHERE id IN :ids")
                            .bindparams(bindparam("ids", expanding=True)), {"ids": part})
        out.update({r[0]: r[1] for r in rows})
    return out

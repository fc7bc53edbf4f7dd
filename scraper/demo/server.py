"""Serve each demo site folder on its own 127.0.0.1 port, then crawl them all into one catalogue."""
from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scraper.errors import InputError

SITES_PACKAGE = "scraper.demo"
LOC = re.compile(rb"<loc>\s*/")
SITEMAP_LINE = re.compile(rb"(?im)^(sitemap:\s*)/")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; robots.txt and sitemaps get absolute URLs of the origin they are served on,
    as real sites have (the folders keep them root-relative so they work on any port)."""

    def log_message(self, *args: object) -> None:  # the crawl's own progress is the output
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/robots.txt" or path.endswith(".xml"):
            f = Path(self.directory) / path.lstrip("/")
            if f.is_file():
                self._absolute(f, path)
                return
        super().do_GET()

    def _absolute(self, f: Path, path: str) -> None:
        host, port = self.server.server_address[:2]  # type: ignore[index,misc,str-unpack]
        origin = f"http://{host}:{port}".encode()
        body = SITEMAP_LINE.sub(rb"\g<1>" + origin + b"/", LOC.sub(b"<loc>" + origin + b"/", f.read_bytes()))
        self.send_response(200)
        self.send_header("Content-Type", "text/plain; charset=utf-8" if path.endswith(".txt") else "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # a crawl opens several connections at once


@dataclass(frozen=True)
class ServedSite:
    """One demo site folder and the loopback origin it is served on."""

    name: str
    origin: str


@contextmanager
def serve_folder(folder: Path, host: str = "127.0.0.1") -> Iterator[ServedSite]:
    """Serve one folder on a free port of `host` until the block ends."""
    server = _Server((host, 0), functools.partial(_Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True, name=f"demo-{folder.name}").start()
    try:
        yield ServedSite(folder.name, f"http://{host}:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()


def site_folders(root: Path) -> list[Path]:
    """Every site folder under `root` (a folder with an index.html)."""
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "index.html").is_file())


@contextmanager
def serve_demo_sites() -> Iterator[list[ServedSite]]:
    """Serve every shipped demo site, each on its own port."""
    with as_file(files(SITES_PACKAGE).joinpath("sites")) as root, ExitStack() as stack:
        folders = site_folders(Path(root)) if Path(root).is_dir() else []
        if not folders:
            raise InputError("no demo sites are installed (scraper/demo/sites is empty)")
        yield [stack.enter_context(serve_folder(f)) for f in folders]


@dataclass
class DemoResult:
    """What the demo found: the run, the films, and the titles several films share."""

    sites: list[ServedSite]
    summary: Any
    films: list[dict[str, Any]]
    shared_titles: list[Any]


def run_demo(db_url: str, settings: dict[str, Any] | None = None) -> DemoResult:
    """Serve the demo sites on loopback, crawl them into `db_url`, and read back films and namesakes."""
    from catalog import Catalog
    from catalog.report import disambiguation
    from scraper.crawl import run_crawl

    with serve_demo_sites() as sites:
        summary = run_crawl([s.origin + "/" for s in sites], db_url, settings=settings)
    with Catalog(db_url) as catalog:
        films = list(catalog.iter_films())
        shared = list(disambiguation(catalog).shared_titles)
    return DemoResult(sites, summary, films, shared)

"""A reusable loopback test server: static site folders plus misbehaving routes, logging every request."""
from __future__ import annotations

import functools
import gzip
import http.server
import re
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

# A route gets the handler and returns nothing: it writes the whole answer itself.
Route = Callable[["Handler"], None]


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files from the site folder; routes win; robots.txt and sitemaps get absolute URLs."""

    server: SiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def _dispatch(self) -> bool:
        self.server.log(self.command, self.path, dict(self.headers.items()))
        path = urlsplit(self.path).path
        route = self.server.routes.get(path) or self.server.prefixed(path)
        if route is not None:
            route(self)
            return True
        if path == "/robots.txt" or path.endswith(".xml"):
            return self._absolute_urls(path)
        return False

    def _absolute_urls(self, path: str) -> bool:
        f = Path(self.directory) / path.lstrip("/")
        if not f.is_file():
            return False
        origin = self.server.origin.encode()
        body = re.sub(rb"<loc>\s*/", b"<loc>" + origin + b"/", f.read_bytes())
        body = re.sub(rb"(?im)^(sitemap:\s*)/", rb"\g<1>" + origin + b"/", body)
        self.reply(200, body, "text/plain" if path.endswith(".txt") else "application/xml")
        return True

    def do_GET(self) -> None:
        if not self._dispatch():
            super().do_GET()

    def do_HEAD(self) -> None:
        if not self._dispatch():
            super().do_HEAD()

    def reply(self, status: int, body: bytes, ctype: str | None = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        """A complete answer with Content-Length."""
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    """One site on one loopback port; `requests` lists (method, path, headers) as received."""

    daemon_threads = True
    request_queue_size = 128   # listen backlog: the default 5 drops SYNs when a crawl opens 8+ connections

    def __init__(self, root: Path | None, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.prefix_routes: dict[str, Route] = {}   # path prefix -> route (longest prefix wins)
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.timed: list[tuple[float, str]] = []   # (time.monotonic(), path) per request
        self.delay = 0.0                            # seconds every answer is held back
        self._lock = threading.Lock()
        # routes only: static lookups fall through to an empty temporary folder (404), removed on close
        self._empty = None if root else tempfile.TemporaryDirectory(prefix="filmcat-empty-site-")
        directory = str(root) if root else self._empty.name  # type: ignore[union-attr]
        super().__init__((host, 0), functools.partial(Handler, directory=directory))

    def server_close(self) -> None:
        super().server_close()
        if self._empty is not None:
            self._empty.cleanup()
            self._empty = None

    @property
    def origin(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def log(self, method: str, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append((method, path, headers))
            self.timed.append((time.monotonic(), path))
        if self.delay:
            time.sleep(self.delay)

    def prefixed(self, path: str) -> Route | None:
        """The route of the longest registered prefix of `path`, if any."""
        best = max((p for p in self.prefix_routes if path.startswith(p)), key=len, default=None)
        return self.prefix_routes[best] if best is not None else None

    def paths(self) -> list[str]:
        with self._lock:
            return [p for _, p, _ in self.requests]

    def route(self, path: str) -> Callable[[Route], Route]:
        """Decorator: serve `path` with a function of the handler."""
        def add(func: Route) -> Route:
            self.routes[path] = func
            return func
        return add


@contextmanager
def serve(root: Path | None = None, host: str = "127.0.0.1") -> Iterator[SiteServer]:
    """Serve `root` (or only routes) on a free port of `host` until the block ends."""
    server = SiteServer(root, host)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- misbehaving routes

def page(body: str, status: int = 200, ctype: str | None = "text/html; charset=utf-8",
         headers: dict[str, str] | None = None) -> Route:
    return lambda h: h.reply(status, body.encode("utf-8"), ctype, headers)


def raw(body: bytes, status: int = 200, ctype: str | None = "text/html", headers: dict[str, str] | None = None) -> Route:
    return lambda h: h.reply(status, body, ctype, headers)


def redirect(location: str, status: int = 302) -> Route:
    return lambda h: h.reply(status, b"", None, {"Location": location})


def slow(seconds: float, body: str = "<html><body>late</body></html>") -> Route:
    def route(h: Handler) -> None:
        time.sleep(seconds)
        try:
            h.reply(200, body.encode())
        except OSError:  # the client gave up first
            pass
    return route


def reset() -> Route:
    """Accept the request, then drop the connection with a TCP RST."""
    def route(h: Handler) -> None:
        h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        h.connection.close()
        h.close_connection = True
    return route


def truncated(body: str, announced_extra: int = 5000) -> Route:
    """Announce more bytes than are sent, then close."""
    def route(h: Handler) -> None:
        data = body.encode()
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(data) + announced_extra))
        h.end_headers()
        h.wfile.write(data)
        h.wfile.flush()
        h.close_connection = True
        h.connection.shutdown(socket.SHUT_RDWR)
    return route


def drip(body: bytes, chunk: int = 1, interval: float = 0.2) -> Route:
    """Announce the whole body, then send it `chunk` bytes every `interval` seconds (a slow drip)."""
    def route(h: Handler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html; charset=utf-8")
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        try:
            for i in range(0, len(body), chunk):
                h.wfile.write(body[i:i + chunk])
                h.wfile.flush()
                time.sleep(interval)
        except OSError:  # the client gave up
            pass
        h.close_connection = True
    return route


def hang(seconds: float = 30.0) -> Route:
    """Accept the request and never answer (for `seconds`, then close without a byte)."""
    def route(h: Handler) -> None:
        time.sleep(seconds)
        h.close_connection = True
    return route


def raw_response(data: bytes) -> Route:
    """Write `data` as the whole answer, status line and headers included, then close."""
    def route(h: Handler) -> None:
        try:
            h.wfile.write(data)
            h.wfile.flush()
            h.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        h.close_connection = True
    return route


def gzip_bomb(megabytes: int) -> Route:
    """A small gzip body that inflates to `megabytes` MB of zeros."""
    data = gzip.compress(b"\0" * (megabytes * 1024 * 1024), compresslevel=9)
    return raw(data, headers={"Content-Encoding": "gzip"})


def retry_after(seconds: int, then: str, status: int = 503, times: int = 1) -> Route:
    """Answer `status` with Retry-After `times` times, then 200 with `then`."""
    left = [times]

    def route(h: Handler) -> None:
        if left[0] > 0:
            left[0] -= 1
            h.reply(status, b"busy", "text/plain", {"Retry-After": str(seconds)})
        else:
            h.reply(200, then.encode())
    return route


def conditional(body: str, etag: str) -> Route:
    """ETag-aware page: 304 when If-None-Match matches."""
    def route(h: Handler) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.reply(304, b"", None, {"ETag": etag})
        else:
            h.reply(200, body.encode(), headers={"ETag": etag})
    return route


# ---------------------------------------------------------------- running the CLI

def run_cli(*args: str, timeout: float = 120, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """`filmcat ARGS…` in a fresh process (one reactor per crawl), as CompletedProcess."""
    import os
    import subprocess
    import sys

    full_env = dict(os.environ, **(env or {}))
    full_env.pop("FILMCAT_DEBUG", None)
    cmd = [sys.executable, "-c", "from scraper.cli import main; main()", *args]
    return subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, env=full_env,
                          cwd=str(Path(__file__).resolve().parent.parent))


def assert_no_traceback(text: str) -> None:
    assert "Traceback (most recent call last)" not in text, text[-3000:]

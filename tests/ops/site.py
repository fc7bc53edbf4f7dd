"""A static test site on 127.0.0.1 that counts every request per path (and can slow down or wait)."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

ROBOTS = "/robots.txt"
HOLD_TIMEOUT = 30.0  # seconds: a worker that never starts must not hang the test for ever


class CountingSite:
    """Serves a folder; `hits` counts requests per path (query dropped), robots.txt included.

    delay: seconds each page response waits (robots.txt is never delayed).
    hold: page responses wait until hold() is true (e.g. all crawler workers have started),
    polled every 50 ms for at most HOLD_TIMEOUT seconds.
    """

    def __init__(self, root: Path, delay: float = 0.0, hold: Callable[[], bool] | None = None,
                 host: str = "127.0.0.1") -> None:
        self.root = root
        self.delay = delay
        self.hold = hold
        self.hits: Counter[str] = Counter()
        self.first_hit: float | None = None  # time.monotonic() of the first and the last request
        self.last_hit: float | None = None
        self._lock = threading.Lock()
        handler = partial(_Handler, site=self, directory=str(root))
        # another loopback address is another host to Scrapy: its own per-domain download slot
        self.server = ThreadingHTTPServer((host, 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1
            self.last_hit = time.monotonic()
            self.first_hit = self.first_hit or self.last_hit

    def wait_before_page(self) -> None:
        deadline = time.monotonic() + HOLD_TIMEOUT
        while self.hold is not None and not self.hold() and time.monotonic() < deadline:
            time.sleep(0.05)
        if self.delay:
            time.sleep(self.delay)

    def pages(self) -> Counter[str]:
        """Hits of everything except robots.txt."""
        with self._lock:
            return Counter({p: n for p, n in self.hits.items() if p != ROBOTS})


class _Handler(SimpleHTTPRequestHandler):
    def __init__(self, *args: object, site: CountingSite, **kwargs: object) -> None:
        self.site = site
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        self.site.count(path)
        if path != ROBOTS:
            self.site.wait_before_page()
        return super().send_head()

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # a crawler killed mid-response (the kill tests do that on purpose)

    def log_message(self, format: str, *args: object) -> None:
        pass

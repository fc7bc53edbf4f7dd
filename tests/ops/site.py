"""A static test site on 127.0.0.1 that counts every request per path (and can slow down or wait)."""
from __future__ import annotations

import threading
import time
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self
from urllib.parse import urlsplit

ROBOTS = "/robots.txt"


class CountingSite:
    """Serves a folder; `hits` counts requests per path (query dropped), robots.txt included.

    delay: seconds each page response waits (robots.txt is never delayed).
    hold_until_robots: page responses wait until robots.txt was fetched this many times
    (every crawler process fetches it once when it starts), so that all workers are up.
    """

    def __init__(self, root: Path, delay: float = 0.0, hold_until_robots: int = 0) -> None:
        self.root = root
        self.delay = delay
        self.hold_until_robots = hold_until_robots
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._robots_seen = threading.Condition(self._lock)
        handler = partial(_Handler, site=self, directory=str(root))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> Self:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def count(self, path: str) -> None:
        with self._lock:
            self.hits[path] += 1
            if path == ROBOTS:
                self._robots_seen.notify_all()

    def wait_before_page(self) -> None:
        if self.hold_until_robots:
            with self._lock:
                # 60 s at most: a worker that never starts must not hang the test forever
                self._robots_seen.wait_for(lambda: self.hits[ROBOTS] >= self.hold_until_robots, 60)
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

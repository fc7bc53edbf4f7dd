"""The crawl process caps glibc's malloc arenas (per-thread arenas fragmented it as pages grew)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scraper import settings
from scraper.crawl import limit_malloc_arenas

ROOT = Path(__file__).resolve().parents[2]
# Start 8 threads that allocate and free blocks of glibc's heap, then count the arenas malloc_info reports.
PROBE = """
import ctypes, sys, threading
from scraper.crawl import limit_malloc_arenas
applied = limit_malloc_arenas(int(sys.argv[1]))
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]
libc.open_memstream.restype = ctypes.c_void_p
libc.fflush.argtypes = [ctypes.c_void_p]
barrier = threading.Barrier(8)
def work():
    barrier.wait()  # all at once: contention is what makes glibc hand out new arenas
    for _ in range(2000):
        libc.free(libc.malloc(4096))
threads = [threading.Thread(target=work) for _ in range(8)]
[t.start() for t in threads]
[t.join() for t in threads]
buf, size = ctypes.c_char_p(), ctypes.c_size_t()
stream = libc.open_memstream(ctypes.byref(buf), ctypes.byref(size))
libc.malloc_info(0, ctypes.c_void_p(stream))
libc.fflush(stream)
print(applied, buf.value.decode().count("<heap nr="))
"""


def _arenas(cap: int) -> tuple[bool, int]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(cap)], capture_output=True, text=True, cwd=ROOT,
                         check=True, timeout=60).stdout.split()
    return out[0] == "True", int(out[1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's mallopt is Linux-only")
def test_arena_cap_holds_with_many_threads() -> None:
    assert settings.FILMCAT_MALLOC_ARENA_MAX == 2
    applied, capped = _arenas(2)
    assert applied and capped <= 2
    assert not limit_malloc_arenas(0)      # 0: leave glibc's default alone
    assert _arenas(0)[1] > 2               # the default gives contending threads arenas of their own

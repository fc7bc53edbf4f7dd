"""Helpers for ops tests: start `filmcat` crawls as real processes and read what they stored."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "dev" / "sites"


def filmcat_argv(*args: str) -> list[str]:
    """The `filmcat` console script of this environment, with arguments."""
    return [str(Path(sys.executable).parent / "filmcat"), *args]


def start(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """A `filmcat` process in its own session (a kill takes its extraction workers along)."""
    return subprocess.Popen(filmcat_argv(*args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True, env={**os.environ, **(env or {})})


def run(*args: str, timeout: float = 180, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(filmcat_argv(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, check=False)


def kill_group(proc: subprocess.Popen[str]) -> None:
    """SIGKILL the process and everything in its session, as a crash or an OOM kill would."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)


def wait_until(condition: Callable[[], bool], timeout: float, what: str,
               proc: subprocess.Popen[str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc is not None and proc.poll() is not None:
            _, err = proc.communicate()
            raise AssertionError(f"process ended while waiting for {what}: {err[-1500:]}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def review_urls(db: str) -> list[str]:
    """URLs of every stored review (with repeats, if the catalogue ever held any)."""
    out = run("export", "reviews", "--db", db)
    assert out.returncode == 0, out.stderr[-1500:]
    return [json.loads(line)["url"] for line in out.stdout.splitlines() if line.strip()]


def no_traceback(text: str) -> bool:
    return "Traceback (most recent call last)" not in text

"""`filmcat crawl`'s exit status: 130/143 for a run a signal stopped, 1 when resolution failed."""
from __future__ import annotations

import pytest

from scraper.crawl import RunSummary


@pytest.mark.parametrize(("status", "signal", "counts", "code"), [
    ("finished", 0, {"fetched": 3}, 0),
    ("stopped", 2, {"fetched": 3}, 130),
    ("stopped", 15, {"fetched": 3}, 143),
    ("stopped", 0, {"fetched": 3}, 0),            # a planned stop (a limit, run closed elsewhere)
    ("finished", 0, {"fetched": 3, "resolve_failed": 1}, 1),   # an `error:` line was printed
    ("finished", 0, {"fetched": 3, "retire_failed": 1}, 1),
])
def test_exit_code(status: str, signal: int, counts: dict[str, int], code: int) -> None:
    assert RunSummary(1, status, ["h"], counts, signal=signal).exit_code == code

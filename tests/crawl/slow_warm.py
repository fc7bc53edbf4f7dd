"""A warm-up function whose module import announces itself and then takes a while (test_worker's start-up race)."""
from __future__ import annotations

import os
import time
from pathlib import Path

_MARK = os.environ.get("FILMCAT_TEST_IMPORT_MARK")
if _MARK:  # only in the worker spawned by the test: say "importing now", then hold the window open
    Path(_MARK).write_text(str(os.getpid()))
    time.sleep(1.0)


def warm() -> None:
    """Nothing to do: the cost is in importing this module, as with the real extractors."""


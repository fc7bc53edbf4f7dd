"""Shared fixtures: catalogue URLs for every backend the suite runs against."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh, empty SQLite catalogue URL."""
    return f"sqlite:///{tmp_path / 'catalog.db'}"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (present locally and in CI)."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the suite needs the shared/ folder beside the checkout")
    return SHARED

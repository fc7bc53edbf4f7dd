"""Temporary `any_db_url` alias (SQLite only) until the root conftest provides the PostgreSQL variant."""
from __future__ import annotations

import pytest

from tests import conftest as root

if not hasattr(root, "any_db_url"):

    @pytest.fixture
    def any_db_url(db_url: str) -> str:
        """Same as db_url until tests/conftest.py defines any_db_url itself."""
        return db_url

"""Reading JSON columns that may come back as text (SQLite) or as values (PostgreSQL JSON)."""
from __future__ import annotations

import json
from typing import Any


def json_value(raw: Any, default: Any = None) -> Any:
    """The decoded value of a JSON column; `default` for NULL or text that is not JSON."""
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return default
    return raw if raw is not None else default


def json_list(raw: Any) -> list[str]:
    """A JSON list column as a list of strings; a bare string is a one-item list, garbage is []."""
    value = json_value(raw, raw)
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else []


def json_dict(raw: Any) -> dict[str, Any]:
    """A JSON object column as a dict; anything else is {}."""
    value = json_value(raw, {})
    return value if isinstance(value, dict) else {}

"""Reading a value at a path (`('tools', 0, 'name')`) in parsed profile data."""

from __future__ import annotations

from typing import Any

from rtcfg.core.diagnostics import Path

MISSING: Any = object()


def get(data: Any, path: Path, default: Any = None) -> Any:
    """The value at `path`, or `default` when any step is missing or of another kind."""
    for key in path:
        if isinstance(data, dict) and isinstance(key, str) and key in data:  # noqa: SIM114 - mypy narrows each
            data = data[key]
        elif isinstance(data, list) and isinstance(key, int) and not isinstance(key, bool) and 0 <= key < len(data):
            data = data[key]
        else:
            return default
    return data


def has(data: Any, path: Path) -> bool:
    return get(data, path, MISSING) is not MISSING

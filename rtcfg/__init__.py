"""rtcfg: OpenAI Realtime session profiles, checked offline.

The library surface is loaded lazily so that `import rtcfg` (and the CLI's start-up)
stays cheap; see `rtcfg.api` for what these names do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Change",
    "ConfigError",
    "Diagnostic",
    "Profile",
    "RenderError",
    "Severity",
    "__version__",
    "diff_profiles",
    "load_profile",
    "load_text",
    "render_profile",
]

if TYPE_CHECKING:
    from rtcfg.api import (
        Change,
        ConfigError,
        Profile,
        RenderError,
        diff_profiles,
        load_profile,
        load_text,
        render_profile,
    )
    from rtcfg.core.diagnostics import Diagnostic, Severity


def __getattr__(name: str) -> Any:
    # __all__ stays a literal list, for type checkers and linters; every name in it but
    # the diagnostic types is `rtcfg.api`'s.
    if name in ("Diagnostic", "Severity"):
        from rtcfg.core import diagnostics

        return getattr(diagnostics, name)
    if name in __all__:
        from rtcfg import api

        return getattr(api, name)
    raise AttributeError(f"module 'rtcfg' has no attribute {name!r}")

"""rtcfg: OpenAI Realtime session profiles, checked offline.

The library surface is loaded lazily so that `import rtcfg` (and the CLI's start-up)
stays cheap; see `rtcfg.api` for what these names do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Diagnostic", "Profile", "Severity", "__version__", "load_profile", "load_text"]

if TYPE_CHECKING:
    from rtcfg.api import Profile, load_profile, load_text
    from rtcfg.diagnostics import Diagnostic, Severity


def __getattr__(name: str) -> Any:
    if name in ("Profile", "load_profile", "load_text"):
        from rtcfg import api

        return getattr(api, name)
    if name in ("Diagnostic", "Severity"):
        from rtcfg import diagnostics

        return getattr(diagnostics, name)
    raise AttributeError(f"module 'rtcfg' has no attribute {name!r}")

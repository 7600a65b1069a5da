"""The API dialects rtcfg speaks. Each is described in one module of this package, which
declares every fact about its interface that a command needs: where each setting lives,
its defaults, its events, its formats and turn-detection variants, the keys only it has,
what only the server sends, what cannot change once a session is under way, and how its
keys map to the other dialect's. Validate, render, convert, migrate, diff, show, schema
and explain read these tables; none restates them. (The pydantic models of each dialect's
session are in `rtcfg.models`.)

Nothing here imports pydantic: the command line reads these tables at start-up.
"""

from __future__ import annotations

import importlib
from types import ModuleType

GA, BETA, LIVE = "ga", "beta", "live"
NAMES = (GA, BETA, LIVE)
REALTIME_DIALECTS = (GA, BETA)  # the Realtime API's two interfaces
REALTIME, TRANSCRIPTION = "realtime", "transcription"
KINDS = (REALTIME, TRANSCRIPTION)

# A client secret's lifetime, in seconds: `expires_after.seconds` (GA client_secrets, beta
# client_secret) and `render --as create --expires-in`. Source: openai 3.52.0 types.
EXPIRES_MIN, EXPIRES_MAX = 10, 7200
MAX_EVENT_ID = 512  # a client event's event_id: maxLength in the API reference

# Both dialects: keys the server sets in the sessions it returns; a request never sends them.
RESPONSE_ONLY = ("id", "object", "expires_at")
# Both dialects: the tool_choice strings that are modes, not a function's name.
TOOL_CHOICE_MODES = ("auto", "none", "required")


def facts(name: str) -> ModuleType:
    """The module that describes dialect `name` (`rtcfg.dialects.ga`, `.beta` or `.live`)."""
    if name not in NAMES:
        raise KeyError(name)
    return importlib.import_module(f"rtcfg.dialects.{name}")

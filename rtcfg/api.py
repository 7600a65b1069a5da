"""The library surface: the same pipeline the CLI uses, for Python programs.

import rtcfg
profile = rtcfg.load_profile("profiles/phone-agent.yaml")
if not profile.valid:
    raise SystemExit("\n".join(d.message for d in profile.errors))
session = profile.session  # the session object as the profile wrote it
"""

from __future__ import annotations

from rtcfg.pipeline import Profile, check_path, check_text

__all__ = ["Profile", "load_profile", "load_text"]


def load_profile(path: str) -> Profile:
    """Read and check one profile file. Problems are in `.diagnostics`; nothing is raised."""
    return check_path(path)


def load_text(text: str, name: str = "<string>", *, is_json: bool = False) -> Profile:
    """Check profile text that is already in memory."""
    return check_text(name, text, is_json=is_json)

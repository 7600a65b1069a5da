"""The library surface: the same pipeline the CLI uses, for Python programs (a relay server
that loads its session profile at start-up, a test that checks one).

    import rtcfg

    profile = rtcfg.load_profile("profiles/phone-agent-twilio.yaml")
    if not profile.valid:
        raise SystemExit("\\n".join(f"{d.file}:{d.line}: {d.message}" for d in profile.errors))
    update = rtcfg.render_profile(profile)                   # the session.update event to send
    body = rtcfg.render_profile(profile, envelope="create")  # the client_secrets request body

Nothing here prints, exits or raises for a bad profile: problems are `Diagnostic`s.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rtcfg.check.pipeline import Options, check_path, check_text
from rtcfg.check.result import Profile
from rtcfg.core.diagnostics import Diagnostic
from rtcfg.transform.diff import Change

__all__ = [
    "Change",
    "ConfigError",
    "Diagnostic",
    "Profile",
    "RenderError",
    "diff_profiles",
    "load_profile",
    "load_text",
    "render_profile",
]


class ConfigError(ValueError):
    """The project's configuration file (rtcfg.toml, [tool.rtcfg]) is faulty: the message
    names the file, the line and what is wrong."""


class RenderError(ValueError):
    """The profile cannot be rendered as asked: it is invalid, or cannot be converted."""

    def __init__(self, message: str, diagnostics: list[Diagnostic]) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics


def load_profile(path: str, *, root: str | None = None, env: Mapping[str, str] | None = None) -> Profile:
    """Read and check one profile file.

    Its bases and included files must lie inside `root`: by default the root of the
    profile's project, as the command line finds it from the profile's folder (the folder
    of the nearest rtcfg.toml or pyproject.toml with [tool.rtcfg], else the top of the git
    checkout, else the profile's own folder); that configuration's rules and dialect for the
    file apply too. `${VAR}` reads `env` only: pass `env=os.environ` to let the profile read
    the process environment (by default it reads none, and an unset variable without a
    default is an error). A faulty configuration file raises ConfigError."""
    import os

    from rtcfg.core.errors import RtcfgError
    from rtcfg.project.config import resolve

    try:
        settings = resolve(os.path.dirname(os.path.realpath(path)))
    except RtcfgError as exc:
        raise ConfigError(str(exc)) from None
    ignore, api = settings.for_file(path)
    options = Options(ignore=ignore, root=root or settings.root, env={} if env is None else env, api=api)
    return check_path(path, options)


def load_text(
    text: str,
    name: str = "<string>",
    *,
    is_json: bool = False,
    root: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Profile:
    """Check profile text that is already in memory. Without a `root` it reads no other
    file: `extends` and `!include` are errors (RT011), not paths resolved against the
    process's working directory. `${VAR}` reads `env` only (see load_profile)."""
    options = Options(root=root, env={} if env is None else env, read_files=root is not None)
    return check_text(name, text, is_json=is_json, options=options)


def render_profile(
    profile: Profile,
    *,
    envelope: str = "update",
    api: str | None = None,
    event_id: str | None = None,
    expires_in: int | None = None,
    mid_session: bool = False,
) -> dict[str, Any]:
    """The JSON the API takes (see `rtcfg render`): envelope "update", "session" or "create";
    `api` "ga" or "beta" converts. Raises RenderError for an invalid or unconvertible profile."""
    from rtcfg.transform import render as rendering

    if not profile.valid:
        raise RenderError(f"{profile.name} is not valid", profile.errors)
    result = rendering.render(
        profile, envelope=envelope, api=api, event_id=event_id, expires_in=expires_in, mid_session=mid_session
    )
    if result.payload is None:
        raise RenderError(f"{profile.name} cannot be rendered for {result.dialect}", result.diagnostics)
    return result.payload


def diff_profiles(old: Profile, new: Profile) -> list[Change]:
    """What changed between two valid profiles' sessions, in GA terms (see `rtcfg diff`)."""
    from rtcfg.transform.diff import compare, effective

    for profile in (old, new):
        if not profile.valid:
            raise RenderError(f"{profile.name} is not valid", profile.errors)
    return compare(effective(old).session, effective(new).session)

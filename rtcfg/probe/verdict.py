"""The server's verdict on a profile, as diagnostics placed on the profile's own lines.

A rejection (`{"error": {"message", "type", "param", "code"}}`) is RT900 at the key `param`
names (in the base file that writes it, for a composed profile), with the server's words
quoted and what `rtcfg explain` makes of them. An acceptance echoes the session the server
will run: each setting it changed, dropped, or filled in differently from the default rtcfg
documents is RT901, a warning (this is how a field a server silently ignores shows).
"""

from __future__ import annotations

import json
from typing import Any

from rtcfg import dialects
from rtcfg.check.result import Profile
from rtcfg.core import datapath
from rtcfg.core.codes import CODES
from rtcfg.core.diagnostics import Diagnostic, Path, dotted
from rtcfg.core.secrets import is_secret_place, mask
from rtcfg.dialects import EXPIRES_MIN
from rtcfg.probe.http import Endpoint, post_json
from rtcfg.transform.render import CREATE, ordered_session, render

PATH = "/realtime/client_secrets"
# What only the answer carries, and what the server never echoes (secrets): not drift.
_IGNORED = frozenset({"id", "object", "expires_at", "client_secret", "value"})


def sendable(profile: Profile) -> str | None:
    """Why `profile` is not sent (None: it is)."""
    if profile.dialect == dialects.LIVE:
        return "a Live profile: the Live API has no client-secret endpoint to ask"
    if profile.dialect != dialects.GA:
        return "a beta profile: the server speaks GA (`rtcfg migrate` it first)"
    if profile.view is None or not isinstance(_written(profile), dict):
        return "no session to send"
    return None


def _written(profile: Profile) -> Any:
    data = profile.view.data
    return datapath.get(data, tuple(profile.prefix)) if profile.prefix else data


def body(profile: Profile) -> dict[str, Any]:
    """The client_secrets request: the rendered session of a valid profile (the shortest
    expiry), or for --live-anyway the session as the profile writes it."""
    expires = {"anchor": "created_at", "seconds": EXPIRES_MIN}
    if profile.valid:
        rendered = render(profile, envelope=CREATE, expires_in=EXPIRES_MIN)
        if rendered.payload is not None:
            return rendered.payload
    return {"expires_after": expires, "session": _written(profile)}


def ask(profile: Profile, endpoint: Endpoint) -> list[Diagnostic]:
    """Send the profile's client_secrets body and read the verdict."""
    answer = post_json(endpoint, PATH, body(profile))
    if "error" in answer.body or answer.status >= 400:
        return [_rejected(profile, answer.body, answer.status)]
    echoed = answer.body.get("session")
    answer.body.clear()  # the minted secret is never kept
    if not isinstance(echoed, dict):
        return []
    return _drift(profile, echoed)


def _place(profile: Profile, diag: Diagnostic) -> Diagnostic:
    placed: Diagnostic = profile.place([diag])[0]
    return placed


def _rejected(profile: Profile, body: dict[str, Any], status: int) -> Diagnostic:
    from rtcfg.transform import explain

    error = body.get("error") if isinstance(body.get("error"), dict) else {}
    assert isinstance(error, dict)
    message = str(error.get("message") or f"HTTP {status}")[:1000]
    param = error.get("param") if isinstance(error.get("param"), str) else None
    path: Path = ()
    if param:
        inner = explain.parse_param(param)
        written = _written(profile)
        if datapath.has(written, inner):
            path = (*profile.prefix, *inner)
        elif inner and datapath.has(written, inner[:1]):
            path = (*profile.prefix, *inner[:1])
        else:
            path = tuple(profile.prefix)
    explained = explain.explain(json.dumps({"error": error})) if error else None
    code = f" ({error['code']})" if isinstance(error.get("code"), str) else ""
    hint = explained.meaning if explained is not None and explained.recognised else CODES["RT900"].hint
    text = f"the server rejected this session{code}: {message}"
    if param:
        text += f" [param: {param}]"
    entry = CODES["RT900"]
    # An unknown parameter is its key; a bad value is its value.
    unknown = error.get("code") == "unknown_parameter" or message.lower().startswith("unknown parameter")
    if path:
        file, line, column = profile.locate(path, at_key=unknown)
        return Diagnostic(entry.severity, "RT900", text, path, file, line, column, hint)
    return _place(profile, Diagnostic(entry.severity, "RT900", text, path, hint=hint))


def _leaves(value: Any, at: Path = ()) -> list[tuple[Path, Any]]:
    if isinstance(value, dict) and value:
        return [leaf for k, v in value.items() for leaf in _leaves(v, (*at, k))]
    return [(at, value)]


def _drift(profile: Profile, echoed: dict[str, Any]) -> list[Diagnostic]:
    from rtcfg.dialects import ga as ga_facts

    sent = ordered_session(profile) if profile.valid else _written(profile)
    entry = CODES["RT901"]
    out: list[Diagnostic] = []

    def report(message: str, path: Path) -> None:
        at = path if datapath.has(sent, path) else path[:1] if datapath.has(sent, path[:1]) else ()
        diag = Diagnostic(entry.severity, "RT901", message, (*profile.prefix, *at), hint=entry.hint)
        out.append(_place(profile, diag))

    for path, value in _leaves(sent):
        if not path or path[0] in _IGNORED or is_secret_place(path):
            continue
        if not datapath.has(echoed, path):
            report(f"the server dropped {dotted(path)} (sent {_shown(path, value)})", path)
            continue
        back = datapath.get(echoed, path)
        if not _same(back, value):
            report(f"the server runs {dotted(path)} as {_shown(path, back)}, not {_shown(path, value)}", path)
    defaults = ga_facts.DEFAULTS.get(profile.kind or dialects.REALTIME, {})
    for path, documented in defaults.items():
        if datapath.has(sent, path) or not datapath.has(echoed, path):
            continue
        back = datapath.get(echoed, path)
        if back is not None and not _same(back, documented):
            report(
                f"the server fills in {dotted(path)} as {_shown(path, back)}; rtcfg documents "
                f"{_shown(path, documented)}",
                path,
            )
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return bool(a == b)


def _shown(path: Path, value: Any) -> str:
    return json.dumps(mask(path, value), ensure_ascii=False)[:200]

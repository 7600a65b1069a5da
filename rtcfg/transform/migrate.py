"""`rtcfg migrate`: a beta profile rewritten as a GA profile, in the same shape (envelope,
bare session or captured event), as block-style YAML in the reference's key order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from rtcfg import dialects
from rtcfg.check.pipeline import check_text
from rtcfg.check.result import Profile
from rtcfg.dialects.beta import convert
from rtcfg.dialects.beta.convert import Change
from rtcfg.load.yamlio import parse
from rtcfg.transform.render import ordered_session


@dataclass
class Migrated:
    text: str  # the GA profile (the original text when there was nothing to change)
    changed: bool
    changes: list[Change] = field(default_factory=list)
    result: Profile | None = None  # the GA profile, checked
    comments_dropped: int = 0


def migrate(profile: Profile, text: str, *, is_json: bool = False, result_name: str | None = None) -> Migrated:
    """Rewrite a valid profile for GA. A GA profile comes back unchanged, byte for byte."""
    assert profile.valid and profile.kind
    if profile.dialect == dialects.GA:
        return Migrated(text, False)
    kind = profile.kind
    converted = convert.beta_to_ga(ordered_session(profile), kind)
    changes = list(converted.changes)
    if converted.expires_after is not None:
        changes.append(
            Change(
                ("client_secret",),
                None,
                "the client secret's expiry is not part of a GA "
                "profile: pass it when creating the session (rtcfg render --as create "
                f"--expires-in {converted.expires_after.get('seconds', 600)})",
                lossy=True,
            )
        )
    document = parse(profile.name, text, is_json=is_json).data
    session = _ga_order(converted.session, kind)
    if profile.event:
        out: dict[str, Any] = {"type": "session.update"}
        if profile.event != "session.update":
            changes.append(Change((), None, f"the {profile.event} event became session.update"))
        out.update({k: v for k, v in document.items() if k == "event_id"})
        out["session"] = session
    elif profile.prefix:
        out = {}
        for key, value in document.items():
            if key == "session":
                out[key] = session
            elif key == "api":
                out[key] = dialects.GA
                changes.append(Change((), None, "api: beta became api: ga"))
            elif key == "kind":
                changes.append(Change((), None, "dropped kind: a GA session says it with type"))
            else:
                out[key] = value
    else:
        out = session
    new_text = dump_yaml(out)
    result = check_text(result_name or f"{profile.name} (migrated)", new_text)
    if not result.valid:  # conversion makes valid GA sessions; anything else is a bug
        raise AssertionError(f"migrate produced an invalid profile: {result.errors}")
    return Migrated(new_text, True, changes, result, _comment_lines(text))


def to_live(
    profile: Profile,
    text: str,
    *,
    is_json: bool = False,
    result_name: str | None = None,
    live_model: str | None = None,
    backend_model: str | None = None,
    transport: str | None = None,
) -> Migrated:
    """Rewrite a valid Realtime profile (GA, or beta through GA) as a Live profile in the same
    shape: an envelope keeps its profile keys with `api: live`; a bare session stays bare; a
    captured session.update becomes the WebSocket session.start event."""
    from rtcfg.dialects import capabilities, live
    from rtcfg.dialects.live import convert as live_convert

    assert profile.valid and profile.kind
    if profile.dialect == dialects.LIVE:
        return Migrated(text, False)
    changes: list[Change] = []
    session = ordered_session(profile)
    if profile.dialect == dialects.BETA:
        step = convert.beta_to_ga(session, profile.kind)
        changes += [c for c in step.changes if c.lossy or c.impossible]
        session = _ga_order(step.session, profile.kind)
    transport = transport or live.WEBSOCKET
    converted = live_convert.ga_to_live(
        session,
        live_model=live_model or capabilities.LIVE_DEFAULT_MODEL,
        backend_model=backend_model or capabilities.LIVE_DEFAULT_BACKEND_MODEL,
        transport=transport,
    )
    changes += converted.changes
    if converted.impossible:
        return Migrated(text, False, changes)
    document = parse(profile.name, text, is_json=is_json).data
    out: dict[str, Any]
    if profile.event:
        out = {"type": live.START_EVENT}
        out.update({k: v for k, v in document.items() if k == "event_id"})
        out["session"] = converted.session
        changes.append(Change((), None, f"the {profile.event} event became {live.START_EVENT} (a WebSocket start)"))
    elif profile.prefix:
        out = {}
        for key, value in document.items():
            if key == "session":
                out["api"] = dialects.LIVE
                if transport != live.WEBSOCKET:
                    out["kind"] = transport
                out[key] = converted.session
            elif key in ("api", "kind"):
                continue
            elif key == "expires_after":
                changes.append(Change((), None, "dropped expires_after: Live has no client secrets", lossy=True))
            elif key == "ignore":
                continue  # Realtime rules do not apply to a Live session
            else:
                out[key] = value
        if "ignore" in document:
            changes.append(Change((), None, "dropped ignore: its rules are Realtime rules", lossy=True))
    else:
        out = converted.session
    new_text = dump_yaml(out)
    result = check_text(result_name or f"{profile.name} (migrated)", new_text)
    if not result.valid:  # conversion makes valid Live sessions; anything else is a bug
        raise AssertionError(f"migrate produced an invalid Live profile: {result.diagnostics}")
    return Migrated(new_text, True, changes, result, _comment_lines(text))


def _ga_order(session: dict[str, Any], kind: str) -> dict[str, Any]:
    from rtcfg.check.pipeline import validate_session

    return dict(validate_session(session, dialects.GA, kind).model_dump(mode="json", exclude_unset=True))


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as people write YAML.
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Multi-line text (instructions) as a literal block, the way people write it.
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True, width=100, indent=2
    )


_COMMENT = re.compile(r"(^|\s)#")


def _comment_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if _COMMENT.search(line))

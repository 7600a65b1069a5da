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
    from rtcfg.dialects.beta import TO_GA

    moves: dict[tuple[str, ...], tuple[str, ...]] = {(k,): tuple(v.split(".")) for k, v in TO_GA.items() if v}
    edits = edits_between(_as_written(profile), converted.session, moves, tuple(profile.prefix))
    event = "session.update" if profile.event else None
    edits += _envelope_edits(profile, dialects.GA, event, None)
    if profile.prefix and not profile.event:
        if profile.envelope.get("api") == dialects.BETA:
            changes.append(Change((), None, "api: beta became api: ga"))
        if "kind" in profile.envelope:
            changes.append(Change((), None, "dropped kind: a GA session says it with type"))
    elif profile.event and profile.event != "session.update":
        changes.append(Change((), None, f"the {profile.event} event became session.update"))
    kept = _by_edits(profile, text, edits, is_json=is_json, result_name=result_name, dialect_name=dialects.GA)
    if kept is not None:
        return Migrated(kept.text, True, changes, kept.result, 0)
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
    from rtcfg.dialects import ga as ga_facts

    moves: dict[tuple[str, ...], tuple[str, ...]] = {
        ga_facts.PLACES["input_format"]: live.PLACES["format"],
        ("tools",): ("delegation", "responses", "tools"),
        ("tool_choice",): ("delegation", "responses", "tool_choice"),
        ("parallel_tool_calls",): ("delegation", "responses", "parallel_tool_calls"),
        ("reasoning",): ("delegation", "responses", "reasoning"),
        ("max_output_tokens",): ("delegation", "responses", "max_output_tokens"),
        ("instructions",): ("delegation", "responses", "instructions"),
    }
    if profile.dialect == dialects.GA:
        edits = edits_between(_as_written(profile), converted.session, moves, tuple(profile.prefix))
        edits += _envelope_edits(
            profile, dialects.LIVE, live.START_EVENT, transport if transport != live.WEBSOCKET else None
        )
        if profile.prefix:
            from rtcfg.core.diagnostics import DELETE, Edit

            edits += [Edit(DELETE, (k,)) for k in ("expires_after", "ignore") if k in profile.envelope]
        kept = _by_edits(profile, text, edits, is_json=is_json, result_name=result_name, dialect_name=dialects.LIVE)
        if kept is not None:
            if profile.prefix and ("expires_after" in profile.envelope or "ignore" in profile.envelope):
                changes.append(Change((), None, "dropped expires_after / ignore: Realtime-only", lossy=True))
            return Migrated(kept.text, True, changes, kept.result, 0)
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


@dataclass
class _Edited:
    text: str
    result: Profile


def edits_between(
    source: dict[str, Any],
    target: dict[str, Any],
    moves: dict[tuple[str, ...], tuple[str, ...]],
    prefix: tuple[str, ...],
) -> list[Any]:
    """The edits that turn the session `source` into `target`: first each setting that
    moves (beta `voice` -> `audio.output.voice`, Realtime `tools` -> the Live backend's)
    is moved, so its comments go with it; then what differs is set and what is gone is
    removed, key by key. A new `type` or `model` goes first, as people write them."""
    import copy

    from rtcfg.core import datapath
    from rtcfg.core.diagnostics import DELETE, MOVE, PREPEND, SET, Edit

    edits: list[Edit] = []
    current = copy.deepcopy(source)
    for src, dst in moves.items():
        if src == dst or not datapath.has(current, src) or not datapath.has(target, dst):
            continue
        if datapath.has(current, dst):
            continue
        value = datapath.get(current, src)
        edits.append(Edit(MOVE, (*prefix, *src), (*prefix, *dst)))
        parent = datapath.get(current, src[:-1]) if len(src) > 1 else current
        del parent[src[-1]]
        node = current
        for key in dst[:-1]:
            node = node.setdefault(key, {})
        node[dst[-1]] = value
        # a move that leaves an empty mapping behind removes it (the editor does the same)
        for n in range(len(src) - 1, 0, -1):
            if datapath.get(current, src[:n]) == {}:
                holder = datapath.get(current, src[: n - 1]) if n > 1 else current
                del holder[src[n - 1]]

    def reconcile(have: Any, want: Any, at: tuple[Any, ...]) -> None:
        if isinstance(have, dict) and isinstance(want, dict):
            for key in list(have):
                if key not in want:
                    edits.append(Edit(DELETE, (*prefix, *at, key)))
            for key in reversed([k for k in want if k not in have and k in ("type", "model")]):
                edits.append(Edit(PREPEND, (*prefix, *at, key), want[key]))
            for key, value in want.items():
                if key in have:
                    reconcile(have[key], value, (*at, key))
                elif key not in ("type", "model"):
                    edits.append(Edit(SET, (*prefix, *at, key), value))
        elif have != want or type(have) is not type(want):
            edits.append(Edit(SET, (*prefix, *at), want))

    reconcile(current, target, ())
    return edits


def _by_edits(
    profile: Profile,
    text: str,
    edits: list[Any],
    *,
    is_json: bool,
    result_name: str | None,
    dialect_name: str,
) -> _Edited | None:
    """`text` with `edits` applied, if the result is a valid profile of `dialect_name`."""
    from rtcfg.transform.edit import EditError, apply

    try:
        new_text = apply(text, edits, is_json=is_json)
    except (EditError, ValueError, KeyError, TypeError):
        return None
    result = check_text(result_name or f"{profile.name} (migrated)", new_text, is_json=is_json)
    if not result.valid or result.dialect != dialect_name:
        return None
    return _Edited(new_text, result)


def _as_written(profile: Profile) -> dict[str, Any]:
    """The session as the document writes it (what the server sends, such as a captured
    id, included: the edits remove it)."""
    from rtcfg.core import datapath

    assert profile.view is not None
    session = datapath.get(profile.view.data, tuple(profile.prefix)) if profile.prefix else profile.view.data
    return dict(session) if isinstance(session, dict) else {}


def _envelope_edits(profile: Profile, dialect_name: str, event: str | None, kind: str | None) -> list[Any]:
    from rtcfg.core.diagnostics import DELETE, PREPEND, SET, Edit

    if profile.event:
        return [Edit(SET, ("type",), event)] if event and event != profile.event else []
    if not profile.prefix:
        return []
    out = []
    if "api" in profile.envelope:
        out.append(Edit(SET, ("api",), dialect_name))
    else:
        out.append(Edit(PREPEND, ("api",), dialect_name))
    if "kind" in profile.envelope:
        out.append(Edit(DELETE, ("kind",)) if kind is None else Edit(SET, ("kind",), kind))
    elif kind is not None:
        out.append(Edit(SET, ("kind",), kind))
    return out


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

"""Laws under hypothesis, on sessions generated from the shapes the models accept: render is
stable through a reload, migrate is idempotent and agrees with render --api ga, diff is
empty on equal sessions and antisymmetric, and nothing (valid or not) makes the loader
raise. Runs are derandomized so that main stays green; the fuzz target in fuzz/ runs long.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import yaml
from conftest import REPO
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from rtcfg.check.pipeline import check_text
from rtcfg.check.result import Profile
from rtcfg.dialects import capabilities
from rtcfg.transform.diff import ADDED, CHANGED, REMOVED, compare, effective
from rtcfg.transform.migrate import migrate
from rtcfg.transform.render import render

LAW = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

names = st.from_regex(r"[a-z][a-z0-9_-]{0,15}", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
schemas = st.sampled_from(
    [
        {"type": "object", "properties": {}},
        {"type": "object", "properties": {"id": {"type": "string"}}, "required": ["id"]},
        {"type": "object", "properties": {"n": {"type": "integer", "minimum": 0}, "tag": {"enum": ["a", "b"]}}},
    ]
)


def optional(**fields: Any) -> Any:
    return fields


def ga_vad() -> Any:
    server = st.fixed_dictionaries(
        {"type": st.just("server_vad")},
        optional=optional(
            threshold=st.floats(0, 1),
            prefix_padding_ms=st.integers(0, 2000),
            silence_duration_ms=st.integers(0, 3000),
            create_response=st.booleans(),
            interrupt_response=st.booleans(),
            idle_timeout_ms=st.none() | st.integers(5000, 30000),
        ),
    )
    semantic = st.fixed_dictionaries(
        {"type": st.just("semantic_vad")},
        optional=optional(
            eagerness=st.sampled_from(["low", "medium", "high", "auto"]),
            create_response=st.booleans(),
            interrupt_response=st.booleans(),
        ),
    )
    return st.none() | server | semantic


ga_formats = st.sampled_from(
    [{"type": "audio/pcm", "rate": 24000}, {"type": "audio/pcm"}, {"type": "audio/pcmu"}, {"type": "audio/pcma"}]
)
ga_transcription = st.none() | st.fixed_dictionaries(
    {"model": st.sampled_from(["gpt-transcribe", "whisper-1"])},
    optional=optional(language=st.sampled_from(["en", "de", "ja"]), prompt=texts),
)
ga_audio = st.fixed_dictionaries(
    {},
    optional=optional(
        input=st.fixed_dictionaries(
            {},
            optional=optional(
                format=ga_formats,
                transcription=ga_transcription,
                turn_detection=ga_vad(),
                noise_reduction=st.none()
                | st.fixed_dictionaries({"type": st.sampled_from(["near_field", "far_field"])}),
            ),
        ),
        output=st.fixed_dictionaries(
            {},
            optional=optional(
                format=ga_formats, voice=st.sampled_from(capabilities.GA_VOICES), speed=st.floats(0.25, 1.5)
            ),
        ),
    ),
)
function_tools = st.lists(
    st.fixed_dictionaries(
        {"type": st.just("function"), "name": names}, optional=optional(description=texts, parameters=schemas)
    ),
    max_size=3,
    unique_by=lambda t: t["name"],
)
mcp_tools = st.lists(
    st.fixed_dictionaries(
        {"type": st.just("mcp"), "server_label": names, "server_url": st.just("https://mcp.example.com/sse")},
        optional=optional(
            require_approval=st.sampled_from(["always", "never"]), allowed_tools=st.lists(names, max_size=2)
        ),
    ),
    max_size=2,
    unique_by=lambda t: t["server_label"],
)
ga_sessions = st.fixed_dictionaries(
    {"type": st.just("realtime")},
    optional=optional(
        model=st.sampled_from(["gpt-realtime-2.1", "gpt-realtime-2.1-mini", "gpt-realtime-1.5"]),
        output_modalities=st.sampled_from([["audio"], ["text"]]),
        instructions=texts,
        audio=ga_audio,
        tools=function_tools,
        tool_choice=st.sampled_from(["auto", "none"]),
        max_output_tokens=st.integers(1, 4096) | st.just("inf"),
        tracing=st.none() | st.just("auto"),
        truncation=st.sampled_from(["auto", "disabled"]),
    ),
)

beta_formats = st.sampled_from(["pcm16", "g711_ulaw", "g711_alaw"])
beta_vad = st.none() | st.fixed_dictionaries(
    {},
    optional=optional(
        type=st.sampled_from(["server_vad", "semantic_vad"]),
        threshold=st.floats(0, 1),
        silence_duration_ms=st.integers(0, 3000),
        eagerness=st.sampled_from(["low", "high", "auto"]),
        create_response=st.booleans(),
        interrupt_response=st.booleans(),
    ),
)
beta_sessions = st.fixed_dictionaries(
    {"modalities": st.sampled_from([["text"], ["audio", "text"]])},
    optional=optional(
        model=st.sampled_from(sorted(capabilities.BETA_REALTIME_MODELS)),
        instructions=texts,
        voice=st.sampled_from(capabilities.BETA_VOICES),
        input_audio_format=beta_formats,
        output_audio_format=beta_formats,
        input_audio_transcription=st.none() | st.just({"model": "whisper-1"}),
        turn_detection=beta_vad,
        tools=function_tools,
        temperature=st.floats(0.6, 1.2),
        max_response_output_tokens=st.integers(1, 4096) | st.just("inf"),
        speed=st.floats(0.25, 1.5),
        tool_choice=st.sampled_from(["auto", "none"]),
    ),
)


def load(session: dict[str, Any], *, beta: bool = False) -> Profile:
    doc = {"api": "beta", "session": session} if beta else session
    return check_text("generated.json", json.dumps(doc), is_json=True)


# -- render --------------------------------------------------------------------------------


@LAW
@given(ga_sessions)
def test_render_load_render_is_stable(session: dict[str, Any]) -> None:
    profile = load(session)
    assume(profile.valid)
    first = render(profile, envelope="session").payload
    again = load(first or {})
    assert again.valid
    assert render(again, envelope="session").payload == first


ENVELOPES = ("update", "session", "create")


@LAW
@given(ga_sessions, st.sampled_from(ENVELOPES), st.none() | st.integers(10, 7200), st.booleans())
def test_whatever_render_writes_validate_accepts_ga(
    session: dict[str, Any], envelope: str, expires_in: int | None, mid_session: bool
) -> None:
    profile = load(session)
    assume(profile.valid)
    written = render(
        profile,
        envelope=envelope,
        expires_in=expires_in if envelope == "create" else None,
        mid_session=mid_session and envelope == "update",
    ).payload
    again = check_text("rendered.json", json.dumps(written), is_json=True)
    assert again.valid, (envelope, [(d.code, d.message) for d in again.errors])


@LAW
@given(beta_sessions, st.sampled_from(ENVELOPES), st.sampled_from(["beta", "ga"]))
def test_whatever_render_writes_validate_accepts_beta(session: dict[str, Any], envelope: str, api: str) -> None:
    profile = load(session, beta=True)
    assume(profile.valid)
    rendered = render(profile, envelope=envelope, api=api)
    assume(rendered.payload is not None)  # a beta session GA cannot say (RT300) renders nothing
    # the beta interface's documents say they are beta only by their keys: as a user would
    # write it, a rendered beta session gets its `api: beta` from the profile it came from
    doc = {"api": "beta", "session": rendered.payload} if api == "beta" and envelope == "session" else rendered.payload
    again = check_text("rendered.json", json.dumps(doc), is_json=True)
    assert again.valid, (envelope, api, [(d.code, d.message) for d in again.errors])


@LAW
@given(ga_sessions, mcp_tools)
def test_every_generated_update_keeps_what_the_profile_set(session: dict[str, Any], mcp: list[Any]) -> None:
    if mcp:
        session = {**session, "tools": [*session.get("tools", []), *mcp]}
    profile = load(session)
    assume(profile.valid)
    update = render(profile).payload
    assert update is not None
    written = json.loads(json.dumps(session))
    written.pop("model", None)  # an update leaves the model out, and says so
    assert update["session"] == written


# -- the Live API ------------------------------------------------------------------------------

_live_tools = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"type": st.just("function"), "name": names}, optional={"description": st.text(max_size=20)}
        ),
        st.fixed_dictionaries(
            {"type": st.just("mcp"), "server_label": names, "server_url": st.just("https://x.example/mcp")}
        ),
        st.just({"type": "web_search"}),
    ),
    max_size=3,
    unique_by=lambda t: (t["type"], t.get("name"), t.get("server_label")),
)
_live_delegation = st.one_of(
    st.none(),
    st.fixed_dictionaries({"type": st.just("client")}, optional={"acknowledgement_delay_ms": st.integers(0, 2000)}),
    st.fixed_dictionaries(
        {
            "type": st.just("responses"),
            "responses": st.fixed_dictionaries(
                {"model": st.just("gpt-5.5")},
                optional={
                    "instructions": st.none() | st.text(max_size=40),
                    "max_output_tokens": st.integers(16, 4096),
                    "tools": _live_tools,
                    "parallel_tool_calls": st.booleans(),
                    "reasoning": st.fixed_dictionaries({}, optional={"effort": st.sampled_from(["low", "high"])}),
                },
            ),
        }
    ),
)
_question = st.fixed_dictionaries({"type": st.just("predicate"), "instructions": st.text(min_size=1, max_size=30)})
_live_triggers = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.just("decisions"),
            "event_type": st.sampled_from(["session.input_transcript.delta", "session.output_transcript.delta"]),
            "decisions": st.fixed_dictionaries({"questions": st.lists(_question, min_size=1, max_size=2)}),
        }
    ),
    max_size=2,
    unique_by=lambda t: t["event_type"],
)
live_sessions = st.fixed_dictionaries(
    {"model": st.sampled_from(list(capabilities.LIVE_MODELS))},
    optional={
        "instructions": st.none() | st.text(max_size=60),
        "audio": st.fixed_dictionaries(
            {},
            optional={
                "format": st.sampled_from(
                    [
                        {"type": "audio/pcm", "rate": 16000},
                        {"type": "audio/pcm", "rate": 24000},
                        {"type": "audio/pcmu", "rate": 8000},
                    ]
                ),
                "output": st.fixed_dictionaries(
                    {}, optional={"voice": st.sampled_from(list(capabilities.LIVE_VOICES))}
                ),
            },
        ),
        "delegation": _live_delegation,
        "store": st.booleans(),
        "safety_identifier": st.none() | names,
        "triggers": _live_triggers,
        "input": st.lists(
            st.fixed_dictionaries(
                {"role": st.sampled_from(["user", "assistant"]), "content": st.just([{"text": "hi"}])}
            ),
            max_size=3,
        ),
    },
)


@LAW
@given(live_sessions, st.sampled_from(["start", "update", "session", "create", "accept"]))
def test_whatever_render_writes_validate_accepts_live(session: dict[str, Any], envelope: str) -> None:
    profile = check_text("generated.json", json.dumps({"api": "live", "session": session}), is_json=True)
    assume(profile.valid)
    rendered = render(profile, envelope=envelope, sdp="v=0\r\n")
    if envelope == "update" and not {"delegation", "triggers"} & set(session):
        assert not rendered.ok  # nothing in it may change in a running session
        return
    assert rendered.payload is not None, rendered.diagnostics
    doc = {"api": "live", "session": rendered.payload} if envelope == "session" else rendered.payload
    again = check_text("rendered.json", json.dumps(doc), is_json=True)
    assert again.dialect == "live" and again.valid, (envelope, [(d.code, d.message) for d in again.errors])


@LAW
@given(live_sessions)
def test_a_live_session_differs_from_itself_in_nothing(session: dict[str, Any]) -> None:
    assert compare(session, json.loads(json.dumps(session)), "live") == []


# -- migrate -------------------------------------------------------------------------------


@LAW
@given(beta_sessions)
def test_migrate_is_idempotent_and_agrees_with_render(session: dict[str, Any]) -> None:
    text = yaml.safe_dump({"api": "beta", "session": session}, sort_keys=False)
    profile = check_text("beta.yaml", text)
    assume(profile.valid)
    once = migrate(profile, text)
    migrated = check_text("ga.yaml", once.text)
    assert migrated.valid and migrated.dialect == "ga"
    twice = migrate(migrated, once.text)
    assert not twice.changed and twice.text == once.text
    assert render(migrated, envelope="session").payload == render(profile, envelope="session", api="ga").payload


# -- diff ----------------------------------------------------------------------------------


@LAW
@given(ga_sessions)
def test_a_session_equals_itself(session: dict[str, Any]) -> None:
    profile = load(session)
    assume(profile.valid)
    assert compare(effective(profile).session, effective(profile).session) == []


_MIRROR = {ADDED: REMOVED, REMOVED: ADDED, CHANGED: CHANGED}


@LAW
@given(ga_sessions, ga_sessions)
def test_diff_is_antisymmetric(a: dict[str, Any], b: dict[str, Any]) -> None:
    forward = {(c.dotted, c.op, json.dumps(c.old), json.dumps(c.new)) for c in compare(a, b)}
    backward = {(c.dotted, _MIRROR[c.op], json.dumps(c.new), json.dumps(c.old)) for c in compare(b, a)}
    assert forward == backward
    assert (forward == set()) == (json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True))


@LAW
@given(beta_sessions)
def test_a_beta_session_equals_its_conversion(session: dict[str, Any]) -> None:
    profile = load(session, beta=True)
    assume(profile.valid)
    converted = render(profile, envelope="session", api="ga").payload
    assert compare(effective(profile).session, effective(load(converted or {})).session) == []


# -- the loader never raises ------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | texts,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=30,
)


@LAW
@given(json_values)
def test_validate_never_raises_on_arbitrary_yaml(value: Any) -> None:
    for doc in (value, {"session": value}, {"type": "realtime", "audio": value}, {"api": "beta", "session": value}):
        text = yaml.safe_dump(doc, allow_unicode=True)
        profile = check_text("any.yaml", text)
        assert all(d.line >= 1 for d in profile.diagnostics)


@LAW
@given(st.text(max_size=300))
def test_validate_never_raises_on_arbitrary_text(text: str) -> None:
    check_text("any.yaml", text)


def _fuzz_target() -> Any:
    spec = importlib.util.spec_from_file_location("fuzz_loader", REPO / "fuzz" / "fuzz_loader.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["fuzz_loader"] = module
    spec.loader.exec_module(module)
    return module.one_input


ONE_INPUT = _fuzz_target()


@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048) | st.text(max_size=1024).map(str.encode))
def test_the_fuzz_target_for_a_short_run(data: bytes) -> None:
    ONE_INPUT(data)


def test_the_fuzz_target_has_instructions() -> None:
    text = (Path(REPO) / "fuzz" / "fuzz_loader.py").read_text()
    assert "atheris" in text and "--hypothesis" in text

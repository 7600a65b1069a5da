"""Request bodies that carry a session are read as they are sent: the client_secrets body
`{expires_after: {anchor, seconds}, session: {...}}` (what `render --as create` writes)."""

from __future__ import annotations

import json

import pytest

from rtcfg.check.pipeline import check_text


def _codes(doc: dict[str, object]) -> list[tuple[str, str]]:
    profile = check_text("body.json", json.dumps(doc), is_json=True)
    return [(d.code, d.dotted_path) for d in profile.diagnostics if d.is_error]


def test_a_client_secrets_body_is_a_profile() -> None:
    body = {"expires_after": {"anchor": "created_at", "seconds": 600}, "session": {"type": "realtime"}}
    assert _codes(body) == []
    assert _codes({"expires_after": {"anchor": "created_at"}, "session": {"type": "realtime"}}) == []


@pytest.mark.parametrize(
    ("expires_after", "expected"),
    [
        ({"anchor": "now", "seconds": 60}, [("RT107", "expires_after.anchor")]),
        ({"anchor": "created_at", "seconds": 9}, [("RT108", "expires_after.seconds")]),
        ({"anchor": "created_at", "seconds": 7201}, [("RT108", "expires_after.seconds")]),
        ({"anchor": "created_at", "seconds": "60"}, [("RT105", "expires_after.seconds")]),
        ({"anchor": "created_at", "seconds": True}, [("RT105", "expires_after.seconds")]),
        ({"seconds": 60}, [("RT104", "expires_after")]),
        ({"anchor": "created_at", "ttl": 5}, [("RT100", "expires_after.ttl")]),
        (600, [("RT105", "expires_after")]),
    ],
)
def test_expires_after_is_checked(expires_after: object, expected: list[tuple[str, str]]) -> None:
    assert _codes({"expires_after": expires_after, "session": {"type": "realtime"}}) == expected


def test_render_keeps_the_expiry_of_a_body_it_reads() -> None:
    from rtcfg.transform.render import render

    body = {"expires_after": {"anchor": "created_at", "seconds": 600}, "session": {"type": "realtime"}}
    profile = check_text("body.json", json.dumps(body), is_json=True)
    assert render(profile, envelope="create").payload == body


@pytest.mark.parametrize("event", ["session.created", "session.updated", "transcription_session.updated"])
def test_a_server_event_is_recognised_and_explained_once(event: str) -> None:
    session = {"object": "realtime.session", "id": "sess_1", "expires_at": 0, "type": "realtime", "include": None}
    profile = check_text("e.json", json.dumps({"type": event, "event_id": "e1", "session": session}), is_json=True)
    (d,) = profile.diagnostics
    assert d.code == "RT115" and event in d.message and "id, object, expires_at" in d.message
    assert "1 null field" in d.message and not profile.valid

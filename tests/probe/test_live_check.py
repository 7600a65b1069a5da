"""`rtcfg validate --live` against a real HTTP server on 127.0.0.1 that answers as the API
does: a rejection with `param` placed on the profile's line (in a base file when the base
sets it), an accepted session that differs from the profile, 401, 429 with Retry-After,
500, a hang past the timeout, an answer that is not JSON, a redirect. Every test counts the
requests it allows; conftest refuses any connection but one to 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

KEY = "sk-test-DO-NOT-PRINT-4242"
SECRET = "ek_minted_secret_DO_NOT_PRINT"

Reply = tuple[int, dict[str, str], bytes]


class Server:
    def __init__(self) -> None:
        self.replies: list[Callable[[dict[str, Any]], Reply]] = []
        self.requests: list[dict[str, Any]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length) or b"{}")
                outer.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                reply = outer.replies.pop(0) if outer.replies else _ok_echo
                status, headers, data = reply(body)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _json(status: int, doc: dict[str, Any], headers: dict[str, str] | None = None) -> Callable[[dict[str, Any]], Reply]:
    return lambda _body: (status, {"Content-Type": "application/json", **(headers or {})}, json.dumps(doc).encode())


def _ok_echo(body: dict[str, Any]) -> Reply:
    session = dict(body["session"])
    return (
        200,
        {"Content-Type": "application/json"},
        json.dumps(
            {"value": SECRET, "expires_at": 1, "session": {"id": "sess_1", "object": "realtime.session", **session}}
        ).encode(),
    )


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    s = Server()
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.delenv("OPENAI_ORG_ID", raising=False)
    monkeypatch.delenv("OPENAI_PROJECT_ID", raising=False)
    yield s
    s.close()


PROFILE = "type: realtime\nmodel: gpt-realtime-2.1\naudio:\n  output:\n    voice: marin\n    speed: 1.2\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def live(run, server: Server, *args: str):  # type: ignore[no-untyped-def]
    result = run("validate", "--live", "--base-url", server.url, "--isolated", *args)
    assert KEY not in result.stdout + result.stderr and SECRET not in result.stdout + result.stderr
    return result


def test_a_rejection_is_placed_on_the_line_of_the_key(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)
    server.replies.append(
        _json(
            400,
            {
                "error": {
                    "message": "Invalid value: 'marin'. Supported values are: 'alloy', 'echo'.",
                    "type": "invalid_request_error",
                    "param": "session.audio.output.voice",
                    "code": "invalid_value",
                }
            },
        )
    )
    result = live(run, server, str(path), "--format", "json", "--timeout", "5")
    assert result.exit_code == 1
    (diag,) = [d for d in json.loads(result.stdout)["files"][0]["diagnostics"] if d["code"] == "RT900"]
    assert (diag["line"], diag["column"]) == (5, 12) and diag["path"] == "audio.output.voice"
    assert "Invalid value: 'marin'" in diag["message"] and "(invalid_value)" in diag["message"]
    assert diag["hint"]  # what explain makes of it
    (request,) = server.requests
    assert request["path"] == "/v1/realtime/client_secrets"
    assert request["body"]["expires_after"] == {"anchor": "created_at", "seconds": 10}  # the shortest expiry
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"


def test_a_key_set_in_a_base_points_into_the_base(run, server: Server, tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "rtcfg.toml", "")
    write(tmp_path, "base.yaml", "session:\n  type: realtime\n  audio:\n    output: {voice: marin}\n")
    write(tmp_path, "prod.yaml", "extends: base.yaml\nsession:\n  model: gpt-realtime-2.1\n")
    monkeypatch.chdir(tmp_path)
    server.replies.append(_json(400, {"error": {"message": "bad voice", "param": "session.audio.output.voice"}}))
    result = run("validate", "--live", "--base-url", server.url, "prod.yaml", "--format", "concise")
    assert result.stdout.startswith("base.yaml:4:21: RT900 the server rejected this session: bad voice")


def test_an_accepted_session_that_differs_is_reported(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)

    def echo(body: dict[str, Any]) -> Reply:
        session = json.loads(json.dumps(body["session"]))
        session["audio"]["output"]["voice"] = "alloy"  # changed
        del session["audio"]["output"]["speed"]  # dropped (silently ignored)
        session["tool_choice"] = "required"  # filled in, unlike the documented "auto"
        session["truncation"] = "auto"  # filled in as documented: no finding
        return 200, {"Content-Type": "application/json"}, json.dumps({"value": SECRET, "session": session}).encode()

    server.replies.append(echo)
    result = live(run, server, str(path), "--format", "json")
    found = {(d["code"], d["path"], d["line"]) for d in json.loads(result.stdout)["files"][0]["diagnostics"]}
    assert ("RT901", "audio.output.voice", 5) in found
    assert ("RT901", "audio.output.speed", 6) in found
    assert ("RT901", "", 1) in found  # tool_choice is not in the profile: the session's start
    assert result.exit_code == 0  # warnings
    assert run("validate", "--live", "--base-url", server.url, "--isolated", str(path), "--strict").exit_code in (0, 1)


def test_a_clean_echo_is_silent(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)
    result = live(run, server, str(path))
    assert result.exit_code == 0 and "RT90" not in result.stdout
    assert len(server.requests) == 1


def test_retries_honour_retry_after_and_are_bounded(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)
    server.replies += [_json(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"}), _ok_echo]
    started = time.monotonic()
    assert live(run, server, str(path)).exit_code == 0
    assert len(server.requests) == 2 and time.monotonic() - started < 5
    server.requests.clear()
    server.replies += [_json(500, {"error": {"message": "oops"}}, {"Retry-After": "0"})] * 4
    failed = live(run, server, str(path))
    assert failed.exit_code == 2 and "answered 500 4 times" in failed.stderr
    assert len(server.requests) == 4  # bounded
    server.requests.clear()
    server.replies.append(_json(429, {}, {"Retry-After": "3600"}))
    assert "asks to wait 3600 s" in live(run, server, str(path)).stderr and len(server.requests) == 1


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (_json(401, {"error": {"message": "Incorrect API key provided"}}), "refused the key (401): Incorrect API key"),
        (lambda _b: (200, {"Content-Type": "text/html"}, b"<html>proxy login</html>"), "not JSON (text/html)"),
        (lambda _b: (302, {"Location": "http://127.0.0.1:9/steal"}, b""), "a redirect to http://127.0.0.1:9/steal"),
        (_json(404, {"error": {"message": "Not found"}}), "does not exist (404)"),
    ],
)
def test_answers_that_are_not_the_api_exit_2_in_one_line(run, server: Server, tmp_path: Path, reply, words) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)
    server.replies.append(reply)
    result = live(run, server, str(path))
    assert result.exit_code == 2 and words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert len(server.requests) == 1  # a redirect is not followed


def test_a_hang_past_the_timeout(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE)

    def hang(_body: dict[str, Any]) -> Reply:
        time.sleep(2)
        return _ok_echo(_body)

    server.replies.append(hang)
    started = time.monotonic()
    result = live(run, server, str(path), "--timeout", "0.3")
    assert result.exit_code == 2 and "within 0.3 s" in result.stderr
    assert time.monotonic() - started < 1.9


def test_nothing_listening_is_unreachable(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = write(tmp_path, "p.yaml", PROFILE)
    result = run("validate", "--live", "--base-url", f"http://127.0.0.1:{port}/v1", str(path), "--isolated")
    assert result.exit_code == 2 and "cannot reach" in result.stderr and KEY not in result.stderr


def test_without_a_key_one_clear_line(run, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    path = write(tmp_path, "p.yaml", PROFILE)
    result = run("validate", "--live", str(path), "--isolated")
    assert result.exit_code == 2
    assert result.stderr == "rtcfg: --live needs an API key: set OPENAI_API_KEY (it is sent only to the endpoint)\n"


def test_offline_errors_are_not_sent_unless_asked(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE + "voise: x\n")
    result = live(run, server, str(path), "--format", "concise")
    assert result.exit_code == 1 and "RT100" in result.stdout and server.requests == []
    server.replies.append(
        _json(400, {"error": {"message": "Unknown parameter: 'session.voise'.", "param": "session.voise"}})
    )
    anyway = live(run, server, str(path), "--format", "concise", "--live-anyway")
    lines = anyway.stdout.splitlines()
    assert lines[0].split(" ")[1] == "RT100" and lines[1].split(" ")[1] == "RT900"  # offline first
    assert lines[1].startswith(f"{path}:7:1: RT900")
    assert server.requests[0]["body"]["session"]["voise"] == "x"


def test_organisation_and_project_headers_and_the_base_url_from_the_environment(
    run, server: Server, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("OPENAI_ORG_ID", "org_1")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_1")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    path = write(tmp_path, "p.yaml", PROFILE)
    assert run("validate", "--live", str(path), "--isolated").exit_code == 0
    headers = server.requests[0]["headers"]
    assert headers["OpenAI-Organization"] == "org_1" and headers["OpenAI-Project"] == "proj_1"


def test_requests_in_flight_are_bounded_and_results_stay_in_order(run, server: Server, tmp_path: Path) -> None:
    paths = [str(write(tmp_path, f"p{i}.yaml", PROFILE)) for i in range(6)]
    busy, peak, lock = [0], [0], threading.Lock()

    def slow(body: dict[str, Any]) -> Reply:
        with lock:
            busy[0] += 1
            peak[0] = max(peak[0], busy[0])
        time.sleep(0.15)
        with lock:
            busy[0] -= 1
        return _ok_echo(body)

    server.replies += [slow] * 6
    result = live(run, server, *paths, "--jobs", "2", "--format", "json")
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == paths
    assert peak[0] <= 2 and len(server.requests) == 6


def test_beta_and_live_profiles_are_not_sent(run, server: Server, tmp_path: Path) -> None:
    beta = write(tmp_path, "b.yaml", "api: beta\nsession:\n  voice: alloy\n")
    live_profile = write(tmp_path, "l.yaml", "api: live\nsession:\n  model: gpt-live-1.1\n")
    assert live(run, server, str(beta), str(live_profile)).exit_code == 0
    assert server.requests == []


def test_explain_live_explains_the_servers_answer(run, server: Server, tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PROFILE + "voise: x\n")
    server.replies.append(
        _json(
            400,
            {
                "error": {
                    "message": "Unknown parameter: 'session.voise'.",
                    "param": "session.voise",
                    "code": "unknown_parameter",
                }
            },
        )
    )
    result = run("explain", "--live", str(path), "--base-url", server.url, "--isolated", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [r["code"] for r in doc["rules"]] == ["RT100"] and doc["profile"]["places"][0]["line"] == 7
    assert KEY not in result.stdout + result.stderr
    accepted = run(
        "explain", "--live", str(write(tmp_path, "ok.yaml", PROFILE)), "--base-url", server.url, "--isolated"
    )
    assert accepted.exit_code == 0 and "accepted" in accepted.stdout and SECRET not in accepted.stdout
    misuse = run("explain", "--live", "Unknown parameter", str(path), "--base-url", server.url)
    assert misuse.exit_code == 2

"""One JSON POST to the API, carefully: the key only in the Authorization header (never in
a message), no redirects, a timeout, bounded retries with backoff that honours Retry-After,
and the answer read only as far as needed (a body over 1 MiB is refused)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from rtcfg.core.errors import RtcfgError

DEFAULT_BASE_URL = "https://api.openai.com/v1"
MAX_ATTEMPTS = 4  # the first request and three retries
MAX_WAIT = 30.0  # seconds: a longer Retry-After is not waited for
MAX_BODY = 1024 * 1024


@dataclass(frozen=True)
class Endpoint:
    base_url: str
    key: str
    organization: str | None = None
    project: str | None = None
    timeout: float = 20.0

    def __repr__(self) -> str:  # never the key, not even in a traceback's repr
        return f"Endpoint({self.base_url!r})"


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def endpoint_from(environ: Mapping[str, str], base_url: str | None, timeout: float) -> Endpoint:
    """The endpoint as the openai package configures it: OPENAI_API_KEY, OPENAI_BASE_URL
    (or --base-url), OPENAI_ORG_ID and OPENAI_PROJECT_ID."""
    key = environ.get("OPENAI_API_KEY", "").strip()
    if not key:
        raise RtcfgError("--live needs an API key: set OPENAI_API_KEY (it is sent only to the endpoint)")
    url = (base_url or environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise RtcfgError(f"--base-url {url!r} is not an http(s) URL")
    return Endpoint(url, key, environ.get("OPENAI_ORG_ID") or None, environ.get("OPENAI_PROJECT_ID") or None, timeout)


def _retry_after(headers: Mapping[str, str], attempt: int) -> float:
    value = headers.get("retry-after")
    if value is not None:
        try:
            seconds: float = max(0.0, float(value))
            return seconds
        except ValueError:
            pass
    backoff: float = min(MAX_WAIT, 0.5 * 2.0**attempt)
    return backoff


def post_json(
    endpoint: Endpoint, path: str, payload: dict[str, Any], *, sleep: Callable[[float], None] = time.sleep
) -> Answer:
    """POST `payload` to `{base}{path}`; the JSON answer (any status the API answers with
    JSON), or RtcfgError for what is not the API answering."""
    import http.client
    import ssl

    url = endpoint.base_url + path
    parts = urlsplit(url)
    body = json.dumps(payload).encode("utf-8")
    headers = {
        "Authorization": f"Bearer {endpoint.key}",
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": "rtcfg (validate --live)",
    }
    if endpoint.organization:
        headers["OpenAI-Organization"] = endpoint.organization
    if endpoint.project:
        headers["OpenAI-Project"] = endpoint.project
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    last = ""
    for attempt in range(MAX_ATTEMPTS):
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(
                parts.hostname or "", parts.port, timeout=endpoint.timeout, context=ssl.create_default_context()
            )
        else:
            conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=endpoint.timeout)
        try:
            conn.request("POST", target, body=body, headers=headers)
            response = conn.getresponse()
            status = response.status
            answer_headers = {k.lower(): v for k, v in response.getheaders()}
            raw = response.read(MAX_BODY + 1)
        except ssl.SSLError as exc:
            raise RtcfgError(f"TLS failed talking to {parts.hostname}: {exc.reason or exc}") from None
        except TimeoutError:
            raise RtcfgError(f"no answer from {url} within {endpoint.timeout:g} s (--timeout)") from None
        except OSError as exc:
            raise RtcfgError(f"cannot reach {url}: {exc.strerror or exc}") from None
        except http.client.HTTPException as exc:
            raise RtcfgError(f"{url} did not answer as an HTTP server ({type(exc).__name__})") from None
        finally:
            conn.close()
        if 300 <= status < 400:
            where = answer_headers.get("location", "elsewhere")
            raise RtcfgError(
                f"{url} answered {status}, a redirect to {where}: not followed, so that the key goes only to "
                "--base-url (point --base-url at the API itself)"
            )
        if status == 429 or status >= 500:
            last = f"{status}"
            if attempt + 1 < MAX_ATTEMPTS:
                wait = _retry_after(answer_headers, attempt)
                if wait > MAX_WAIT:
                    raise RtcfgError(f"{url} answered {status} and asks to wait {wait:g} s; try again later")
                sleep(wait)
                continue
            raise RtcfgError(f"{url} answered {last} {MAX_ATTEMPTS} times; try again later")
        if len(raw) > MAX_BODY:
            raise RtcfgError(f"{url} answered with more than {MAX_BODY:,} bytes; not read")
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            kind = answer_headers.get("content-type", "no content type")
            raise RtcfgError(f"{url} answered {status} with something that is not JSON ({kind})") from None
        if not isinstance(data, dict):
            raise RtcfgError(f"{url} answered {status} with JSON that is not an object")
        if status in (401, 403):
            raise RtcfgError(f"{url} refused the key ({status}): {_message(data)}")
        if status == 404:
            raise RtcfgError(f"{url} does not exist (404): is --base-url right? {_message(data)}".rstrip())
        return Answer(status, data)
    raise RtcfgError(f"{url} answered {last}")  # not reached


def _message(data: dict[str, Any]) -> str:
    error = data.get("error")
    if isinstance(error, dict) and isinstance(error.get("message"), str):
        return str(error["message"])[:500]
    return ""

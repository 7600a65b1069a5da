"""The formats CI systems and editors read (stdlib only):

- `concise`: `file:line:col: CODE message`, one finding per line (grep, editors' error lists);
- `gitlab`: GitLab's Code Quality report (a JSON array; the fingerprint is stable across
  runs: it hashes where the finding is in the session and what it says, not its line, so a
  finding does not look new when lines above it move);
- `junit`: JUnit XML (Jenkins, Azure DevOps, GitLab test reports): one test case per file,
  a failure per error (and per warning under --strict);
- `statistics`: the count of each code, most frequent first.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rtcfg.core.diagnostics import Diagnostic
from rtcfg.output import escape

if TYPE_CHECKING:
    from rtcfg.check.result import Profile


def _message(p: Profile, d: Diagnostic) -> str:
    from rtcfg.core.secrets import hide

    return hide(d.message + (f" (hint: {d.hint})" if d.hint else ""), p.secrets)


def concise(pairs: Iterable[tuple[Profile, Diagnostic]]) -> Iterable[str]:
    for p, d in pairs:
        where = escape.text(d.file or p.name)
        yield f"{where}:{d.line}:{d.column}: {d.code} {escape.text(_message(p, d))}\n"


# GitLab's severities: info, minor, major, critical, blocker.
_GITLAB_SEVERITY = {"error": "critical", "warning": "minor"}


def _project_path(path: str, root: str) -> str:
    """`path` relative to the project root (GitLab resolves report paths from the checkout)."""
    import os

    if path.startswith("<"):  # <stdin>
        return path
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return (path if rel.startswith(os.pardir) else rel).replace(os.sep, "/")


def gitlab(pairs: Iterable[tuple[Profile, Diagnostic]], root: str) -> str:
    """The Code Quality report: description, check_name, fingerprint, severity,
    location.path (relative to the project root) and location.lines.begin per finding."""
    issues = []
    seen: Counter[str] = Counter()
    for p, d in pairs:
        path = _project_path(d.file or p.name, root)
        anchor = d.dotted_path or f"line {d.line}"
        identity = "\x00".join((path, d.code, anchor, d.message))
        seen[identity] += 1  # two equal findings at one place still get two fingerprints
        fingerprint = hashlib.sha256(f"{identity}\x00{seen[identity]}".encode("utf-8", "surrogatepass")).hexdigest()
        issues.append(
            {
                "type": "issue",
                "description": _message(p, d),
                "check_name": d.code,
                "fingerprint": fingerprint,
                "severity": _GITLAB_SEVERITY[d.severity.value],
                "categories": ["Bug Risk"] if d.is_error else ["Style"],
                "location": {"path": path, "lines": {"begin": d.line}},
            }
        )
    return escape.json_document(issues) + "\n"


# XML 1.0 cannot carry most control characters even as references: they are shown as the
# text escapes of the output layer.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml(value: str, *, attribute: bool = True) -> str:
    from xml.sax.saxutils import escape as xml_escape

    value = escape.text(value) if _XML_UNSAFE.search(value) else value
    if not attribute:
        return xml_escape(value, {"\r": "&#13;"})
    return xml_escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def junit(profiles: Sequence[Profile], strict: bool) -> str:
    """Each file is a test of its own: a fault in a shared base fails every profile that
    uses it (as the exit status says), so it is listed under each."""
    cases = []
    failures = 0
    for p in profiles:
        name, diagnostics = p.name, p.diagnostics
        body = []
        out_lines = []
        for d in diagnostics:
            where = f"{d.file or p.name}:{d.line}:{d.column}"
            text = f"{where}: {d.code} {_message(p, d)}"
            if d.is_error or strict:
                failures += 1
                attributes = f'type="{_xml(d.code)}" message="{_xml(_message(p, d))}"'
                body.append(f"      <failure {attributes}>{_xml(text, attribute=False)}</failure>")
            else:
                out_lines.append(text)
        if out_lines:
            body.append(f"      <system-out>{_xml(chr(10).join(out_lines), attribute=False)}</system-out>")
        inner = ("\n" + "\n".join(body) + "\n    ") if body else ""
        cases.append(f'    <testcase classname="rtcfg" name="{_xml(name)}">{inner}</testcase>')
    head = f'  <testsuite name="rtcfg" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0">'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n'
        + head
        + "\n"
        + "".join(c + "\n" for c in cases)
        + "  </testsuite>\n</testsuites>\n"
    )


def statistics(counts: Counter[str]) -> list[tuple[int, str, str, str]]:
    """(count, code, name, severity) for each code found, most frequent first."""
    from rtcfg.core.codes import CODES

    return [
        (n, code, CODES[code].name if code in CODES else "", CODES[code].severity.value if code in CODES else "")
        for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]

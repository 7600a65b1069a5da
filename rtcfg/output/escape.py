"""The one place where text from a profile or a path is made safe to show.

Every output format runs every string that could have come from a profile or a file name
(keys, values, tool names, paths, messages that quote them) through the function of its
format here, so that a hostile profile cannot write to the terminal or the CI log:
- `text`: control characters (CR, LF, ESC, the C1 range, Unicode line separators and
  the bidirectional overrides of "Trojan Source") are shown as escapes such as `\\n`,
  `\\x1b`, `\\u202e`; characters that no UTF-8 can carry (surrogates from undecodable
  file names) as the bytes they stood for.
- `github_data` / `github_property`: the same, then GitHub's own escaping of workflow
  commands, so that nothing starts a line that Actions would execute (`::error ...`).
- `json_document`: JSON text that is valid UTF-8 whatever the strings in it.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 controls (tab included), DEL, C1 controls, line/paragraph separators, bidi controls
# and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def text(value: str) -> str:
    """`value` with every control character shown as an escape."""
    if _UNSAFE.search(value) is None:
        return value
    return _UNSAFE.sub(_escaped, value)


def line(value: str) -> str:
    """One line of a value shown over several lines (a diff of instructions): escaped, and
    a line that would start with `::` (GitHub's runner skips leading blanks before it looks)
    shows its first colon as `\\x3a`, so that the CI log cannot read it as a command."""
    shown = text(value)
    stripped = shown.lstrip()
    if stripped.startswith("::"):
        return shown[: len(shown) - len(stripped)] + "\\x3a" + stripped[1:]
    return shown


def github_data(value: str) -> str:
    """The message part of a GitHub Actions workflow command."""
    return text(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(value: str) -> str:
    """A property value (file=, title=) of a GitHub Actions workflow command."""
    return github_data(value).replace(":", "%3A").replace(",", "%2C")


# In JSON text these can only stand inside strings (the syntax is ASCII), where `\uXXXX`
# means the same character: C1 controls, separators, bidi controls, lone surrogates.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_document(doc: Any, *, indent: int | None = 2, compact: bool = False) -> str:
    """`doc` as JSON text that is valid UTF-8 and safe to `cat`: C0 controls are JSON
    escapes already; the characters above are written as `\\uXXXX` escapes too, so the
    data a reader parses back is the same, and a lone surrogate (an undecodable file name,
    a `\\ud800` read from a JSON profile) cannot make the output unencodable."""
    if compact:
        dumped = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    else:
        dumped = json.dumps(doc, indent=indent, ensure_ascii=False)
    if _JSON_UNSAFE.search(dumped) is None:
        return dumped
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)

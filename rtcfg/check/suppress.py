"""Inline suppressions: `# rtcfg: ignore[RT214] -- why` silences one finding where it is.

- A trailing comment covers its own line; a comment on a line of its own covers the next
  line that is not a comment (the line above the finding).
- `# rtcfg: ignore-file[RT214]` covers the whole file it is written in (a base's comment
  covers what is placed in the base).
- A suppression that silences nothing is reported (RT015), as ruff reports an unused
  `noqa`; one that names an unknown rule, or an error the API rejects, is RT016 and the
  finding stays: what the API refuses is never waved through.

Only YAML has comments; JSON files are configured per path in the project configuration.
The text is searched for `rtcfg:` first, so a file without one costs a substring search.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rtcfg.core.diagnostics import Diagnostic, Severity

_COMMENT = re.compile(r"#[ \t]*rtcfg:[ \t]*(ignore-file|ignore)\b(?:\[([^\]\n]*)\])?(?:[ \t]*--[ \t]*(\S[^\n]*))?")
_MARKER = "rtcfg:"


@dataclass
class _Suppression:
    file: str
    line: int  # where the comment is
    column: int
    covers: int | None  # the line it covers; None for the whole file
    codes: dict[str, str] = field(default_factory=dict)  # code -> as written
    used: set[str] = field(default_factory=set)


def _scalar_spans(text: str) -> list[tuple[int, int]]:
    """Where the scalars (quoted, plain and block) are: a `#` inside one is text, not a
    comment. Asked only of a file that mentions `rtcfg:`."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spans = []
    try:
        for token in yaml.scan(text, Loader=loader):
            if isinstance(token, yaml.ScalarToken):
                spans.append((token.start_mark.index, token.end_mark.index))
    except yaml.YAMLError:
        pass  # the file parsed; anything after a scanner fault is not a profile's text
    return spans


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    import bisect

    i = bisect.bisect_right(spans, (offset, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= offset < spans[i][1]


def _find(file: str, text: str, problems: list[Diagnostic]) -> list[_Suppression]:
    from rtcfg.core.codes import guess, lookup

    found: list[_Suppression] = []
    spans: list[tuple[int, int]] | None = None
    lines = text.splitlines()
    line_starts = [0]
    for line in lines:
        line_starts.append(line_starts[-1] + len(line) + 1)
    # The first line at or after each line that is not a comment, found once from the end
    # (a file of ten thousand comment lines must not be searched ten thousand times).
    next_code = [0] * (len(lines) + 2)
    next_code[len(lines) + 1] = 0
    for k in range(len(lines), 0, -1):
        next_code[k] = next_code[k + 1] if lines[k - 1].lstrip().startswith("#") else k
    for n, line in enumerate(lines, start=1):
        if _MARKER not in line:
            continue
        m = _COMMENT.search(line)
        if m is None:
            continue
        start = m.start()
        if start > 0 and line[start - 1] not in " \t":
            continue
        if spans is None:
            spans = _scalar_spans(text)
        if _inside(line_starts[n - 1] + start, spans):
            continue
        column = start + 1
        whole_file = m.group(1) == "ignore-file"
        if whole_file:
            covers = None
        elif line[:start].strip():
            covers = n
        else:
            covers = next_code[n + 1] or n
        suppression = _Suppression(file, n, column, covers)
        if m.group(2) is None or not m.group(2).strip():
            problems.append(
                _problem(
                    "RT016",
                    f"`rtcfg: {m.group(1)}` names no rule: it suppresses nothing",
                    file,
                    n,
                    column,
                    f"name the rules it is for: # rtcfg: {m.group(1)}[RT214] -- why",
                )
            )
            continue
        for token in (t.strip() for t in m.group(2).split(",")):
            if not token:
                continue
            entry = lookup(token)
            if entry is None:
                meant = guess(token)
                hint = f"did you mean {meant}?" if meant else "`rtcfg rules` lists the rules"
                problems.append(_problem("RT016", f"unknown rule {token!r} in a suppression", file, n, column, hint))
            elif not entry.ignorable:
                problems.append(
                    _problem(
                        "RT016",
                        f"{entry.code} ({entry.name}) cannot be suppressed: the API rejects such a session",
                        file,
                        n,
                        column,
                        "fix the fault; only rules and warnings can be silenced",
                    )
                )
            else:
                suppression.codes[entry.code] = token
        if suppression.codes:
            found.append(suppression)
    return found


def _problem(code: str, message: str, file: str, line: int, column: int, hint: str) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, message, (), file, line, column, hint)


def apply(diagnostics: Iterable[Diagnostic], texts: Mapping[str, str], is_json: Mapping[str, bool]) -> list[Diagnostic]:
    """The placed `diagnostics` without those a comment suppresses, and with a finding for
    each suppression that suppresses nothing or cannot suppress."""
    diagnostics = list(diagnostics)
    problems: list[Diagnostic] = []
    by_file: dict[str, list[_Suppression]] = {}
    for file, text in texts.items():
        if _MARKER in text and not is_json.get(file, False):
            found = _find(file, text, problems)
            if found:
                by_file[file] = found
    if not by_file:
        return diagnostics + problems
    # Indexed by (file, line covered), None for a whole file: each finding asks two places.
    index: dict[tuple[str, int | None], list[_Suppression]] = {}
    for file, found in by_file.items():
        for s in found:
            index.setdefault((file, s.covers), []).append(s)
    kept: list[Diagnostic] = []
    for d in diagnostics:
        suppressed = False
        for s in (*index.get((d.file, d.line), ()), *index.get((d.file, None), ())):
            if d.code in s.codes:
                s.used.add(d.code)
                suppressed = True
        if not suppressed:
            kept.append(d)
    for suppressions in by_file.values():
        for s in suppressions:
            for code, written in s.codes.items():
                if code not in s.used:
                    where = "in this file" if s.covers is None else f"on line {s.covers}"
                    problems.append(
                        _problem(
                            "RT015",
                            f"unused suppression: no {written} finding {where}",
                            s.file,
                            s.line,
                            s.column,
                            "remove it (the finding it was for is gone, or it sits on the wrong line)",
                        )
                    )
    return kept + problems

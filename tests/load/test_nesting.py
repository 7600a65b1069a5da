"""Deep nesting is refused the same way whichever PyYAML is installed: RT008 at the first
collection over the limit, found before libyaml composes the text (PyYAML before 6.0.4
recursed without a limit there and crashed; 6.0.4 refuses at 1,000 levels by itself)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rtcfg.load import yamlio
from rtcfg.load.yamlio import MAX_DEPTH, LoadError, parse

LEVELS = 100_000  # what crashed PyYAML 6.0 to 6.0.3 in C
LINES = 3_000  # indentation nesting grows with the square of the depth: this is 9 MB

# name -> (text, line and column of the first collection over the limit)
CRASHERS: dict[str, tuple[str, tuple[int, int]]] = {
    "block sequences on one line": ("- " * LEVELS + "x\n", (1, 2 * MAX_DEPTH + 1)),
    "explicit keys on one line": ("? " * LEVELS + "x\n", (1, 2 * MAX_DEPTH + 1)),
    "flow sequences": ("[" * LEVELS + "]" * LEVELS + "\n", (1, MAX_DEPTH + 1)),
    "flow mappings": ('{"a":' * LEVELS + "1" + "}" * LEVELS + "\n", (1, 5 * MAX_DEPTH + 1)),
    "indented mappings": ("".join(" " * i + "a:\n" for i in range(LINES)) + " " * LINES + "b\n", (201, 201)),
    # A sequence at its mapping's indentation has no start token of its own: each line is
    # two levels (the sequence and the mapping in its item).
    "sequences at their mapping's indentation": (
        "".join(" " * (2 * i) + "- a:\n" for i in range(LINES)) + "x\n",
        (101, 201),
    ),
    "block sequences, then flow": ("- " * 150 + "[" * 100 + "x" + "]" * 100 + "\n", (1, 351)),
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_deep_nesting_is_rt008_at_the_first_level_over_the_limit(name: str) -> None:
    text, where = CRASHERS[name]
    with pytest.raises(LoadError) as caught:
        parse("deep.yaml", text)
    d = caught.value.diagnostic
    assert (d.code, d.message, (d.line, d.column)) == ("RT008", f"nesting deeper than {MAX_DEPTH} levels", where)


@pytest.mark.parametrize("name", ["block sequences on one line", "sequences at their mapping's indentation"])
def test_the_crashing_profiles_end_cleanly_in_a_real_process(tmp_path: Path, name: str) -> None:
    # A separate process: with a loader that crashed, this test fails instead of the worker.
    text, (line, column) = CRASHERS[name]
    (tmp_path / "deep.yaml").write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "rtcfg", "validate", "--format", "json", "deep.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, (done.returncode, done.stderr[-500:])
    (diagnostic,) = json.loads(done.stdout)["files"][0]["diagnostics"]
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("RT008", line, column)


def test_libyaml_refusing_by_itself_is_the_same_rt008(monkeypatch: pytest.MonkeyPatch) -> None:
    # Whatever made the cheap bound miss, a refusal from libyaml's own limit (PyYAML 6.0.4
    # on) is reported as rtcfg's: same code, message and place. Simulated here by a bound
    # that never asks for the count before parsing.
    monkeypatch.setattr(yamlio, "_could_nest_too_deep", lambda text: False)
    text = "[" * 5000 + "]" * 5000
    if not _libyaml_has_a_limit():
        pytest.skip("this PyYAML's libyaml has no nesting limit of its own (before 6.0.4)")
    with pytest.raises(LoadError) as caught:
        parse("deep.yaml", text)
    d = caught.value.diagnostic
    assert (d.code, d.message, d.line, d.column) == ("RT008", f"nesting deeper than {MAX_DEPTH} levels", 1, 201)


def _libyaml_has_a_limit() -> bool:
    try:
        yaml.load("[" * 5000 + "]" * 5000, Loader=yaml.CSafeLoader)
    except AttributeError:  # no libyaml at all
        return False
    except yaml.YAMLError:
        return True
    return False


def test_what_is_not_nesting_is_not_refused() -> None:
    # brackets inside quoted text, long indentation in a block scalar, dashes in prose
    cases = [
        "instructions: '" + "[" * 500 + "'\n",
        "instructions: |\n" + " " * 450 + "indented text\n",
        "instructions: 'a - - - - b ? - c'\n",
        "tools:\n" + "- {type: function, name: f}\n" * 300,
    ]
    for text in cases:
        assert parse("ok.yaml", text).data


# Nested values of random shapes, written by yaml.dump in block, flow and mixed styles
# with different indentations: the count before composing and the walk after it name the
# same place, whether or not the text is too deep.
_WRAPS = {
    "list": lambda v: [v],
    "mapping": lambda v: {"k": v},
    "second item": lambda v: ["s", v],
    "second value": lambda v: {"a": 1, "b": v},
    "item, then another": lambda v: [v, "s"],
    "value, then another": lambda v: {"b": v, "z": [1]},
}


def _build(kinds: list[str]) -> object:
    value: object = "x"
    for kind in kinds:
        value = _WRAPS[kind](value)
    return value


_chain = st.lists(st.sampled_from(sorted(_WRAPS)), min_size=MAX_DEPTH - 8, max_size=MAX_DEPTH + 4)


# Two deep branches of random shapes side by side, written by yaml.dump in block, flow and
# mixed styles with different indentations: the count before composing and the walk after
# it name the same place (the first branch's when both are too deep), or both none.
@settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(first=_chain, second=_chain, flow=st.sampled_from([False, True, None]), indent=st.integers(2, 5))
def test_the_count_before_composing_agrees_with_the_walk_after(
    first: list[str], second: list[str], flow: bool | None, indent: int
) -> None:
    value = {"first": _build(first), "second": _build(second)}
    text = yaml.dump(value, Dumper=yaml.CSafeDumper, default_flow_style=flow, indent=indent, width=10**9)
    early = yamlio._first_level_too_deep(text)
    node = yaml.compose(text, Loader=yaml.CSafeLoader)
    try:
        yamlio._check_limits(node)
        late = None
    except LoadError as exc:
        late = exc

    def where(refusal: LoadError | None) -> tuple[str, str, int, int] | None:
        d = refusal.diagnostic if refusal else None
        return (d.code, d.message, d.line, d.column) if d else None

    assert where(early) == where(late)

"""The shape of the package, checked on its source (AST): the pipeline's steps import only
from the steps before them, with no cycles; only the CLI imports typer, prints or exits;
only the output layer imports rich; each dialect fact is written once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "rtcfg"
# Each step may import from the steps before it (and from itself), never after.
ORDER = ["core", "load", "dialects", "project", "check", "transform", "probe", "output", "cli"]
TOP = ("__init__", "__main__", "startup", "api")  # the entry points, above every step


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(REPO).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every rtcfg module `path` imports (at the top or inside a function), with the line."""
    tree = ast.parse(path.read_text(), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("rtcfg")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rtcfg"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.append((child if child in MODULES else node.module, node.lineno))
    return found


def _step(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else "top"


def test_steps_import_only_from_the_steps_before_them() -> None:
    wrong = []
    for module, path in MODULES.items():
        mine = _step(module)
        if mine == "top":
            continue
        for imported, line in _imports(path):
            theirs = _step(imported)
            if theirs == "top" and imported != "rtcfg":
                wrong.append(f"{path.relative_to(REPO)}:{line}: {module} imports the entry point {imported}")
            elif theirs != "top" and ORDER.index(theirs) > ORDER.index(mine):
                wrong.append(f"{path.relative_to(REPO)}:{line}: {mine} imports {imported}, a later step")
    assert not wrong, "\n".join(wrong)


def test_no_import_cycles_between_modules() -> None:
    # Imports at a module's top level only: those inside a function run later, on purpose.
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text())
        edges = set()
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("rtcfg"):
                for alias in node.names:
                    child = f"{node.module}.{alias.name}"
                    edges.add(child if child in MODULES else node.module)
            elif isinstance(node, ast.Import):
                edges |= {a.name for a in node.names if a.name.startswith("rtcfg")}
        graph[module] = {e for e in edges if e in MODULES and e != module}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                pytest.fail("import cycle: " + " -> ".join([*trail[trail.index(nxt) :], nxt]))
            if nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def _calls_and_imports(path: Path) -> tuple[set[str], list[str]]:
    tree = ast.parse(path.read_text())
    roots: set[str] = set()
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call):
            calls.append(ast.unparse(node.func))
        elif isinstance(node, ast.Raise) and node.exc is not None and "SystemExit" in ast.unparse(node.exc):
            calls.append("raise SystemExit")
    return roots, calls


def test_only_the_cli_imports_typer_prints_or_exits_and_only_the_output_layer_imports_rich() -> None:
    wrong = []
    for module, path in MODULES.items():
        step = _step(module)
        roots, calls = _calls_and_imports(path)
        where = path.relative_to(REPO)
        if step != "cli" and module != "rtcfg.startup":
            if "typer" in roots:
                wrong.append(f"{where} imports typer")
            for call in calls:
                if call in ("print", "sys.exit", "exit", "os._exit", "raise SystemExit") or call.endswith(
                    ("stdout.write", "stderr.write")
                ):
                    wrong.append(f"{where} calls {call}")
        if step != "output" and "rich" in roots:
            wrong.append(f"{where} imports rich")
    assert not wrong, "\n".join(wrong)


def test_each_dialect_fact_is_written_once() -> None:
    # Where a setting lives is said in its dialect's package, and read from there.
    facts = [("audio", "output", "voice"), ("audio", "input", "turn_detection"), ("audio", "input", "format")]
    dotted = ["audio.output.voice", "audio.input.turn_detection", "audio.input.format"]
    wrong = []
    for module, path in MODULES.items():
        if module.startswith("rtcfg.dialects"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Tuple) and all(isinstance(e, ast.Constant) for e in node.elts):
                value = tuple(e.value for e in node.elts)  # type: ignore[attr-defined]
                if any(value[: len(f)] == f for f in facts):
                    wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: {value}")
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in dotted:
                wrong.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value!r}")
    assert not wrong, "\n".join(wrong)


def test_the_top_of_the_package_reads_as_the_pipeline() -> None:
    names = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__")
    assert [n for n in names if (PACKAGE / n).is_dir()] == sorted(ORDER)
    assert len(names) <= len(ORDER) + len(TOP) + 1, names  # + py.typed

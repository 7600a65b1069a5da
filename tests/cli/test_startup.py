"""Start-up cost guard rails: what is imported, asserted in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

from conftest import FIXTURES

HEAVY = ("pydantic", "yaml", "rich")


def loaded_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = loaded_after("import rtcfg, rtcfg.cli")
    assert not loaded & set(HEAVY), loaded & set(HEAVY)


def test_validate_json_does_not_import_rich() -> None:
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    modules = _modules_after_cli("validate", "--format", "json", good)
    assert "rtcfg.dialects.ga.models" in modules  # the probe did run the command
    assert not [m for m in modules if m == "rich" or m.startswith("rich.")]


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "rtcfg", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("rtcfg ")


def _modules_after_cli(*argv: str) -> list[str]:
    return _cli_probe("' '.join(sys.modules)", *argv).split()


def test_jsonschema_is_imported_only_for_unusual_tool_schemas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # jsonschema costs about 0.1 s to import and milliseconds per schema: plain tool schemas
    # are judged by the fast path; a schema it does not know ($ref here) goes to the library.
    without = _modules_after_cli("validate", "--format", "json", str(FIXTURES / "rules" / "RT214.near.yaml"))
    assert "rtcfg.dialects.ga.models" in without and "jsonschema" not in without
    plain = _modules_after_cli("validate", "--format", "json", str(FIXTURES / "rules" / "RT204.near.yaml"))
    assert "rtcfg.check.rules.parameters" in plain and "jsonschema" not in plain
    unusual = tmp_path / "ref.yaml"
    unusual.write_text(
        "type: realtime\ntools:\n  - type: function\n    name: f\n    parameters:\n"
        "      type: object\n      $defs: {id: {type: string}}\n      properties: {id: {$ref: '#/$defs/id'}}\n"
    )
    assert "jsonschema" in _modules_after_cli("validate", "--format", "json", str(unusual))


def test_rules_json_loads_neither_the_models_nor_rich() -> None:
    # (typer itself imports pydantic to coerce arguments; rtcfg's models are another matter)
    modules = set(_modules_after_cli("rules", "--format", "json"))
    assert "rtcfg.output.catalog" in modules
    assert not {"rtcfg.models", "rtcfg.check.pipeline", "yaml", "rich", "jsonschema"} & modules


def _cli_probe(expr: str, *argv: str, env: dict[str, str] | None = None, returncode: int = 0) -> str:
    """Run the CLI in a fresh interpreter; print `expr` (evaluated at exit) to stderr."""
    import os

    code = (
        "import atexit, sys\n"
        f"atexit.register(lambda: sys.stderr.write('PROBE ' + str({expr}) + '\\n'))\n"
        f"sys.argv = ['rtcfg', *{list(argv)!r}]\n"
        "from rtcfg.startup import main\nmain()\n"
    )
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"} | (env or {})
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ)
    assert out.returncode == returncode, out.stderr
    return out.stderr.split("PROBE ", 1)[1].strip()


LOADER_KIND = "type(sys.modules.get('pydantic.plugin._loader')).__name__"


def test_the_cli_skips_pydantics_plugin_search() -> None:
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    # The models were built (the loader was asked), through the stand-in.
    assert _cli_probe(LOADER_KIND, "validate", "--format", "json", good) == "_NoPlugins"


def test_the_command_runs_without_the_cyclic_collector() -> None:
    # A batch still collects every thousand files (test_batch); a run is otherwise short.
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    assert _cli_probe("__import__('gc').isenabled()", "validate", good) == "False"


def test_the_command_leaves_its_heap_out_of_the_collections_at_exit() -> None:
    # Frozen objects are skipped by the collections the interpreter runs while it shuts
    # down (about 30 ms of a one-file run, bench/RESULTS.md); atexit handlers still run.
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    frozen = int(_cli_probe("__import__('gc').get_freeze_count()", "validate", "--format", "json", good))
    assert frozen > 10_000  # the models, the CLI and everything they imported
    failing = str(FIXTURES / "bad")  # a run that exits 1 (sys.exit) freezes as well
    assert int(_cli_probe("__import__('gc').get_freeze_count()", "validate", failing, returncode=1)) > 10_000


def test_the_installed_command_is_the_start_up_entry_point() -> None:
    from importlib.metadata import entry_points

    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "rtcfg"]
    assert script.value == "rtcfg.startup:main"


def test_plugins_the_user_asks_for_are_searched() -> None:
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    for setting in ("0", "some_plugin"):
        kind = _cli_probe(LOADER_KIND, "validate", "--format", "json", good, env={"PYDANTIC_DISABLE_PLUGINS": setting})
        assert kind == "module"


def test_pydantic_asks_its_plugin_loader_for_get_plugins_alone() -> None:
    # The stand-in answers get_plugins; if a new pydantic imports anything else from the
    # loader, this fails here (the stand-in would still hand over to the real module).
    import ast
    from pathlib import Path

    import pydantic

    asked = set()
    for path in Path(pydantic.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith("_loader"):
                asked |= {alias.name for alias in node.names}
            elif isinstance(node, ast.Import) and any(a.name.endswith("plugin._loader") for a in node.names):
                asked.add("*module*")
    assert asked == {"get_plugins"}


def test_the_stand_in_hands_anything_else_to_the_real_loader() -> None:
    code = (
        "import os, sys\n"
        "os.environ['PYDANTIC_DISABLE_PLUGINS'] = '1'\n"
        "from rtcfg.startup import LOADER, skip_plugin_search\n"
        "skip_plugin_search()\n"
        "stand_in = sys.modules[LOADER]\n"
        "assert list(stand_in.get_plugins()) == []\n"
        "print(stand_in.PYDANTIC_ENTRY_POINT_GROUP, type(sys.modules[LOADER]).__name__)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["pydantic", "module"]


def test_every_command_is_loaded_from_the_module_that_defines_it() -> None:
    from rtcfg.cli import FAMILIES, load_commands

    registered = {
        c.name or c.callback.__name__.replace("_", "-"): c.callback.__module__
        for c in load_commands().registered_commands
        if c.callback is not None
    }
    assert {name: f"rtcfg.cli.commands.{family}" for name, family in FAMILIES.items()} == registered


def test_a_run_imports_only_its_own_commands_module() -> None:
    good = str(FIXTURES / "good" / "ga_every_realtime_field.yaml")
    modules = _modules_after_cli("validate", "--format", "json", good)
    assert [m for m in modules if m.startswith("rtcfg.cli.commands.")] == ["rtcfg.cli.commands.validate"]


def _complete(words: str, cword: int) -> list[str]:
    import os

    env = dict(os.environ, _RTCFG_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword))
    probe = "from rtcfg.startup import main\nimport sys\nsys.argv=['rtcfg']\nmain()\n"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    return out.stdout.split()


def test_completion_offers_rule_codes_and_shipped_profiles() -> None:
    assert "RT214" in _complete("rtcfg validate --ignore RT21", 3)
    assert "RT103" not in _complete("rtcfg validate --ignore RT10", 3)  # retired rules are not offered
    assert _complete("rtcfg validate --ignore RT201,RT21", 3)[0].startswith("RT201,RT21")
    assert "tool-name" in _complete("rtcfg rules tool-", 2)
    assert _complete("rtcfg init agent --from phone", 4) == ["phone-agent-twilio"]
    assert "team/prod" in _complete("rtcfg init agent --from team/", 4)


def test_a_named_file_imports_no_pattern_or_toml_library(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # pathspec costs about 15 ms to import: only a folder scan or a per-path override needs it
    profile = tmp_path / "p.yaml"
    profile.write_text("type: realtime\nmodel: gpt-realtime-2.1\n")
    modules = _modules_after_cli("validate", "--format", "json", str(profile))
    assert "rtcfg.dialects.ga.models" in modules
    assert "pathspec" not in modules and "tomllib" not in modules


def test_only_live_imports_the_http_client(tmp_path) -> None:  # type: ignore[no-untyped-def]
    profile = tmp_path / "p.yaml"
    profile.write_text("type: realtime\nmodel: gpt-realtime-2.1\n")
    modules = _modules_after_cli("validate", "--format", "json", str(profile))
    assert "rtcfg.dialects.ga.models" in modules
    assert not {"rtcfg.probe", "http.client", "ssl", "openai", "httpx"} & set(modules)

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
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sys.modules) + '\\n'))\n"
        f"sys.argv = ['rtcfg', 'validate', '--format', 'json', {str(FIXTURES / 'good')!r}]\n"
        "from rtcfg.cli import main\nmain()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    modules = out.stderr.split("MODULES ", 1)[1].split()
    assert "pydantic" in modules  # the probe did run the command
    assert not [m for m in modules if m == "rich" or m.startswith("rich.")]


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "rtcfg", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.startswith("rtcfg ")

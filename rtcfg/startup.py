"""The `rtcfg` command's entry point: set the process up to start fast, then run the CLI.

Nothing is imported before the set-up (typer included), so it covers the whole run.

The cyclic garbage collector is switched off for the run. Importing pydantic and building
the models creates tens of thousands of objects, and the collector walked them dozens of
times (about 3% of a one-file run) to find almost nothing: a run is short, its profiles
are trees, and a batch collects explicitly every thousand files (batch.py). When the command
is done, the heap is frozen (`gc.freeze`), so that the interpreter's exit does not walk it
either (see `main`).

Pydantic looks for plugins the first time a model or TypeAdapter is built: its loader
module imports `importlib.metadata` (email, zipfile, csv: about 18 ms, a fifteenth of a
one-file run) and scans every installed distribution's entry points. rtcfg's models are
its own business, so the command line turns the search off (PYDANTIC_DISABLE_PLUGINS,
pydantic's documented switch) and, while that switch is on, puts a stand-in for the
loader module in its place: the stand-in answers "no plugins", exactly what the real
loader answers under the switch, without importing `importlib.metadata`.

Anything else asked of the stand-in loads the real module, so a pydantic that uses its
loader differently still works (only slower); tests/cli/test_startup.py checks that this
pydantic asks the loader for `get_plugins` alone.
"""

from __future__ import annotations

import gc
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"
DISABLED = ("__all__", "1", "true")  # the values for which pydantic's own loader returns ()


class _NoPlugins(types.ModuleType):
    """Pydantic's plugin loader when plugins are switched off."""

    @staticmethod
    def get_plugins() -> Iterable[Any]:
        return ()

    def __getattr__(self, name: str) -> Any:
        # The import system probes dunders (`__path__`: is this a package?): not ours.
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        # Anything but `get_plugins`: hand over to the real module, for this and every later use.
        import importlib

        if sys.modules.get(LOADER) is self:
            del sys.modules[LOADER]
        return getattr(importlib.import_module(LOADER), name)


def skip_plugin_search() -> None:
    """Switch pydantic's plugin search off for this process, unless the user set it."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "1")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in DISABLED and LOADER not in sys.modules:
        sys.modules[LOADER] = _NoPlugins(LOADER)


def main() -> None:
    gc.disable()
    skip_plugin_search()
    try:
        from rtcfg.cli import main as run

        run()
    finally:
        # Leave the heap to the operating system. At exit the interpreter collects
        # cycles again and again while it takes its modules apart, and the classes,
        # functions and typing objects pydantic and typer made are nearly all cycles:
        # that walk cost a fifth of a one-file run (about 30 ms), to free memory the
        # process is about to give back anyway. Frozen objects are left out of every
        # collection; atexit handlers and the flushing of stdout and stderr still run.
        gc.freeze()

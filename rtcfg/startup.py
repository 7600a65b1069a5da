"""What the command line does before anything else, to start fast.

Pydantic looks for plugins the first time a model or TypeAdapter is built: its loader
module imports `importlib.metadata` (email, zipfile, csv: about 18 ms, a fifteenth of a
one-file run) and scans every installed distribution's entry points. rtcfg's models are
its own business, so the command line turns the search off (PYDANTIC_DISABLE_PLUGINS,
pydantic's documented switch) and, while that switch is on, puts a stand-in for the
loader module in its place: the stand-in answers "no plugins", exactly what the real
loader answers under the switch, without importing `importlib.metadata`.

Anything else asked of the stand-in loads the real module, so a pydantic that uses its
loader differently still works (only slower); tests/test_startup.py checks that this
pydantic asks the loader for `get_plugins` alone.
"""

from __future__ import annotations

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

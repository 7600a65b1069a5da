""".gitignore-style patterns, matched by pathspec (imported only when a pattern is used).

Paths are relative to the folder the patterns belong to, with forward slashes; a folder
is matched with a trailing slash, as git does."""

from __future__ import annotations

import functools
from typing import Any


class Matcher:
    def __init__(self, lines: tuple[str, ...]) -> None:
        import pathspec

        # GitIgnoreSpec (pathspec >= 0.10) behaves as git does; the older "gitwildmatch"
        # factory warns that it is deprecated from pathspec 1.0 on.
        self._spec: Any = pathspec.GitIgnoreSpec.from_lines(lines)

    def decides(self, rel: str) -> bool | None:
        """True when a pattern matches `rel` last, False when a `!pattern` does, None when
        none matches (a deeper .gitignore then leaves the decision to the one above)."""
        result: bool | None = self._spec.check_file(rel).include
        return result

    def matches(self, rel: str) -> bool:
        return self.decides(rel) is True


@functools.cache  # bounded by the configuration's size (1 MB) and the folders scanned
def matcher(lines: tuple[str, ...]) -> Matcher:
    return Matcher(lines)

""".gitignore-style patterns, matched by pathspec (imported only when a pattern needs it).

Paths are relative to the folder the patterns belong to, with forward slashes; a folder
is matched with a trailing slash, as git does.

A list of plain name patterns (`*.yaml`, `node_modules`, `.*`: no slash, no negation, no
character class) means, in git's rules, "a path any of whose parts has such a name"; that
is matched here with fnmatch on the parts, without importing pathspec, which costs a sixth
of a one-file run's start-up. The default include and exclude lists are all of this kind.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from typing import Any

_PLAIN = re.compile(r"^[^/!\[\]\\?#\s]+$")


def _is_plain(line: str) -> bool:
    return bool(_PLAIN.match(line)) and "**" not in line


class Matcher:
    def __init__(self, lines: tuple[str, ...]) -> None:
        self._plain: re.Pattern[str] | None = None
        self._spec: Any = None
        if all(_is_plain(line) for line in lines):
            # one regular expression for all the names: a part is tested once
            self._plain = re.compile("|".join(fnmatch.translate(line) for line in lines) or "(?!)")
        else:
            import pathspec

            # GitIgnoreSpec (pathspec >= 0.10) behaves as git does; the older "gitwildmatch"
            # factory warns that it is deprecated from pathspec 1.0 on.
            self._spec = pathspec.GitIgnoreSpec.from_lines(lines)

    def decides(self, rel: str) -> bool | None:
        """True when a pattern matches `rel` last, False when a `!pattern` does, None when
        none matches (a deeper .gitignore then leaves the decision to the one above)."""
        if self._plain is not None:
            match = self._plain.match
            return True if any(match(part) for part in rel.rstrip("/").split("/")) else None
        result: bool | None = self._spec.check_file(rel).include
        return result

    def matches(self, rel: str) -> bool:
        return self.decides(rel) is True


@functools.cache  # bounded by the configuration's size (1 MB) and the folders scanned
def matcher(lines: tuple[str, ...]) -> Matcher:
    return Matcher(lines)

"""The project's configuration: found by walking up from where rtcfg runs, read, checked
as strictly as a profile (the file is untrusted input too), and resolved into `Settings`
that say where each value came from.

An `rtcfg.toml` holds the keys at its top level; a `pyproject.toml` holds them under
`[tool.rtcfg]`. In one folder `rtcfg.toml` wins; the nearest folder that has either wins.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Mapping
from typing import Any, NamedTuple

from rtcfg.core.errors import RtcfgError

CONFIG_NAMES = ("rtcfg.toml", "pyproject.toml")
APIS = ("ga", "beta", "live")  # the dialects a file may be declared to speak
DEFAULT_INCLUDE = ("*.yaml", "*.yml", "*.json")
# Folders no one means to check: hidden ones (.git, .venv), installed packages, caches.
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__", "venv", "site-packages")
MAX_CONFIG_BYTES = 1024 * 1024


class Override(NamedTuple):
    """`[[tool.rtcfg.overrides]]`: settings for the files that `paths` match."""

    paths: tuple[str, ...]
    ignore: frozenset[str] = frozenset()
    api: str | None = None


class Settings(NamedTuple):
    """The resolved configuration. `origins` says where each key's value came from: a
    file and line, a command-line option, or "default"."""

    root: str
    config_file: str | None = None
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    ignore: frozenset[str] = frozenset()
    strict: bool = False
    api: str | None = None
    format: str | None = None
    overrides: tuple[Override, ...] = ()
    origins: Mapping[str, str] = {}

    def with_option(self, key: str, value: Any, origin: str) -> Settings:
        """The settings with a command-line option's value (options win over the file)."""
        origins = dict(self.origins)
        origins[key] = origin
        return self._replace(**{key.replace("-", "_"): value}, origins=origins)

    def relative(self, path: str) -> str | None:
        """`path` relative to the root, with forward slashes; None when outside it."""
        real = os.path.realpath(path)
        root = os.path.realpath(self.root)
        try:
            rel = os.path.relpath(real, root)
        except ValueError:  # another drive (Windows)
            return None
        if rel == os.pardir or rel.startswith(os.pardir + os.sep):
            return None
        return rel.replace(os.sep, "/")

    def for_file(self, path: str) -> tuple[frozenset[str], str | None]:
        """The rules turned off and the dialect declared for one file: the settings', then
        each override whose paths match it, in order (a later override's api wins)."""
        ignore, api = self.ignore, self.api
        if not self.overrides:
            return ignore, api
        rel = self.relative(path)
        if rel is None:
            return ignore, api
        from rtcfg.project.patterns import matcher

        for override in self.overrides:
            if matcher(override.paths).matches(rel):
                ignore = ignore | override.ignore
                api = override.api or api
        return ignore, api


# -- finding the file ------------------------------------------------------------------


def _has_table(path: str) -> bool:
    """A pyproject.toml configures rtcfg only when it has a [tool.rtcfg] table (as ruff's
    does): read the text before paying for a TOML parse."""
    from rtcfg.load.sources import read_regular

    data = read_regular(path, MAX_CONFIG_BYTES + 1)
    return data is not None and b"tool.rtcfg" in data


def discover(start: str) -> str | None:
    """The configuration file that governs `start` (a folder): the nearest folder upward
    with an rtcfg.toml, or a pyproject.toml that has [tool.rtcfg]."""
    folder = os.path.abspath(start)
    while True:
        own = os.path.join(folder, "rtcfg.toml")
        if os.path.exists(own):  # a FIFO or folder by that name is refused when read, not skipped
            return own
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_table(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def git_top(start: str) -> str | None:
    """The top folder of the git checkout holding `start` (a .git folder or file), read
    from the file system: no git process."""
    folder = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# -- reading it ------------------------------------------------------------------------

_TOP_KEYS = (
    "root",
    "include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "ignore",
    "strict",
    "api",
    "format",
    "overrides",
)
_OVERRIDE_KEYS = ("paths", "ignore", "api")
FORMATS = ("text", "json", "github", "sarif", "concise", "gitlab", "junit")


class _Reader:
    """Checks one configuration file's table, with each fault's line in the file."""

    def __init__(self, path: str, text: str, table_path: tuple[str, ...]) -> None:
        self.path = path
        self.text = text
        self.lines = text.splitlines()
        self.table_path = table_path

        # Where each table starts, found once: a key's line is then searched only within its
        # own table, so thousands of overrides cost one pass over the file, not one each.
        self._headers = _headers(self.lines, table_path)

    def line(self, key: str | None, index: int | None) -> int:
        return _line_of(self.lines, self._headers, key, index)

    def fail(self, message: str, key: str | None = None, index: int | None = None) -> RtcfgError:
        return RtcfgError(f"{self.path}:{self.line(key, index)}: {message}")

    def origin(self, key: str, index: int | None = None) -> str:
        return f"{self.path}:{self.line(key, index)}"

    def check_keys(self, table: Mapping[str, Any], allowed: tuple[str, ...], where: str, index: int | None) -> None:
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key.replace("_", "-"), allowed, n=1, cutoff=0.6)
                hint = f"; did you mean {near[0]!r}?" if near else f"; the keys are: {', '.join(allowed)}"
                raise self.fail(f"unknown key {key!r} in {where}{hint}", key, index)

    def strings(self, table: Mapping[str, Any], key: str, index: int | None = None) -> tuple[str, ...]:
        value = table[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"{key} must be a list of non-empty strings", key, index)
        return tuple(value)

    def boolean(self, table: Mapping[str, Any], key: str) -> bool:
        value = table[key]
        if not isinstance(value, bool):
            raise self.fail(f"{key} must be true or false, not {value!r}", key)
        return value

    def choice(self, table: Mapping[str, Any], key: str, choices: tuple[str, ...], index: int | None = None) -> str:
        value = table[key]
        if value not in choices:
            near = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise self.fail(f"{key} must be one of {', '.join(choices)}, not {value!r}{hint}", key, index)
        return str(value)

    def rules(self, table: Mapping[str, Any], key: str, index: int | None = None) -> frozenset[str]:
        from rtcfg.core.codes import guess, lookup

        out = set()
        for token in self.strings(table, key, index):
            entry = lookup(token)
            if entry is None:
                meant = guess(token)
                hint = f"; did you mean {meant}?" if meant else "; `rtcfg rules` lists them"
                raise self.fail(f"{key}: unknown rule {token!r}{hint}", key, index)
            if not entry.ignorable:
                raise self.fail(
                    f"{key}: {entry.code} ({entry.name}) cannot be turned off: a file that cannot be read, "
                    "or a session the API rejects, is never waved through",
                    key,
                    index,
                )
            out.add(entry.code)
        return frozenset(out)


class _Headers(NamedTuple):
    table: int  # the line index of the settings' own table ([tool.rtcfg]; 0 for rtcfg.toml)
    overrides: list[int]  # the line index of each [[...overrides]] header, in order
    any_header: list[int]  # every line that starts a table, in order


def _headers(lines: list[str], table_path: tuple[str, ...]) -> _Headers:
    import re

    own = re.compile(r"\s*\[\s*" + re.escape(".".join(table_path)) + r"\s*\]") if table_path else None
    overrides = re.compile(r"\s*\[\[\s*" + re.escape(".".join((*table_path, "overrides"))) + r"\s*\]\]")
    table, found, starts = 0, [], []
    for n, text in enumerate(lines):
        if not text.lstrip().startswith("["):
            continue
        starts.append(n)
        if own is not None and own.match(text) and not table:
            table = n
        elif overrides.match(text):
            found.append(n)
    return _Headers(table, found, starts)


def _line_of(lines: list[str], headers: _Headers, key: str | None, index: int | None) -> int:
    """The line of `key` in the settings' table (or in the index-th override): TOML readers
    give no positions, so the text of that one table is searched."""
    import bisect
    import re

    start = headers.table
    if index is not None and index < len(headers.overrides):
        start = headers.overrides[index]
    if key is None:
        return start + 1
    after = bisect.bisect_right(headers.any_header, start)
    end = headers.any_header[after] if after < len(headers.any_header) else len(lines)
    key_line = re.compile(r"\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for n in range(start, end):
        if key_line.match(lines[n]):
            return n + 1
    return start + 1


def _parse_toml(path: str) -> tuple[str, dict[str, Any]]:
    from rtcfg.load.sources import read_regular

    data = read_regular(path, MAX_CONFIG_BYTES + 1)
    if data is None:
        raise RtcfgError(f"{path}: cannot read the configuration (not a readable regular file)")
    if len(data) > MAX_CONFIG_BYTES:
        raise RtcfgError(f"{path}: the configuration is over {MAX_CONFIG_BYTES:,} bytes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RtcfgError(f"{path}: the configuration is not UTF-8 text") from None
    try:
        import tomllib  # type: ignore[import-not-found,unused-ignore]
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef,import-not-found,unused-ignore]
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # "... (at line 3, column 7)": the reader's own words name the place
        raise RtcfgError(f"{path}: not valid TOML: {exc}") from None


def read(path: str) -> Settings:
    """The settings of one configuration file (rtcfg.toml, or a pyproject.toml's
    [tool.rtcfg]); any fault is an RtcfgError naming the file and line."""
    text, data = _parse_toml(path)
    is_pyproject = os.path.basename(path) == "pyproject.toml"
    table_path: tuple[str, ...] = ("tool", "rtcfg") if is_pyproject else ()
    table: Any = data
    for part in table_path:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    reader = _Reader(path, text, table_path)
    if not isinstance(table, dict):
        raise reader.fail("[tool.rtcfg] must be a table")
    where = "[tool.rtcfg]" if is_pyproject else "rtcfg.toml"
    reader.check_keys(table, _TOP_KEYS, where, None)
    folder = os.path.dirname(os.path.abspath(path))
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key in table:
        origins[key] = reader.origin(key)
    if "root" in table:
        if not isinstance(table["root"], str) or not table["root"]:
            raise reader.fail("root must be a path (relative to the configuration file)", "root")
        root = os.path.normpath(os.path.join(folder, table["root"]))
        if not os.path.isdir(root):
            raise reader.fail(f"root {table['root']!r} is not a folder ({root})", "root")
        values["root"] = root
    for key in ("include", "exclude", "extend-exclude"):
        if key in table:
            values[key.replace("-", "_")] = reader.strings(table, key)
    for key in ("respect-gitignore", "strict"):
        if key in table:
            values[key.replace("-", "_")] = reader.boolean(table, key)
    if "ignore" in table:
        values["ignore"] = reader.rules(table, "ignore")
    if "api" in table:
        values["api"] = reader.choice(table, "api", APIS)
    if "format" in table:
        values["format"] = reader.choice(table, "format", FORMATS)
    if "overrides" in table:
        values["overrides"] = tuple(_overrides(reader, table["overrides"], where))
    if "root" not in values:
        values["root"] = folder
        origins["root"] = "default: the configuration file's folder"
    return Settings(config_file=path, origins=origins, **values)


def _overrides(reader: _Reader, value: Any, where: str) -> Iterator[Override]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise reader.fail("overrides must be an array of tables: [[tool.rtcfg.overrides]]", "overrides")
    for index, table in enumerate(value):
        reader.check_keys(table, _OVERRIDE_KEYS, f"{where} overrides", index)
        if "paths" not in table:
            raise reader.fail("an override needs paths = [...] (the files it applies to)", None, index)
        yield Override(
            paths=reader.strings(table, "paths", index),
            ignore=reader.rules(table, "ignore", index) if "ignore" in table else frozenset(),
            api=reader.choice(table, "api", APIS, index) if "api" in table else None,
        )


def resolve(cwd: str, config: str | None = None, *, isolated: bool = False) -> Settings:
    """The settings for a run from `cwd`: `config` when given (--config), else the file
    found upward (none with --isolated). The root, unless the file sets it: the file's
    folder, else the git checkout's top, else `cwd`, so that results do not depend on
    which folder inside a project rtcfg runs from."""
    if config is not None:
        if not os.path.exists(config):
            raise RtcfgError(f"--config {config}: no such file")
        settings = read(config)
        return settings._replace(origins={**settings.origins, "config": "--config"})
    found = None if isolated else discover(cwd)
    if found is not None:
        return read(found)
    top = None if isolated else git_top(cwd)
    origin = "default: the git checkout's top" if top else "default: the current directory"
    return Settings(root=top or os.path.abspath(cwd), origins={"root": origin})


def described(settings: Settings) -> list[tuple[str, Any, str]]:
    """(key, value, where it came from) for every setting, in the file's key order:
    what `rtcfg show-settings` prints."""
    found = "found upward from the current directory" if settings.config_file else "none found"
    rows: list[tuple[str, Any, str]] = [("config", settings.config_file, settings.origins.get("config", found))]
    for key in _TOP_KEYS:
        value = getattr(settings, key.replace("-", "_"))
        if key == "overrides":
            value = [{"paths": list(o.paths), "ignore": sorted(o.ignore), "api": o.api} for o in value]
        elif isinstance(value, (tuple, frozenset)):
            value = sorted(value) if isinstance(value, frozenset) else list(value)
        rows.append((key, value, settings.origins.get(key, "default")))
    return rows

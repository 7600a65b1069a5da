"""The shipped profiles (installed as the data package `rtcfg.profiles`): list them, and
copy one, with the files it extends or includes, as the start of a new profile."""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rtcfg.core.errors import RtcfgError
from rtcfg.load.sources import PROFILE_SUFFIXES, Source, read_path

# The profile `rtcfg init` starts from when none is named. (The pipeline is imported where
# a profile is checked: `rtcfg init --help` reads this at start-up.)
DEFAULT = "browser-assistant"


@dataclass(frozen=True)
class Shipped:
    name: str  # relative to the library, without suffix: "team/prod"
    path: Path
    description: str
    dialect: str
    kind: str


def directory() -> Path:
    return Path(str(resources.files("rtcfg.profiles")))


def shipped() -> list[Shipped]:
    base = directory()
    out = []
    for path in sorted(p for p in base.rglob("*") if p.suffix in PROFILE_SUFFIXES and p.is_file()):
        from rtcfg.check import pipeline

        profile = pipeline.check_path(str(path), pipeline.Options(root=str(base)))
        description = profile.envelope.get("description")
        name = str(path.relative_to(base).with_suffix("")).replace(os.sep, "/")
        out.append(
            Shipped(
                name,
                path,
                description if isinstance(description, str) else "",
                profile.dialect or "?",
                profile.kind or "?",
            )
        )
    return out


def find(name_or_path: str) -> Path:
    """A shipped profile by name ("phone-agent-twilio", "team/prod"), or a profile file."""
    for entry in shipped():
        if name_or_path in (entry.name, entry.path.name, f"{entry.name}{entry.path.suffix}"):
            return entry.path
    if os.path.isfile(name_or_path):
        return Path(name_or_path)
    names = ", ".join(e.name for e in shipped())
    raise RtcfgError(f"no shipped profile or file {name_or_path!r}; shipped: {names}")


def dependencies(template: Path) -> list[Path]:
    """The files a profile extends or includes, recursively (real paths)."""
    read: list[str] = []

    def recording(path: str) -> Source:
        read.append(path)
        from rtcfg.load.compose import read_file

        return read_file(path)

    source = read_path(str(template))
    from rtcfg.check import pipeline

    pipeline.check_source(
        source, pipeline.Options(root=str(template.parent.resolve()), env={}), location=str(template), reader=recording
    )
    return [Path(p) for p in dict.fromkeys(read)]


@dataclass(frozen=True)
class Planned:
    source: Path
    target: Path


def plan(template: Path, output: Path) -> list[Planned]:
    """What `init` writes: the profile, and beside it the files it names, at the same
    relative places, so that the copy validates where it lands."""
    origin = template.parent.resolve()
    out = [Planned(template, output)]
    for dep in dependencies(template):
        try:
            relative = dep.resolve().relative_to(origin)
        except ValueError:
            raise RtcfgError(f"{template} names {dep}, outside its own directory; copy it by hand") from None
        out.append(Planned(dep, output.parent / relative))
    return out

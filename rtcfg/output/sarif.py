"""SARIF 2.1.0, for GitHub code scanning and other SARIF consumers (stdlib only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rtcfg import __version__
from rtcfg.check.result import Profile
from rtcfg.core.codes import CODES
from rtcfg.core.secrets import hide
from rtcfg.output import escape
from rtcfg.output.catalog import rule_section
from rtcfg.output.report import unique

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/rtcfg/"


def _rule(code: str) -> dict[str, Any]:
    entry = CODES[code]
    return {
        "id": entry.code,
        "name": entry.name,
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.rationale},
        # rtcfg has no web home to link to: the rule's documentation travels in the report
        # (the same section as docs/rules.md#<code> and `rtcfg rules CODE`).
        "help": {
            "text": f"{entry.hint} (source: {entry.source}). Documentation: `rtcfg rules {entry.code}`.",
            "markdown": rule_section(entry),
        },
        "defaultConfiguration": {"level": entry.severity.value},
    }


def to_sarif(profiles: Sequence[Profile]) -> str:
    used = sorted({d.code for p in profiles for d in p.diagnostics})
    index = {code: i for i, code in enumerate(used)}
    results = []
    for profile, d in unique(profiles):  # a fault in a shared base: one result
        text = hide(d.message + (f" (hint: {d.hint})" if d.hint else ""), profile.secrets)
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index[d.code],
                "level": d.severity.value,
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": (d.file or profile.name).replace("\\", "/")},
                            "region": {"startLine": d.line, "startColumn": d.column},
                        },
                        **({"logicalLocations": [{"fullyQualifiedName": d.dotted_path}]} if d.path else {}),
                    }
                ],
            }
        )
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "rtcfg",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": [_rule(code) for code in used],
                    }
                },
                "results": results,
            }
        ],
    }
    return escape.json_document(doc) + "\n"

"""`rtcfg show-settings`: the project configuration that applies here, and where each value
came from."""

import sys
from typing import Annotated

import typer

from rtcfg.cli.app import app, guarded
from rtcfg.cli.io import project_settings
from rtcfg.cli.options import ConfigOption, IsolatedOption, ReportFormat, ReportFormatOption, RootOption


@app.command("show-settings")
@guarded
def show_settings(
    path: Annotated[
        str | None,
        typer.Argument(
            help="Also show what the per-path overrides set for this file.", metavar="PATH", show_default=False
        ),
    ] = None,
    output_format: ReportFormatOption = ReportFormat.text,
    root: RootOption = None,
    config: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Print the resolved configuration (rtcfg.toml or [tool.rtcfg] in pyproject.toml, found
    upward from the current directory) and where each value came from.

    Example: rtcfg show-settings profiles/legacy/old.yaml
    """
    from rtcfg.output import report
    from rtcfg.project.config import described

    settings = project_settings(config, isolated, root)
    rows = described(settings)
    if path is not None:
        ignore, api = settings.for_file(path)
        rows.append((f"for {path}: ignore", sorted(ignore), "settings and the overrides that match it"))
        rows.append((f"for {path}: api", api, "settings and the overrides that match it"))
    sys.stdout.write(report.settings_json(rows) if output_format is ReportFormat.json else report.settings_text(rows))

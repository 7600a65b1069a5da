"""The project around the profiles: its configuration file (rtcfg.toml or [tool.rtcfg]),
its root, and which files a run checks with which settings."""

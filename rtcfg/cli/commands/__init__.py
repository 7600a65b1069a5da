"""The commands, one module per family; each registers itself on `rtcfg.cli.app`."""

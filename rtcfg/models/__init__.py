"""pydantic models of both API dialects, strict as the API is.

`ga` holds the current interface, `beta` the retired one; `shared` what both use.
The models check shape only; rules across fields live in `rtcfg.rules`.
"""

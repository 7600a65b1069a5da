"""Fuzz target: any bytes through the whole validation pipeline must give a Profile with
diagnostics, never an exception, and in bounded time.

Run it with atheris (coverage-guided; `pip install atheris`):

    python fuzz/fuzz_loader.py -max_total_time=600 -max_len=65536 fuzz/corpus/

or, without atheris, with hypothesis for a while:

    python fuzz/fuzz_loader.py --hypothesis 20000

A short hypothesis run of the same target is part of the tests (tests/test_laws.py).
"""

from __future__ import annotations

import sys


def one_input(data: bytes) -> None:
    from rtcfg.check.pipeline import check_bytes

    profile = check_bytes("fuzz.yaml", data)
    assert isinstance(profile.diagnostics, tuple)
    for d in profile.diagnostics:
        assert d.line >= 1 and d.column >= 1 and d.code.startswith("RT")
    if profile.valid and profile.model is not None:
        from rtcfg.transform.render import render

        assert render(profile, envelope="session").payload is not None


def _hypothesis(examples: int) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=examples, deadline=None)
    @given(st.binary(max_size=4096) | st.text(max_size=2048).map(str.encode))
    def run(data: bytes) -> None:
        one_input(data)

    run()


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--hypothesis":
        _hypothesis(int(sys.argv[2]) if len(sys.argv) > 2 else 10000)
    else:
        import atheris  # type: ignore[import-not-found]

        atheris.instrument_all()
        atheris.Setup(sys.argv, one_input)
        atheris.Fuzz()

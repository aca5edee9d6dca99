"""Usage errors end in one line on stderr and exit 2, as every other refusal does."""

from __future__ import annotations

import pytest

from pillars.cli import main

BAD_USES = [
    (["time", "report", "x.ics", "--person", "a@acme.example", "--weeks", "0"], "--weeks"),
    (["time", "report", "x.ics", "--person", "a@acme.example", "--weeks", "abc"], "--weeks"),
    (["time", "report", "x.ics", "--person", "a@acme.example", "--format", "xml"], "--format"),
    (["time", "report", "--bogus"], "no such option: --bogus"),
    (["import", "x.ics"], "--person"),
    (["quota", "saas", "--no-such-figure", "1"], "no such option"),
]


@pytest.mark.parametrize(("argv", "named"), BAD_USES)
def test_a_usage_error_is_one_line_and_exit_2(
    argv: list[str], named: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(argv)
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: pillars "), err
    assert named in lines[0] and "Possible options" not in lines[0]


def test_help_and_version_still_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["--help"], ["time", "report", "--help"], ["version"]):
        with pytest.raises(SystemExit) as stop:
            main(argv)
        assert stop.value.code == 0
    assert "Usage" in capsys.readouterr().out

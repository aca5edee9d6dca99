"""Every command has help, and bad options end in one line and a non-zero exit."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from pillars.cli import app

runner = CliRunner()


def command_paths() -> list[list[str]]:
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    def walk(command: object, prefix: list[str]) -> None:
        paths.append(prefix)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def test_there_are_commands_to_check() -> None:
    assert ["time", "report"] in command_paths()
    assert ["import"] in command_paths()


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "pillars")
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"


def test_unknown_time_zone_is_one_line_and_exit_2(tmp_path) -> None:
    calendar = tmp_path / "cal.ics"
    calendar.write_text("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    result = runner.invoke(
        app, ["time", "report", str(calendar), "--person", "a@example.com", "--tz", "Mars/Base"]
    )
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert "Mars/Base" in result.output


def test_missing_file_names_it(tmp_path) -> None:
    result = runner.invoke(
        app, ["time", "report", str(tmp_path / "nope.ics"), "--person", "a@example.com"]
    )
    assert result.exit_code == 2
    assert "nope.ics" in result.output and "no such file" in result.output

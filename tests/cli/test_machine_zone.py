"""The machine's zone when --tz is not given: $TZ as a name or as a zone file path."""

from __future__ import annotations

from pathlib import Path

import pytest

from pillars.cli.common import machine_zone_name, parse_zone
from pillars.errors import ConfigError

ZONEINFO = Path("/usr/share/zoneinfo")


@pytest.mark.parametrize(
    ("tz", "expected"),
    [
        ("Europe/Madrid", "Europe/Madrid"),
        (":Europe/Madrid", "Europe/Madrid"),
        (":/usr/share/zoneinfo/Europe/Madrid", "Europe/Madrid"),
        ("/usr/share/zoneinfo/America/New_York", "America/New_York"),
    ],
)
def test_tz_names_a_zone_or_a_zone_file(
    monkeypatch: pytest.MonkeyPatch, tz: str, expected: str
) -> None:
    if tz.lstrip(":").startswith("/") and not ZONEINFO.is_dir():
        pytest.fail("the system tz database (Debian's tzdata) is missing")
    monkeypatch.setenv("TZ", tz)
    assert machine_zone_name() == expected
    assert parse_zone(None).key == expected


def test_a_link_to_a_zone_file_names_that_zone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Found by QA: TZ=":/etc/localtime" (Docker, systemd) failed every command."""
    link = tmp_path / "localtime"
    link.symlink_to(ZONEINFO / "Asia" / "Kathmandu")
    monkeypatch.setenv("TZ", f":{link}")
    assert machine_zone_name() == "Asia/Kathmandu"


def test_an_unusable_machine_zone_says_so_and_asks_for_tz(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    with pytest.raises(ConfigError, match="machine's time zone 'Nowhere/Atlantis'.*give --tz"):
        parse_zone(None)
    with pytest.raises(ConfigError, match="^--tz: unknown time zone 'Nowhere/Atlantis'"):
        parse_zone("Nowhere/Atlantis")

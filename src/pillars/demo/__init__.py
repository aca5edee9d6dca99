"""The bundled demo team: real-layout export files plus a manifest (pure, no Django).

``files/`` holds checked-in exports (Outlook and Google .ics, HubSpot and Pipedrive CSV);
``team.toml`` says who the people are and which files are theirs. ``scripts/make_demo_files.py``
produced the files once; nothing generates them at run time.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

__all__ = ["demo_dir", "load_manifest"]


def demo_dir() -> Path:
    """The folder holding the demo export files."""
    return Path(__file__).resolve().parent / "files"


def load_manifest() -> dict:
    """The parsed ``team.toml`` (window dates come back as ``datetime.date``)."""
    with (Path(__file__).resolve().parent / "team.toml").open("rb") as fh:
        return tomllib.load(fh)

"""Where a run keeps its state, read from the environment once per call (tests set it per test)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    path = Path(os.environ.get("NIYAM_DATA_DIR", ".niyam")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def admins() -> set[str]:
    """`NIYAM_ADMINS`: comma-separated `telegram:<id>` and `slack:<id>`."""
    raw = os.environ.get("NIYAM_ADMINS", "")
    return {a.strip() for a in raw.split(",") if a.strip()}

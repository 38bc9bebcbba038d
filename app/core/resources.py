"""Where the files shipped with the app live (region codes, translations, icons).

The `resources/` folder sits next to the `app` package in a checkout; a frozen build (PyInstaller)
unpacks it under `sys._MEIPASS`, which is looked at first.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if isinstance(bundle, str) and (Path(bundle) / "resources").is_dir():
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """`resource_path("regions", "SOURCE.md")` -> `<repo>/resources/regions/SOURCE.md` (not checked)."""
    return resources_root().joinpath(*parts)

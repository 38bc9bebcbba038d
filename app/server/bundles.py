"""Sync bundles on the server (DESIGN §5): import an officer's push bundle, export a pull bundle."""

from __future__ import annotations

from fastapi import FastAPI


def install(application: FastAPI) -> None:
    """Add the bundle endpoints (filled in below as they land)."""
    del application

"""Shared fixtures. Qt runs offscreen; every store test gets a fresh encrypted database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.store.store import Store  # noqa: E402

TEST_KEY = bytes(range(32))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    s = Store.open(store_path, TEST_KEY)
    yield s
    s.close()
